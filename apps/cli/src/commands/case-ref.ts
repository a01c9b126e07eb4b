import type { HubClient } from '../http-client.js';
import { CliError, EXIT, usageError } from '../exit-codes.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** pages of the list looked through for a prefix: 200 cases each */
const MAX_PAGES = 50;

/** The one id among `ids` that starts with `prefix`; undefined for none, the matches when several do. */
export function matchPrefix(prefix: string, ids: readonly string[]): { id: string } | { none: true } | { ambiguous: string[] } {
  const wanted = prefix.toLowerCase();
  const matches = [...new Set(ids.filter((id) => id.toLowerCase().startsWith(wanted)))];
  if (matches.length === 1) return { id: matches[0] };
  return matches.length === 0 ? { none: true } : { ambiguous: matches };
}

/**
 * A case named by its id or an unambiguous prefix of it, among the cases the caller may list (open
 * and closed): the hub is asked for nothing the caller could not list anyway.
 */
export async function resolveCaseId(hub: HubClient, ref: string): Promise<string> {
  if (UUID.test(ref)) return ref;
  if (!/^[0-9a-f-]{1,36}$/i.test(ref)) throw usageError(`"${ref}" is not a case id or the start of one`);
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await hub.get<{ cases: { id: string }[]; next: string | null }>('/api/v1/incidents', { state: 'all', limit: 200, cursor });
    ids.push(...answer.cases.map((c) => c.id));
    if (!answer.next) break;
    cursor = answer.next;
  }
  const found = matchPrefix(ref, ids);
  if ('id' in found) return found.id;
  if ('none' in found) throw new CliError(EXIT.REJECTED, [`error: no case you may read starts with ${ref}`]);
  throw usageError(`${ref} names ${found.ambiguous.length} cases (${found.ambiguous.slice(0, 5).join(', ')}${found.ambiguous.length > 5 ? ', …' : ''}); give more of the id`);
}
