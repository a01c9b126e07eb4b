// What the built `isac` loads to start: the user commands run on every keystroke of a script, so
// the STIX validator, Nest and TypeORM load only for the commands that use them.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bundleOf, incidentBundle } from '../factories/stix-bundles.js';
import { built } from '../support/processes.js';

// a module hook (node:module register) that names every module as it loads, on stderr
const HOOKS = 'export async function load(url, context, next) { console.error("loaded " + url); return next(url, context); }';
const REGISTER = `import { register } from 'node:module'; register(${JSON.stringify('data:text/javascript,' + encodeURIComponent(HOOKS))});`;

function runTraced(args: string[], home: string): Promise<{ code: number | null; stdout: string; loaded: string[] }> {
  const child = spawn(process.execPath, ['--import', 'data:text/javascript,' + encodeURIComponent(REGISTER), built('cli'), ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: home, XDG_CONFIG_HOME: path.join(home, 'config') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, loaded: stderr.split('\n').filter((l) => l.startsWith('loaded ')).map((l) => l.slice('loaded '.length)) })),
  );
}

const libsOf = (urls: string[]) => [...new Set(urls.map((u) => /\/dist\/libs\/([^/]+)\//.exec(u)?.[1]).filter(Boolean))].sort();
const nest = (urls: string[]) => urls.filter((u) => u.includes('/node_modules/@nestjs/') || u.includes('/node_modules/typeorm/'));

describe('isac at start', () => {
  let home: string;
  beforeAll(async () => {
    home = await mkdtemp(path.join(tmpdir(), 'isac-cli-startup-'));
  });
  afterAll(() => rm(home, { recursive: true, force: true }));

  it('a user command loads neither the STIX validator nor Nest nor TypeORM', async () => {
    for (const args of [['whoami'], ['--help'], ['advisory', 'list', '--help']]) {
      const run = await runTraced(args, home);
      expect(run.loaded.length).toBeGreaterThan(10);
      expect(libsOf(run.loaded)).not.toContain('stix');
      expect(nest(run.loaded)).toEqual([]);
    }
  });

  it('`stix validate` loads the validator and uses it', async () => {
    const valid = path.join(home, 'valid.json');
    await writeFile(valid, JSON.stringify(incidentBundle()));
    const invalid = path.join(home, 'invalid.json');
    await writeFile(invalid, JSON.stringify(bundleOf([{ type: 'indicator', id: 'indicator--nope' }])));
    const ok = await runTraced(['stix', 'validate', valid], home);
    expect(ok).toMatchObject({ code: 0, stdout: expect.stringMatching(/: valid STIX 2\.1 bundle, 6 objects, 0 errors/) });
    expect(libsOf(ok.loaded)).toContain('stix');
    expect(nest(ok.loaded)).toEqual([]);
    expect(await runTraced(['stix', 'validate', invalid], home)).toMatchObject({ code: 1, stdout: expect.stringMatching(/: invalid STIX 2\.1 bundle, 1 object, (1 error|[2-9]\d* errors),/) });
  });
});
