import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import {
  advisoryDetail,
  advisoryTable,
  audienceText,
  receiptsSummary,
  receiptsTable,
  type AdvisoryView,
  type ExposureView,
  type ReceiptView,
} from '../advisory-format.js';
import { advisoryBody, normaliseTlp, type AdvisoryOptions } from '../advisory-request.js';
import { usageError } from '../exit-codes.js';
import { tlpLabel } from '../output.js';
import { resolveAdvisoryId } from './case-ref.js';
import { commaList, type CliContext } from './context.js';
import { bodyOf, messageOptions, readInput, withCaseTargets } from './message-input.js';
import { nextPageHint, pagingOptions, type PagingOptions } from './options.js';

export type AdvisoryWithReceipts = AdvisoryView & { routed?: boolean; receipts?: ReceiptView[]; exposure?: ExposureView };

type PublishOptions = AdvisoryOptions & { body?: string; bodyFile?: string; stix?: string; idempotencyKey?: string; incident?: string; json?: boolean };

async function stixObjects(file: string | undefined): Promise<object[] | undefined> {
  if (!file) return undefined;
  const text = (await readInput(file, 'the STIX file')).toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw usageError(`${file} is not JSON: ${(error as Error).message}`);
  }
  // a bundle or a bare array of objects
  const objects = Array.isArray(parsed) ? parsed : (parsed as { objects?: unknown }).objects;
  if (!Array.isArray(objects)) throw usageError(`${file} holds neither a STIX bundle nor an array of objects`);
  return objects as object[];
}

/**
 * Every publish carries an Idempotency-Key (the one given, or a new one), so that the client may
 * retry it when the answer is lost (a hub process gone mid-request) without publishing twice.
 */
export const idempotencyHeader = (key: string | undefined): Record<string, string> => ({ 'Idempotency-Key': key ?? `isac-cli:${randomUUID()}` });

/** `… published: TLP:AMBER high, to sectors energy (advisory <id>)` */
export function publishedLine(a: AdvisoryView, colour: boolean, verb: string): string {
  return `${a.kind} ${a.id} ${verb}: ${tlpLabel(a.tlp, colour)} ${a.severity}, to ${audienceText(a.audience)}`;
}

export function registerAdvisoryCommands(program: Command, ctx: CliContext): void {
  const advisory = program.command('advisory').description('TLP-marked messages to an audience');
  messageOptions(advisory.command('publish').description('publish an advisory (analyst key)'))
    .option('--stix <file>', 'STIX 2.1 objects to attach: a bundle or an array (validated by the hub)')
    .action(async (opts: PublishOptions) => {
      const hub = await ctx.hub();
      const request = advisoryBody(await withCaseTargets(hub, opts), await bodyOf(opts), await stixObjects(opts.stix));
      const answer = await hub.post<AdvisoryView>('/api/v1/advisories', request, idempotencyHeader(opts.idempotencyKey));
      if (opts.json) return ctx.printJson(answer);
      ctx.print(publishedLine(answer, ctx.colour, 'published'));
    });

  pagingOptions(
    advisory
      .command('list')
      .description('advisories and alerts the organisation may read, newest first')
      .option('--kind <kind>', 'advisory or alert')
      .option('--severity <level>', 'info, low, medium, high or critical')
      .option('--tlp <label>', 'only this marking')
      .option('--author <slug>', 'only from this organisation'),
    'items',
  )
    .option('--json', "print the hub's answer")
    .action(async (opts: PagingOptions & { kind?: string; severity?: string; tlp?: string; author?: string; json?: boolean }) => {
      const page = await (
        await ctx.hub()
      ).get<{ advisories: AdvisoryView[]; next: string | null }>('/api/v1/advisories', {
        kind: opts.kind,
        severity: opts.severity,
        tlp: opts.tlp ? normaliseTlp(opts.tlp) : undefined,
        author: opts.author,
        limit: opts.limit,
        cursor: opts.cursor,
      });
      if (opts.json) return ctx.printJson(page);
      ctx.print(advisoryTable(page.advisories, ctx.colour));
      if (page.next) ctx.note(nextPageHint('isac advisory list', page.next));
    });

  advisory
    .command('show <id>')
    .description('one advisory, by id or an unambiguous prefix; its author also sees a receipt per recipient')
    .option('--json', "print the hub's answer")
    .action(async (ref: string, opts: { json?: boolean }) => {
      const hub = await ctx.hub();
      const id = await resolveAdvisoryId(hub, ref);
      const answer = await hub.get<AdvisoryWithReceipts>(`/api/v1/advisories/${encodeURIComponent(id)}`);
      if (opts.json) return ctx.printJson(answer);
      ctx.print(advisoryDetail(answer, ctx.colour));
      if (answer.receipts)
        ctx.print(['', answer.routed ? receiptsSummary(answer.receipts, answer.exposure) : 'not routed yet', ...receiptsTable(answer.receipts)]);
    });

  advisory
    .command('forward <id>')
    .description("forward within the TLP rule (AMBER to one's own members; AMBER+STRICT and RED never); by id or an unambiguous prefix")
    .requiredOption('--orgs <list>', 'organisations by slug (comma-separated)', commaList)
    .option('--json', "print the hub's answer")
    .action(async (ref: string, opts: { orgs: string[]; json?: boolean }) => {
      const hub = await ctx.hub();
      const id = await resolveAdvisoryId(hub, ref);
      const answer = await hub.post<unknown>(`/api/v1/advisories/${encodeURIComponent(id)}/forward`, { organisations: opts.orgs });
      if (opts.json) return ctx.printJson(answer);
      ctx.print(`advisory ${id} forwarded to ${opts.orgs.join(', ')}`);
    });
}
