// `npm test` after pretest (services, build, type-check): jest in ESM mode over the three projects,
// then one plain closing line any CI reader understands: "tests: N passed, N failed".
import { spawn } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { repoRoot } from './swc-options.mjs';

const results = path.join(repoRoot, 'test-artifacts', 'jest-results.json');
await mkdir(path.dirname(results), { recursive: true });
const jest = spawn(
  process.execPath,
  ['--experimental-vm-modules', '--no-warnings=ExperimentalWarning', path.join(repoRoot, 'node_modules/jest/bin/jest.js'), '--json', `--outputFile=${results}`, ...process.argv.slice(2)],
  { stdio: 'inherit', cwd: repoRoot },
);
const code = await new Promise((resolve) => jest.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
try {
  const summary = JSON.parse(await readFile(results, 'utf8'));
  const failed = summary.numFailedTests + summary.numRuntimeErrorTestSuites;
  const skipped = summary.numPendingTests + summary.numTodoTests;
  console.error(`\ntests: ${summary.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
} catch {
  console.error('\ntests: no results were written (jest did not finish)');
}
process.exit(code);
