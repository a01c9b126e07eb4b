// Issue 18 in a real browser: the centre turns a case's affected products and providers into a
// targeted alert in one step ("Warn the exposed" on the case page, the alert form prefilled); the
// exposed member's inbox says what of its own register matched, another member's says nothing; and an
// author whose receipts may not name a matched organisation sees it counted on the receipt board.
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { incidentBundle } from '../factories/stix-bundles.js';
import { launchBrowser, withScreenshotOnFailure } from '../support/browser.js';
import { signIn, startConsoleHub, type ConsoleHub } from '../support/console-hub.js';

const IVANTI = (version: string) => `cpe:2.3:a:ivanti:connect_secure:${version}:*:*:*:*:*:*:*`;
const ANY_IVANTI = IVANTI('*');
const GATEWAY = (version: string) => `cpe:2.3:a:testvendor:substation_gateway:${version}:*:*:*:*:*:*:*`;

describe('console: targeted warnings', () => {
  let hub: ConsoleHub;
  let browser: Browser;
  const keys: Record<string, string> = {};
  const pages: Page[] = [];
  let caseId: string;
  const as = async (org: string) => {
    const page = await signIn(browser, hub.baseUrl, keys[org]);
    pages.push(page);
    return page;
  };
  const add = async (org: string, body: Record<string, unknown>) => expect((await hub.api(keys[org], 'POST', '/api/v1/infrastructure', body)).status).toBe(201);

  beforeAll(async () => {
    hub = await startConsoleHub();
    for (const org of ['centre', 'health', 'litware', 'adatum', 'northwind-power', 'lamna-hospital']) keys[org] = await hub.key(org, ['analyst']);
    keys.reporter = await hub.key('energy', ['reporter']);
    await add('litware', { name: 'Grid control remote access', kind: 'ot', criticality: 'critical', products: [IVANTI('22.7r2.3')] });
    await add('adatum', { name: 'Market VPN', kind: 'network', criticality: 'critical', products: [IVANTI('22.7r2.10')] });
    await add('lamna-hospital', { name: 'Patient portal', kind: 'service', criticality: 'high', dependsOn: ['external:Example Cloud'] });
    const affected = {
      x_isac_affected_products: [{ cpe: ANY_IVANTI, versionEndExcluding: '22.7R2.5' }],
      x_isac_affected_providers: ['external:Example Cloud'],
    };
    const bundle = incidentBundle({ tlp: 'TLP:AMBER', extra: { name: 'VPN and cloud compromise', x_isac_aware_at: new Date().toISOString(), ...affected } });
    const filed = await hub.api(keys.reporter, 'POST', '/api/v1/incidents', bundle);
    expect(filed.status).toBe(201);
    caseId = filed.body.id;
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  it('"Warn the exposed" on a case opens the alert form with its products and providers; the alert reaches exactly the exposed', async () => {
    const page = await as('centre');
    await withScreenshotOnFailure(page, 'console-warn-exposed', async () => {
      await page.goto(`${hub.baseUrl}/#/incidents/${caseId}`);
      await page.locator('#case-exposed').waitFor();
      await expect(page.locator('#case-exposed').innerText()).resolves.toContain(`${ANY_IVANTI} before 22.7R2.5`);
      await page.click('#warn-exposed');
      await page.locator('#alert-form').waitFor();
      await expect(page.locator('#aud-products').inputValue()).resolves.toBe(`${ANY_IVANTI} before 22.7R2.5`);
      await expect(page.locator('#aud-depends-on').inputValue()).resolves.toBe('external:Example Cloud');
      await expect(page.locator('#alert-title').inputValue()).resolves.toBe('Exposed to: VPN and cloud compromise');
      await expect(page.locator('#alert-reach').innerText()).resolves.toContain('whoever depends on external:Example Cloud');
      await page.fill('#alert-body', 'Patch Connect Secure to 22.7R2.5; check your Example Cloud tenants.');
      await page.click('#alert-form button[type=submit]');
      await page.waitForURL(/#\/advisories\/[0-9a-f-]{36}$/);
      await page.locator('#receipt-board tr[data-recipient="litware"]').waitFor({ timeout: 20_000 });
      await page.locator('#receipt-board tr[data-recipient="lamna-hospital"]').waitFor();
      const shown = await page
        .locator('#receipt-board tbody tr[data-recipient]')
        .evaluateAll((rows) => rows.map((r) => (r as unknown as { dataset: { recipient: string } }).dataset.recipient).sort());
      expect(shown).toEqual(['energy', 'health', 'lamna-hospital', 'litware']);
      await expect(page.locator('#receipt-unnamed').isHidden()).resolves.toBe(true);
    });
  });

  it("the exposed member's inbox says what of its own register matched; another member's says nothing of it", async () => {
    const litware = await as('litware');
    await withScreenshotOnFailure(litware, 'console-inbox-matched', async () => {
      await litware.locator('[data-matched]').waitFor();
      await expect(litware.locator('[data-matched]').innerText()).resolves.toBe(`Matched your register: Grid control remote access runs ${IVANTI('22.7r2.3')}`);
    });
    // lamna-hospital got the alert for its provider: its inbox names its own entry only
    const lamna = await as('lamna-hospital');
    await lamna.locator('[data-matched]').waitFor();
    await expect(lamna.locator('[data-matched]').innerText()).resolves.toBe('Matched your register: Patient portal depends on external:example cloud');
    await expect(lamna.locator('main').innerText()).resolves.not.toMatch(/Grid control|litware/);
    // adatum (energy, AMBER is its to read through its unit) matched nothing and learns nothing of who did
    const seen = await hub.api(keys.adatum, 'GET', '/api/v1/advisories?kind=alert');
    expect(seen.body.advisories).toHaveLength(1);
    expect(JSON.stringify(seen.body)).not.toMatch(/Grid control|litware|Patient portal|matched/);
  });

  it('the receipt board counts a recipient whose register the author may not read, and names it nowhere', async () => {
    // northwind-power registered under energy, then the network moves it to health: its entry stays addressed to energy
    await add('northwind-power', { name: 'Substation gateway', kind: 'ot', criticality: 'critical', products: [GATEWAY('5.2')], tlp: 'TLP:RED' });
    const db = new pg.Client({ connectionString: hub.env.config.DATABASE_URL });
    await db.connect();
    try {
      await db.query(
        `UPDATE organisations SET sector = 'health', parent_id = (SELECT id FROM organisations WHERE slug = 'health'), updated_at = now()
          WHERE slug = 'northwind-power'`,
      );
    } finally {
      await db.end();
    }
    // the hub's processes keep the network a few seconds
    await new Promise((r) => setTimeout(r, 5_500));
    const published = await hub.api(keys.health, 'POST', '/api/v1/advisories', {
      title: 'Gateway before 6.0',
      body: 'Patch.',
      severity: 'high',
      tlp: 'TLP:AMBER',
      audience: { products: [{ cpe: GATEWAY('*'), versionEndExcluding: '6.0' }] },
    });
    expect(published.status).toBe(201);
    const page = await as('health');
    await withScreenshotOnFailure(page, 'console-receipts-counted', async () => {
      await page.goto(`${hub.baseUrl}/#/advisories/${published.body.id}`);
      await page.locator('#receipt-unnamed:not([hidden])').waitFor({ timeout: 20_000 });
      await expect(page.locator('#receipt-unnamed').innerText()).resolves.toBe('Plus 1 not named (registers you may not read): 0 read · 0 acknowledged.');
      await expect(page.locator('main').innerText()).resolves.not.toMatch(/northwind|Substation gateway/i);
    });
  });
});
