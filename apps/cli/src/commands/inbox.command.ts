import type { Command } from 'commander';
import { advisoryDetail, inboxLine, inboxTable, type AdvisoryView, type InboxEntryView } from '../advisory-format.js';
import type { HubClient } from '../http-client.js';
import { NewEntries, watchEvery } from '../watch.js';
import { type CliContext } from './context.js';
import { nextPageHint, pagingOptions, watchOptions, type PagingOptions, type WatchOptions } from './options.js';

interface InboxPage {
  entries: InboxEntryView[];
  next: string | null;
}

interface Receipt {
  id: string;
  advisoryId: string;
  readAt: string | null;
  acknowledgedAt: string | null;
}

/** How many pages one poll follows when everything on them is new (a burst while the watch slept). */
const MAX_PAGES_PER_POLL = 20;

async function newSinceLastLook(hub: HubClient, seen: NewEntries<InboxEntryView>, opts: { unread: boolean; pages: number }, signal: AbortSignal): Promise<InboxEntryView[]> {
  const collected: InboxEntryView[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < opts.pages; page++) {
    const answer = await hub.get<InboxPage>('/api/v1/inbox', { unread: opts.unread || undefined, cursor, limit: 100 }, signal);
    if (!seen.take(answer.entries, collected) || !answer.next) break;
    cursor = answer.next;
  }
  return NewEntries.oldestFirst(collected);
}

async function watchInbox(ctx: CliContext, opts: WatchOptions & { unread?: boolean; json?: boolean }): Promise<void> {
  const hub = await ctx.hub();
  const seen = new NewEntries<InboxEntryView>();
  let first = true;
  if (!opts.json) ctx.note(`watching the inbox of ${hub.url} (Ctrl-C to stop)`);
  await watchEvery(
    opts.interval,
    async (signal) => {
      // the first look shows the latest page only; later ones follow pages while everything on them is new
      const fresh = await newSinceLastLook(hub, seen, { unread: opts.unread === true, pages: first ? 1 : MAX_PAGES_PER_POLL }, signal);
      // --json: one entry per line (NDJSON), so a script can read them as they come
      if (opts.json) for (const entry of fresh) ctx.print(JSON.stringify(entry));
      else if (first && fresh.length === 0) ctx.note('(inbox empty)');
      else for (const entry of fresh) ctx.print(inboxLine(entry, ctx.colour));
      first = false;
    },
    (lines) => ctx.note(lines),
  );
}

async function receipt(ctx: CliContext, id: string, action: 'read' | 'ack', json?: boolean): Promise<void> {
  const hub = await ctx.hub();
  const answer = await hub.post<Receipt>(`/api/v1/inbox/${encodeURIComponent(id)}/${action}`);
  if (json) return ctx.printJson(answer);
  if (action === 'ack') return ctx.print(`entry ${answer.id} acknowledged at ${answer.acknowledgedAt} (advisory ${answer.advisoryId})`);
  const advisory = await hub.get<AdvisoryView>(`/api/v1/advisories/${answer.advisoryId}`);
  ctx.print([...advisoryDetail(advisory, ctx.colour), '', `entry ${answer.id} marked read at ${answer.readAt}`]);
}

export function registerInboxCommands(program: Command, ctx: CliContext): void {
  const listing = program
    .command('inbox')
    .description("what was shared with the key's organisation, newest first; `inbox read|ack <entry>` (an entry is named by its advisory's id)")
    .option('--unread', 'only entries not read yet');
  const inbox = watchOptions(pagingOptions(listing, 'entries'), 'new entries as they arrive')
    .option('--json', "the hub's JSON answer (with --watch: one entry per line)")
    .action(async (opts: PagingOptions & WatchOptions & { unread?: boolean; json?: boolean }) => {
      if (opts.watch) return watchInbox(ctx, opts);
      const page = await (await ctx.hub()).get<InboxPage>('/api/v1/inbox', { unread: opts.unread || undefined, limit: opts.limit, cursor: opts.cursor });
      if (opts.json) return ctx.printJson(page);
      ctx.print(inboxTable(page.entries, ctx.colour));
      if (page.next) ctx.note(nextPageHint('isac inbox', page.next));
    });
  inbox
    .command('read <entry>')
    .description('mark an inbox entry read and show its advisory')
    .option('--json', "the hub's receipt")
    .action((id: string, opts: { json?: boolean }) => receipt(ctx, id, 'read', opts.json));
  inbox
    .command('ack <entry>')
    .description('acknowledge an inbox entry (an alert that asks for it); implies read')
    .option('--json', "the hub's receipt")
    .action((id: string, opts: { json?: boolean }) => receipt(ctx, id, 'ack', opts.json));
  program
    .command('ack <entry>')
    .description('the same as `inbox ack <entry>`')
    .option('--json', "the hub's receipt")
    .action((id: string, opts: { json?: boolean }) => receipt(ctx, id, 'ack', opts.json));
}
