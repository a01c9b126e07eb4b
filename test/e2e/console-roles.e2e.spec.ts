// The console offers a key only what its roles allow (the README's role table): each role's
// navigation, where it lands, the live stream for an analyst or a reporter only (a reporter hears of
// its cases there, never of inbox entries), and a page typed in by hand that the
// key may not use says so instead of drawing controls the API would refuse.
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, withScreenshotOnFailure } from '../support/browser.js';
import { startConsoleHub, type ConsoleHub } from '../support/console-hub.js';

describe('console: what each role is offered', () => {
  let hub: ConsoleHub;
  let browser: Browser;

  beforeAll(async () => {
    hub = await startConsoleHub();
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  /** Signs in with a new key of these roles, noting every request the page makes for the live stream. */
  async function as(org: string, roles: string[]): Promise<{ page: Page; nav: string[]; events: string[] }> {
    const key = await hub.key(org, roles);
    const page = await browser.newPage();
    const events: string[] = [];
    page.on('request', (r) => void (r.url().endsWith('/api/v1/events') && events.push(r.url())));
    await page.goto(`${hub.baseUrl}/`);
    await page.fill('#signin-key', key);
    await page.click('form button[type=submit]');
    await page.waitForSelector('#who-org');
    await page.waitForSelector('#main h1');
    const nav = await page.locator('#nav a').allInnerTexts();
    return { page, nav, events };
  }

  it('an analyst gets the inbox first, the live stream and every reading page, and the meetings its organisation takes part in; no filing', async () => {
    const { page, nav } = await as('energy', ['analyst']);
    await withScreenshotOnFailure(page, 'console-roles-analyst', async () => {
      expect(nav).toEqual(['Inbox', 'Incidents', 'Sent and receipts', 'Meetings', 'Insights', 'Major incidents', 'Register', 'Infrastructure overview', 'Dependency graph']);
      expect(page.url()).toMatch(/#\/inbox$/);
      await page.locator('#live-status[data-state="live"]').waitFor();
    });
  });

  it('a reporter lands on its cases, may file, reads no inbox, and opens the live stream for its cases', async () => {
    const { page, nav, events } = await as('energy', ['reporter']);
    await withScreenshotOnFailure(page, 'console-roles-reporter', async () => {
      expect(nav).toEqual(['File an incident', 'Incidents']);
      expect(page.url()).toMatch(/#\/incidents$/);
      await page.goto(`${hub.baseUrl}/#/inbox`);
      await expect(page.locator('#main h1').innerText()).resolves.toBe('Not for this key');
      await expect(page.locator('#main button').count()).resolves.toBe(0);
      await page.goto(`${hub.baseUrl}/#/incidents`);
      await page.locator('#main h1').filter({ hasText: /incident/i }).waitFor();
      // the case pages follow their cases live (the stream tells a reporter's key of cases only)
      await page.locator('#live-status[data-state="live"]').waitFor();
      expect(events.length).toBeGreaterThan(0);
    });
  });

  it('a coordinator is offered meetings only', async () => {
    const { page, nav, events } = await as('centre', ['coordinator']);
    await withScreenshotOnFailure(page, 'console-roles-coordinator', async () => {
      expect(nav).toEqual(['Meetings']);
      expect(page.url()).toMatch(/#\/meetings$/);
      expect(events).toEqual([]);
    });
  });

  it('an admin has no page in the console and is told so; a key with several roles gets the union', async () => {
    const admin = await as('centre', ['admin']);
    await withScreenshotOnFailure(admin.page, 'console-roles-admin', async () => {
      expect(admin.nav).toEqual([]);
      await expect(admin.page.locator('#main h1').innerText()).resolves.toBe('Nothing to show');
    });
    const both = await as('centre', ['reporter', 'coordinator']);
    expect(both.nav).toEqual(['File an incident', 'Incidents', 'Meetings']);
  });
});
