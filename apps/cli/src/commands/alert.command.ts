import type { Command } from 'commander';
import { advisoryTable, receiptChanges, receiptsSummary, receiptsTable, type AdvisoryView, type ReceiptView } from '../advisory-format.js';
import { ALERT_ACK_DEADLINE_DEFAULT, ALERT_EXPIRES_DEFAULT, alertBody, missingAlertOptions, type AlertOptions } from '../advisory-request.js';
import { CliError, EXIT, usageError } from '../exit-codes.js';
import { tlpLabel } from '../output.js';
import { watchEvery } from '../watch.js';
import { idempotencyHeader, publishedLine, type AdvisoryWithReceipts } from './advisory.command.js';
import { resolveAdvisoryId } from './case-ref.js';
import type { CliContext } from './context.js';
import { bodyOf, messageOptions, withCaseTargets } from './message-input.js';
import { nextPageHint, pagingOptions, watchOptions, type PagingOptions, type WatchOptions } from './options.js';

const notAuthor = (a: AdvisoryView) => new CliError(EXIT.REJECTED, [`error: no receipts: only the author of ${a.kind} ${a.id} sees them`]);

type IssueOptions = AlertOptions & { body?: string; bodyFile?: string; idempotencyKey?: string; incident?: string; json?: boolean };

async function watchReceipts(ctx: CliContext, ref: string, opts: WatchOptions & { json?: boolean }): Promise<void> {
  const hub = await ctx.hub();
  const id = await resolveAdvisoryId(hub, ref, 'alert');
  const known = new Map<string, ReceiptView>();
  let summary = '';
  if (!opts.json) ctx.note(`watching the receipts of ${id} (Ctrl-C to stop)`);
  await watchEvery(
    opts.interval,
    async (signal) => {
      const alert = await hub.get<AdvisoryWithReceipts>(`/api/v1/advisories/${encodeURIComponent(id)}`, undefined, signal);
      if (!alert.receipts) throw notAuthor(alert);
      const receipts = alert.receipts;
      const changes = receiptChanges(known, receipts);
      for (const r of receipts) known.set(r.organisation.id, r);
      if (opts.json) {
        if (changes.length) ctx.print(JSON.stringify({ at: new Date().toISOString(), receipts }));
        return;
      }
      ctx.print(changes);
      const now = receiptsSummary(receipts, alert.exposure);
      if (now !== summary) ctx.print(`  ${now}`);
      summary = now;
    },
    (lines) => ctx.note(lines),
  );
}

export function registerAlertCommands(program: Command, ctx: CliContext): void {
  const alert = program.command('alert').description("the centre's alerts: issue them, follow who acknowledged");
  messageOptions(alert.command('issue').description('issue an alert (a centre analyst key)'), { checkedByCaller: true })
    .option('--ack-deadline <when>', `acknowledge by: RFC 3339 time or a span from now (30m, 4h, 2d); default ${ALERT_ACK_DEADLINE_DEFAULT}, as the console`)
    .option('--expires <when>', `stops being current: RFC 3339 time or a span from now (2d, 1w); default ${ALERT_EXPIRES_DEFAULT}, as the console`)
    .option('--no-ack', 'no acknowledgement asked')
    .action(async (opts: IssueOptions) => {
      // every missing option in one line, before anything is read (rough edge 8); --incident names an audience too
      const missing = missingAlertOptions(opts).filter((m) => !(opts.incident && m.startsWith('an audience')));
      if (missing.length) throw usageError(`missing: ${missing.join('; ')}`);
      const hub = await ctx.hub();
      const request = alertBody(await withCaseTargets(hub, opts), await bodyOf(opts), new Date());
      const answer = await hub.post<AdvisoryView>('/api/v1/alerts', request, idempotencyHeader(opts.idempotencyKey));
      if (opts.json) return ctx.printJson(answer);
      ctx.print(publishedLine(answer, ctx.colour, 'issued'));
      ctx.note(`follow it: isac alert receipts ${answer.id} --watch`);
    });

  pagingOptions(alert.command('list').description('alerts the organisation may read, newest first'), 'items')
    .option('--json', "print the hub's answer")
    .action(async (opts: PagingOptions & { json?: boolean }) => {
      const page = await (
        await ctx.hub()
      ).get<{ advisories: AdvisoryView[]; next: string | null }>('/api/v1/advisories', { kind: 'alert', limit: opts.limit, cursor: opts.cursor });
      if (opts.json) return ctx.printJson(page);
      ctx.print(advisoryTable(page.advisories, ctx.colour));
      if (page.next) ctx.note(nextPageHint('isac alert list', page.next));
    });

  watchOptions(
    alert.command('receipts <id>').description('who has the alert delivered, read, acknowledged (for its author); by id or an unambiguous prefix'),
    'receipts as they change',
  )
    .option('--json', "the hub's receipts (with --watch: one line per change)")
    .action(async (ref: string, opts: WatchOptions & { json?: boolean }) => {
      if (opts.watch) return watchReceipts(ctx, ref, opts);
      const hub = await ctx.hub();
      const id = await resolveAdvisoryId(hub, ref, 'alert');
      const answer = await hub.get<AdvisoryWithReceipts>(`/api/v1/advisories/${encodeURIComponent(id)}`);
      // the hub lets any reader see the alert, but without receipts: that is a refusal with --json too
      if (!answer.receipts) throw notAuthor(answer);
      if (opts.json) return ctx.printJson(answer);
      ctx.print([
        `${tlpLabel(answer.tlp, ctx.colour)}  ${answer.kind} ${answer.id}: ${answer.title}`,
        receiptsSummary(answer.receipts, answer.exposure),
        ...receiptsTable(answer.receipts),
      ]);
    });
}
