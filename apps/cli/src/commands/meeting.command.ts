import { writeFile } from 'node:fs/promises';
import { InvalidArgumentError, type Command } from 'commander';
import { normaliseTlp, parseInstant } from '../advisory-request.js';
import { usageError } from '../exit-codes.js';
import { agendaLines, draftLines, meetingDetail, meetingTable, type AgendaView, type DraftView, type MeetingView } from '../meeting-format.js';
import { shortTime, tlpLabel } from '../output.js';
import { resolveMeetingId } from './case-ref.js';
import { commaList, type CliContext } from './context.js';
import { positiveInteger } from './options.js';

const EXPORTS: Record<string, string> = { md: 'agenda.md', html: 'agenda.html', ics: 'meeting.ics' };

interface CreateOptions {
  title: string;
  starts: string;
  ends: string;
  location?: string;
  onlineUrl?: string;
  participants: string[];
  series: string;
  tlp?: string;
  organizerEmail?: string;
  json?: boolean;
}

/** Command-line options → the body of POST /api/v1/meetings. */
export function meetingBody(opts: CreateOptions, now: Date) {
  return {
    title: opts.title,
    startsAt: parseInstant(opts.starts, '--starts', now),
    endsAt: parseInstant(opts.ends, '--ends', now),
    participants: opts.participants,
    series: opts.series,
    ...(opts.location ? { location: opts.location } : {}),
    ...(opts.onlineUrl ? { onlineUrl: opts.onlineUrl } : {}),
    ...(opts.tlp ? { tlp: normaliseTlp(opts.tlp) } : {}),
    ...(opts.organizerEmail ? { organizerEmail: opts.organizerEmail } : {}),
  };
}

const format = (value: string) => {
  if (!EXPORTS[value]) throw new InvalidArgumentError('md, html or ics');
  return value;
};

const meetingPath = (id: string, rest = '') => `/api/v1/meetings/${encodeURIComponent(id)}${rest}`;

export function registerMeetingCommands(program: Command, ctx: CliContext): void {
  const meeting = program.command('meeting').description('network meetings: schedule, draft and publish agendas, export them');
  meeting
    .command('list')
    .description("the coordinator's meetings")
    .option('--series <series>', 'only this series')
    .option('--state <state>', 'draft, published or held')
    .option('--json', "print the hub's answer")
    .action(async (opts: { series?: string; state?: string; json?: boolean }) => {
      const answer = await (await ctx.hub()).get<{ meetings: MeetingView[] }>('/api/v1/meetings', { series: opts.series, state: opts.state });
      if (opts.json) return ctx.printJson(answer);
      ctx.print(meetingTable(answer.meetings, ctx.colour));
    });

  meeting
    .command('create')
    .description('schedule a meeting (coordinator key)')
    .requiredOption('--title <text>', 'the title')
    .requiredOption('--starts <when>', 'RFC 3339 time (or a span from now: 2d, 1w)')
    .requiredOption('--ends <when>', 'RFC 3339 time (or a span from now)')
    .requiredOption('--participants <list>', 'organisations by slug (comma-separated)', commaList)
    .requiredOption('--series <series>', 'the series it belongs to (lower-case, dashes): the next draft starts where the last meeting of it ended')
    .option('--location <text>', 'where')
    .option('--online-url <url>', 'the call link')
    .option('--tlp <label>', 'TLP:AMBER unless given')
    .option('--organizer-email <email>', 'ORGANIZER of the invitation')
    .option('--json', "print the hub's answer")
    .action(async (opts: CreateOptions) => {
      const created = await (await ctx.hub()).post<MeetingView>('/api/v1/meetings', meetingBody(opts, new Date()));
      if (opts.json) return ctx.printJson(created);
      ctx.print(meetingDetail(created, ctx.colour));
      ctx.note(`next: isac meeting draft ${created.id}`);
    });

  meeting
    .command('show <id>')
    .description('one meeting (and its agenda, when the key may read it)')
    .option('--json', "print the hub's answer")
    .action(async (id: string, opts: { json?: boolean }) => {
      const hub = await ctx.hub();
      const found = await hub.get<MeetingView & { agenda: AgendaView | null }>(meetingPath(await resolveMeetingId(hub, id)));
      if (opts.json) return ctx.printJson(found);
      ctx.print(meetingDetail(found, ctx.colour));
      if (found.agenda) ctx.print(['', ...agendaLines(found.agenda, ctx.colour)]);
    });

  meeting
    .command('propose <id>')
    .description("propose an agenda item as a participant's analyst")
    .requiredOption('--title <text>', 'the item')
    .option('--minutes <n>', 'time it needs', positiveInteger)
    .option('--tlp <label>', "the meeting's TLP unless given")
    .option('--json', "print the hub's answer")
    .action(async (id: string, opts: { title: string; minutes?: number; tlp?: string; json?: boolean }) => {
      const body = { title: opts.title, ...(opts.minutes ? { minutes: opts.minutes } : {}), ...(opts.tlp ? { tlp: normaliseTlp(opts.tlp) } : {}) };
      const hub = await ctx.hub();
      const proposal = await hub.post<{ id: string; title: string }>(meetingPath(await resolveMeetingId(hub, id), '/proposals'), body);
      if (opts.json) return ctx.printJson(proposal);
      ctx.print(`proposal ${proposal.id} added: ${proposal.title}`);
    });

  meeting
    .command('draft <id>')
    .description('draft the agenda from the period since the previous meeting of the series')
    .option('--json', "print the hub's answer")
    .action(async (id: string, opts: { json?: boolean }) => {
      const hub = await ctx.hub();
      const draft = await hub.post<DraftView>(meetingPath(await resolveMeetingId(hub, id), '/agenda/draft'));
      if (opts.json) return ctx.printJson(draft);
      ctx.print(draftLines(draft, ctx.colour));
    });

  meeting
    .command('publish <id>')
    .description('publish the agenda: it goes to the participants as an advisory under its TLP')
    .option('--json', "print the hub's answer")
    .action(async (id: string, opts: { json?: boolean }) => {
      const hub = await ctx.hub();
      const meetingId = await resolveMeetingId(hub, id);
      const published = await hub.post<{ advisoryId: string; tlp: string; publishedAt: string }>(meetingPath(meetingId, '/publish'));
      if (opts.json) return ctx.printJson(published);
      ctx.print(
        `meeting ${meetingId} published ${shortTime(published.publishedAt)}: ` +
          `agenda ${tlpLabel(published.tlp, ctx.colour)} sent as advisory ${published.advisoryId}`,
      );
    });

  meeting
    .command('export <id>')
    .description('the agenda as Markdown or HTML, or the invitation as iCalendar')
    .option('--format <format>', 'md, html or ics', format, 'md')
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .option('--json', 'print {format, contentType, file|body} instead of the document')
    .action(async (id: string, opts: { format: string; output?: string; json?: boolean }) => {
      const hub = await ctx.hub();
      const file = await hub.text(meetingPath(await resolveMeetingId(hub, id), `/${EXPORTS[opts.format]}`));
      if (opts.output) {
        try {
          await writeFile(opts.output, file.body);
        } catch (error) {
          throw usageError(`cannot write ${opts.output}: ${(error as Error).message}`);
        }
      }
      if (opts.json)
        return ctx.printJson({
          format: opts.format,
          contentType: file.contentType,
          ...(opts.output ? { file: opts.output, bytes: Buffer.byteLength(file.body) } : { body: file.body }),
        });
      if (opts.output) return ctx.note(`${EXPORTS[opts.format]} written to ${opts.output} (${Buffer.byteLength(file.body)} bytes)`);
      process.stdout.write(file.body);
    });
}
