import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { usageError } from '../exit-codes.js';
import { caseDetail, caseTable, filedLines, type CaseView, type FiledCase, type TimelineEntry } from '../incident-format.js';
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

async function fileIncident(ctx: CliContext, file: string, opts: { stage?: string; json?: boolean }): Promise<void> {
  const bytes = await readInput(file, 'the bundle');
  try {
    JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw usageError(`${file} is not JSON: ${(error as Error).message}`);
  }
  const hub = await ctx.hub();
  const progress = uploadProgress(process.stderr, `uploading ${path.basename(file)}`, bytes.length);
  const answer = await hub.request<FiledCase>('POST', '/api/v1/incidents', {
    raw: bytes,
    contentType: 'application/stix+json;version=2.1',
    query: { stage: opts.stage },
    onUpload: (sent, total) => (sent < total ? progress.update(sent, total) : progress.done()),
  });
  if (opts.json) return ctx.printJson(answer.body);
  ctx.print(filedLines(answer.body, answer.status === 201, ctx.colour, new Date()));
}

export function registerIncidentCommands(program: Command, ctx: CliContext): void {
  const incident = program.command('incident').description('incident cases and their NIS2/DORA reporting clocks');
  incident
    .command('file <bundle>')
    .description('file a STIX 2.1 bundle holding one incident (a first report or a follow-up); - reads stdin')
    .option('--stage <stage>', `the report stage it fulfils: ${STAGES.join(', ')}`, oneOf(STAGES, '--stage'))
    .option('--json', "print the hub's answer")
    .action((file: string, opts: { stage?: string; json?: boolean }) => fileIncident(ctx, file, opts));

  pagingOptions(
    incident
      .command('list')
      .description('cases the organisation may read, newest first')
      .option('--sector <sector>', 'cases affecting this sector')
      .option('--stage <stage>', `current stage: ${LIST_STAGES.join(', ')}`, oneOf(LIST_STAGES, '--stage'))
      .option('--overdue', 'only cases with a deadline passed and not met')
      .option('--since <time>', 'opened at or after this RFC 3339 time'),
    'cases',
  )
    .option('--json', "print the hub's answer")
    .action(async (opts: PagingOptions & { sector?: string; stage?: string; overdue?: boolean; since?: string; json?: boolean }) => {
      const page = await (await ctx.hub()).get<{ cases: CaseView[]; next: string | null }>('/api/v1/incidents', {
        sector: opts.sector,
        stage: opts.stage,
        overdue: opts.overdue || undefined,
        since: opts.since,
        limit: opts.limit,
        cursor: opts.cursor,
      });
      if (opts.json) return ctx.printJson(page);
      ctx.print(caseTable(page.cases, ctx.colour, new Date()));
      if (page.next) ctx.note(nextPageHint('isac incident list', page.next));
    });

  incident
    .command('show <case>')
    .description('one case: stage, deadlines counting down, timeline')
    .option('--json', "print the hub's answer")
    .action(async (id: string, opts: { json?: boolean }) => {
      const found = await (await ctx.hub()).get<CaseView & { timeline: TimelineEntry[] }>(`/api/v1/incidents/${encodeURIComponent(id)}`);
      if (opts.json) return ctx.printJson(found);
      ctx.print(caseDetail(found, ctx.colour, new Date()));
    });
}
