import type { Command } from 'commander';
import { advisoryDetail, inboxLine, inboxMatches, inboxTable, type AdvisoryView, type InboxEntryView } from '../advisory-format.js';
import { followEvents } from '../event-stream.js';
import type { HubClient } from '../http-client.js';
import { NewEntries } from '../watch.js';
import { resolveEntryId } from './case-ref.js';
import { type CliContext } from './context.js';
import { nextPageHint, pagingOptions, watchOptions, type PagingOptions, type WatchOptions } from './options.js';

interface InboxPage {
  entries: InboxEntryView[];
  next: string | null;
}

export interface Receipt {
  id: string;
  advisoryId: string;
  /** whether the advisory asks for acknowledgement; absent from hubs older than this field */
  requiresAck?: boolean;
  readAt: string | null;
  acknowledgedAt: string | null;
}

/** How many pages one look follows when everything on them is new (a burst while the stream was away). */
const MAX_PAGES_PER_LOOK = 20;

/** What is new among the entries still waiting (unread, or an asked acknowledgement not given), oldest first. */
async function newSinceLastLook(
  hub: HubClient,
  seen: NewEntries<InboxEntryView>,
  pages: number,
  signal: AbortSignal,
): Promise<{ fresh: InboxEntryView[]; more: boolean }> {
  const collected: InboxEntryView[] = [];
  let cursor: string | undefined;
  let more = false;
  for (let page = 0; page < pages; page++) {
    const answer = await hub.get<InboxPage>('/api/v1/inbox', { pending: true, cursor, limit: 100 }, signal);
    more = answer.next !== null;
    if (!seen.take(answer.entries, collected) || !answer.next) break;
    cursor = answer.next;
  }
  return { fresh: NewEntries.oldestFirst(collected), more };
}

/**
 * `inbox --watch`: first what is still waiting (unread entries, alerts not acknowledged yet) — not
 * what was read or acknowledged already — then each new entry as the hub's event stream announces
 * it. Every (re)connection looks again, so nothing that came while the stream was away is missed.
 */
async function watchInbox(ctx: CliContext, opts: WatchOptions & { json?: boolean }): Promise<void> {
  const hub = await ctx.hub();
  const seen = new NewEntries<InboxEntryView>();
  let first = true;
  if (!opts.json) ctx.note(`watching the inbox of ${hub.url}: what is waiting, then new entries as they arrive (Ctrl-C to stop)`);
  const look = async (signal: AbortSignal) => {
    const { fresh, more } = await newSinceLastLook(hub, seen, first ? 1 : MAX_PAGES_PER_LOOK, signal);
    // --json: one entry per line (NDJSON), so a script can read them as they come
    if (opts.json) for (const entry of fresh) ctx.print(JSON.stringify(entry));
    else {
      if (first && fresh.length === 0) ctx.note('(nothing waiting: no unread entry, no acknowledgement due)');
      for (const entry of fresh) ctx.print(inboxLine(entry, ctx.colour));
      if (first && more) ctx.note('(more entries wait than shown here: isac inbox --pending lists them all)');
    }
    first = false;
  };
  await followEvents(hub, opts.interval, {
    onReady: look,
    onEvents: async (events, signal) => {
      // an entry added to this organisation's inbox; changes (a colleague read or acknowledged) are not news
      if (events.some((e) => e.type === 'inbox' && e.data.change === 'added')) await look(signal);
    },
    onTrouble: (lines) => ctx.note(lines),
  });
}

/** What a receipt says happened, in words; `action` is what was asked. */
export function receiptLine(answer: Receipt, action: 'read' | 'ack'): string {
  if (action === 'ack' && answer.acknowledgedAt) return `entry ${answer.id} acknowledged at ${answer.acknowledgedAt} (advisory ${answer.advisoryId})`;
  if (action === 'ack') return `entry ${answer.id} marked read at ${answer.readAt}; not acknowledged: this advisory does not ask for acknowledgement`;
  return `entry ${answer.id} marked read at ${answer.readAt}`;
}

async function receipt(ctx: CliContext, ref: string, action: 'read' | 'ack', json?: boolean): Promise<void> {
  const hub = await ctx.hub();
  const id = await resolveEntryId(hub, ref);
  const answer = await hub.post<Receipt>(`/api/v1/inbox/${encodeURIComponent(id)}/${action}`);
  if (json) return ctx.printJson(answer);
  if (action === 'ack') return ctx.print(receiptLine(answer, action));
  const advisory = await hub.get<AdvisoryView>(`/api/v1/advisories/${answer.advisoryId}`);
  ctx.print([...advisoryDetail(advisory, ctx.colour), '', receiptLine(answer, action)]);
}

export function registerInboxCommands(program: Command, ctx: CliContext): void {
  const listing = program
    .command('inbox')
    .description(
      "what was shared with the key's organisation, newest first; `inbox read|ack <entry>` (an entry is named by its advisory's id, or an unambiguous prefix)",
    )
    .option('--unread', 'only entries not read yet')
    .option('--pending', 'only entries still waiting: unread, or an acknowledgement asked and not given');
  const inbox = watchOptions(
    pagingOptions(listing, 'entries'),
    'what is waiting, then new entries as the event stream announces them',
    'how long --watch waits before reconnecting to a lost event stream',
  )
    .option('--json', "the hub's JSON answer (with --watch: one entry per line)")
    .action(async (opts: PagingOptions & WatchOptions & { unread?: boolean; pending?: boolean; json?: boolean }) => {
      if (opts.watch) return watchInbox(ctx, opts);
      const page = await (
        await ctx.hub()
      ).get<InboxPage>('/api/v1/inbox', { unread: opts.unread || undefined, pending: opts.pending || undefined, limit: opts.limit, cursor: opts.cursor });
      if (opts.json) return ctx.printJson(page);
      ctx.print([...inboxTable(page.entries, ctx.colour), ...inboxMatches(page.entries)]);
      if (page.next) ctx.note(nextPageHint(`isac inbox${opts.unread ? ' --unread' : ''}${opts.pending ? ' --pending' : ''}`, page.next));
    });
  inbox
    .command('read <entry>')
    .description('mark an inbox entry read and show its advisory')
    .option('--json', "the hub's receipt")
    .action((id: string, opts: { json?: boolean }) => receipt(ctx, id, 'read', opts.json));
  inbox
    .command('ack <entry>')
    .description(
      'acknowledge an inbox entry (an alert that asks for it); implies read. ' +
        'An entry that asks for no acknowledgement is only marked read, and the CLI says so',
    )
    .option('--json', "the hub's receipt")
    .action((id: string, opts: { json?: boolean }) => receipt(ctx, id, 'ack', opts.json));
  program
    .command('ack <entry>')
    .description('the same as `inbox ack <entry>`')
    .option('--json', "the hub's receipt")
    .action((id: string, opts: { json?: boolean }) => receipt(ctx, id, 'ack', opts.json));
}
