import type { NetworkDirectory, NetworkSnapshot } from '@isac/organisations';

/**
 * The directory, reloaded once if it does not know every one of `orgIds`. Each process keeps its
 * copy a few seconds; an organisation added meanwhile in another process (the API, which froze it
 * into an advisory's recipients or forwarded to it) would otherwise be refused by the TLP policy
 * as not in the network, and get nothing. Organisations are never removed, so an unknown id means
 * a stale copy, and the reload happens at most once per organisation added.
 */
export async function networkKnowing(directory: NetworkDirectory, orgIds: Iterable<string>): Promise<NetworkSnapshot> {
  const network = await directory.network();
  for (const id of orgIds) {
    if (!network.byId(id)) {
      directory.invalidate();
      return directory.network();
    }
  }
  return network;
}
