// The floor under the API's CPU per advisory (issue 20), run by `npm run bench -- route` as its own
// process next to the hub's API: the same HTTP stack (NestJS on Express, JSON bodies), a guard that
// finds the caller's bearer key in a map, the hub's validation pipe on the hub's own publishing DTO,
// and one INSERT of the advisory's row, answered with its id. Nothing else of the hub's: no key
// hashing, audience, TLP policy, outbox, idempotency, metrics, request log or security headers. What
// the hub's API spends per advisory beyond this is the hub's own; this much is the framework's.
// FLOOR_ADAPTER=fastify runs the same on Nest's Fastify adapter (a dev dependency, for this measure
// only), to tell how much of the floor is Express's.
import 'reflect-metadata';
import { Body, type CanActivate, Controller, type ExecutionContext, HttpCode, Injectable, Module, Post } from '@nestjs/common';
import { APP_GUARD, APP_PIPE, NestFactory } from '@nestjs/core';
import type { Request } from 'express';
import pg from 'pg';
import { PublishAdvisoryDto } from '@isac/advisories';
import { problemValidationPipe } from '@isac/problems';

const keys = new Set((process.env.FLOOR_KEYS ?? '').split(',').filter(Boolean));
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });

@Injectable()
class KeyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const header = context.switchToHttp().getRequest<Request>().headers.authorization ?? '';
    return header.startsWith('Bearer ') && keys.has(header.slice('Bearer '.length));
  }
}

@Controller('api/v1')
class FloorController {
  @Post('advisories')
  @HttpCode(201)
  async publish(@Body() dto: PublishAdvisoryDto): Promise<{ id: string }> {
    const { rows } = await pool.query<{ id: string }>(
      'INSERT INTO bench_floor (title, body, severity, tlp, audience) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [dto.title, dto.body, dto.severity, dto.tlp, JSON.stringify(dto.audience)],
    );
    return { id: rows[0].id };
  }
}

// FLOOR_VALIDATION=off: the same without the validation pipe (the body reaches the handler as parsed), to tell the two apart
const validation = process.env.FLOOR_VALIDATION === 'off' ? [] : [{ provide: APP_PIPE, useFactory: problemValidationPipe }];

@Module({
  controllers: [FloorController],
  providers: [{ provide: APP_GUARD, useClass: KeyGuard }, ...validation],
})
class FloorModule {}

await pool.query(
  `CREATE TABLE IF NOT EXISTS bench_floor (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), title text NOT NULL, body text NOT NULL,
     severity text NOT NULL, tlp text NOT NULL, audience jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`,
);
const app =
  process.env.FLOOR_ADAPTER === 'fastify'
    ? await NestFactory.create(FloorModule, new (await import('@nestjs/platform-fastify')).FastifyAdapter(), { logger: false })
    : await NestFactory.create(FloorModule, { logger: false });
await app.listen(Number(process.env.PORT), '127.0.0.1');
console.error(`floor listening on ${process.env.PORT}`);
process.once('SIGTERM', () => void app.close().then(() => pool.end().then(() => process.exit(0))));
