// Linked cases on the case page (issue 17), in Debian's Chromium against the built API and worker:
// two cases of different sectors share an indicator, so the hub links them. The centre, which reads
// both, sees the link on each case page — on the one it has open as soon as the link is made — and
// follows it to the other sector's case; each reporter, which reads only its own case, sees no link
// and nothing of the other case, not even that it exists (DESIGN §2, no oracle).
import type { Browser, Page } from 'playwright-core';
import { incidentBundle } from '../factories/stix-bundles.js';
import { launchBrowser, withScreenshotOnFailure } from '../support/browser.js';
import { readmeShot, signIn, startConsoleHub, type ConsoleHub } from '../support/console-hub.js';

const STIX = 'application/stix+json;version=2.1';
const NAMES = { litware: 'Compressor station wiper', health: 'Hospital ransomware' } as const;

describe('console: linked cases as each reader may see them', () => {
  let hub: ConsoleHub;
  let browser: Browser;
  const keys: Record<string, string> = {};
  const cases: Record<string, string> = {};
  let centre: Page;

  beforeAll(async () => {
    hub = await startConsoleHub();
    [keys.litware, keys.health, keys.centre] = await Promise.all([hub.key('litware', ['reporter', 'analyst']), hub.key('health', ['reporter']), hub.key('centre', ['analyst'])]);
    // an energy member's case first (unmarked: TLP:AMBER+STRICT, to the centre and the energy unit)
    const filed = await hub.api(keys.litware, 'POST', '/api/v1/incidents', incidentBundle({ extra: { name: 'Compressor station wiper', x_isac_report_stage: 'early-warning' } }), STIX);
    expect(filed.status).toBe(201);
    cases.litware = filed.body.id;
    browser = await launchBrowser();
    centre = await signIn(browser, hub.baseUrl, keys.centre);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  it("the centre's open case page shows the link to the other sector's case as the hub makes it (its open list, the new case), and follows it", () =>
    withScreenshotOnFailure(centre, 'console-case-links-centre', async () => {
      await centre.goto(`${hub.baseUrl}/#/incidents/${cases.litware}`);
      await expect(centre.locator('#case-links').innerText()).resolves.toBe('No linked cases you may read.');
      // and, in another tab, the centre's list of cases
      const list = await signIn(browser, hub.baseUrl, keys.centre);
      await list.goto(`${hub.baseUrl}/#/incidents`);
      await list.locator('.entry', { hasText: NAMES.litware }).waitFor();
      await list.locator('#live-status[data-state="live"]').waitFor();
      // the health unit reports an incident with the same C2 address: the hub links the two cases
      const filed = await hub.api(keys.health, 'POST', '/api/v1/incidents', incidentBundle({ extra: { name: 'Hospital ransomware', x_isac_report_stage: 'early-warning' } }), STIX);
      expect(filed.status).toBe(201);
      cases.health = filed.body.id;
      // the list shows the new case without a reload
      await list.locator('.entry', { hasText: NAMES.health }).waitFor();
      await list.context().close();
      const link = centre.locator('#case-links li', { hasText: 'Hospital ransomware' });
      await link.waitFor();
      await expect(link.innerText()).resolves.toMatch(/Hospital ransomware \(health, Early warning, open\) — .*203\.0\.113\.7/);
      await expect(link.locator('a').getAttribute('href')).resolves.toBe(`#/incidents/${cases.health}`);
      await readmeShot(centre, 'case-links', { element: centre.locator('#case-links') });
      await link.locator('a').click();
      await centre.locator('h1', { hasText: 'Hospital ransomware' }).waitFor();
      const back = centre.locator('#case-links li', { hasText: 'Compressor station wiper' });
      await back.waitFor();
      await expect(back.innerText()).resolves.toContain('(litware, Early warning, open)');
    }));

  for (const [who, own, other] of [['litware', 'litware', 'health'], ['health', 'health', 'litware']] as const) {
    it(`${who}, a reader of its own case only, sees no link and nothing of the other case`, async () => {
      const page = await signIn(browser, hub.baseUrl, keys[who]);
      try {
        await withScreenshotOnFailure(page, `console-case-links-${who}`, async () => {
          await page.goto(`${hub.baseUrl}/#/incidents/${cases[own]}`);
          await page.locator('#case-timeline').waitFor();
          await expect(page.locator('#case-links').innerText()).resolves.toBe('No linked cases you may read.');
          const text = await page.locator('main').innerText();
          expect(text).not.toContain(cases[other]);
          expect(text).not.toContain(NAMES[other]);
          // the other case's page is missing to it, as any case it may not read
          await page.goto(`${hub.baseUrl}/#/incidents/${cases[other]}`);
          await page.locator('main .form-errors', { hasText: /No incident case/ }).waitFor();
        });
      } finally {
        await page.context().close();
      }
    });
  }
});
