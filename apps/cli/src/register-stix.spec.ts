import { entriesFromBundle } from './register-stix.js';

const AMBER = 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421';
const RED_TLP1 = 'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed';
const T = '2026-12-01T00:00:00.000Z';
const common = { spec_version: '2.1', created: T, modified: T };

const bundle = (objects: object[]) => ({ type: 'bundle', id: 'bundle--6b1c2f0e-0000-4000-8000-000000000001', objects });
const infra = (n: number, extra: object = {}) => ({ type: 'infrastructure', id: `infrastructure--00000000-0000-4000-8000-00000000000${n}`, ...common, name: `Service ${n}`, ...extra });
const software = (n: number, cpe?: string) => ({ type: 'software', id: `software--00000000-0000-4000-8000-00000000000${n}`, spec_version: '2.1', name: `sw ${n}`, ...(cpe ? { cpe } : {}) });
const identity = (n: number, extra: object) => ({ type: 'identity', id: `identity--00000000-0000-4000-8000-00000000000${n}`, ...common, identity_class: 'organization', ...extra });
const rel = (type: string, source: { id: string }, target: { id: string }) => ({ type: 'relationship', id: `relationship--${source.id.slice(-12)}-${target.id.slice(-12)}`, ...common, relationship_type: type, source_ref: source.id, target_ref: target.id });

describe('register from a STIX bundle', () => {
  it('infrastructure objects become entries: consists-of software gives products, related-to identities providers, markings the TLP', () => {
    const grid = infra(1, { x_isac_kind: 'ot', x_isac_criticality: 'critical', object_marking_refs: [AMBER, RED_TLP1] });
    const mail = infra(2, { x_isac_criticality: 'low' });
    const vpn = software(3, 'cpe:2.3:a:ivanti:connect_secure:22.7r2.3:*:*:*:*:*:*:*');
    const fabrikam = identity(4, { name: 'Fabrikam Mobile', x_isac_slug: 'fabrikam' });
    const cloud = identity(5, { name: 'Example Cloud' });
    const entries = entriesFromBundle(bundle([grid, mail, vpn, fabrikam, cloud, rel('consists-of', grid, vpn), rel('related-to', grid, fabrikam), rel('related-to', grid, cloud), rel('related-to', mail, cloud)]));
    expect(entries).toEqual([
      {
        source: grid.id,
        body: { name: 'Service 1', kind: 'ot', criticality: 'critical', products: [vpn.cpe], dependsOn: ['fabrikam', 'external:Example Cloud'], tlp: 'TLP:RED' },
      },
      { source: mail.id, body: { name: 'Service 2', kind: 'service', criticality: 'low', dependsOn: ['external:Example Cloud'] } },
    ]);
  });

  it('refuses software without a cpe, or a bundle without infrastructure, as wrong usage', () => {
    const grid = infra(1, { x_isac_criticality: 'high' });
    const nameless = software(2);
    expect(() => entriesFromBundle(bundle([grid, nameless, rel('consists-of', grid, nameless)]))).toThrow(/software--.* has no cpe/);
    expect(() => entriesFromBundle(bundle([software(3, 'cpe:2.3:a:x:y:1:*:*:*:*:*:*:*')]))).toThrow(/no infrastructure object/);
    expect(() => entriesFromBundle({ type: 'bundle' })).toThrow(/no "objects" list/);
  });
});
