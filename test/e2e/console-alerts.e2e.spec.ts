// Journey 2 in a real browser: the centre issues an alert to energy and health through the audience
// picker (the TLP rule explained as it picks), then watches the receipt board turn to
// "acknowledged" for energy when energy acknowledges through the API, without reloading.
import type { Browser, Page } from 'playwright-core';
import { incidentBundle } from '../factories/stix-bundles.js';
import { launchBrowser, withScreenshotOnFailure } from '../support/browser.js';
import { freePort } from '../support/processes.js';
import { FIRST_COLOURS, horizontalOverflow, LABEL_BACKGROUND, readmeShot, signIn, startConsoleHub, tlpOnScreen, type ConsoleHub } from '../support/console-hub.js';

describe('console: the centre issues an alert and watches the receipts', () => {
  let hub: ConsoleHub;
  let browser: Browser;
  let centre: string;
  let energy: string;
  let page: Page;
  let receiptsRoute: string;

  beforeAll(async () => {
    hub = await startConsoleHub();
    [centre, energy] = await Promise.all([hub.key('centre', ['analyst']), hub.key('energy', ['analyst'])]);
    // health's webhook points where nothing listens: its pushes fail and end dead-lettered
    const healthAdmin = await hub.key('health', ['admin']);
    const hook = await hub.api(healthAdmin, 'PUT', '/api/v1/organisations/health/webhook', { url: `http://127.0.0.1:${await freePort()}/hook`, secret: 'a-secret-of-health-1234' });
    expect(hook.status).toBe(200);
    // incidents of the last weeks, for the plots: three of energy's, two of health's
    const reporters = { energy: await hub.key('energy', ['reporter']), health: await hub.key('health', ['reporter']) };
    for (const [org, daysAgo] of [['energy', 2], ['energy', 9], ['energy', 30], ['health', 3], ['health', 16]] as const) {
      const awareAt = new Date(Date.now() - daysAgo * 86_400_000).toISOString();
      const filed = await hub.api(reporters[org], 'POST', '/api/v1/incidents', incidentBundle({ tlp: 'TLP:GREEN', extra: { x_isac_aware_at: awareAt, x_isac_report_stage: 'early-warning' } }), 'application/stix+json');
      expect(filed.status).toBe(201);
    }
    browser = await launchBrowser();
    page = await signIn(browser, hub.baseUrl, centre);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  it('explains the TLP rule while picking the audience, and refuses whole sectors for TLP:RED', () =>
    withScreenshotOnFailure(page, 'console-alert-picker', async () => {
      await page.goto(`${hub.baseUrl}/#/alerts/new`);
      await page.locator('#alert-form').waitFor();
      await page.check('#aud-sector-energy');
      await page.check('#aud-sector-health');
      await expect(page.locator('#alert-reach').innerText()).resolves.toBe('Goes to: the whole energy sector, the whole health sector.');
      // the rule shown is the hub's (GET /api/v1/tlp), with what the policy says of forwarding
      const { markings } = (await hub.api(centre, 'GET', '/api/v1/tlp')).body as { markings: { label: string; readers: string }[] };
      const readers = (label: string) => markings.find((m) => m.label === label)!.readers;
      await expect(page.locator('#alert-tlp-explain').innerText()).resolves.toContain(`${readers('TLP:AMBER')} A recipient may forward it to its own members only.`);
      // each sector unit is listed with its own members, and only those
      await expect(page.locator('.sector-group', { has: page.locator('#aud-sector-energy') }).locator('input[name=organisation]').evaluateAll((boxes) => boxes.map((b) => (b as unknown as { value: string }).value))).resolves.toEqual([
        'energy',
        'adatum',
        'litware',
        'northwind-power',
      ]);

      await page.selectOption('#alert-tlp', 'TLP:RED');
      await expect(page.locator('#alert-tlp-explain').innerText()).resolves.toContain(`${readers('TLP:RED')} It is never forwarded. Named organisations only.`);
      await expect(page.locator('#alert-tlp-explain').innerText()).resolves.toContain('TLP:RED cannot go to whole sectors');
      await expect(page.locator('#aud-sector-energy').isDisabled()).resolves.toBe(true);
      expect(await tlpOnScreen(page.locator('#alert-tlp-explain .tlp'))).toEqual({ text: 'TLP:RED', color: FIRST_COLOURS['TLP:RED'], background: LABEL_BACKGROUND });
      // an explanation is no content: the page itself holds nothing marked yet
      await expect(page.locator('#page-tlp').isHidden()).resolves.toBe(true);

      await page.selectOption('#alert-tlp', 'TLP:AMBER');
      await expect(page.locator('#aud-sector-energy').isDisabled()).resolves.toBe(false);
      await page.fill('#alert-title', 'Wiper campaign against SCADA');
      await page.fill('#alert-body', 'Isolate engineering workstations.');
      await page.selectOption('#alert-severity', 'critical');
      await readmeShot(page, 'alert-picker', { fullPage: true });
    }));

  it('issues the alert and shows the receipt board updating live to acknowledged', () =>
    withScreenshotOnFailure(page, 'console-receipts', async () => {
      await page.click('#alert-form button[type=submit]');
      await page.waitForURL(/#\/advisories\/[0-9a-f-]{36}$/);
      const advisoryId = page.url().split('/').pop()!;
      receiptsRoute = new URL(page.url()).hash;
      await page.evaluate(() => ((globalThis as unknown as { noReload: boolean }).noReload = true));

      // routed by the worker: every organisation of both sectors, unit and members
      await page.locator('#receipt-board tr[data-recipient="energy"]').waitFor({ timeout: 20_000 });
      await page.locator('#receipt-board tr[data-recipient="health"]').waitFor();
      const stored = await hub.api(centre, 'GET', `/api/v1/advisories/${advisoryId}`);
      expect(stored.body).toMatchObject({ kind: 'alert', tlp: 'TLP:AMBER', audience: { sectors: ['energy', 'health'] } });
      await page.waitForFunction((n) => (globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }).document.querySelectorAll('#receipt-board tbody tr[data-recipient]').length === n, stored.body.receipts.length);
      const shown = await page.locator('#receipt-board tbody tr[data-recipient]').evaluateAll((rows) => rows.map((r) => (r as unknown as { dataset: { recipient: string } }).dataset.recipient).sort());
      expect(shown).toEqual(stored.body.receipts.map((r: { organisation: { slug: string } }) => r.organisation.slug).sort());
      await expect(page.locator('#receipt-board tr[data-recipient="energy"] .state').innerText()).resolves.toBe('delivered');
      expect(await tlpOnScreen(page.locator('.case-head .tlp'))).toEqual({ text: 'TLP:AMBER', color: FIRST_COLOURS['TLP:AMBER'], background: LABEL_BACKGROUND });
      expect(await tlpOnScreen(page.locator('#page-tlp .tlp'))).toMatchObject({ text: 'TLP:AMBER', color: FIRST_COLOURS['TLP:AMBER'] });

      // energy acknowledges in its own tooling, through the API
      const inbox = await hub.api(energy, 'GET', '/api/v1/inbox');
      const entry = inbox.body.entries.find((e: { advisory: { id: string } }) => e.advisory.id === advisoryId);
      expect((await hub.api(energy, 'POST', `/api/v1/inbox/${entry.id}/ack`)).status).toBe(200);

      await page.locator('#receipt-board tr[data-recipient="energy"] .state', { hasText: 'acknowledged' }).waitFor({ timeout: 20_000 });
      await expect(page.locator('#receipt-board tr[data-recipient="health"] .state').innerText()).resolves.toBe('delivered');
      await expect(page.locator('#receipt-summary').innerText()).resolves.toMatch(/1 acknowledged/);
      // the failing webhook shows on health's row once the worker gave up on it
      const healthHook = page.locator('#receipt-board tr[data-recipient="health"] .webhook');
      await page.locator('#receipt-board tr[data-recipient="health"] .webhook-dead-lettered').waitFor({ timeout: 30_000 });
      await expect(healthHook.innerText()).resolves.toMatch(/^dead-lettered \(4 tries\): .+/);
      await expect(page.locator('#receipt-summary').innerText()).resolves.toMatch(/1 webhook failures?/);
      await expect(page.evaluate(() => (globalThis as unknown as { noReload?: boolean }).noReload)).resolves.toBe(true);
      await readmeShot(page, 'receipts');
    }));

  it('plots the acknowledgement rate per sector from the centre\'s receipts, with the numbers as text', () =>
    withScreenshotOnFailure(page, 'console-insights', async () => {
      await page.goto(`${hub.baseUrl}/#/insights`);
      const plot = page.locator('#plot-ack');
      await plot.waitFor();
      await expect(plot.locator('svg[role="img"] title').first().textContent()).resolves.toBe('Alert acknowledgement rate per sector');
      const insights = await hub.api(centre, 'GET', '/api/v1/insights?weeks=12');
      const energyRow = insights.body.acknowledgement.perSector.find((r: { sector: string }) => r.sector === 'energy');
      expect(energyRow).toMatchObject({ acknowledged: 1 });
      expect(energyRow.delivered).toBeGreaterThan(1); // the unit and its members
      const summary = await plot.locator('p.hint').innerText();
      expect(summary).toContain(`energy ${Math.round(energyRow.rate * 100)} %`);
      expect(summary).toContain('health 0 %');
      await plot.locator('summary').click();
      await expect(plot.locator('tbody tr', { hasText: 'energy' }).innerText()).resolves.toMatch(new RegExp(`energy\\s+${energyRow.delivered}\\s+1\\s+${Math.round(energyRow.rate * 100)} %`));
      // the centre reads every case: five in the plot of incidents per sector and week
      const incidents = page.locator('#plot-incidents');
      await expect(incidents.locator('p.hint').innerText()).resolves.toBe('5 incidents in 12 weeks; most from energy (3).');
      // another organisation sees no receipts it did not author
      const energyView = await hub.api(energy, 'GET', '/api/v1/insights');
      expect(energyView.body.acknowledgement).toEqual({ alerts: 0, perSector: [] });
      await readmeShot(page, 'insights');
    }));

  it('issues an alert that asks for no acknowledgement, its deadline left empty', () =>
    withScreenshotOnFailure(page, 'console-alert-no-ack', async () => {
      await page.goto(`${hub.baseUrl}/#/alerts/new`);
      await page.locator('#alert-form').waitFor();
      await page.check('#aud-sector-health');
      await page.fill('#alert-title', 'Patch window for substation firmware');
      await page.fill('#alert-body', 'For information: no acknowledgement needed.');
      await page.uncheck('#alert-requires-ack');
      await page.fill('#alert-ack', '');
      await page.click('#alert-form button[type=submit]');
      await page.waitForURL(/#\/advisories\/[0-9a-f-]{36}$/);
      const stored = await hub.api(centre, 'GET', `/api/v1/advisories/${page.url().split('/').pop()}`);
      expect(stored.body).toMatchObject({ kind: 'alert', title: 'Patch window for substation firmware', requiresAck: false });
    }));

  it('the alert form and the receipt board fit a 375 px phone', () =>
    withScreenshotOnFailure(page, 'console-alert-phone', async () => {
      const phone = await signIn(browser, hub.baseUrl, centre, { width: 375, height: 740 });
      try {
        await phone.goto(`${hub.baseUrl}/#/alerts/new`);
        await phone.locator('#alert-form').waitFor();
        expect(await horizontalOverflow(phone)).toBe(0);
        await phone.goto(`${hub.baseUrl}/${receiptsRoute}`);
        await phone.locator('#receipt-board tr[data-recipient="energy"]').waitFor();
        // the board scrolls inside its own box; the page does not
        expect(await horizontalOverflow(phone)).toBe(0);
      } finally {
        await phone.close();
      }
    }));
});
