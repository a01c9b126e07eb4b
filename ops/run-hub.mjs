// `npm start`: prepares the database (migrations, network seed), then runs the API and one worker
// side by side. Ctrl-C or SIGTERM stops both cleanly; if either dies, the other is stopped too.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './swc-options.mjs';

const dist = (app) => path.join(repoRoot, 'dist', 'apps', app, 'src', 'main.js');

function run(name, args) {
  return spawn(process.execPath, ['--enable-source-maps', ...args], { stdio: 'inherit', cwd: repoRoot, env: process.env });
}

const setup = run('setup', [dist('cli'), 'db', 'setup']);
const setupCode = await new Promise((resolve) => setup.on('exit', (code) => resolve(code ?? 1)));
if (setupCode !== 0) process.exit(setupCode);

const children = new Map([
  ['api', run('api', [dist('api')])],
  ['worker', run('worker', [dist('worker')])],
]);
let stopping = false;
let exitCode = 0;

function stopAll(signal) {
  if (stopping) return;
  stopping = true;
  for (const child of children.values()) if (child.exitCode === null) child.kill(signal);
}

for (const [name, child] of children) {
  child.on('exit', (code, signal) => {
    children.delete(name);
    if (!stopping) {
      console.error(`isac-hub: ${name} stopped (${signal ?? `exit ${code}`}); stopping the rest`);
      exitCode = code || 1;
      stopAll('SIGTERM');
    }
    if (children.size === 0) process.exit(exitCode);
  });
}

// `npm start` runs this through `sh -c`; a SIGTERM to npm reaches only that shell, which dies
// without passing it on (package.json's `exec` avoids the shell). Should we still be orphaned
// (npm killed outright, another wrapper), losing our parent counts as SIGTERM: never left running.
const parentPid = process.ppid;
setInterval(() => {
  if (process.ppid === parentPid || stopping) return;
  console.error('isac-hub: parent process gone, stopping api and worker');
  stopAll('SIGTERM');
}, 500).unref();

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    console.error(`isac-hub: ${signal} received, stopping api and worker`);
    stopAll('SIGTERM');
  });
}

console.error(
  [
    '',
    'isac-hub is starting: API and worker (network of the centre and six sector units seeded).',
    `  console    http://localhost:${process.env.PORT || 3000}/   (paste a key to sign in)`,
    `  API        http://localhost:${process.env.PORT || 3000}/api/v1   docs: http://localhost:${process.env.PORT || 3000}/docs`,
    '  first key  npm run --silent cli -- keys create --org centre --roles admin,analyst,coordinator',
    '  try it     curl -H "Authorization: Bearer <key>" http://localhost:' + (process.env.PORT || 3000) + '/api/v1/organisations',
    '  stop       Ctrl-C',
    '',
  ].join('\n'),
);
