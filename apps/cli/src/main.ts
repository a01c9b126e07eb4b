#!/usr/bin/env node
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { Command } from 'commander';
import { loadConfig } from '@isac/config';
import { JsonLogger } from '@isac/observability';
import { ApiKeysService, NetworkSeeder, OrganisationsService } from '@isac/organisations';
import { DomainError } from '@isac/problems';
import { DataSource } from 'typeorm';
import { AdminModule } from './admin.module.js';
import { printTable } from './print-table.js';
import { validateStixFile } from './stix-validate.command.js';

async function withContext<T>(options: { migrate: boolean }, work: (ctx: INestApplicationContext) => Promise<T>): Promise<T> {
  const config = loadConfig();
  // logs go to stderr so that stdout carries only the command's answer (a key, a table)
  const logger = new JsonLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL, 'isac-cli', (l) => process.stderr.write(l + '\n'));
  const ctx = await NestFactory.createApplicationContext(AdminModule.forRoot(config, options), { logger, abortOnError: false });
  try {
    return await work(ctx);
  } finally {
    await ctx.close();
  }
}

const program = new Command('isac').description('isac-hub from the command line: database, organisations, API keys, STIX').showHelpAfterError();

const db = program.command('db').description('database schema and seed');
db.command('migrate')
  .description('create the database if missing and run pending migrations')
  .action(() => withContext({ migrate: true }, async () => console.error('database migrated')));
db.command('diff')
  .description('print the SQL that would bring the migrated schema in line with the entities (empty when migrations are complete)')
  .action(() =>
    withContext({ migrate: true }, async (ctx) => {
      const pending = await ctx.get(DataSource).driver.createSchemaBuilder().log();
      for (const query of pending.upQueries) console.log(query.query + ';');
      if (pending.upQueries.length) process.exitCode = 2;
    }),
  );
db.command('seed')
  .description('seed the network from NETWORK_FILE (idempotent)')
  .action(() =>
    withContext({ migrate: false }, async (ctx) => {
      const result = await ctx.get(NetworkSeeder).seedFromFile(loadConfig().NETWORK_FILE);
      console.error(`network seeded: ${result.organisations} organisations (${result.inserted} new, ${result.updated} updated)`);
    }),
  );
db.command('setup')
  .description('migrate, then seed')
  .action(() =>
    withContext({ migrate: true }, async (ctx) => {
      const result = await ctx.get(NetworkSeeder).seedFromFile(loadConfig().NETWORK_FILE);
      console.error(`database migrated; network seeded: ${result.organisations} organisations (${result.inserted} new, ${result.updated} updated)`);
    }),
  );

const keys = program.command('keys').description('API keys');
keys
  .command('create')
  .description('create a key; prints the key alone on stdout (it is shown only once)')
  .requiredOption('--org <slug>', 'organisation the key acts for')
  .requiredOption('--roles <roles>', 'comma-separated: reporter, analyst, coordinator, admin')
  .option('--label <text>', 'what the key is for')
  .action((opts: { org: string; roles: string; label?: string }) =>
    withContext({ migrate: false }, async (ctx) => {
      const roles = opts.roles.split(',').map((r) => r.trim()).filter(Boolean);
      const created = await ctx.get(ApiKeysService).create(opts.org, roles, opts.label ?? null);
      process.stdout.write(created.key + '\n');
      console.error(`key ${created.prefix} for ${created.organisation} (${created.roles.join(', ')}); store it now, it is not shown again`);
    }),
  );
keys
  .command('list')
  .option('--json', 'JSON output')
  .action((opts: { json?: boolean }) =>
    withContext({ migrate: false }, async (ctx) => {
      const all = await ctx.get(ApiKeysService).list();
      if (opts.json) return console.log(JSON.stringify(all, null, 2));
      printTable(all.map((k) => ({ prefix: k.prefix, organisation: k.organisation, roles: k.roles.join(','), created: k.createdAt, 'last used': k.lastUsedAt ?? '-', revoked: k.revokedAt ?? '-' })));
    }),
  );
keys
  .command('revoke <prefix>')
  .description('revoke a key by its prefix (isac_xxxxxxxx)')
  .action((prefix: string) =>
    withContext({ migrate: false }, async (ctx) => {
      await ctx.get(ApiKeysService).revoke(prefix);
      console.error(`key ${prefix} revoked`);
    }),
  );

program
  .command('orgs')
  .description('organisations')
  .command('list')
  .option('--json', 'JSON output')
  .action((opts: { json?: boolean }) =>
    withContext({ migrate: false }, async (ctx) => {
      const all = await ctx.get(OrganisationsService).list();
      if (opts.json) return console.log(JSON.stringify(all, null, 2));
      printTable(all.map((o) => ({ slug: o.slug, kind: o.kind, sector: o.sector ?? '-', parent: o.parent ?? '-', name: o.name })));
    }),
  );

program
  .command('stix')
  .description('STIX 2.1 tools that need no server')
  .command('validate <file>')
  .description("check a STIX 2.1 bundle with the hub's own validator, offline")
  .option('--json', 'print the whole validation report as JSON')
  .action(async (file: string, opts: { json?: boolean }) => {
    const outcome = await validateStixFile(file, opts);
    for (const line of outcome.lines) console.log(line);
    process.exitCode = outcome.exitCode;
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  const code = error instanceof DomainError ? ` [${error.code}]` : '';
  console.error(`error${code}: ${(error as Error).message}`);
  process.exitCode = 1;
}
