import { AuditLogService } from '@isac/audit';
import { ApiKeysService } from '@isac/organisations';
import { DataSource } from 'typeorm';
import { bearer } from '../factories/bearer.js';
import { type ApiHarness, startApi } from '../support/api-harness.js';

describe('audit log', () => {
  let hub: ApiHarness;
  beforeAll(async () => {
    hub = await startApi();
  });
  afterAll(() => hub.close());

  it('records only the reads the policy flags, shows them to the centre admin, and cannot be altered', async () => {
    const energyKey = await hub.key('energy', ['analyst']);
    const reader = (await hub.app.get(ApiKeysService).resolve(energyKey))!;
    const author = (await hub.app.get(ApiKeysService).resolve(await hub.key('health', ['analyst'])))!;
    const item = { kind: 'advisory', id: 'adv-1', tlp: 'TLP:AMBER', authorOrgId: author.organisation.id };
    await hub.app.get(AuditLogService).recordReads(
      reader,
      [
        { item, decision: { allowed: true, audited: true, reason: 'named recipient' } },
        { item: { ...item, id: 'adv-2', tlp: 'TLP:GREEN' }, decision: { allowed: true, audited: false, reason: 'network' } },
        { item: { ...item, id: 'adv-3' }, decision: { allowed: false, code: 'TLP.NOT_RECIPIENT', reason: 'no' } },
      ],
      'rest',
    );
    const centreAdmin = await hub.key('centre', ['admin']);
    const res = await hub.http.get('/api/v1/audit').set(bearer(centreAdmin)).expect(200);
    expect(res.body.entries).toEqual([
      expect.objectContaining({ itemKind: 'advisory', itemId: 'adv-1', tlp: 'TLP:AMBER', readerOrgId: reader.organisation.id, readerKeyPrefix: reader.keyPrefix, channel: 'rest' }),
    ]);
    await expect(hub.app.get(DataSource).query(`DELETE FROM audit_log`)).rejects.toThrow('append-only');
    await expect(hub.app.get(DataSource).query(`UPDATE audit_log SET tlp = 'TLP:CLEAR'`)).rejects.toThrow('append-only');
  });

  it('is refused to sector admins (403) and to keys without admin (403)', async () => {
    const sectorAdmin = await hub.key('energy', ['admin']);
    expect((await hub.http.get('/api/v1/audit').set(bearer(sectorAdmin)).expect(403)).body.code).toBe('AUDIT.FORBIDDEN');
    const centreAnalyst = await hub.key('centre', ['analyst']);
    expect((await hub.http.get('/api/v1/audit').set(bearer(centreAnalyst)).expect(403)).body.code).toBe('AUTH.ROLE_REQUIRED');
  });

  it('validates its query', async () => {
    const centreAdmin = await hub.key('centre', ['admin']);
    const res = await hub.http.get('/api/v1/audit?limit=9000&before=x!').set(bearer(centreAdmin)).expect(400);
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(['/before', '/limit']);
    // an entry id is not a cursor: cursors are sealed (sealed-cursors.e2e.spec.ts)
    const huge = await hub.http.get('/api/v1/audit?before=99999999999999999999').set(bearer(centreAdmin)).expect(400);
    expect(huge.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/before']);
  });
});
