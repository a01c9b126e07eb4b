// `npm run bench -- <name> [options]`: each benchmark prints its figures next to the raw
// PostgreSQL / BullMQ baseline measured in the same run, and the ratio.
import 'reflect-metadata';
import { measureBaseline } from './baseline.js';
import { withBenchTarget } from './bench-target.js';
import { exposureBench } from './exposure.js';
import { ingestBench } from './ingest.js';
import { routeBench } from './route.js';
import { scaleBench } from './scale.js';
import { taxiiBench } from './taxii.js';

type Bench = (args: string[]) => Promise<void>;

const benches: Record<string, Bench> = {
  baseline: () => withBenchTarget(async (target) => void (await measureBaseline(target))),
  exposure: exposureBench,
  ingest: ingestBench,
  route: routeBench,
  scale: scaleBench,
  taxii: taxiiBench,
};

const [name, ...args] = process.argv.slice(2);
const bench = benches[name ?? ''];
if (!bench) {
  console.error(`usage: npm run bench -- <${Object.keys(benches).join('|')}> [options]`);
  process.exit(2);
}
try {
  await bench(args);
  process.exit(0);
} catch (error) {
  console.error(`bench ${name} failed: ${(error as Error).stack ?? error}`);
  process.exit(1);
}
