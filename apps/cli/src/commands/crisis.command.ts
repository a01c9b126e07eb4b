import type { Command } from 'commander';
import type { HubClient } from '../http-client.js';
import { normaliseTlp } from '../advisory-request.js';
import { usageError } from '../exit-codes.js';
import { counted, shortTime, table, tlpLabel } from '../output.js';
import { resolveCaseId, resolveId } from './case-ref.js';
import { commaList, type CliContext } from './context.js';
import { bodyOf } from './message-input.js';

const STATES = ['not-affected', 'affected', 'degraded', 'recovering', 'recovered'];

interface RoomSummary {
  id: string;
  title: string;
  tlp: string;
  state: string;
  sectors: string[];
  declaredAt: string;
  closedAt: string | null;
  exercise?: boolean;
}
interface BoardRow {
  sector: string;
  state: string;
  note: string | null;
  updatedAt: string | null;
}
interface Room extends RoomSummary {
  statusBoard: BoardRow[];
  sitrepCadence: { everyMinutes: number | null; missed: string[]; overdue: boolean; nextDueAt: string | null };
  tasks: { title: string; owner: string | null; due: string | null }[];
  decisions: { at: string; by: string | null; text: string }[];
  linkedCases?: { id: string; name: string; tlp: string }[];
}
interface Line { id: string; kind: string; at: string }

/**
 * A major incident named by its id or an unambiguous prefix of it, among the rooms the caller may
 * list (one page: the list is not paged): the hub is asked for nothing the caller could not list anyway.
 */
const resolveRoomId = (hub: HubClient, ref: string) =>
  resolveId(ref, 'major incident', async () => {
    const { majorIncidents } = await hub.get<{ majorIncidents: RoomSummary[] }>('/api/v1/major-incidents');
    return { ids: majorIncidents.map((m) => m.id), next: null };
  });

/** Issue 19: an exercise's room says so in words wherever the CLI shows it. */
const exerciseMark = (room: { exercise?: boolean }) => (room.exercise ? 'EXERCISE ' : '');

function roomLines(room: Room, colour: boolean): string[] {
  const c = room.sitrepCadence;
  const cadence =
    c.everyMinutes === null
      ? 'no sitrep cadence'
      : `sitreps every ${c.everyMinutes} min${c.nextDueAt ? `, next due ${shortTime(c.nextDueAt)}` : ''}` +
        `${c.overdue ? ', OVERDUE' : ''}${c.missed.length ? `, ${c.missed.length} missed` : ''}`;
  return [
    `${tlpLabel(room.tlp, colour)}  ${exerciseMark(room)}major incident ${room.id}: ${room.title}`,
    `${room.state} · sectors ${room.sectors.join(', ')} · declared ${shortTime(room.declaredAt)}` +
      `${room.closedAt ? ` · stood down ${shortTime(room.closedAt)}` : ''} · ${cadence}`,
    '',
    ...table(['SECTOR', 'STATE', 'SINCE', 'NOTE'], room.statusBoard.map((b) => [b.sector, b.state, shortTime(b.updatedAt), b.note ?? ''])),
    ...(room.tasks.length ? ['', ...table(['TASK', 'OWNER', 'DUE'], room.tasks.map((t) => [t.title, t.owner ?? '—', shortTime(t.due)]))] : []),
    ...(room.decisions.length ? ['', 'decisions:', ...room.decisions.map((d) => `  ${shortTime(d.at)} ${d.by ?? '—'}: ${d.text}`)] : []),
    // the cases attached, only those the caller may read (the hub leaves the others out)
    ...(room.linkedCases?.length ? ['', 'linked cases:', ...room.linkedCases.map((c) => `  ${c.id.slice(0, 8)} ${tlpLabel(c.tlp, colour)} ${c.name}`)] : []),
  ];
}

export function registerCrisisCommands(program: Command, ctx: CliContext): void {
  const crisis = program.command('crisis').description('major incidents: declare, follow the status board, sitreps, tasks, stand down (ids or their prefixes)');
  const roomOf = async (ref: string) => {
    const hub = await ctx.hub();
    return { hub, id: await resolveRoomId(hub, ref) };
  };
  const added = (what: string, id: string) => (line: Line, json?: boolean) =>
    json ? ctx.printJson(line) : ctx.print(`${what} ${line.id} added to ${id} at ${shortTime(line.at)}`);

  crisis
    .command('declare')
    .description("declare a major incident: the room, and an alert to each concerned sector's unit (a centre analyst key)")
    .requiredOption('--title <text>', 'the title the alert carries')
    .requiredOption('--tlp <label>', "the room's marking (the TLP: may be left out)")
    .requiredOption('--sectors <list>', 'the sectors concerned (comma-separated)', commaList)
    .option('--cases <list>', 'incident cases it grows from: ids or prefixes (comma-separated)', commaList)
    .option('--sitrep-every <minutes>', 'the sitrep cadence; the hub reminds the centre and marks a missed sitrep', (v) => {
      if (!/^[1-9]\d*$/.test(v)) throw usageError(`--sitrep-every takes whole minutes, not "${v}"`);
      return Number(v);
    })
    .option('--exercise <id>', 'part of this running exercise of the centre: marked as the exercise\'s, purged with it')
    .option('--json', "print the hub's answer")
    .action(async (opts: { title: string; tlp: string; sectors: string[]; cases?: string[]; sitrepEvery?: number; exercise?: string; json?: boolean }) => {
      const hub = await ctx.hub();
      const caseIds = opts.cases ? await Promise.all(opts.cases.map((ref) => resolveCaseId(hub, ref))) : undefined;
      const room = await hub.post<Room>('/api/v1/major-incidents', {
        title: opts.title,
        tlp: normaliseTlp(opts.tlp),
        sectors: opts.sectors,
        ...(caseIds ? { caseIds } : {}),
        ...(opts.sitrepEvery ? { sitrepEveryMinutes: opts.sitrepEvery } : {}),
        ...(opts.exercise ? { exercise: opts.exercise } : {}),
      });
      if (opts.json) return ctx.printJson(room);
      ctx.print(
        `${tlpLabel(room.tlp, ctx.colour)}  declared ${exerciseMark(room)}major incident ${room.id}: ${room.title} (${room.sectors.join(', ')} alerted)`,
      );
      ctx.note(`follow it: isac crisis status ${room.id.slice(0, 8)}`);
    });

  crisis
    .command('list')
    .description('the major incidents the organisation may read, open ones first')
    .option('--json', "print the hub's answer")
    .action(async (opts: { json?: boolean }) => {
      const answer = await (await ctx.hub()).get<{ majorIncidents: RoomSummary[] }>('/api/v1/major-incidents');
      if (opts.json) return ctx.printJson(answer);
      if (!answer.majorIncidents.length) return ctx.note('no major incident you may read');
      ctx.print(
        table(
          ['ID', 'TLP', 'STATE', 'DECLARED', 'SECTORS', 'TITLE'],
          answer.majorIncidents.map((m) => [
            m.id.slice(0, 8),
            tlpLabel(m.tlp, ctx.colour),
            m.state,
            shortTime(m.declaredAt),
            m.sectors.join(','),
            `${exerciseMark(m)}${m.title}`,
          ]),
        ),
      );
    });

  crisis
    .command('status <id>')
    .description("the room's status board; with --set, a concerned sector unit sets its own sector's state")
    .option('--set <state>', `the sector's new state: ${STATES.join(', ')}`)
    .option('--note <text>', 'a line of text with the state')
    .option('--json', "print the hub's answer")
    .action(async (ref: string, opts: { set?: string; note?: string; json?: boolean }) => {
      if (opts.note !== undefined && opts.set === undefined) throw usageError('--note goes with --set <state>');
      const { hub, id } = await roomOf(ref);
      if (opts.set !== undefined) {
        const line = await hub
          .request<Line>('PUT', `/api/v1/major-incidents/${id}/status`, { json: { state: opts.set, ...(opts.note !== undefined ? { note: opts.note } : {}) } })
          .then((r) => r.body);
        if (opts.json) return ctx.printJson(line);
        ctx.print(`status set to ${opts.set} in ${id} at ${shortTime(line.at)}`);
        return;
      }
      const room = await hub.get<Room>(`/api/v1/major-incidents/${id}`);
      if (opts.json) return ctx.printJson(room);
      ctx.print(roomLines(room, ctx.colour));
    });

  crisis
    .command('sitrep <id>')
    .description('post a situation report (a centre analyst key); its marking no weaker than the room\'s')
    .option('--body <text>', 'the sitrep')
    .option('--body-file <path>', 'the sitrep from a file (- for stdin)')
    .requiredOption('--tlp <label>', "the sitrep's marking (the TLP: may be left out)")
    .option('--json', "print the hub's answer")
    .action(async (ref: string, opts: { body?: string; bodyFile?: string; tlp: string; json?: boolean }) => {
      const body = await bodyOf(opts);
      const { hub, id } = await roomOf(ref);
      added('sitrep', id)(await hub.post<Line>(`/api/v1/major-incidents/${id}/sitreps`, { body, tlp: normaliseTlp(opts.tlp) }), opts.json);
    });

  crisis
    .command('attach <id>')
    .description('attach incident cases of any sector to the open room (a centre analyst key); each reader sees only the cases it may read')
    .requiredOption('--cases <list>', 'the cases: ids or prefixes (comma-separated)', commaList)
    .option('--json', "print the hub's answer")
    .action(async (ref: string, opts: { cases: string[]; json?: boolean }) => {
      const { hub, id } = await roomOf(ref);
      const caseIds = await Promise.all(opts.cases.map((c) => resolveCaseId(hub, c)));
      const room = await hub.post<Room>(`/api/v1/major-incidents/${id}/cases`, { caseIds });
      if (opts.json) return ctx.printJson(room);
      ctx.print(`${counted(room.linkedCases?.length ?? 0, 'linked case')} in ${id}`);
    });

  crisis
    .command('task <id>')
    .description('a task or request for assistance to an organisation of the room (the centre or a concerned unit)')
    .requiredOption('--title <text>', 'what is to be done')
    .requiredOption('--owner <slug>', 'the organisation that owns it (it must be able to read the room)')
    .option('--due <time>', 'due by: RFC 3339 time')
    .option('--json', "print the hub's answer")
    .action(async (ref: string, opts: { title: string; owner: string; due?: string; json?: boolean }) => {
      const { hub, id } = await roomOf(ref);
      added('task', id)(
        await hub.post<Line>(`/api/v1/major-incidents/${id}/tasks`, { title: opts.title, owner: opts.owner, ...(opts.due ? { due: opts.due } : {}) }),
        opts.json,
      );
    });

  crisis
    .command('stand-down <id>')
    .description("close the room (a centre analyst key): the report is written and the next network meeting's item drafted")
    .option('--note <text>', 'the closing note')
    .option('--json', "print the hub's answer")
    .action(async (ref: string, opts: { note?: string; json?: boolean }) => {
      const { hub, id } = await roomOf(ref);
      const answer = await hub.post<{ id: string; closedAt: string; meetingItem: { meetingId: string } | null }>(
        `/api/v1/major-incidents/${id}/stand-down`,
        opts.note ? { note: opts.note } : {},
      );
      if (opts.json) return ctx.printJson(answer);
      ctx.print(`stood down ${id} at ${shortTime(answer.closedAt)}`);
      ctx.note(
        answer.meetingItem
          ? `drafted as an item of the next meeting ${answer.meetingItem.meetingId}`
          : 'no draft meeting scheduled: add the item to the next agenda by hand',
      );
      ctx.note(`the report: GET /api/v1/major-incidents/${id}/report.md`);
    });
}
