// Issue 17 in a real browser against the built hub: a participant's analyst proposes an agenda item
// from the console; the coordinator puts it on the agenda, adds and removes items, publishes, then
// corrects the published agenda as version 2; the participant is told in its inbox and reads both
// versions. An organisation that does not take part sees neither the meeting nor a way to propose.
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, withScreenshotOnFailure } from '../support/browser.js';
import { readmeShot, signIn, startConsoleHub, type ConsoleHub } from '../support/console-hub.js';

const itemIds = (page: Page) => page.locator('#agenda-items > li[data-item]').evaluateAll((items) => items.map((i) => (i as unknown as { dataset: { item: string } }).dataset.item));

describe('console: proposing agenda items and correcting a published agenda', () => {
  let hub: ConsoleHub;
  let browser: Browser;
  let coordinatorKey: string;
  let healthKey: string;
  let telecomKey: string;
  let coordinator: Page;
  let health: Page;
  let meetingId: string;

  beforeAll(async () => {
    hub = await startConsoleHub();
    [coordinatorKey, healthKey, telecomKey] = await Promise.all([hub.key('centre', ['coordinator', 'analyst']), hub.key('health', ['analyst']), hub.key('telecom', ['analyst'])]);
    const created = await hub.api(coordinatorKey, 'POST', '/api/v1/meetings', { title: 'Network meeting Q1', startsAt: '2027-02-03T09:00:00Z', endsAt: '2027-02-03T12:00:00Z', participants: ['centre', 'energy', 'health'], series: 'console-corrections' });
    expect(created.status).toBe(201);
    meetingId = created.body.id;
    expect((await hub.api(coordinatorKey, 'POST', `/api/v1/meetings/${meetingId}/agenda/draft`)).status).toBe(200);
    browser = await launchBrowser();
    coordinator = await signIn(browser, hub.baseUrl, coordinatorKey);
    health = await signIn(browser, hub.baseUrl, healthKey);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  it("a participant's analyst finds the meeting under Meetings and proposes an item", () =>
    withScreenshotOnFailure(health, 'console-propose', async () => {
      await expect(health.locator('#nav a').allInnerTexts()).resolves.toContain('Meetings');
      await health.goto(`${hub.baseUrl}/#/meetings`);
      await expect(health.locator('a.button', { hasText: 'New meeting' }).count()).resolves.toBe(0);
      await health.getByRole('link', { name: 'Network meeting Q1' }).click();
      await health.locator('#proposal-form').waitFor();
      // the draft is the coordinator's: the participant sees neither it nor any editing control
      await expect(health.locator('#agenda-items').count()).resolves.toBe(0);
      await expect(health.locator('#draft-agenda, #publish-agenda, #add-item-form').count()).resolves.toBe(0);

      // a bad time is refused beside its field, nothing is stored
      await health.fill('#proposal-title', 'Hospital ransomware exercise: lessons');
      await health.fill('#proposal-minutes', '0');
      await health.click('#proposal-form button[type=submit]');
      await health.locator('#proposal-minutes-error:not([hidden])').waitFor();
      expect((await hub.api(healthKey, 'GET', `/api/v1/meetings/${meetingId}/proposals`)).body.proposals).toEqual([]);

      await health.fill('#proposal-minutes', '20');
      await health.click('#proposal-form button[type=submit]');
      await health.locator('#agenda-status', { hasText: 'Proposed: Hospital ransomware exercise: lessons' }).waitFor();
      await expect(health.locator('#proposal-list li').innerText()).resolves.toContain('Hospital ransomware exercise: lessons');
      const stored = (await hub.api(healthKey, 'GET', `/api/v1/meetings/${meetingId}/proposals`)).body.proposals;
      expect(stored).toEqual([expect.objectContaining({ title: 'Hospital ransomware exercise: lessons', author: 'health', minutes: 20, tlp: 'TLP:AMBER' })]);
    }));

  it('an organisation that does not take part sees no such meeting and no way to propose', async () => {
    const telecom = await signIn(browser, hub.baseUrl, telecomKey);
    try {
      await withScreenshotOnFailure(telecom, 'console-propose-outsider', async () => {
        await telecom.goto(`${hub.baseUrl}/#/meetings`);
        await telecom.locator('main h1', { hasText: 'Meetings' }).waitFor();
        await expect(telecom.getByRole('link', { name: 'Network meeting Q1' }).count()).resolves.toBe(0);
        await telecom.goto(`${hub.baseUrl}/#/meetings/${meetingId}`);
        await telecom.locator('[role=alert]', { hasText: `No meeting ${meetingId}` }).waitFor();
        await expect(telecom.locator('#proposal-form').count()).resolves.toBe(0);
      });
    } finally {
      await telecom.close();
    }
  });

  it('the coordinator puts the proposal on the agenda, adds an item and removes one', () =>
    withScreenshotOnFailure(coordinator, 'console-agenda-items', async () => {
      await coordinator.goto(`${hub.baseUrl}/#/meetings/${meetingId}`);
      await coordinator.locator('#agenda-items > li[data-item]').first().waitFor();
      await coordinator.locator('#agenda-period', { hasText: /^Period covered: from the start of the series to / }).waitFor();
      const proposal = coordinator.locator('#proposal-list li', { hasText: 'Hospital ransomware exercise: lessons' });
      await expect(proposal.innerText()).resolves.toContain('not on the agenda');
      await proposal.getByRole('button', { name: /^Put on the agenda/ }).click();
      await coordinator.locator('#agenda-status', { hasText: 'is on the agenda' }).waitFor();
      await expect(coordinator.locator('#proposal-list li', { hasText: 'Hospital ransomware' }).innerText()).resolves.toContain('on the agenda');
      await coordinator.locator('#agenda-items > li[data-item^="proposal:"]').waitFor();

      await coordinator.fill('#add-item-title', 'Tour de table');
      await coordinator.selectOption('#add-item-presenter', 'energy');
      await coordinator.fill('#add-item-minutes', '15');
      await coordinator.click('#add-item-form button[type=submit]');
      await coordinator.locator('#agenda-items > li[data-item^="added:"]', { hasText: 'Tour de table' }).waitFor();

      const before = await itemIds(coordinator);
      const closing = coordinator.locator('#agenda-items > li[data-item="closing"]');
      // removing asks first; Cancel keeps the item
      await closing.getByRole('button', { name: /^Remove: / }).click();
      await coordinator.locator('#confirm-dialog[open]').waitFor();
      await coordinator.click('#confirm-no');
      await coordinator.locator('#agenda-status', { hasText: 'Not removed' }).waitFor();
      expect(await itemIds(coordinator)).toEqual(before);
      await closing.getByRole('button', { name: /^Remove: / }).click();
      await coordinator.click('#confirm-yes');
      await closing.waitFor({ state: 'detached' });
      await coordinator.locator('#agenda-status', { hasText: /^Any other business.* removed$/ }).waitFor();
      expect(await itemIds(coordinator)).toEqual(before.filter((id) => id !== 'closing'));

      const stored = (await hub.api(coordinatorKey, 'GET', `/api/v1/meetings/${meetingId}`)).body.agenda.items as { id: string; title: string; presenter: string; minutes: number }[];
      expect(stored.map((i) => i.id)).toEqual(before.filter((id) => id !== 'closing'));
      expect(stored.find((i) => i.title === 'Tour de table')).toMatchObject({ presenter: 'energy', minutes: 15 });
      expect(stored.find((i) => i.title === 'Hospital ransomware exercise: lessons')).toMatchObject({ presenter: 'health', minutes: 20 });
    }));

  it('publishes, corrects the published agenda as version 2 with a confirmation, and lists both versions', () =>
    withScreenshotOnFailure(coordinator, 'console-agenda-correct', async () => {
      // rough edge 3: the first Publish asks; Cancel leaves the draft unpublished and still editable
      await coordinator.click('#publish-agenda');
      await coordinator.locator('#confirm-dialog[open]').waitFor();
      await expect(coordinator.locator('#confirm-dialog').innerText()).resolves.toMatch(/Publish the agenda\?[\s\S]*centre, energy, health/);
      await coordinator.click('#confirm-no');
      await coordinator.locator('#agenda-status', { hasText: 'Not published.' }).waitFor();
      await coordinator.locator('#confirm-dialog[open]').waitFor({ state: 'detached' });
      await expect(coordinator.locator('#meeting-state').innerText()).resolves.toMatch(/^draft ·/);
      await expect(coordinator.locator('#agenda-items input.minutes:not([disabled])').count()).resolves.toBeGreaterThan(0);
      expect((await hub.api(coordinatorKey, 'GET', `/api/v1/meetings/${meetingId}`)).body).toMatchObject({ state: 'draft' });

      await coordinator.click('#publish-agenda');
      await coordinator.click('#confirm-yes');
      await coordinator.locator('#meeting-state', { hasText: /^published · version 1/ }).waitFor();
      await expect(coordinator.locator('#agenda-items input.minutes:not([disabled])').count()).resolves.toBe(0);

      await coordinator.click('#correct-agenda');
      await coordinator.locator('#correction-notice', { hasText: 'Correcting version 1' }).waitFor();
      const tour = coordinator.locator('#agenda-items > li[data-item^="added:"] input.minutes');
      await tour.fill('25');
      await tour.press('Tab');
      await coordinator.locator('#agenda-status', { hasText: 'Tour de table: 25 minutes' }).waitFor();
      // the participants still have version 1 as it went out
      const meanwhile = (await hub.api(healthKey, 'GET', `/api/v1/meetings/${meetingId}`)).body;
      expect(meanwhile.agenda.items.find((i: { title: string }) => i.title === 'Tour de table').minutes).toBe(15);

      await coordinator.fill('#correction-note', 'Energy needs more time for the round.');
      await coordinator.click('#publish-correction');
      await coordinator.locator('#confirm-dialog[open]').waitFor();
      await expect(coordinator.locator('#confirm-dialog').innerText()).resolves.toMatch(/Version 1 stays readable/);
      await coordinator.click('#confirm-no');
      await coordinator.locator('#agenda-status', { hasText: 'the correction is kept' }).waitFor();
      expect((await hub.api(coordinatorKey, 'GET', `/api/v1/meetings/${meetingId}`)).body.agendaVersion).toBe(1);

      await coordinator.click('#publish-correction');
      await coordinator.click('#confirm-yes');
      await coordinator.locator('#agenda-status', { hasText: 'Published version 2: Time box: Tour de table (15 → 25 min)' }).waitFor();
      await coordinator.locator('#meeting-state', { hasText: /^published · version 2/ }).waitFor();
      const versions = coordinator.locator('#agenda-versions li.version');
      await expect(versions.count()).resolves.toBe(2);
      await expect(versions.first().innerText()).resolves.toMatch(/Version 2[\s\S]*current[\s\S]*Energy needs more time for the round\.[\s\S]*Time box: Tour de table \(15 → 25 min\)/);
      await expect(versions.nth(1).innerText()).resolves.toMatch(/Version 1[\s\S]*As first published\./);
      await readmeShot(coordinator, 'agenda-versions', { fullPage: true });
    }));

  it('the participant is told in its inbox and reads both versions, the current one marked', () =>
    withScreenshotOnFailure(health, 'console-agenda-versions-participant', async () => {
      await health.goto(`${hub.baseUrl}/#/inbox`);
      await health.locator('#inbox-list li.entry', { hasText: 'Agenda, version 2 (corrected): Network meeting Q1' }).waitFor({ timeout: 30_000 });
      await health.goto(`${hub.baseUrl}/#/meetings/${meetingId}`);
      await health.locator('#agenda-versions').waitFor();
      await expect(health.locator('#agenda-items > li[data-item^="added:"] input.minutes').inputValue()).resolves.toBe('25');
      const versions = health.locator('#agenda-versions li.version');
      await expect(versions.count()).resolves.toBe(2);
      await expect(versions.first().innerText()).resolves.toMatch(/Version 2[\s\S]*current/);
      await versions.nth(1).locator('summary').click();
      await expect(versions.nth(1).locator('.version-items').innerText()).resolves.toContain('Tour de table — energy, 15 min');
      // what participants may not do: no correcting, no key of the coordinator's shown
      await expect(health.locator('#correct-agenda, #publish-correction').count()).resolves.toBe(0);
      await expect(versions.first().innerText()).resolves.not.toContain('key ');
    }));
});
