// Issue 19 in a real browser: the coordination room opens on the sector status board; a change one
// sector unit makes there is seen live by another organisation's open room, without a reload; the
// centre's sitrep arrives the same way; a sector not concerned sees nothing of the RED room.
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, withScreenshotOnFailure } from '../support/browser.js';
import { FIRST_COLOURS, LABEL_BACKGROUND, readmeShot, signIn, startConsoleHub, tlpOnScreen, type ConsoleHub } from '../support/console-hub.js';

type PageGlobals = { document: { querySelector(s: string): { textContent: string } | null }; roomMarker?: number };

describe('console: the major-incident room', () => {
  let hub: ConsoleHub;
  let browser: Browser;
  const keys: Record<string, string> = {};
  let roomId: string;
  let health: Page;
  let energy: Page;

  beforeAll(async () => {
    hub = await startConsoleHub();
    for (const org of ['centre', 'energy', 'health', 'finance']) keys[org] = await hub.key(org, ['analyst']);
    const declared = await hub.api(keys.centre, 'POST', '/api/v1/major-incidents', { title: 'Wiper on grid and hospital HMIs', tlp: 'TLP:RED', sectors: ['energy', 'health'], sitrepEveryMinutes: 240 });
    expect(declared.status).toBe(201);
    roomId = declared.body.id;
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  it('opens on the sector status board, from the list of major incidents', async () => {
    health = await signIn(browser, hub.baseUrl, keys.health);
    await withScreenshotOnFailure(health, 'console-major-incident-open', async () => {
      await health.getByRole('link', { name: 'Major incidents' }).click();
      await health.getByRole('link', { name: 'Wiper on grid and hospital HMIs' }).click();
      await health.waitForURL(new RegExp(`#/major-incidents/${roomId}$`));
      await health.locator('#status-board tr[data-sector="energy"]').waitFor();
      // the board is the first thing after the room's head
      expect(await health.locator('main h2').first().innerText()).toBe('Sector status board');
      expect(await health.locator('#status-board tbody tr').evaluateAll((rows) => rows.map((r) => (r as unknown as { dataset: { sector: string } }).dataset.sector))).toEqual(['energy', 'health']);
      expect(await health.locator('#status-board tr[data-sector="energy"] .state').innerText()).toBe('not-reported');
      expect(await tlpOnScreen(health.locator('.case-head .tlp'))).toEqual({ text: 'TLP:RED', color: FIRST_COLOURS['TLP:RED'], background: LABEL_BACKGROUND });
      // a unit sets its own sector only: health's form names health
      expect(await health.locator('#status-form h3').innerText()).toBe("Set health's status");
      // the centre's own forms are not offered to a unit
      expect(await health.locator('#sitrep-form, #stand-down-form').count()).toBe(0);
      await health.evaluate(() => ((globalThis as unknown as PageGlobals).roomMarker = 1));
    });
  }, 60_000);

  it("energy's status change reaches health's open room live, without a reload; so does the centre's sitrep", async () => {
    energy = await signIn(browser, hub.baseUrl, keys.energy);
    await withScreenshotOnFailure(energy, 'console-major-incident-status', async () => {
      await energy.goto(`${hub.baseUrl}/#/major-incidents/${roomId}`);
      await energy.locator('#status-form').waitFor();
      await energy.selectOption('#status-state', 'degraded');
      await energy.fill('#status-note', 'Two substations on manual control');
      await energy.click('#status-form button[type=submit]');
      await energy.locator('#status-board tr[data-sector="energy"] .state', { hasText: 'degraded' }).waitFor();
    });
    await withScreenshotOnFailure(health, 'console-major-incident-live', async () => {
      await health.locator('#status-board tr[data-sector="energy"] .state', { hasText: 'degraded' }).waitFor({ timeout: 10_000 });
      expect(await health.locator('#status-board tr[data-sector="energy"]').innerText()).toContain('Two substations on manual control');
      expect(await health.locator('#room-timeline li[data-kind="status"]').innerText()).toContain('energy is degraded — Two substations on manual control');
      // the same page, never reloaded
      expect(await health.evaluate(() => (globalThis as unknown as PageGlobals).roomMarker)).toBe(1);
      const sitrep = await hub.api(keys.centre, 'POST', `/api/v1/major-incidents/${roomId}/sitreps`, { body: 'Grid operators isolate HMI networks.', tlp: 'TLP:RED' });
      expect(sitrep.status).toBe(201);
      await health.locator('#room-sitreps [data-sitrep] .body', { hasText: 'Grid operators isolate HMI networks.' }).waitFor({ timeout: 10_000 });
      expect(await health.evaluate(() => (globalThis as unknown as PageGlobals).roomMarker)).toBe(1);
      await readmeShot(health, 'console-major-incident', { fullPage: true });
    });
  }, 60_000);

  it('the centre posts a task and a decision from the room, then stands it down; health sees each live', async () => {
    const centre = await signIn(browser, hub.baseUrl, keys.centre);
    await withScreenshotOnFailure(centre, 'console-major-incident-centre', async () => {
      await centre.goto(`${hub.baseUrl}/#/major-incidents/${roomId}`);
      await centre.locator('#task-form').waitFor();
      // the centre sets no sector status; it sees each unit's time to acknowledge
      expect(await centre.locator('#status-form').count()).toBe(0);
      expect(await centre.locator('#status-board thead').innerText()).toContain('Alert acknowledged');
      await centre.fill('#task-title', 'Collect HMI logs');
      await centre.selectOption('#task-owner', 'energy');
      await centre.click('#task-form button[type=submit]');
      await centre.fill('#decision-text', 'Hospitals switch to paper records');
      await centre.click('#decision-form button[type=submit]');
      await centre.locator('#room-decisions li', { hasText: 'Hospitals switch to paper records' }).waitFor();
    });
    await health.locator('#room-tasks td', { hasText: 'Collect HMI logs' }).waitFor({ timeout: 10_000 });
    await health.locator('#room-decisions li', { hasText: 'Hospitals switch to paper records' }).waitFor({ timeout: 10_000 });
    await withScreenshotOnFailure(centre, 'console-major-incident-stand-down', async () => {
      await centre.fill('#stand-down-note', 'All sectors recovering');
      await centre.click('#stand-down-form button[type=submit]');
      await centre.locator('#room-state', { hasText: 'stood down' }).waitFor();
    });
    // health's room closes live: its status form is withdrawn, the timeline ends with the stand-down
    await health.locator('#room-state', { hasText: 'stood down' }).waitFor({ timeout: 10_000 });
    expect(await health.locator('#status-form').isHidden()).toBe(true);
    expect(await health.locator('#room-timeline li').last().innerText()).toContain('All sectors recovering');
    expect(await health.evaluate(() => (globalThis as unknown as PageGlobals).roomMarker)).toBe(1);
    await centre.close();
  }, 60_000);

  it('a sector not concerned sees nothing of the RED room: not listed, 404 on its address', async () => {
    const finance = await signIn(browser, hub.baseUrl, keys.finance);
    await withScreenshotOnFailure(finance, 'console-major-incident-outsider', async () => {
      await finance.goto(`${hub.baseUrl}/#/major-incidents`);
      await finance.locator('#major-incident-list p, #major-incident-list ol').first().waitFor();
      expect(await finance.locator('#major-incident-list').innerText()).not.toContain('Wiper');
      expect(await finance.locator('#major-incident-list').innerText()).toContain('No major incident you may read.');
      await finance.goto(`${hub.baseUrl}/#/major-incidents/${roomId}`);
      await finance.locator('.form-errors').waitFor();
      expect(await finance.locator('main').innerText()).toContain(`No major incident ${roomId}.`);
      expect(await finance.locator('main').innerText()).not.toContain('Wiper');
      expect((await hub.api(keys.finance, 'GET', `/api/v1/major-incidents/${roomId}`)).status).toBe(404);
    });
    await finance.close();
  }, 60_000);

  it('a title, note or sitrep with markup is shown as typed, never run', async () => {
    const hostile = '<img src=x onerror="window.ranHostile=1"><b>bold</b>';
    const declared = await hub.api(keys.centre, 'POST', '/api/v1/major-incidents', { title: `Outage ${hostile}`, tlp: 'TLP:AMBER', sectors: ['energy'] });
    expect(declared.status).toBe(201);
    expect((await hub.api(keys.energy, 'PUT', `/api/v1/major-incidents/${declared.body.id}/status`, { state: 'affected', note: hostile })).status).toBe(200);
    expect((await hub.api(keys.centre, 'POST', `/api/v1/major-incidents/${declared.body.id}/sitreps`, { body: hostile, tlp: 'TLP:AMBER' })).status).toBe(201);
    await withScreenshotOnFailure(energy, 'console-major-incident-hostile', async () => {
      await energy.goto(`${hub.baseUrl}/#/major-incidents`);
      await energy.locator('#major-incident-list a', { hasText: 'Outage' }).click();
      await energy.locator('#room-sitreps [data-sitrep]').waitFor();
      expect(await energy.locator('main img, main b').count()).toBe(0);
      expect(await energy.locator('h1').innerText()).toBe(`Outage ${hostile}`);
      expect(await energy.locator('#status-board tr[data-sector="energy"]').innerText()).toContain(hostile);
      expect(await energy.evaluate(() => (globalThis as unknown as { ranHostile?: number }).ranHostile)).toBeUndefined();
    });
  }, 60_000);
});
