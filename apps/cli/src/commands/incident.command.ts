import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { usageError } from '../exit-codes.js';
import { normaliseTlp } from '../advisory-request.js';
import {
  caseDetail,
  caseTable,
  filedLines,
  messageLines,
  type Caller,
  type CaseView,
  type FiledCase,
  type LinkView,
  type MessageView,
  type TimelineEntry,
} from '../incident-format.js';
import { resolveCaseId } from './case-ref.js';
import type { HubClient } from '../http-client.js';
import { uploadProgress } from '../progress.js';
import type { CliContext } from './context.js';
import { readInput } from './message-input.js';
import { nextPageHint, pagingOptions, type PagingOptions } from './options.js';

// as the hub takes them (@isac/incidents REPORT_STAGES); kept here so the CLI loads no Nest
export const STAGES = ['early-warning', 'notification', 'intermediate', 'progress', 'final'];
const LIST_STAGES = ['opened', ...STAGES];

function oneOf(allowed: string[], option: string) {
  return (value: string) => {
    if (!allowed.includes(value)) throw new InvalidArgumentError(`${option} must be one of ${allowed.join(', ')}`);
    return value;
  };
}

const MESSAGE_KINDS = ['question', 'answer', 'assistance-request', 'note'];

// whose deadlines are the caller's own: asked only for human output (--json prints the hub's answer as it came)
const caller = (hub: HubClient) => hub.get<Caller>('/api/v1/me');

/** The incidents of a bundle (the CLI does not judge which is primary: the hub does). */
function incidentIdsOf(bundle: unknown): string[] {
  const objects = (bundle as { objects?: unknown }).objects;
  return Array.isArray(objects) ? objects.filter((o) => (o as { type?: unknown })?.type === 'incident').map((o) => String((o as { id?: unknown }).id)) : [];
}

async function fileIncident(ctx: CliContext, file: string, opts: { stage?: string; json?: boolean }, forCase?: string): Promise<void> {
  const bytes = await readInput(file, 'the bundle');
  let bundle: unknown;
  try {
    bundle = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw usageError(`${file} is not JSON: ${(error as Error).message}`);
  }
  const hub = await ctx.hub();
  if (forCase !== undefined) {
    // the next report of this case: a later version of its incident (the hub checks the version and the stage)
    const id = await resolveCaseId(hub, forCase);
    const c = await hub.get<CaseView>(`/api/v1/incidents/${id}`);
    if (!incidentIdsOf(bundle).includes(c.incidentId)) throw usageError(`${file} holds no version of case ${c.id}'s incident ${c.incidentId}`);
  }
  const progress = uploadProgress(process.stderr, `uploading ${path.basename(file)}`, bytes.length);
  const answer = await hub.request<FiledCase>('POST', '/api/v1/incidents', {
    raw: bytes,
    contentType: 'application/stix+json;version=2.1',
    query: { stage: opts.stage },
    onUpload: (sent, total) => (sent < total ? progress.update(sent, total) : progress.done()),
  });
  if (opts.json) return ctx.printJson(answer.body);
  ctx.print(filedLines(answer.body, await caller(hub), answer.status === 201, ctx.colour, new Date()));
}

export function registerIncidentCommands(program: Command, ctx: CliContext): void {
  const incident = program.command('incident').description('incident cases and their NIS2/DORA reporting clocks');
  incident
    .command('file <bundle>')
    .description('file a STIX 2.1 bundle holding one incident (a first report or a follow-up); - reads stdin')
    .option('--stage <stage>', `the report stage it fulfils: ${STAGES.join(', ')}`, oneOf(STAGES, '--stage'))
    .option('--json', "print the hub's answer")
    .action((file: string, opts: { stage?: string; json?: boolean }) => fileIncident(ctx, file, opts));

  incident
    .command('report <case>')
    .description("file the case's next report: a later version of its incident, in a STIX 2.1 bundle; the case by id or an unambiguous prefix")
    .requiredOption('--stage <stage>', `the report stage it fulfils: ${STAGES.join(', ')}`, oneOf(STAGES, '--stage'))
    .requiredOption('--file <bundle>', 'the bundle (- reads stdin)')
    .option('--json', "print the hub's answer")
    .action((ref: string, opts: { stage: string; file: string; json?: boolean }) => fileIncident(ctx, opts.file, opts, ref));

  incident
    .command('message <case> <text>')
    .description("post a message on the case's conversation (Markdown); it reaches the case's parties' inboxes")
    .option('--tlp <label>', "its TLP, no wider than the case's (the default)")
    .option('--kind <kind>', `${MESSAGE_KINDS.join(', ')} (default note)`, oneOf(MESSAGE_KINDS, '--kind'))
    .option('--json', "print the hub's answer")
    .action(async (ref: string, text: string, opts: { tlp?: string; kind?: string; json?: boolean }) => {
      const hub = await ctx.hub();
      const id = await resolveCaseId(hub, ref);
      const posted = await hub.post<MessageView>(`/api/v1/incidents/${id}/messages`, {
        body: text,
        ...(opts.kind ? { kind: opts.kind } : {}),
        ...(opts.tlp ? { tlp: normaliseTlp(opts.tlp) } : {}),
      });
      if (opts.json) return ctx.printJson(posted);
      ctx.print(`message ${posted.id} posted on case ${id} (${posted.tlp})`);
    });

  incident
    .command('messages <case>')
    .description("the case's conversation, as far as your organisation may read it")
    .option('--json', "print the hub's answer")
    .action(async (ref: string, opts: { json?: boolean }) => {
      const hub = await ctx.hub();
      const id = await resolveCaseId(hub, ref);
      const answer = await hub.get<{ messages: MessageView[] }>(`/api/v1/incidents/${id}/messages`);
      if (opts.json) return ctx.printJson(answer);
      ctx.print(messageLines(answer.messages, ctx.colour));
    });

  incident
    .command('close <case>')
    .description('close the case (its reporter or the centre): with its final report filed, or with --reason')
    .option('--reason <text>', 'why it is closed')
    .option('--json', "print the hub's answer")
    .action(async (ref: string, opts: { reason?: string; json?: boolean }) => {
      const hub = await ctx.hub();
      const id = await resolveCaseId(hub, ref);
      const closed = await hub.post<CaseView>(`/api/v1/incidents/${id}/close`, opts.reason ? { reason: opts.reason } : {});
      if (opts.json) return ctx.printJson(closed);
      ctx.print(`case ${closed.id} closed: ${closed.name}`);
    });

  incident
    .command('reopen <case>')
    .description('reopen a closed case (its reporter or the centre)')
    .option('--json', "print the hub's answer")
    .action(async (ref: string, opts: { json?: boolean }) => {
      const hub = await ctx.hub();
      const id = await resolveCaseId(hub, ref);
      const reopened = await hub.post<CaseView>(`/api/v1/incidents/${id}/reopen`);
      if (opts.json) return ctx.printJson(reopened);
      ctx.print(`case ${reopened.id} reopened: ${reopened.name}`);
    });

  pagingOptions(
    incident
      .command('list')
      .description('cases the organisation may read, newest first')
      .option('--sector <sector>', 'cases affecting this sector')
      .option('--stage <stage>', `current stage: ${LIST_STAGES.join(', ')}`, oneOf(LIST_STAGES, '--stage'))
      .option('--overdue', 'only cases with a deadline passed and not met')
      .option('--since <time>', 'opened at or after this RFC 3339 time')
      .option('--state <state>', 'open (the default), closed or all', oneOf(['open', 'closed', 'all'], '--state')),
    'cases',
  )
    .option('--json', "print the hub's answer")
    .action(async (opts: PagingOptions & { sector?: string; stage?: string; overdue?: boolean; since?: string; state?: string; json?: boolean }) => {
      const hub = await ctx.hub();
      const page = await hub.get<{ cases: CaseView[]; next: string | null }>('/api/v1/incidents', {
        sector: opts.sector,
        stage: opts.stage,
        overdue: opts.overdue || undefined,
        since: opts.since,
        state: opts.state,
        limit: opts.limit,
        cursor: opts.cursor,
      });
      if (opts.json) return ctx.printJson(page);
      ctx.print(caseTable(page.cases, await caller(hub), ctx.colour, new Date()));
      if (page.next) ctx.note(nextPageHint('isac incident list', page.next));
    });

  incident
    .command('show <case>')
    .description('one case: stage, deadlines counting down, timeline, linked cases, messages; by id or an unambiguous prefix')
    .option('--json', "print the hub's answer")
    .action(async (ref: string, opts: { json?: boolean }) => {
      const hub = await ctx.hub();
      const id = await resolveCaseId(hub, ref);
      const found = await hub.get<CaseView & { timeline: TimelineEntry[]; messages: MessageView[]; links: LinkView[] }>(
        `/api/v1/incidents/${encodeURIComponent(id)}`,
      );
      if (opts.json) return ctx.printJson(found);
      ctx.print(caseDetail(found, await caller(hub), ctx.colour, new Date()));
    });
}
