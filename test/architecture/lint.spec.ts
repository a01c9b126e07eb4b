// ESLint (eslint.config.mjs) over the repository, as part of `npm test`: lines up to 160 characters and
// libraries imported through their entry point. Lines too long today are counted per file in
// eslint-suppressions.json; ESLint fails on one more in a file, and on a count that no longer occurs.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

// jest runs from the repository's root (ops/run-tests.mjs)
const root = process.cwd();
const eslint = (args: string[], input?: string) =>
  spawnSync(process.execPath, [path.join(root, 'node_modules/eslint/bin/eslint.js'), ...args], { cwd: root, input, encoding: 'utf8', timeout: 240_000 });

describe('ESLint', () => {
  it('passes over the repository', () => {
    const run = eslint(['--max-warnings', '0', '.']);
    expect(run.stdout + run.stderr).toBe('');
    expect(run.status).toBe(0);
  }, 300_000);

  it('fails on a planted line over 160 characters and on a deep @isac import', () => {
    const planted = [
      "import { canRead } from '@isac/tlp/src/policy.js';",
      `export const planted = [${Array.from({ length: 30 }, (_, i) => `'item${i}'`).join(', ')}];`,
      `export const fits = [${Array.from({ length: 10 }, (_, i) => `'item${i}'`).join(', ')}];`,
      'export const read = canRead;',
    ].join('\n');
    const run = eslint(['--stdin', '--stdin-filename', 'libs/planted/src/planted.ts', '--format', 'json'], planted);
    expect(run.status).toBe(1);
    const [{ messages }] = JSON.parse(run.stdout) as { messages: { ruleId: string; line: number }[] }[];
    expect(messages.map((m) => `${m.line} ${m.ruleId}`)).toEqual(['1 no-restricted-imports', '2 max-len']);
  });
});
