// How advisories, alerts, inbox entries and receipts are shown on a terminal. Pure.
import { describeMatch, type ProductMatch } from './affected-products.js';
import { list, shortTime, table, tlpLabel } from './output.js';

export interface AdvisoryView {
  id: string;
  kind: 'advisory' | 'alert';
  title: string;
  body: string;
  severity: string;
  tlp: string;
  audience: { all?: boolean; sectors?: string[]; organisations?: string[]; products?: ProductMatch[]; dependsOn?: string[] };
  author: { id: string; slug: string | null };
  requiresAck: boolean;
  ackDeadline: string | null;
  expiresAt: string | null;
  createdAt: string;
  /** issue 18: what of the reader's own register a targeted audience matched (to that reader only) */
  matched?: { entry: string; products: string[]; dependsOn: string[] }[];
}

/** The author's counts of recipients a targeted audience found in registers it may not read (issue 18). */
export interface ExposureView {
  matchedOrganisations: number;
  unnamedReceipts: { delivered: number; read: number; acknowledged: number };
}

export interface ReceiptView {
  organisation: { id: string; slug: string | null };
  forwardedBy: { slug: string | null } | null;
  deliveredAt: string;
  readAt: string | null;
  acknowledgedAt: string | null;
  escalatedAt: string | null;
  webhook: { state: string; attempts: number; lastError: string | null } | null;
}

export interface InboxEntryView {
  id: string;
  advisory: AdvisoryView;
  forwardedBy: { slug: string | null } | null;
  deliveredAt: string;
  readAt: string | null;
  acknowledgedAt: string | null;
}

export function audienceText(audience: AdvisoryView['audience']): string {
  const parts = [
    audience.all ? 'everyone' : '',
    audience.sectors?.length ? `sectors ${audience.sectors.join(',')}` : '',
    audience.organisations?.length ? `organisations ${audience.organisations.join(',')}` : '',
    audience.products?.length ? `running ${audience.products.map(describeMatch).join(', ')}` : '',
    audience.dependsOn?.length ? `depending on ${audience.dependsOn.join(',')}` : '',
  ];
  return parts.filter(Boolean).join('; ') || '-';
}

export function advisoryTable(advisories: AdvisoryView[], colour: boolean): string[] {
  return table(
    ['id', 'tlp', 'kind', 'severity', 'from', 'published', 'title'],
    advisories.map((a) => [a.id, tlpLabel(a.tlp, colour), a.kind, a.severity, a.author.slug ?? '-', shortTime(a.createdAt), a.title]),
  );
}

export function advisoryDetail(a: AdvisoryView, colour: boolean): string[] {
  const lines = [
    `${tlpLabel(a.tlp, colour)}  ${a.kind} ${a.id}`,
    `title      ${a.title}`,
    `severity   ${a.severity}`,
    `from       ${a.author.slug ?? a.author.id}, ${shortTime(a.createdAt)}`,
    `audience   ${audienceText(a.audience)}`,
  ];
  if (a.kind === 'alert')
    lines.push(`ack        ${a.requiresAck ? `required by ${shortTime(a.ackDeadline)}` : 'not required'}`, `expires    ${shortTime(a.expiresAt)}`);
  for (const m of a.matched ?? []) lines.push(`matched    ${matchedText(m)}`);
  return [...lines, '', ...a.body.split('\n').map((l) => `  ${l}`)];
}

/** `Grid control remote access: runs cpe:2.3:a:ivanti:connect_secure:22.7r2.3:…; depends on fabrikam` — the reader's own entry. */
export function matchedText(m: NonNullable<AdvisoryView['matched']>[number]): string {
  const what = [m.products.length ? `runs ${m.products.join(', ')}` : '', m.dependsOn.length ? `depends on ${m.dependsOn.join(', ')}` : ''];
  return `${m.entry}: ${what.filter(Boolean).join('; ')}`;
}

const entryState = (e: { readAt: string | null; acknowledgedAt: string | null }) => (e.acknowledgedAt ? 'acknowledged' : e.readAt ? 'read' : 'unread');

export function inboxTable(entries: InboxEntryView[], colour: boolean): string[] {
  return table(
    ['entry', 'tlp', 'kind', 'severity', 'from', 'delivered', 'state', 'title'],
    entries.map((e) => [
      e.id,
      tlpLabel(e.advisory.tlp, colour),
      e.advisory.kind,
      e.advisory.severity,
      e.forwardedBy?.slug ? `${e.advisory.author.slug} via ${e.forwardedBy.slug}` : (e.advisory.author.slug ?? '-'),
      shortTime(e.deliveredAt),
      e.advisory.kind === 'alert' && e.advisory.requiresAck && !e.acknowledgedAt
        ? `${entryState(e)}, ack by ${shortTime(e.advisory.ackDeadline)}`
        : entryState(e),
      e.advisory.title,
    ]),
  );
}

/** One line per entry, for `inbox --watch` as entries arrive. */
export function inboxLine(e: InboxEntryView, colour: boolean): string {
  const ack = e.advisory.kind === 'alert' && e.advisory.requiresAck ? `, ack by ${shortTime(e.advisory.ackDeadline)}` : '';
  const what = `${e.advisory.kind} ${e.advisory.severity} from ${e.advisory.author.slug ?? '-'}: ${e.advisory.title}`;
  const matched = e.advisory.matched?.length ? `  you matched: ${e.advisory.matched.map(matchedText).join(' | ')}` : '';
  return `${shortTime(e.deliveredAt)}  ${tlpLabel(e.advisory.tlp, colour)}  ${what}  (entry ${e.id}${ack})${matched}`;
}

/** Under the inbox table: each targeted entry's match in the organisation's own register (issue 18). */
export function inboxMatches(entries: InboxEntryView[]): string[] {
  return entries.flatMap((e) => (e.advisory.matched ?? []).map((m) => `entry ${e.id} matched your register: ${matchedText(m)}`));
}

export function receiptsTable(receipts: ReceiptView[]): string[] {
  return table(
    ['organisation', 'delivered', 'read', 'acknowledged', 'escalated', 'webhook'],
    [...receipts]
      .sort((a, b) => (a.organisation.slug ?? '').localeCompare(b.organisation.slug ?? ''))
      .map((r) => [
        r.organisation.slug ?? r.organisation.id,
        shortTime(r.deliveredAt),
        shortTime(r.readAt),
        shortTime(r.acknowledgedAt),
        shortTime(r.escalatedAt),
        r.webhook ? `${r.webhook.state} (${r.webhook.attempts} tries)` : '-',
      ]),
  );
}

export function receiptsSummary(receipts: ReceiptView[], exposure?: ExposureView): string {
  const read = receipts.filter((r) => r.readAt).length;
  const acked = receipts.filter((r) => r.acknowledgedAt);
  const waiting = receipts.filter((r) => !r.acknowledgedAt).map((r) => r.organisation.slug ?? r.organisation.id);
  const summary = `${receipts.length} delivered, ${read} read, ${acked.length} acknowledged; not acknowledged: ${list(waiting.sort())}`;
  const unnamed = exposure?.unnamedReceipts;
  // issue 18: recipients found in registers the author may not read are counted, never named
  if (!unnamed?.delivered) return summary;
  return `${summary}; plus ${unnamed.delivered} not named (registers you may not read): ${unnamed.read} read, ${unnamed.acknowledged} acknowledged`;
}

/** What changed between two looks at the receipts, one line each (`alert receipts --watch`). */
export function receiptChanges(before: Map<string, ReceiptView>, after: ReceiptView[]): string[] {
  const lines: string[] = [];
  for (const r of after) {
    const who = r.organisation.slug ?? r.organisation.id;
    const was = before.get(r.organisation.id);
    if (!was) lines.push(`${shortTime(r.deliveredAt)}  ${who} delivered`);
    if (r.readAt && !was?.readAt) lines.push(`${shortTime(r.readAt)}  ${who} read`);
    if (r.acknowledgedAt && !was?.acknowledgedAt) lines.push(`${shortTime(r.acknowledgedAt)}  ${who} acknowledged`);
    if (r.escalatedAt && !was?.escalatedAt) lines.push(`${shortTime(r.escalatedAt)}  ${who} escalated (not acknowledged in time)`);
  }
  return lines;
}
