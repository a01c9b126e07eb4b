import type { HubClient } from '../http-client.js';
import { CliError, EXIT, usageError } from '../exit-codes.js';

/** a whole id, as the hub prints them */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** pages of a list looked through for a prefix */
const MAX_PAGES = 50;

/** The one id among `ids` that starts with `prefix`; undefined for none, the matches when several do. */
export function matchPrefix(prefix: string, ids: readonly string[]): { id: string } | { none: true } | { ambiguous: string[] } {
  const wanted = prefix.toLowerCase();
  const matches = [...new Set(ids.filter((id) => id.toLowerCase().startsWith(wanted)))];
  if (matches.length === 1) return { id: matches[0] };
  return matches.length === 0 ? { none: true } : { ambiguous: matches };
}

/** What a prefix is looked up among: one page of ids of a list the caller may read, and the next page's cursor. */
export type IdPages = (cursor: string | undefined) => Promise<{ ids: string[]; next: string | null }>;

/**
 * An id given whole or as an unambiguous prefix among the ids `pages` lists (what the caller may
 * list anyway: the hub is asked for nothing else). `what` names the kind in messages ("case").
 */
export async function resolveId(ref: string, what: string, pages: IdPages): Promise<string> {
  if (UUID.test(ref)) return ref;
  if (!/^[0-9a-f-]{1,36}$/i.test(ref)) throw usageError(`"${ref}" is not ${/^[aeiou]/.test(what) ? 'an' : 'a'} ${what} id or the start of one`);
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await pages(cursor);
    ids.push(...answer.ids);
    if (!answer.next) break;
    cursor = answer.next;
  }
  const found = matchPrefix(ref, ids);
  if ('id' in found) return found.id;
  if ('none' in found) throw new CliError(EXIT.REJECTED, [`error: no ${what} you may read starts with ${ref}`]);
  throw usageError(
    `${ref} names ${found.ambiguous.length} ${what === 'inbox entry' ? 'inbox entries' : `${what}s`} ` +
      `(${found.ambiguous.slice(0, 5).join(', ')}${found.ambiguous.length > 5 ? ', …' : ''}); give more of the id`,
  );
}

/** A case by id or prefix, among the cases the caller may list (open and closed). */
export function resolveCaseId(hub: HubClient, ref: string): Promise<string> {
  return resolveId(ref, 'case', async (cursor) => {
    const answer = await hub.get<{ cases: { id: string }[]; next: string | null }>('/api/v1/incidents', { state: 'all', limit: 200, cursor });
    return { ids: answer.cases.map((c) => c.id), next: answer.next };
  });
}

/** An advisory or alert by id or prefix, among those the caller may list. */
export function resolveAdvisoryId(hub: HubClient, ref: string, kind?: 'alert'): Promise<string> {
  return resolveId(ref, kind ?? 'advisory', async (cursor) => {
    const answer = await hub.get<{ advisories: { id: string }[]; next: string | null }>('/api/v1/advisories', { kind, limit: 200, cursor });
    return { ids: answer.advisories.map((a) => a.id), next: answer.next };
  });
}

/** An entry of the caller's inbox by id (its advisory's) or prefix, among the entries of that inbox. */
export function resolveEntryId(hub: HubClient, ref: string): Promise<string> {
  return resolveId(ref, 'inbox entry', async (cursor) => {
    const answer = await hub.get<{ entries: { id: string }[]; next: string | null }>('/api/v1/inbox', { limit: 200, cursor });
    return { ids: answer.entries.map((e) => e.id), next: answer.next };
  });
}

/** A meeting by id or prefix, among the meetings the caller's organisation coordinates or takes part in (the 500 latest). */
export function resolveMeetingId(hub: HubClient, ref: string): Promise<string> {
  return resolveId(ref, 'meeting', async () => {
    const answer = await hub.get<{ meetings: { id: string }[] }>('/api/v1/meetings');
    return { ids: answer.meetings.map((m) => m.id), next: null };
  });
}
