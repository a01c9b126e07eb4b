// `npm run cluster -- up|down|status`: the hub as a small cluster on this machine, on existing
// engines: 2 API processes and 2 workers behind HAProxy (TLS with a generated certificate,
// health-checked on /health/ready), Redis as a primary, one replica and 3 Sentinels (append-only
// persistence), and the PostgreSQL of DATABASE_URL. Ports come from CLUSTER_BASE_PORT (default
// 3100): the balancer on the base port, the rest above it, so two clusters never collide. The
// state (pids, configuration, logs, certificate) lives in .cluster/<base port>/; `down` stops what
// `up` started there and nothing else.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, openSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:https';
import { connect } from 'node:net';
import path from 'node:path';
import { repoRoot } from './swc-options.mjs';

const base = Number(process.env.CLUSTER_BASE_PORT ?? 3100);
if (!Number.isInteger(base) || base < 1024 || base > 65000) fail(`CLUSTER_BASE_PORT=${process.env.CLUSTER_BASE_PORT} must be a port number between 1024 and 65000`);
const ports = {
  balancer: base,
  api: [base + 1, base + 2],
  workerHealth: [base + 3, base + 4],
  redisPrimary: base + 10,
  redisReplica: base + 11,
  sentinels: [base + 20, base + 21, base + 22],
};
const stateDir = path.join(repoRoot, '.cluster', String(base));
const stateFile = path.join(stateDir, 'state.json');
const sentinelName = `isac-${base}`;
const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/isac';
const redisPrefix = process.env.REDIS_PREFIX ?? `isac-cluster-${base}`;
const dist = (app) => path.join(repoRoot, 'dist', 'apps', app, 'src', 'main.js');

function fail(message) {
  console.error(`cluster: ${message}`);
  process.exit(1);
}
const say = (message) => console.error(`cluster: ${message}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function portAnswers(port) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

async function until(what, check, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await sleep(200);
  }
  throw new Error(`${what}: not within ${timeoutMs / 1000} s (logs in ${stateDir})`);
}

function redisCli(port, ...args) {
  return execFileSync('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args], { encoding: 'utf8', timeout: 3000 }).trim();
}

/** A long-running process of the cluster: detached, logging to a file, its pid recorded. */
function launch(state, name, command, args, env = {}) {
  const log = openSync(path.join(stateDir, `${name}.log`), 'a');
  const child = spawn(command, args, { cwd: repoRoot, detached: true, stdio: ['ignore', log, log], env: { ...process.env, ...env } });
  child.unref();
  state.processes.push({ name, pid: child.pid });
  return child.pid;
}

function https(pathname, ca) {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: ports.balancer, path: pathname, ca, servername: 'localhost', timeout: 3000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

async function writeRedisConfigs() {
  const common = ['bind 127.0.0.1', `dir ${stateDir}`, 'appendonly yes', 'save ""', 'protected-mode yes'];
  await writeFile(path.join(stateDir, 'redis-primary.conf'), [...common, `port ${ports.redisPrimary}`, 'appendfilename "primary.aof"', 'appenddirname "aof-primary"', ''].join('\n'));
  await writeFile(
    path.join(stateDir, 'redis-replica.conf'),
    [...common, `port ${ports.redisReplica}`, 'appendfilename "replica.aof"', 'appenddirname "aof-replica"', `replicaof 127.0.0.1 ${ports.redisPrimary}`, ''].join('\n'),
  );
  for (const port of ports.sentinels) {
    await writeFile(
      path.join(stateDir, `sentinel-${port}.conf`),
      [
        `port ${port}`,
        'bind 127.0.0.1',
        `dir ${stateDir}`,
        `sentinel monitor ${sentinelName} 127.0.0.1 ${ports.redisPrimary} 2`,
        `sentinel down-after-milliseconds ${sentinelName} 2000`,
        `sentinel failover-timeout ${sentinelName} 10000`,
        `sentinel parallel-syncs ${sentinelName} 1`,
        '',
      ].join('\n'),
    );
  }
}

async function writeBalancer() {
  const key = path.join(stateDir, 'tls.key');
  const cert = path.join(stateDir, 'tls.crt');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '30', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'], { stdio: 'ignore' });
  await writeFile(path.join(stateDir, 'tls.pem'), (await readFile(cert, 'utf8')) + (await readFile(key, 'utf8')));
  const servers = ports.api.map((port, i) => `  server api${i + 1} 127.0.0.1:${port} check inter 1s fall 2 rise 2`);
  await writeFile(
    path.join(stateDir, 'haproxy.cfg'),
    [
      'global',
      '  maxconn 4096',
      'defaults',
      '  mode http',
      '  option httplog',
      '  option redispatch',
      '  retries 3',
      '  timeout connect 2s',
      '  timeout client 60s',
      '  timeout server 60s',
      // the console's event stream stays open: it is a tunnel once established
      '  timeout tunnel 1h',
      'frontend hub',
      `  bind 127.0.0.1:${ports.balancer} ssl crt ${path.join(stateDir, 'tls.pem')}`,
      '  http-request set-header X-Forwarded-Proto https',
      '  default_backend api',
      'backend api',
      '  balance roundrobin',
      '  option httpchk GET /health/ready',
      '  http-check expect status 200',
      ...servers,
      '',
    ].join('\n'),
  );
}

async function up() {
  if (existsSync(stateFile)) fail(`a cluster already runs on base port ${base} (${stateFile}): npm run cluster -- down first`);
  for (const tool of ['haproxy', 'redis-server', 'redis-cli', 'openssl']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) {
      if (process.getuid?.() === 0 && spawnSync('sh', ['-c', 'command -v apt-get']).status === 0) {
        say(`installing ${tool === 'redis-cli' ? 'redis-tools' : tool === 'redis-server' ? 'redis-server' : tool} from Debian's packages`);
        const pkg = { haproxy: 'haproxy', 'redis-server': 'redis-server', 'redis-cli': 'redis-tools', openssl: 'openssl' }[tool];
        const installed = spawnSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', pkg], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, stdio: 'ignore' });
        if (installed.status !== 0) fail(`apt-get install ${pkg} failed`);
      } else fail(`${tool} is missing: install Debian's ${tool === 'redis-cli' ? 'redis-tools' : tool} package`);
    }
  }
  const all = [ports.balancer, ...ports.api, ...ports.workerHealth, ports.redisPrimary, ports.redisReplica, ...ports.sentinels];
  for (const port of all) if (await portAnswers(port)) fail(`port ${port} is taken: choose another CLUSTER_BASE_PORT`);
  await mkdir(stateDir, { recursive: true });
  const state = { base, processes: [] };
  const save = () => writeFile(stateFile, JSON.stringify(state, null, 2));
  try {
    await writeRedisConfigs();
    launch(state, 'redis-primary', 'redis-server', [path.join(stateDir, 'redis-primary.conf')]);
    await until('Redis primary answers', async () => portAnswers(ports.redisPrimary), 10_000);
    launch(state, 'redis-replica', 'redis-server', [path.join(stateDir, 'redis-replica.conf')]);
    for (const port of ports.sentinels) launch(state, `sentinel-${port}`, 'redis-server', [path.join(stateDir, `sentinel-${port}.conf`), '--sentinel']);
    await save();
    await until('the replica syncs', async () => redisCli(ports.redisReplica, 'INFO', 'replication').includes('master_link_status:up'), 20_000);
    await until('the sentinels see the replica and each other', async () =>
      ports.sentinels.every((port) => {
        const replicas = redisCli(port, 'SENTINEL', 'replicas', sentinelName);
        const peers = redisCli(port, 'SENTINEL', 'sentinels', sentinelName);
        return replicas.includes(String(ports.redisReplica)) && peers.split('\n').filter((l) => l === 'runid').length === 2;
      }), 30_000);
    say(`Redis: primary ${ports.redisPrimary}, replica ${ports.redisReplica}, sentinels ${ports.sentinels.join(', ')} (name ${sentinelName})`);

    const hubEnv = {
      DATABASE_URL: databaseUrl,
      REDIS_URL: `redis://127.0.0.1:${ports.redisPrimary}`,
      REDIS_SENTINELS: ports.sentinels.map((p) => `127.0.0.1:${p}`).join(','),
      REDIS_SENTINEL_NAME: sentinelName,
      REDIS_PREFIX: redisPrefix,
      HOST: '127.0.0.1',
    };
    const setup = spawnSync(process.execPath, [dist('cli'), 'db', 'setup'], { cwd: repoRoot, env: { ...process.env, ...hubEnv }, encoding: 'utf8' });
    if (setup.status !== 0) throw new Error(`db setup failed:\n${setup.stderr}`);
    ports.api.forEach((port, i) => launch(state, `api-${i + 1}`, process.execPath, ['--enable-source-maps', dist('api')], { ...hubEnv, PORT: String(port) }));
    ports.workerHealth.forEach((port, i) => launch(state, `worker-${i + 1}`, process.execPath, ['--enable-source-maps', dist('worker')], { ...hubEnv, WORKER_HEALTH_PORT: String(port) }));
    await writeBalancer();
    launch(state, 'haproxy', 'haproxy', ['-db', '-f', path.join(stateDir, 'haproxy.cfg')]);
    await save();
    const ca = await readFile(path.join(stateDir, 'tls.crt'));
    await until('the balancer answers /health/ready', async () => (await https('/health/ready', ca)) === 200, 60_000);
    await until('every API and worker is ready', async () => {
      const answers = await Promise.all([...ports.api, ...ports.workerHealth].map((port) => fetch(`http://127.0.0.1:${port}/health/ready`).then((r) => r.status).catch(() => 0)));
      return answers.every((s) => s === 200);
    }, 60_000);
  } catch (error) {
    say(`up failed: ${error.message}; stopping what was started (its logs stay in ${stateDir})`);
    await stop(state, { keepLogs: true });
    process.exit(1);
  }
  const pids = (prefix) => state.processes.filter((p) => p.name.startsWith(prefix)).map((p) => p.pid);
  console.log(
    JSON.stringify({
      url: `https://localhost:${ports.balancer}`,
      ca: path.join(stateDir, 'tls.crt'),
      redis: { sentinels: ports.sentinels.map((p) => ['127.0.0.1', p]), name: sentinelName },
      api: pids('api-'),
      workers: pids('worker-'),
    }),
  );
}

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function stop(state, { keepLogs = false } = {}) {
  // the hub first (it drains its jobs), then the balancer, then Redis
  const order = ['api-', 'worker-', 'haproxy', 'sentinel-', 'redis-replica', 'redis-primary'];
  for (const prefix of order) {
    const group = state.processes.filter((p) => p.name.startsWith(prefix) && alive(p.pid));
    for (const p of group) process.kill(p.pid, 'SIGTERM');
    const deadline = Date.now() + 20_000;
    while (group.some((p) => alive(p.pid)) && Date.now() < deadline) await sleep(100);
    for (const p of group.filter((p) => alive(p.pid))) process.kill(p.pid, 'SIGKILL');
  }
  if (keepLogs) await rm(stateFile, { force: true });
  else await rm(stateDir, { recursive: true, force: true });
}

async function down() {
  if (!existsSync(stateFile)) fail(`no cluster on base port ${base} (nothing in ${stateDir})`);
  const state = JSON.parse(await readFile(stateFile, 'utf8'));
  await stop(state);
  say(`stopped ${state.processes.length} processes of the cluster on base port ${base}`);
}

async function status() {
  if (!existsSync(stateFile)) fail(`no cluster on base port ${base}`);
  const state = JSON.parse(await readFile(stateFile, 'utf8'));
  const ca = await readFile(path.join(stateDir, 'tls.crt'));
  const balancer = await https('/health/ready', ca).catch(() => 0);
  let primary = null;
  for (const port of ports.sentinels) {
    try {
      primary = Number(redisCli(port, 'SENTINEL', 'get-master-addr-by-name', sentinelName).split('\n')[1]);
      break;
    } catch {
      // the next sentinel
    }
  }
  console.log(JSON.stringify({ url: `https://localhost:${ports.balancer}`, ready: balancer === 200, redisPrimaryPort: primary, processes: state.processes.map((p) => ({ ...p, alive: alive(p.pid) })) }));
}

const command = process.argv[2];
if (command === 'up') await up();
else if (command === 'down') await down();
else if (command === 'status') await status();
else fail('usage: npm run cluster -- up|down|status   (CLUSTER_BASE_PORT, default 3100; DATABASE_URL as npm start)');
