// DESIGN §2 ownership as a property of the store on PostgreSQL: whatever several organisations
// file or push, in whatever order and with whatever markings, what a reader gets of an
// organisation's object is exactly what that organisation last stored of it — never another's.
import fc from 'fast-check';
import type { Principal } from '@isac/auth';
import { TLP2_MARKING_IDS, type TlpLabel } from '@isac/stix';
import { StixStoreService } from '@isac/stix-store';
import { canRead, parseTlpLabel, type Network } from '@isac/tlp';
import { UnitOfWork } from '@isac/unit-of-work';
import type { DataSource } from 'typeorm';
import { newToolId, tool } from '../factories/stix-bundles.js';
import { startIncidents, type IncidentsHarness } from '../support/incidents-harness.js';

const ORGS = ['energy', 'litware', 'centre', 'health', 'telecom'] as const;
const LABELS: TlpLabel[] = ['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED'];

interface Write {
  writer: (typeof ORGS)[number];
  id: number;
  day: number;
  tlp: TlpLabel;
  /** the recipients: the writer's sector unit and the centre, or one other organisation */
  to: (typeof ORGS)[number];
}

describe('ownership as a property: interleaved writes of several organisations', () => {
  let hub: IncidentsHarness;
  let store: StixStoreService;
  let db: DataSource;
  const principals = {} as Record<(typeof ORGS)[number], Principal>;

  beforeAll(async () => {
    hub = await startIncidents();
    for (const slug of ORGS) principals[slug] = hub.principal(slug, ['analyst']);
    store = hub.module.get(StixStoreService);
    db = hub.db;
  });
  afterAll(() => hub.close());

  const writeArb = fc.record({
    writer: fc.constantFrom(...ORGS),
    id: fc.integer({ min: 0, max: 2 }),
    day: fc.integer({ min: 1, max: 9 }),
    tlp: fc.constantFrom(...LABELS),
    to: fc.constantFrom(...ORGS),
  });

  it('what a reader sees of an owner\'s object is the owner\'s latest stored version, whoever else wrote the id', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(writeArb, { minLength: 2, maxLength: 12 }), async (writes: Write[]) => {
        const ids = [newToolId(), newToolId(), newToolId()];
        /** per owner and id: the content of its latest stored version */
        const latest = new Map<string, Record<string, unknown>>();
        const orgId = (slug: (typeof ORGS)[number]) => principals[slug].organisation.id;
        for (const w of writes) {
          const obj = tool(ids[w.id], `2026-01-0${w.day}T00:00:00.000Z`, { name: `${w.writer} day ${w.day} ${w.tlp}`, object_marking_refs: [TLP2_MARKING_IDS[w.tlp]] });
          const recipients = [...new Set([orgId('centre'), orgId(w.to)])];
          const stored = await hub.module.get(UnitOfWork).run(async () => {
            const checked = await store.checkForStorage([obj], { orgId: orgId(w.writer) });
            if (checked.problems.length > 0) return false;
            await store.store([obj], { authorOrgId: orgId(w.writer), recipientOrgIds: recipients, tlp: undefined }, checked);
            return true;
          });
          const key = `${w.writer} ${w.id}`;
          const held = latest.get(key);
          // a version of one's own id is never refused here (different content of a held version aside)
          if (stored && (held === undefined || (held.modified as string) < (obj.modified as string))) latest.set(key, obj);
        }
        const network: Network = hub.network;
        for (const owner of ORGS) {
          for (const reader of ORGS) {
            const seen = await store.readCurrent(ids, orgId(owner), principals[reader]);
            for (const [i, id] of ids.entries()) {
              const expected = latest.get(`${owner} ${i}`);
              const got = seen.find((r) => r.object.id === id);
              if (expected === undefined) {
                expect(got).toBeUndefined();
                continue;
              }
              const tlp = parseTlpLabel((expected.name as string).split(' ').pop()!);
              const recipients = (await db.query(`SELECT recipient_org_ids FROM stix_objects WHERE stix_id = $1 AND author_org_id = $2 AND is_current`, [id, orgId(owner)]))[0]
                .recipient_org_ids as string[];
              const readable = canRead({ tlp, authorOrgId: orgId(owner), recipientOrgIds: recipients, kind: 'stix' }, { orgId: orgId(reader) }, network).allowed;
              // the owner's own latest version, to exactly those its marking lets read it
              expect(got?.object ?? null).toEqual(readable ? expected : null);
            }
          }
        }
      }),
      { numRuns: 25 },
    );
  });
});
