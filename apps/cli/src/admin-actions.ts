import 'reflect-metadata';
// The administration commands' work: they open the database through Nest (no HTTP), so this file
// and what it imports load only when one of them runs.
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { loadConfig } from '@isac/config';
import { HubLogger } from '@isac/observability';
import { RegisterSeeder } from '@isac/infrastructure';
import { ApiKeysService, NetworkSeeder, OrganisationsService } from '@isac/organisations';
import { DataSource } from 'typeorm';
import { AdminModule } from './admin.module.js';
import { counted, table } from './output.js';

const printLines = (lines: string[]) => {
  for (const line of lines) console.log(line);
};

async function withContext<T>(options: { migrate: boolean }, work: (ctx: INestApplicationContext) => Promise<T>): Promise<T> {
  const config = loadConfig();
  // logs go to stderr so that stdout carries only the command's answer (a key, a table)
  const logger = new HubLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL, 'isac-cli', {
    out: { write: (line: string) => process.stderr.write(line) },
  });
  const ctx = await NestFactory.createApplicationContext(AdminModule.forRoot(config, options), { logger, abortOnError: false });
  try {
    return await work(ctx);
  } finally {
    await ctx.close();
  }
}

export const migrate = () => withContext({ migrate: true }, async () => console.error('database migrated'));

export const diff = () =>
  withContext({ migrate: true }, async (ctx) => {
    const pending = await ctx.get(DataSource).driver.createSchemaBuilder().log();
    for (const query of pending.upQueries) console.log(query.query + ';');
    if (pending.upQueries.length) process.exitCode = 2;
  });

/**
 * The network, then (unless SEED_EXAMPLE_REGISTERS=false) the example registers of the same file,
 * then the STIX of register entries kept before registers were stored as STIX (issue 18).
 */
async function seedNetwork(ctx: INestApplicationContext): Promise<string> {
  const config = loadConfig();
  const network = await ctx.get(NetworkSeeder).seedFromFile(config.NETWORK_FILE);
  let said = `network seeded: ${counted(network.organisations, 'organisation')} (${network.inserted} new, ${network.updated} updated)`;
  if (config.SEED_EXAMPLE_REGISTERS === 'true') {
    const registers = await ctx.get(RegisterSeeder).seedFromFile(config.NETWORK_FILE);
    said += `; example registers: ${counted(registers.entries, 'entry', 'entries')} (${registers.inserted} new)`;
  }
  const backfilled = await ctx.get(RegisterSeeder).backfillStix();
  if (backfilled.entries) said += `; registers' STIX stored for ${backfilled.entries} earlier entries`;
  return said;
}

export const seed = () => withContext({ migrate: false }, async (ctx) => console.error(await seedNetwork(ctx)));

export const setup = () => withContext({ migrate: true }, async (ctx) => console.error(`database migrated; ${await seedNetwork(ctx)}`));

export const createKey = (opts: { org: string; roles: string; label?: string }) =>
  withContext({ migrate: false }, async (ctx) => {
    const roles = opts.roles
      .split(',')
      .map((r) => r.trim())
      .filter(Boolean);
    const created = await ctx.get(ApiKeysService).create(opts.org, roles, opts.label ?? null);
    process.stdout.write(created.key + '\n');
    console.error(`key ${created.prefix} for ${created.organisation} (${created.roles.join(', ')}); store it now, it is not shown again`);
  });

export const listKeys = (opts: { json?: boolean }) =>
  withContext({ migrate: false }, async (ctx) => {
    const all = await ctx.get(ApiKeysService).list();
    if (opts.json) return console.log(JSON.stringify(all, null, 2));
    printLines(
      table(
        ['prefix', 'organisation', 'roles', 'label', 'created', 'last used', 'revoked'],
        all.map((k) => [k.prefix, k.organisation, k.roles.join(','), k.label ?? '-', k.createdAt, k.lastUsedAt ?? '-', k.revokedAt ?? '-']),
      ),
    );
  });

export const revokeKey = (prefix: string) =>
  withContext({ migrate: false }, async (ctx) => {
    await ctx.get(ApiKeysService).revoke(prefix);
    console.error(`key ${prefix} revoked`);
  });

export const listOrganisations = (opts: { json?: boolean }) =>
  withContext({ migrate: false }, async (ctx) => {
    const all = await ctx.get(OrganisationsService).list();
    if (opts.json) return console.log(JSON.stringify(all, null, 2));
    printLines(
      table(
        ['slug', 'kind', 'sector', 'parent', 'name'],
        all.map((o) => [o.slug, o.kind, o.sector ?? '-', o.parent ?? '-', o.name]),
      ),
    );
  });
