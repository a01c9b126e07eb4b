import { verifyWebhookSignature } from '@isac/advisories';
import { bearer } from '../factories/bearer.js';
import { advisoryRequest } from '../factories/advisories.js';
import { startAdvisoryHub, startReceiver, type AdvisoryHub } from '../support/advisories-harness.js';

// The relations of the issue, from the author's (energy) view of an advisory named to health.
const RELATIONS = {
  author: 'energy',
  namedRecipient: 'health',
  memberOfRecipient: 'lamna-hospital',
  otherSectorUnit: 'finance',
  centreNotNamed: 'centre',
  memberOfOtherSector: 'proseware',
} as const;
type Relation = keyof typeof RELATIONS;
const ALL = Object.keys(RELATIONS) as Relation[];

// DESIGN §2 written out by hand (not derived from the policy), so the test can disagree with it.
const READERS: Record<string, Relation[]> = {
  'TLP:CLEAR': ALL,
  'TLP:GREEN': ALL,
  'TLP:AMBER': ['author', 'namedRecipient', 'memberOfRecipient'],
  'TLP:AMBER+STRICT': ['author', 'namedRecipient'],
  'TLP:RED': ['author', 'namedRecipient'],
};
const FORWARD_TO_MEMBER: Record<string, number> = { 'TLP:CLEAR': 200, 'TLP:GREEN': 200, 'TLP:AMBER': 200, 'TLP:AMBER+STRICT': 403, 'TLP:RED': 403 };
const FORWARD_TO_OTHER_SECTOR: Record<string, number> = { 'TLP:CLEAR': 200, 'TLP:GREEN': 200, 'TLP:AMBER': 403, 'TLP:AMBER+STRICT': 403, 'TLP:RED': 403 };
const SECRET = 'matrix-secret-0123456789';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

describe('the TLP matrix end to end: inbox, GET, list, forward and webhook', () => {
  let hub: AdvisoryHub;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const keys = {} as Record<Relation, string>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    hub = await startAdvisoryHub();
    receiver = await startReceiver();
    const centreAdmin = await hub.key('centre', ['admin']);
    for (const relation of ALL) {
      keys[relation] = await hub.key(RELATIONS[relation], ['analyst']);
      await hub.http.put(`/api/v1/organisations/${RELATIONS[relation]}/webhook`).set(bearer(centreAdmin)).send({ url: receiver.url(`/hook/${RELATIONS[relation]}`), secret: SECRET }).expect(200);
    }
    for (const tlp of Object.keys(READERS)) {
      const res = await hub.http.post('/api/v1/advisories').set(bearer(keys.author)).send(advisoryRequest({ title: `matrix ${tlp}`, tlp, audience: { organisations: ['health'] } })).expect(201);
      ids[tlp] = res.body.id;
    }
    for (const id of Object.values(ids)) {
      await hub.until(`routing and push of ${id}`, async () => {
        const [row] = await hub.db.query(`SELECT a.routed_at, bool_and(d.webhook_state = 'delivered') AS pushed FROM advisories a LEFT JOIN deliveries d ON d.advisory_id = a.id WHERE a.id = $1 GROUP BY a.routed_at`, [id]);
        return row?.routed_at != null && row.pushed === true;
      });
    }
  });
  afterAll(async () => {
    await hub.close();
    await receiver.close();
  });

  it.each(Object.keys(READERS))('%s: exactly one inbox entry for the named recipient, none for anyone else', async (tlp) => {
    const counts = await hub.inboxCount(ids[tlp]);
    expect(Object.fromEntries(counts)).toEqual({ health: 1 });
    for (const relation of ALL) {
      const inbox = (await hub.http.get('/api/v1/inbox?limit=200').set(bearer(keys[relation])).expect(200)).body.entries;
      expect(inbox.filter((e: { advisory: { id: string } }) => e.advisory.id === ids[tlp])).toHaveLength(relation === 'namedRecipient' ? 1 : 0);
    }
  });

  it.each(Object.keys(READERS))('%s: GET and list answer each relation as the policy says', async (tlp) => {
    for (const relation of ALL) {
      const reads = READERS[tlp].includes(relation);
      const res = await hub.http.get(`/api/v1/advisories/${ids[tlp]}`).set(bearer(keys[relation]));
      expect({ relation, status: res.status }).toEqual({ relation, status: reads ? 200 : 404 });
      if (!reads) {
        // DESIGN §2 "No oracle": answered as an advisory that does not exist (unreadable-is-missing.e2e.spec.ts)
        expect(res.body).toMatchObject({ code: 'ADVISORY.NOT_FOUND', detail: `No advisory ${ids[tlp]}.` });
        expect(JSON.stringify(res.body)).not.toContain(`matrix ${tlp}`);
      }
      const listed = (await hub.http.get(`/api/v1/advisories?author=energy&limit=200`).set(bearer(keys[relation])).expect(200)).body.advisories.map((a: { id: string }) => a.id);
      expect({ relation, listed: listed.includes(ids[tlp]) }).toEqual({ relation, listed: reads });
    }
    const anonymous = await hub.http.get(`/api/v1/advisories/${ids[tlp]}`).expect(401);
    expect(anonymous.body.code).toBe('AUTH.UNAUTHENTICATED');
    expect((await hub.http.get('/api/v1/inbox').expect(401)).body.code).toBe('AUTH.UNAUTHENTICATED');
  });

  it.each(Object.keys(READERS))('%s: forwarding only within the rule', async (tlp) => {
    const toMember = await hub.http.post(`/api/v1/advisories/${ids[tlp]}/forward`).set(bearer(keys.namedRecipient)).send({ organisations: ['lamna-hospital'] });
    expect(toMember.status).toBe(FORWARD_TO_MEMBER[tlp]);
    if (toMember.status === 403) expect(toMember.body).toMatchObject({ code: 'ADVISORY.TLP_VIOLATION', errors: [{ pointer: '/organisations/0', code: 'TLP.NEVER_FORWARDED' }] });
    const toOther = await hub.http.post(`/api/v1/advisories/${ids[tlp]}/forward`).set(bearer(keys.namedRecipient)).send({ organisations: ['proseware'] });
    expect(toOther.status).toBe(FORWARD_TO_OTHER_SECTOR[tlp]);
    if (tlp === 'TLP:AMBER') {
      expect(toOther.body.errors[0]).toMatchObject({ code: 'TLP.FORWARD_OUTSIDE_MEMBERS', detail: "TLP:AMBER may only be forwarded to the forwarder's own members; proseware is not a member of health." });
      expect([toOther.body.detail, ...toOther.body.errors.map((e: { detail: string }) => e.detail)].join(' ')).not.toMatch(UUID);
    }
    // a second forward of the same advisory to the same organisation adds nothing
    if (toMember.status === 200) {
      const again = await hub.http.post(`/api/v1/advisories/${ids[tlp]}/forward`).set(bearer(keys.namedRecipient)).send({ organisations: ['lamna-hospital'] }).expect(200);
      expect(again.body.newDeliveries).toBe(0);
    }
    const counts = Object.fromEntries(await hub.inboxCount(ids[tlp]));
    expect(counts).toEqual({
      health: 1,
      ...(FORWARD_TO_MEMBER[tlp] === 200 ? { 'lamna-hospital': 1 } : {}),
      ...(FORWARD_TO_OTHER_SECTOR[tlp] === 200 ? { proseware: 1 } : {}),
    });
    if (FORWARD_TO_MEMBER[tlp] === 200) {
      const entry = (await hub.http.get('/api/v1/inbox?limit=200').set(bearer(keys.memberOfRecipient))).body.entries.find((e: { advisory: { id: string } }) => e.advisory.id === ids[tlp]);
      expect(entry.forwardedBy.slug).toBe('health');
    }
  });

  it('refuses forwards by organisations that may not read the item, and forwards of unknown advisories', async () => {
    const res = await hub.http.post(`/api/v1/advisories/${ids['TLP:AMBER']}/forward`).set(bearer(keys.otherSectorUnit)).send({ organisations: ['proseware'] }).expect(404);
    expect(res.body).toMatchObject({ code: 'ADVISORY.NOT_FOUND' });
    const unknownTarget = await hub.http.post(`/api/v1/advisories/${ids['TLP:GREEN']}/forward`).set(bearer(keys.namedRecipient)).send({ organisations: ['atlantis'] }).expect(403);
    expect(unknownTarget.body.errors[0]).toMatchObject({ pointer: '/organisations/0', code: 'ORG.NOT_FOUND' });
    await hub.http.post(`/api/v1/advisories/00000000-0000-4000-8000-000000000000/forward`).set(bearer(keys.namedRecipient)).send({ organisations: ['proseware'] }).expect(404);
    const empty = await hub.http.post(`/api/v1/advisories/${ids['TLP:GREEN']}/forward`).set(bearer(keys.namedRecipient)).send({ organisations: [] }).expect(400);
    expect(empty.body.errors[0].pointer).toBe('/organisations');
  });

  it('pushes signed webhooks only to organisations the policy lets read, once per inbox entry', async () => {
    await hub.until('forwarded pushes', async () => {
      const [row] = await hub.db.query(`SELECT count(*) FILTER (WHERE webhook_state = 'pending')::int AS n FROM deliveries`);
      return row.n === 0;
    });
    const bySlug = new Map<string, string[]>();
    for (const push of receiver.received) {
      expect(verifyWebhookSignature(SECRET, push.signature, push.body, Math.floor(Date.now() / 1000))).toBe(true);
      const slug = push.path.replace('/hook/', '');
      bySlug.set(slug, [...(bySlug.get(slug) ?? []), JSON.parse(push.body).advisory.tlp]);
    }
    const sorted = (xs: string[] | undefined) => [...(xs ?? [])].sort();
    expect(sorted(bySlug.get('health'))).toEqual(sorted(Object.keys(READERS)));
    expect(sorted(bySlug.get('lamna-hospital'))).toEqual(['TLP:AMBER', 'TLP:CLEAR', 'TLP:GREEN']);
    expect(sorted(bySlug.get('proseware'))).toEqual(['TLP:CLEAR', 'TLP:GREEN']);
    for (const excluded of ['energy', 'finance', 'centre']) expect(bySlug.get(excluded)).toBeUndefined();
  });

  it('never left an inbox entry with an organisation the policy excludes', async () => {
    const rows: { slug: string; tlp: string }[] = await hub.db.query(`SELECT o.slug, a.tlp FROM deliveries d JOIN advisories a ON a.id = d.advisory_id JOIN organisations o ON o.id = d.org_id`);
    const slugToRelation = new Map(ALL.map((r) => [RELATIONS[r] as string, r]));
    for (const row of rows) expect({ row, allowed: READERS[row.tlp].includes(slugToRelation.get(row.slug)!) }).toEqual({ row, allowed: true });
  });

  it('writes reads of AMBER and stricter by other organisations to the audit log', async () => {
    const rows: { channel: string; tlp: string }[] = await hub.db.query(`SELECT channel, tlp FROM audit_log WHERE item_id = $1`, [ids['TLP:RED']]);
    expect(new Set(rows.map((r) => r.channel))).toEqual(new Set(['inbox', 'rest', 'webhook']));
    expect((await hub.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE item_id = $1`, [ids['TLP:GREEN']]))[0].n).toBe(0);
  });
});
