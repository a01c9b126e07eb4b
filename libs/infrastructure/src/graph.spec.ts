import { dependencyGraph } from './graph.js';

describe('dependencyGraph', () => {
  const entries = [
    { id: '1', orgSlug: 'litware', name: 'SCADA', criticality: 'critical' as const, dependsOn: ['fabrikam', 'external:nordic cloud'] },
    { id: '2', orgSlug: 'adatum', name: 'Market', criticality: 'high' as const, dependsOn: ['fabrikam'] },
    { id: '3', orgSlug: 'adatum', name: 'Intranet', criticality: 'low' as const, dependsOn: ['external:nordic cloud'] },
    { id: '4', orgSlug: 'adatum', name: 'Billing', criticality: 'critical' as const, dependsOn: ['external:nordic cloud'] },
  ];

  it('has organisations, entries, providers and their edges', () => {
    const graph = dependencyGraph(entries);
    expect(graph.nodes.map((n) => n.id).sort()).toEqual(['entry:1', 'entry:2', 'entry:3', 'entry:4', 'external:nordic cloud', 'org:adatum', 'org:fabrikam', 'org:litware']);
    expect(graph.edges).toContainEqual({ from: 'entry:1', to: 'org:fabrikam', type: 'depends-on' });
    expect(graph.edges).toContainEqual({ from: 'org:litware', to: 'entry:1', type: 'holds' });
  });

  it('a provider high or critical entries of several organisations depend on is a single point of failure', () => {
    expect(dependencyGraph(entries).singlePointsOfFailure).toEqual([
      { provider: 'external:nordic cloud', criticalDependents: 2, organisations: ['adatum', 'litware'], entries: ['1', '4'] },
      { provider: 'fabrikam', criticalDependents: 2, organisations: ['adatum', 'litware'], entries: ['1', '2'] },
    ]);
    expect(dependencyGraph(entries, 3).singlePointsOfFailure).toEqual([]);
    // one organisation's own concentration is not the network's single point of failure
    expect(dependencyGraph(entries.filter((e) => e.orgSlug === 'adatum')).singlePointsOfFailure).toEqual([]);
  });
});
