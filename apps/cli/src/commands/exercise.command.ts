import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { HubClient } from '../http-client.js';
import { usageError } from '../exit-codes.js';
import { counted, shortTime, table } from '../output.js';
import { parseScenario } from '../scenario-input.js';
import { UUID } from './case-ref.js';
import type { CliContext } from './context.js';
import { readInput } from './message-input.js';
import { positiveInteger } from './options.js';

interface Inject {
  position: number;
  at: number;
  kind: string;
  title: string;
  playedAt: string | null;
  resultId: string | null;
  error: string | null;
}
interface Exercise {
  id: string;
  title: string;
  state: string;
  speed: number;
  elapsedMinutes: number;
  startedAt: string | null;
  purgedAt: string | null;
  majorIncidentId: string | null;
  injects: Inject[];
}
interface Purged {
  id: string;
  state: string;
  removed: { advisories: number; cases: number; stixObjects: number; majorIncidents: number };
}

/** The exercises have no list route: an exercise is named by its full id, as `load` printed it. */
const exercisePath = (ref: string, rest = '') => {
  if (!UUID.test(ref)) throw usageError(`"${ref}" is not an exercise id (the id \`isac exercise load\` printed)`);
  return `/api/v1/exercises/${ref}${rest}`;
};

function exerciseLines(e: Exercise): string[] {
  const played = e.injects.filter((i) => i.playedAt).length;
  return [
    `EXERCISE ${e.id}: ${e.title}`,
    `${e.state} · speed ×${e.speed} · ${e.elapsedMinutes} min on the exercise clock · started ${shortTime(e.startedAt)} · ` +
      `${played} of ${counted(e.injects.length, 'inject')} played${e.majorIncidentId ? ` · major incident ${e.majorIncidentId}` : ''}`,
    '',
    ...table(
      ['#', 'AT', 'KIND', 'PLAYED', 'RESULT', 'TITLE'],
      e.injects.map((i) => [String(i.position), `+${i.at} min`, i.kind, shortTime(i.playedAt), i.error ? `ERROR ${i.error}` : (i.resultId ?? '-'), i.title]),
    ),
  ];
}

export function registerExerciseCommands(program: Command, ctx: CliContext): void {
  const exercise = program
    .command('exercise')
    .description(
      'preparedness exercises on the live hub: load a scenario, run its clock, the after-action report, the purge (a coordinator key of the centre)',
    );
  const show = (e: Exercise, json?: boolean) => (json ? ctx.printJson(e) : ctx.print(exerciseLines(e)));
  const post = async <T>(ref: string, action: string, body: object = {}) => (await ctx.hub()).post<T>(exercisePath(ref, `/${action}`), body);

  exercise
    .command('load <scenario>')
    .description('load a scenario file (YAML, or JSON for .json; - for stdin): the hub checks it whole, every problem printed with its pointer')
    .option('--json', "print the hub's answer")
    .action(async (file: string, opts: { json?: boolean }) => {
      const scenario = parseScenario((await readInput(file, 'the scenario')).toString('utf8'), file);
      const hub: HubClient = await ctx.hub();
      const loaded = await hub.post<Exercise>('/api/v1/exercises', scenario);
      if (opts.json) return ctx.printJson(loaded);
      ctx.print(`loaded exercise ${loaded.id}: ${loaded.title} (${counted(loaded.injects.length, 'inject')}, ${loaded.state})`);
      ctx.note(`start it: isac exercise start ${loaded.id} --speed 60`);
    });

  exercise
    .command('start <id>')
    .description('start the exercise clock (once); --speed 60 plays an hour of the scenario a minute')
    .option('--speed <n>', 'scenario minutes per wall-clock minute, 1 to 3600', positiveInteger)
    .option('--json', "print the hub's answer")
    .action(async (ref: string, opts: { speed?: number; json?: boolean }) =>
      show(await post<Exercise>(ref, 'start', opts.speed ? { speed: opts.speed } : {}), opts.json),
    );

  for (const [action, description] of [
    ['pause', 'hold the exercise clock: no inject plays until resume'],
    ['resume', 'run the held clock again: what fell due plays'],
  ] as const) {
    exercise
      .command(`${action} <id>`)
      .description(description)
      .option('--json', "print the hub's answer")
      .action(async (ref: string, opts: { json?: boolean }) => show(await post<Exercise>(ref, action), opts.json));
  }

  exercise
    .command('fast-forward <id>')
    .description('move the exercise clock ahead: the injects within the jump play at once')
    .requiredOption('--minutes <n>', 'the jump, in scenario minutes', positiveInteger)
    .option('--json', "print the hub's answer")
    .action(async (ref: string, opts: { minutes: number; json?: boolean }) =>
      show(await post<Exercise>(ref, 'fast-forward', { minutes: opts.minutes }), opts.json),
    );

  exercise
    .command('status <id>')
    .description('the clock and each inject: when it played, what it created or why it failed')
    .option('--json', "print the hub's answer")
    .action(async (ref: string, opts: { json?: boolean }) => show(await (await ctx.hub()).get<Exercise>(exercisePath(ref)), opts.json));

  exercise
    .command('report <id>')
    .description('the after-action report (Markdown, under its TLP label)')
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .action(async (ref: string, opts: { output?: string }) => {
      const report = await (await ctx.hub()).text(exercisePath(ref, '/report.md'));
      if (!opts.output) return void process.stdout.write(report.body);
      try {
        await writeFile(opts.output, report.body);
      } catch (error) {
        throw usageError(`cannot write ${opts.output}: ${(error as Error).message}`);
      }
      ctx.note(`after-action report written to ${opts.output} (${Buffer.byteLength(report.body)} bytes)`);
    });

  exercise
    .command('purge <id>')
    .description('remove whole what the exercise created (the audit log keeps its rows); after the report')
    .option('--json', "print the hub's answer")
    .action(async (ref: string, opts: { json?: boolean }) => {
      const purged = await post<Purged>(ref, 'purge');
      if (opts.json) return ctx.printJson(purged);
      const r = purged.removed;
      const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
      ctx.print(
        `purged exercise ${purged.id}: removed ${count(r.advisories, 'advisory', 'advisories')}, ${count(r.cases, 'case', 'cases')}, ` +
          `${count(r.stixObjects, 'STIX object', 'STIX objects')}, ${count(r.majorIncidents, 'major incident', 'major incidents')}`,
      );
    });
}
