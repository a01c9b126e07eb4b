import type { Command } from 'commander';

// loaded on use: Nest and TypeORM take a second to import, which the HTTP commands never need
const admin = () => import('../admin-actions.js');

/** Administration on the database itself (no hub needed): schema, seed, keys, organisations. */
export function registerAdminCommands(program: Command): void {
  const db = program.command('db').description('database schema and seed (talks to DATABASE_URL directly)');
  db.command('migrate')
    .description('create the database if missing and run pending migrations')
    .action(async () => (await admin()).migrate());
  db.command('diff')
    .description('print the SQL that would bring the migrated schema in line with the entities (empty when migrations are complete)')
    .action(async () => (await admin()).diff());
  db.command('seed')
    .description('seed the network from NETWORK_FILE (idempotent)')
    .action(async () => (await admin()).seed());
  db.command('setup')
    .description('migrate, then seed')
    .action(async () => (await admin()).setup());

  const keys = program.command('keys').description('API keys (talks to DATABASE_URL directly)');
  keys
    .command('create')
    .description('create a key; prints the key alone on stdout (it is shown only once)')
    .requiredOption('--org <slug>', 'organisation the key acts for')
    .requiredOption('--roles <roles>', 'comma-separated: reporter, analyst, coordinator, admin')
    .option('--label <text>', 'what the key is for')
    .action(async (opts: { org: string; roles: string; label?: string }) => (await admin()).createKey(opts));
  keys
    .command('list')
    .option('--json', 'JSON output')
    .action(async (opts: { json?: boolean }) => (await admin()).listKeys(opts));
  keys
    .command('revoke <prefix>')
    .description('revoke a key by its prefix (isac_xxxxxxxx)')
    .action(async (prefix: string) => (await admin()).revokeKey(prefix));

  program
    .command('orgs')
    .description('organisations (talks to DATABASE_URL directly)')
    .command('list')
    .option('--json', 'JSON output')
    .action(async (opts: { json?: boolean }) => (await admin()).listOrganisations(opts));
}
