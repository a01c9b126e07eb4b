// Issue 18 in a real browser: a member's analyst keeps its register (adds, is told what is wrong
// beside the field, changes, removes); the sector unit and the centre see the overview and the
// dependency graph (SVG with title, description and data tables); each sees only what TLP allows.
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, withScreenshotOnFailure } from '../support/browser.js';
import { readmeShot, signIn, startConsoleHub, type ConsoleHub } from '../support/console-hub.js';

const entry = (name: string, more: Record<string, unknown>) => ({ name, kind: 'system', criticality: 'critical', ...more });

describe('console: registers, overview and dependency graph', () => {
  let hub: ConsoleHub;
  let browser: Browser;
  const keys: Record<string, string> = {};
  const pages: Page[] = [];
  const as = async (org: string) => {
    const page = await signIn(browser, hub.baseUrl, keys[org]);
    pages.push(page);
    return page;
  };
  const rows = (page: Page, table: string) => page.locator(`${table} tbody tr th`).allInnerTexts();
  const listed = async (org: string) => ((await hub.api(keys[org], 'GET', '/api/v1/infrastructure')).body.entries as { name: string; criticality: string }[]);

  beforeAll(async () => {
    hub = await startConsoleHub();
    for (const org of ['centre', 'energy', 'health', 'litware', 'adatum', 'lamna-hospital', 'northwind-power', 'proseware']) keys[org] = await hub.key(org, ['analyst']);
    const add = async (org: string, body: Record<string, unknown>) => expect((await hub.api(keys[org], 'POST', '/api/v1/infrastructure', body)).status).toBe(201);
    await add('adatum', entry('Market VPN', { kind: 'network', dependsOn: ['fabrikam'], tlp: 'TLP:RED' }));
    await add('adatum', entry('Substation telemetry', { kind: 'ot', dependsOn: ['fabrikam'] }));
    await add('lamna-hospital', entry('Patient records', { dependsOn: ['northwind-power', 'external:Example Cloud'] }));
    await add('northwind-power', entry('Metering hub', { kind: 'cloud', criticality: 'high', dependsOn: ['external:Example Cloud'], tlp: 'TLP:GREEN' }));
    await add('proseware', entry('Clearing engine', { kind: 'service', dependsOn: ['fabrikam'], tlp: 'TLP:GREEN' }));
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  it("a member's analyst adds an entry, fixes what the hub refuses beside the field, changes and removes entries", async () => {
    const page = await as('litware');
    await withScreenshotOnFailure(page, 'console-register-edit', async () => {
      await page.getByRole('link', { name: 'Register' }).click();
      await page.locator('#register-empty').waitFor();
      await page.fill('#reg-name', 'Grid control remote access');
      await page.selectOption('#reg-kind', 'ot');
      await page.selectOption('#reg-criticality', 'critical');
      await page.fill('#reg-products', 'cpe:2.3:a:examplesoft');
      await page.fill('#reg-depends', 'fabrikam, external:Example Cloud');
      // the sensitive default, explained
      await expect(page.locator('#reg-tlp').inputValue()).resolves.toBe('TLP:AMBER+STRICT');
      await expect(page.locator('#reg-tlp-explain').innerText()).resolves.toContain('centre and your sector unit');
      await page.click('#register-form button[type=submit]');
      await page.locator('#reg-products-error:not([hidden])').waitFor();
      await expect(page.locator('#reg-products-error').innerText()).resolves.toContain('is not a CPE 2.3 product name');
      await expect(page.locator('#reg-products').getAttribute('aria-invalid')).resolves.toBe('true');

      await page.fill('#reg-products', 'cpe:2.3:a:examplesoft:secure_gateway:9.1.2:*:*:*:*:*:*:*');
      await page.click('#register-form button[type=submit]');
      await page.locator('#register-table tbody tr', { hasText: 'Grid control remote access' }).waitFor();
      const row = page.locator('#register-table tbody tr', { hasText: 'Grid control remote access' });
      await expect(row.innerText()).resolves.toContain('examplesoft secure_gateway 9.1.2');
      // providers as stored: slugs, external suppliers' names lowercased
      await expect(row.innerText()).resolves.toContain('fabrikam, example cloud (external)');
      await expect(row.locator('.tlp').innerText()).resolves.toBe('TLP:AMBER+STRICT');
      await expect(page.locator('#page-tlp .tlp').innerText()).resolves.toBe('TLP:AMBER+STRICT');

      // change: the form takes the entry, the table the change
      await page.getByRole('button', { name: 'Change Grid control remote access' }).click();
      await expect(page.locator('#reg-name').inputValue()).resolves.toBe('Grid control remote access');
      await page.selectOption('#reg-criticality', 'high');
      await page.click('#register-form button[type=submit]');
      await page.locator('#register-table tbody tr', { hasText: 'Grid control remote access' }).filter({ hasText: 'high' }).waitFor();
      expect((await listed('centre')).find((e) => e.name === 'Grid control remote access')?.criticality).toBe('high');

      // remove, after confirming
      await page.fill('#reg-name', 'Old dial-up link');
      await page.click('#register-form button[type=submit]');
      await page.locator('#register-table tbody tr', { hasText: 'Old dial-up link' }).waitFor();
      await page.getByRole('button', { name: 'Remove Old dial-up link' }).click();
      await page.click('#confirm-yes');
      await page.locator('#register-table tbody tr', { hasText: 'Old dial-up link' }).waitFor({ state: 'detached' });
      expect((await listed('litware')).map((e) => e.name)).not.toContain('Old dial-up link');
      // its own register only: proseware's GREEN entry is readable, but not litware's to keep
      expect(await rows(page, '#register-table')).toEqual(['Grid control remote access']);
      await readmeShot(page, 'register', { fullPage: true });
    });
  });

  it("a member's overview holds only what TLP lets it read: its own entries and what is shared more widely in its sector", async () => {
    const page = await as('litware');
    await withScreenshotOnFailure(page, 'console-overview-member', async () => {
      await page.goto(`${hub.baseUrl}/#/infrastructure/overview`);
      await page.locator('#overview-table').waitFor();
      expect((await rows(page, '#overview-table')).sort()).toEqual(['Grid control remote access', 'Metering hub']);
      await expect(page.locator('#infra-sector').count()).resolves.toBe(0);
    });
  });

  it("the sector unit's overview lists its members' registers, RED included where addressed to it, nothing of other sectors", async () => {
    const page = await as('energy');
    await withScreenshotOnFailure(page, 'console-overview-unit', async () => {
      await page.getByRole('link', { name: 'Infrastructure overview' }).click();
      await page.locator('#overview-table').waitFor();
      expect((await rows(page, '#overview-table')).sort()).toEqual(['Grid control remote access', 'Market VPN', 'Metering hub', 'Substation telemetry']);
      await expect(page.locator('#infra-scope').innerText()).resolves.toContain('4 entries of 3 organisations in the energy sector');
      await expect(page.locator('#page-tlp .tlp').innerText()).resolves.toBe('TLP:RED');
      await expect(page.locator('#main').innerText()).resolves.not.toContain('Patient records');
    });
  });

  it("the centre's dependency graph: an SVG with title and description, which sectors depend on which, single points of failure, the data as tables", async () => {
    const page = await as('centre');
    await withScreenshotOnFailure(page, 'console-graph-centre', async () => {
      await page.getByRole('link', { name: 'Dependency graph' }).click();
      const svg = page.locator('#plot-dependencies svg[role="img"]');
      await svg.waitFor();
      const [titleId, descId] = (await svg.getAttribute('aria-labelledby'))!.split(' ');
      await expect(page.locator(`#${titleId}`).textContent()).resolves.toBe('Dependencies between organisations and providers');
      const desc = (await page.locator(`#${descId}`).textContent())!;
      expect(desc).toMatch(/^6 entries you may read, 6 of them with dependencies: on 3 providers, from 5 organisations\./);
      // adatum's two entries and litware's on fabrikam (telecom)
      expect(desc).toContain('Between sectors: energy depends on telecom (3 entries)');
      expect(desc).toContain('health depends on energy (1 entry)');
      expect(desc).toContain('finance depends on telecom (1 entry)');
      expect(desc).toContain('Single points of failure: fabrikam — 4 high or critical entries of adatum, litware, proseware; example cloud (external) — 3 high or critical entries of lamna-hospital, litware, northwind-power.');
      // the summary is on the page in words too, and single points of failure are named, not only drawn
      await expect(page.locator('#plot-dependencies p.hint').textContent()).resolves.toBe(desc);
      await expect(svg.locator('text', { hasText: '⚠ fabrikam (telecom)' }).count()).resolves.toBe(1);
      await expect(svg.locator('text', { hasText: 'single point of failure' }).count()).resolves.toBe(2);
      await page.locator('#plot-dependencies details summary').click();
      await readmeShot(page, 'dependency-graph', { fullPage: true });
      const table = page.locator('#plot-dependencies details table').first();
      await expect(table.locator('tbody tr', { hasText: 'Patient records' }).innerText()).resolves.toMatch(/Patient records\s+lamna-hospital\s+health\s+critical\s+northwind-power, example cloud \(external\)/);
      // one sector only
      await page.selectOption('#infra-sector', 'health');
      await page.locator('#plot-dependencies', { hasText: 'Market VPN' }).waitFor({ state: 'detached' });
      await expect(page.locator('#plot-dependencies').textContent()).resolves.toContain('Patient records');
      await expect(page.locator('#infra-scope').innerText()).resolves.toContain('the health sector');
    });
  });

  it("another sector's unit learns nothing of energy's registers from the graph", async () => {
    const page = await as('health');
    await withScreenshotOnFailure(page, 'console-graph-health', async () => {
      await page.goto(`${hub.baseUrl}/#/infrastructure/graph`);
      await page.locator('#plot-dependencies svg').waitFor();
      const text = await page.locator('#main').innerText();
      const svgText = await page.locator('#plot-dependencies').evaluate((el) => (el as unknown as { textContent: string }).textContent);
      for (const hidden of ['Market VPN', 'Substation telemetry', 'Grid control', 'adatum', 'litware']) {
        expect(text).not.toContain(hidden);
        expect(svgText).not.toContain(hidden);
      }
      expect(svgText).toContain('Patient records');
    });
  });
});
