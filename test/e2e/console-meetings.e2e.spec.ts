// Journey 3 in a real browser: a coordinator creates a meeting, drafts the agenda, reorders it by
// button and by drag, changes a time box, sees what was left out for TLP and why, publishes and
// downloads the .ics and .md.
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { incidentBundle } from '../factories/stix-bundles.js';
import { launchBrowser, withScreenshotOnFailure } from '../support/browser.js';
import { FIRST_COLOURS, horizontalOverflow, LABEL_BACKGROUND, readmeShot, signIn, startConsoleHub, tlpOnScreen, type ConsoleHub } from '../support/console-hub.js';

const order = (page: Page) => page.locator('#agenda-items > li[data-item]').evaluateAll((items) => items.map((i) => (i as unknown as { dataset: { item: string } }).dataset.item));

describe('console: a coordinator prepares a meeting', () => {
  let hub: ConsoleHub;
  let browser: Browser;
  let coordinator: string;
  let healthAnalyst: string;
  let page: Page;
  let meetingId: string;

  beforeAll(async () => {
    hub = await startConsoleHub();
    const energy = await hub.key('energy', ['reporter']);
    coordinator = await hub.key('centre', ['coordinator', 'analyst']);
    healthAnalyst = await hub.key('health', ['analyst']);
    // a TLP:RED case of energy's: the centre may read it, health (a participant) may not
    const filed = await hub.api(energy, 'POST', '/api/v1/incidents', incidentBundle({ tlp: 'TLP:RED', extra: { name: 'Substation ransomware (restricted)', x_isac_report_stage: 'early-warning' } }), 'application/stix+json');
    expect(filed.status).toBe(201);
    browser = await launchBrowser();
    page = await signIn(browser, hub.baseUrl, coordinator);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  it('creates a meeting and drafts its agenda, showing what was left out for TLP and why', () =>
    withScreenshotOnFailure(page, 'console-meeting-draft', async () => {
      await page.goto(`${hub.baseUrl}/#/meetings`);
      await page.getByRole('link', { name: 'New meeting' }).click();
      await page.fill('#meeting-title', 'Network meeting Q1');
      await page.fill('#meeting-starts', '2027-02-03T09:00');
      await page.fill('#meeting-ends', '2027-02-03T12:00');
      await page.fill('#meeting-location', 'NCSC, room 1');
      for (const org of ['energy', 'health']) await page.locator('#meeting-participants label', { hasText: new RegExp(`^\\s*${org}$`) }).locator('input').check();
      await page.click('#meeting-form button[type=submit]');
      await page.waitForURL(/#\/meetings\/[0-9a-f-]{36}$/);
      meetingId = page.url().split('/').pop()!;
      // an hour-long item from health takes the agenda past 90 minutes, so a break is due
      const proposed = await hub.api(healthAnalyst, 'POST', `/api/v1/meetings/${meetingId}/proposals`, { title: 'Hospital ransomware exercise: lessons', minutes: 60 });
      expect(proposed.status).toBe(201);

      await page.click('#draft-agenda');
      await page.locator('#agenda-items > li').first().waitFor();
      const excluded = page.locator('#agenda-excluded li');
      await expect(excluded.count()).resolves.toBe(1);
      await expect(excluded.innerText()).resolves.toContain('Substation ransomware (restricted)');
      await expect(excluded.locator('.reason').innerText()).resolves.toBe('TLP:RED from energy, not readable by health');
      // three hours with the default policy (15 min every 90): the break stands in the list, not as an item to move
      const pause = page.locator('#agenda-items > li.agenda-break');
      await expect(pause.count()).resolves.toBeGreaterThan(0);
      await expect(pause.first().innerText()).resolves.toMatch(/^Break .+–.+ \(15 min\)$/);
      // threat picture 15, two overviews 5 + 5, preparedness 10, break 15, the proposal 60, close 10: the rest of the 3 hours stays free
      await page.locator('p.meta', { hasText: /^120 of 180 minutes\./ }).waitFor();
      // the agenda is AMBER (the meeting's TLP): label and page header
      expect(await tlpOnScreen(page.locator('.case-head .tlp'))).toEqual({ text: 'TLP:AMBER', color: FIRST_COLOURS['TLP:AMBER'], background: LABEL_BACKGROUND });
      expect(await tlpOnScreen(page.locator('#page-tlp .tlp'))).toMatchObject({ text: 'TLP:AMBER', color: FIRST_COLOURS['TLP:AMBER'] });
    }));

  it('reorders by button and by drag, and changes a time box; each edit is saved', () =>
    withScreenshotOnFailure(page, 'console-meeting-edit', async () => {
      const before = await order(page);
      expect(before.length).toBeGreaterThanOrEqual(3);

      // by keyboard: Enter on the focused button; focus stays on the moved item's button
      await page.getByRole('button', { name: /^Move down: / }).first().focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction(([first]) => (globalThis as any).document.querySelector('#agenda-items > li[data-item]').dataset.item !== first, [before[0]]);
      const afterButton = await order(page);
      expect(afterButton.slice(0, 2)).toEqual([before[1], before[0]]);
      const focused = await page.evaluate(() => {
        const active = (globalThis as any).document.activeElement;
        return { item: active?.closest('li')?.dataset.item, label: active?.getAttribute('aria-label') };
      });
      expect(focused.item).toBe(before[0]);
      expect(focused.label).toMatch(/^Move down: /);

      // drag the third item onto the first place
      await page.dragAndDrop(`#agenda-items > li[data-item="${afterButton[2]}"]`, `#agenda-items > li[data-item="${afterButton[0]}"]`);
      await page.waitForFunction(([moved]) => (globalThis as any).document.querySelector('#agenda-items > li[data-item]').dataset.item === moved, [afterButton[2]]);
      const afterDrag = await order(page);
      expect(afterDrag.slice(0, 3)).toEqual([afterButton[2], afterButton[0], afterButton[1]]);

      const minutes = page.locator(`#agenda-items > li[data-item="${afterDrag[0]}"] input.minutes`);
      await minutes.fill('25');
      await minutes.press('Tab');
      await page.locator('#agenda-status', { hasText: ': 25 minutes' }).waitFor();

      const stored = await hub.api(coordinator, 'GET', `/api/v1/meetings/${meetingId}`);
      const items = stored.body.agenda.items as { id: string; minutes: number }[];
      expect(items.map((i) => i.id).slice(0, 3)).toEqual(afterDrag.slice(0, 3));
      expect(items[0].minutes).toBe(25);
      await readmeShot(page, 'agenda', { fullPage: true });
    }));

  it('publishes, then downloads the .ics and the .md', () =>
    withScreenshotOnFailure(page, 'console-meeting-publish', async () => {
      // publishing asks first, in a dialog; Cancel leaves the draft as it is
      await page.click('#publish-agenda');
      await page.locator('#confirm-dialog[open]').waitFor();
      await expect(page.locator('#confirm-dialog').innerText()).resolves.toMatch(/energy, health|health, energy/);
      await page.click('#confirm-no');
      await page.locator('#agenda-status', { hasText: 'Not published.' }).waitFor();
      expect((await hub.api(coordinator, 'GET', `/api/v1/meetings/${meetingId}`)).body.state).toBe('draft');
      await page.click('#publish-agenda');
      await page.click('#confirm-yes');
      await page.locator('#meeting-state', { hasText: /^published/ }).waitFor();
      await expect(page.locator('#publish-agenda').count()).resolves.toBe(0);

      for (const [button, name, expected] of [['#download-ics', 'meeting.ics', /BEGIN:VCALENDAR[\s\S]*SUMMARY:\[TLP:AMBER\] Network meeting Q1/], ['#download-md', 'agenda.md', /TLP:AMBER[\s\S]*Network meeting Q1/]] as const) {
        const [download] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
        expect(download.suggestedFilename()).toBe(name);
        const file = await download.path();
        expect(await readFile(file, 'utf8')).toMatch(expected);
      }
    }));

  it('the meeting page fits a 375 px phone', () =>
    withScreenshotOnFailure(page, 'console-meeting-phone', async () => {
      const phone = await signIn(browser, hub.baseUrl, coordinator, { width: 375, height: 740 });
      try {
        await phone.goto(`${hub.baseUrl}/#/meetings/${meetingId}`);
        await phone.locator('#agenda-items > li').first().waitFor();
        expect(await horizontalOverflow(phone)).toBe(0);
      } finally {
        await phone.close();
      }
    }));
});
