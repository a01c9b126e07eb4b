// Issue 19 in a real browser: whatever an exercise created says EXERCISE in words on its list row and
// its page — an alert in the inbox and its message, in the centre's sent list and on its receipts page,
// a major incident in the list and its room, a case in the list (behind the "Exercise cases" switch)
// and its page — and the real ones next to it do not.
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, withScreenshotOnFailure } from '../support/browser.js';
import { readmeShot, signIn, startConsoleHub, type ConsoleHub } from '../support/console-hub.js';

const scenario = {
  title: 'Console drill',
  injects: [
    { at: 0, kind: 'major-incident', title: 'Backbone down', tlp: 'TLP:AMBER', sectors: ['energy'], sitrepEveryMinutes: 60 },
    { at: 0, kind: 'alert', title: 'Switch to fallback links', body: 'Switch critical links now.', severity: 'high', tlp: 'TLP:AMBER', audience: { sectors: ['energy'] } },
    { at: 0, kind: 'case', from: 'energy', name: 'Grid telemetry lost', tlp: 'TLP:AMBER', severity: 'high' },
  ],
};

describe('console: the exercise marking', () => {
  let hub: ConsoleHub;
  let browser: Browser;
  const keys: Record<string, string> = {};
  let realRoom: string;
  let drillRoom: string;
  let drillCase: string;
  let drillAlert: string;
  let page: Page;

  beforeAll(async () => {
    hub = await startConsoleHub();
    keys.coordinator = await hub.key('centre', ['coordinator', 'analyst']);
    keys.energy = await hub.key('energy', ['analyst']);
    const real = await hub.api(keys.coordinator, 'POST', '/api/v1/major-incidents', { title: 'Real wiper on the grid', tlp: 'TLP:AMBER', sectors: ['energy'] });
    expect(real.status).toBe(201);
    realRoom = real.body.id;
    const loaded = await hub.api(keys.coordinator, 'POST', '/api/v1/exercises', scenario);
    expect(loaded.status).toBe(201);
    expect((await hub.api(keys.coordinator, 'POST', `/api/v1/exercises/${loaded.body.id}/start`, { speed: 3600 })).status).toBe(200);
    // an inject is claimed (playedAt) before its outcome is recorded: wait for the outcomes
    let injects: { kind: string; resultId: string | null; playedAt: string | null; error: string | null }[] = [];
    for (let i = 0; i < 300 && !(injects.length && injects.every((x) => x.resultId || x.error)); i++) {
      await new Promise((r) => setTimeout(r, 100));
      injects = (await hub.api(keys.coordinator, 'GET', `/api/v1/exercises/${loaded.body.id}`)).body.injects;
    }
    expect(injects.map((x) => x.error)).toEqual([null, null, null]);
    [drillRoom, drillAlert, drillCase] = injects.map((x) => x.resultId!);
    browser = await launchBrowser();
    page = await signIn(browser, hub.baseUrl, keys.energy);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  const entry = (title: string) => page.locator('#inbox-list li.entry', { has: page.locator('.entry-title', { hasText: title }) });

  it('the inbox: an exercise alert carries the EXERCISE badge and its message the banner; the real alert neither', () =>
    withScreenshotOnFailure(page, 'console-exercise-inbox', async () => {
      await page.goto(`${hub.baseUrl}/#/inbox`);
      await entry('Major incident: Real wiper on the grid').waitFor();
      await entry('Switch to fallback links').waitFor();
      const drill = entry('[EXERCISE] Switch to fallback links');
      expect(await drill.locator('.exercise-badge').innerText()).toBe('EXERCISE');
      expect(await entry('[EXERCISE] Major incident: Backbone down').locator('.exercise-badge').innerText()).toBe('EXERCISE');
      const real = entry('Major incident: Real wiper on the grid');
      expect(await real.locator('.exercise-badge, .exercise-banner').count()).toBe(0);
      // the message (its detail) opens on the banner, a note assistive technology reads out
      await drill.locator('summary', { hasText: 'Message' }).click();
      const banner = drill.getByRole('note');
      await banner.waitFor();
      expect(await banner.innerText()).toMatch(/^EXERCISE — this alert is part of a preparedness exercise, not a real event\./);
      // a critical alert's message starts open: the real room's alert shows its body, and no banner
      await real.locator('.body').waitFor();
      expect(await real.getByRole('note').count()).toBe(0);
      await readmeShot(page, 'console-exercise-inbox');
    }), 60_000);

  it('the major incidents list and the room: the exercise room is marked, the real one is not', () =>
    withScreenshotOnFailure(page, 'console-exercise-room', async () => {
      await page.goto(`${hub.baseUrl}/#/major-incidents`);
      await page.locator(`li[data-major-incident="${realRoom}"]`).waitFor();
      expect(await page.locator(`li[data-major-incident="${drillRoom}"] .exercise-badge`).innerText()).toBe('EXERCISE');
      expect(await page.locator(`li[data-major-incident="${realRoom}"] .exercise-badge`).count()).toBe(0);

      await page.goto(`${hub.baseUrl}/#/major-incidents/${drillRoom}`);
      await page.locator('#status-board tr[data-sector="energy"]').waitFor();
      expect(await page.getByRole('note').innerText()).toContain('EXERCISE — this major incident is part of a preparedness exercise');
      expect(await page.locator('.case-head .exercise-badge').innerText()).toBe('EXERCISE');
      await readmeShot(page, 'console-exercise-room');

      await page.goto(`${hub.baseUrl}/#/major-incidents/${realRoom}`);
      await page.locator('.case-head h1', { hasText: 'Real wiper on the grid' }).waitFor();
      expect(await page.locator('.exercise-banner, .exercise-badge').count()).toBe(0);
    }), 60_000);

  it('the case list lists exercise cases behind its switch, each marked; the case page carries the banner', () =>
    withScreenshotOnFailure(page, 'console-exercise-case', async () => {
      await page.goto(`${hub.baseUrl}/#/incidents`);
      await page.locator('#incidents-list').waitFor();
      // real cases only by default: the drill's case is not among them
      expect(await page.locator(`#incidents-list a[href="#/incidents/${drillCase}"]`).count()).toBe(0);
      await page.getByLabel('Exercise cases (instead of real ones)').check();
      const row = page.locator('#incidents-list li.entry', { has: page.locator(`a[href="#/incidents/${drillCase}"]`) });
      await row.waitFor();
      expect(await row.locator('.exercise-badge').innerText()).toBe('EXERCISE');
      await row.locator(`a[href="#/incidents/${drillCase}"]`).click();
      await page.locator('.case-head h1', { hasText: '[EXERCISE] Grid telemetry lost' }).waitFor();
      expect(await page.getByRole('note').innerText()).toContain('EXERCISE — this case is part of a preparedness exercise');
      expect(await page.locator('.case-head .exercise-badge').innerText()).toBe('EXERCISE');
    }), 60_000);
  it("the centre's sent messages and an exercise alert's receipts page are marked too; a real alert's are not", async () => {
    const centre = await signIn(browser, hub.baseUrl, keys.coordinator);
    await withScreenshotOnFailure(centre, 'console-exercise-sent', async () => {
      await centre.goto(`${hub.baseUrl}/#/sent`);
      await centre.locator(`li[data-advisory="${drillAlert}"]`).waitFor();
      expect(await centre.locator(`li[data-advisory="${drillAlert}"] .exercise-badge`).innerText()).toBe('EXERCISE');
      const realAlert = (await hub.api(keys.coordinator, 'GET', `/api/v1/major-incidents/${realRoom}`)).body.alertId;
      expect(await centre.locator(`li[data-advisory="${realAlert}"] .exercise-badge`).count()).toBe(0);
      await centre.goto(`${hub.baseUrl}/#/advisories/${drillAlert}`);
      await centre.locator('.case-head h1', { hasText: '[EXERCISE] Switch to fallback links' }).waitFor();
      expect(await centre.getByRole('note').innerText()).toContain('EXERCISE — this alert is part of a preparedness exercise');
      await centre.goto(`${hub.baseUrl}/#/advisories/${realAlert}`);
      await centre.locator('.case-head h1', { hasText: 'Major incident: Real wiper on the grid' }).waitFor();
      expect(await centre.locator('.exercise-banner, .exercise-badge').count()).toBe(0);
    });
  }, 60_000);
});
