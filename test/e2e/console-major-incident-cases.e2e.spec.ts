// Issue 19 in a real browser: the centre escalates a case into a major incident in one step from the
// case page, attaches another sector's case in the room, and each reader sees the linked cases and the
// attachment only as far as it may read them: health reads the room but not litware's case, litware
// its case but not the AMBER+STRICT room (DESIGN §2, no oracle).
import type { Browser, Page } from 'playwright-core';
import { incidentBundle } from '../factories/stix-bundles.js';
import { launchBrowser, withScreenshotOnFailure } from '../support/browser.js';
import { readmeShot, signIn, startConsoleHub, type ConsoleHub } from '../support/console-hub.js';

const STIX = 'application/stix+json;version=2.1';

describe('console: escalating a case, and the room’s linked cases', () => {
  let hub: ConsoleHub;
  let browser: Browser;
  const keys: Record<string, string> = {};
  const cases: Record<string, string> = {};
  let roomId: string;
  let centre: Page;

  beforeAll(async () => {
    hub = await startConsoleHub();
    for (const org of ['litware', 'health']) keys[org] = await hub.key(org, ['reporter', 'analyst']);
    for (const org of ['centre', 'energy']) keys[org] = await hub.key(org, ['analyst']);
    // an energy member's case, unmarked (TLP:AMBER+STRICT: the centre and the energy unit), and health's own GREEN one
    const filed = await hub.api(
      keys.litware,
      'POST',
      '/api/v1/incidents',
      incidentBundle({ extra: { name: 'Substation wiper', x_isac_affected_sectors: ['energy'] } }),
      STIX,
    );
    expect(filed.status).toBe(201);
    cases.litware = filed.body.id;
    const green = await hub.api(keys.health, 'POST', '/api/v1/incidents', incidentBundle({ tlp: 'TLP:GREEN', extra: { name: 'Hospital HMI outage' } }), STIX);
    expect(green.status).toBe(201);
    cases.health = green.body.id;
    browser = await launchBrowser();
    centre = await signIn(browser, hub.baseUrl, keys.centre);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  it('the centre escalates the case from its page in one step: the room opens with the case attached', async () => {
    await withScreenshotOnFailure(centre, 'console-escalate-case', async () => {
      await centre.goto(`${hub.baseUrl}/#/incidents/${cases.litware}`);
      await centre.locator('#escalate-form').waitFor();
      expect(await centre.locator('#case-major-incidents').innerText()).toBe('Attached to no major incident you may read.');
      // filled from the case: its marking, its reporter's sector; not its name, which the room's readers may not all read
      expect(await centre.inputValue('#escalate-title-input')).toBe('');
      await centre.fill('#escalate-title-input', 'Substation wiper');
      expect(await centre.inputValue('#escalate-tlp')).toBe('TLP:AMBER+STRICT');
      expect(
        await centre.locator('#escalate-sectors input:checked').evaluateAll((boxes) => boxes.map((b) => (b as unknown as { value: string }).value)),
      ).toEqual(['energy']);
      await centre.check('#escalate-sectors input[value="health"]');
      await centre.click('#escalate-form button[type=submit]');
      await centre.waitForURL(/#\/major-incidents\/[0-9a-f-]{36}$/);
      roomId = centre.url().split('/').at(-1)!;
      await centre.locator(`#room-cases li[data-case="${cases.litware}"]`).waitFor();
      expect(await centre.locator('h1').innerText()).toBe('Substation wiper');
    });
    const room = await hub.api(keys.centre, 'GET', `/api/v1/major-incidents/${roomId}`);
    expect(room.body).toMatchObject({ tlp: 'TLP:AMBER+STRICT', sectors: ['energy', 'health'], linkedCases: [{ id: cases.litware, name: 'Substation wiper' }] });
  }, 60_000);

  it("a case the centre may not name is refused beside the form; health's case is attached from the room", async () => {
    await withScreenshotOnFailure(centre, 'console-attach-case', async () => {
      await centre.fill('#attach-case-ids', '00000000-0000-4000-8000-000000000000');
      await centre.click('#attach-form button[type=submit]');
      await centre.locator('#attach-form .form-errors', { hasText: 'no incident case 00000000-0000-4000-8000-000000000000' }).waitFor();
      await centre.fill('#attach-case-ids', cases.health);
      await centre.click('#attach-form button[type=submit]');
      await centre.locator(`#room-cases li[data-case="${cases.health}"]`).waitFor();
      expect(await centre.locator('#room-cases li').allInnerTexts()).toEqual(['TLP:AMBER+STRICT Substation wiper', 'TLP:GREEN Hospital HMI outage']);
      await readmeShot(centre, 'console-major-incident-cases', { element: centre.locator('#room-cases-section') });
    });
  }, 60_000);

  it('each reader sees the linked cases and the attachment only as far as it may read them', async () => {
    // health reads the room, not litware's AMBER+STRICT case: only its own is listed
    const health = await signIn(browser, hub.baseUrl, keys.health);
    await withScreenshotOnFailure(health, 'console-room-cases-health', async () => {
      await health.goto(`${hub.baseUrl}/#/major-incidents/${roomId}`);
      await health.locator(`#room-cases li[data-case="${cases.health}"]`).waitFor();
      expect(await health.locator('#room-cases li').count()).toBe(1);
      // (the room's own title is the centre's words, which it took from the case: the list names nothing of the case)
      expect(await health.locator('#room-cases').innerText()).not.toContain('Substation wiper');
      expect(await health.content()).not.toContain(cases.litware);
      // its own case names the room, and offers no escalation to a unit
      await health.goto(`${hub.baseUrl}/#/incidents/${cases.health}`);
      await health.locator(`#case-major-incidents a[href="#/major-incidents/${roomId}"]`).waitFor();
      expect(await health.locator('#escalate-form').count()).toBe(0);
    });
    await health.close();
    // the energy unit reads both the case and the room; litware its case but not the AMBER+STRICT room
    const energy = await signIn(browser, hub.baseUrl, keys.energy);
    await energy.goto(`${hub.baseUrl}/#/incidents/${cases.litware}`);
    await energy.locator(`#case-major-incidents a[href="#/major-incidents/${roomId}"]`).waitFor();
    await energy.close();
    const litware = await signIn(browser, hub.baseUrl, keys.litware);
    await withScreenshotOnFailure(litware, 'console-case-room-litware', async () => {
      await litware.goto(`${hub.baseUrl}/#/incidents/${cases.litware}`);
      await litware.locator('#case-major-incidents').waitFor();
      expect(await litware.locator('#case-major-incidents').innerText()).toBe('Attached to no major incident you may read.');
      expect(await litware.locator('main').innerText()).not.toContain(roomId);
    });
    await litware.close();
    expect((await hub.api(keys.litware, 'GET', `/api/v1/major-incidents/${roomId}`)).status).toBe(404);
  }, 60_000);
});
