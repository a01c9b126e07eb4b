import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { adminQuery, assertTestDatabase, REDIS_URL, urlFor } from './test-run';

/**
 * Once per `npm test`: a run id, and a template database migrated by the real CLI (built by
 * pretest), which each suite copies (CREATE DATABASE … TEMPLATE) instead of migrating again.
 */
export default async function globalSetup(): Promise<void> {
  const run = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const template = `isac_test_${run}_template`;
  assertTestDatabase(template);
  await adminQuery(`CREATE DATABASE "${template}"`);
  const cli = path.resolve(process.cwd(), 'dist/apps/cli/src/main.js');
  const migrated = spawnSync(process.execPath, [cli, 'db', 'migrate'], {
    env: { ...process.env, DATABASE_URL: urlFor(template), REDIS_URL, LOG_LEVEL: 'warn' },
    encoding: 'utf8',
  });
  if (migrated.status !== 0) throw new Error(`migrating the test template failed (is dist/ built? npm run build):\n${migrated.stderr}`);
  process.env.ISAC_TEST_RUN = run;
  process.env.ISAC_TEST_TEMPLATE = template;
}
