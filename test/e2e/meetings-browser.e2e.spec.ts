// The printable agenda as a person sees it: rendered by a real headless Chromium, with the TLP
// label visible in header and footer in FIRST's colours (TLP:AMBER: #FFC000 on black).
import type { Browser } from 'playwright-core';
import { bearer } from '../factories/bearer.js';
import { type ApiHarness, startApi } from '../support/api-harness.js';
import { launchBrowser, withScreenshotOnFailure } from '../support/browser.js';

describe('printable agenda in a browser', () => {
  let hub: ApiHarness;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    hub = await startApi();
    await hub.app.listen(0, '127.0.0.1');
    baseUrl = (await hub.app.getUrl()).replace('[::1]', '127.0.0.1');
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await hub.close();
  });

  it('shows the TLP:AMBER label in header and footer, in FIRST colours, and the items', async () => {
    const coordinator = await hub.key('centre', ['coordinator']);
    const created = await hub.http
      .post('/api/v1/meetings')
      .set(bearer(coordinator))
      .send({ title: 'Network meeting Q1', startsAt: '2027-02-03T09:00:00.000Z', endsAt: '2027-02-03T12:00:00.000Z', location: 'Room 1', participants: ['centre', 'energy', 'health'], series: 'browser-check' })
      .expect(201);
    await hub.http.post(`/api/v1/meetings/${created.body.id}/agenda/draft`).set(bearer(coordinator)).expect(200);

    const page = await browser.newPage();
    await page.setExtraHTTPHeaders(bearer(coordinator));
    await withScreenshotOnFailure(page, 'agenda-html', async () => {
      const response = await page.goto(`${baseUrl}/api/v1/meetings/${created.body.id}/agenda.html`);
      expect(response?.status()).toBe(200);
      for (const banner of ['header.tlp-banner .tlp', 'footer.tlp-banner .tlp']) {
        const label = page.locator(banner);
        await expect(label.isVisible()).resolves.toBe(true);
        await expect(label.innerText()).resolves.toBe('TLP:AMBER');
        // runs in the page: the page's window computes the style (the tests compile without DOM types)
        type PageWindow = { getComputedStyle(el: unknown): { color: string; backgroundColor: string } };
        const style = await label.evaluate((el) => {
          const view = (el as unknown as { ownerDocument: { defaultView: PageWindow } }).ownerDocument.defaultView;
          const computed = view.getComputedStyle(el);
          return { color: computed.color, background: computed.backgroundColor };
        });
        expect(style).toEqual({ color: 'rgb(255, 192, 0)', background: 'rgb(0, 0, 0)' });
      }
      await expect(page.locator('h1').innerText()).resolves.toContain('Network meeting Q1');
      // the period the draft covers is stated under the title, visible on screen (rough edge 10)
      const period = page.locator('#period');
      await expect(period.isVisible()).resolves.toBe(true);
      await expect(period.innerText()).resolves.toMatch(/^Period covered: from the start of the series to \d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
      const body = await page.locator('body').innerText();
      expect(body).toContain('Threat picture');
    });
    await page.close();
  });
});
