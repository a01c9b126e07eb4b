// The dependency graph of the register entries a reader may read, and its single points of
// failure (issue 18). Pure: the caller has already filtered the entries through the TLP policy.
import type { Criticality } from './register.types.js';
import { EXTERNAL_PREFIX } from './register.types.js';

export interface GraphEntry {
  id: string;
  orgSlug: string;
  name: string;
  criticality: Criticality;
  dependsOn: readonly string[];
}

export interface DependencyGraph {
  nodes: { id: string; type: 'organisation' | 'external' | 'entry'; label: string; organisation?: string; criticality?: Criticality }[];
  edges: { from: string; to: string; type: 'holds' | 'depends-on' }[];
  singlePointsOfFailure: { provider: string; criticalDependents: number; organisations: string[]; entries: string[] }[];
}

/** Entries whose loss the network feels: critical and high ones count towards a single point of failure. */
const WEIGHTY: readonly Criticality[] = ['high', 'critical'];

const providerNode = (provider: string) => (provider.startsWith(EXTERNAL_PREFIX) ? `external:${provider.slice(EXTERNAL_PREFIX.length)}` : `org:${provider}`);

/**
 * Nodes: organisations, external suppliers, entries; edges: an organisation holds an entry, an
 * entry depends on a provider. A single point of failure is a provider that at least `threshold`
 * high or critical entries depend on, of at least two organisations (one organisation's own
 * concentration is its own register's business).
 */
export function dependencyGraph(entries: readonly GraphEntry[], threshold = 2): DependencyGraph {
  const nodes = new Map<string, DependencyGraph['nodes'][number]>();
  const edges: DependencyGraph['edges'] = [];
  const dependents = new Map<string, GraphEntry[]>();
  for (const entry of entries) {
    const org = `org:${entry.orgSlug}`;
    if (!nodes.has(org)) nodes.set(org, { id: org, type: 'organisation', label: entry.orgSlug });
    nodes.set(`entry:${entry.id}`, { id: `entry:${entry.id}`, type: 'entry', label: entry.name, organisation: entry.orgSlug, criticality: entry.criticality });
    edges.push({ from: org, to: `entry:${entry.id}`, type: 'holds' });
    for (const provider of entry.dependsOn) {
      const node = providerNode(provider);
      if (!nodes.has(node)) {
        const external = provider.startsWith(EXTERNAL_PREFIX);
        nodes.set(node, { id: node, type: external ? 'external' : 'organisation', label: external ? provider.slice(EXTERNAL_PREFIX.length) : provider });
      }
      edges.push({ from: `entry:${entry.id}`, to: node, type: 'depends-on' });
      if (WEIGHTY.includes(entry.criticality)) dependents.set(provider, [...(dependents.get(provider) ?? []), entry]);
    }
  }
  const singlePointsOfFailure = [...dependents]
    .map(([provider, deps]) => ({
      provider,
      criticalDependents: deps.length,
      organisations: [...new Set(deps.map((d) => d.orgSlug))].sort(),
      entries: deps.map((d) => d.id),
    }))
    .filter((s) => s.criticalDependents >= threshold && s.organisations.length >= 2)
    .sort((a, b) => b.criticalDependents - a.criticalDependents || a.provider.localeCompare(b.provider));
  return { nodes: [...nodes.values()], edges, singlePointsOfFailure };
}
