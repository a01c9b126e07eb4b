// Journey 1 in a real browser against the built API and worker: an energy analyst files an incident
// through the form (a bad STIX pattern first, its error beside the pattern field), lands on the case
// page, then sees an alert arrive in the open inbox without reloading, marks it read and acknowledges.
import type { Browser, Page } from 'playwright-core';
import { incidentBundle } from '../factories/stix-bundles.js';
import { launchBrowser, withScreenshotOnFailure } from '../support/browser.js';
import { FIRST_COLOURS, horizontalOverflow, LABEL_BACKGROUND, readmeShot, signIn, startConsoleHub, tlpOnScreen, type ConsoleHub } from '../support/console-hub.js';

describe('console: filing an incident and reading the inbox', () => {
  let hub: ConsoleHub;
  let browser: Browser;
  let energy: string;
  let centre: string;
  let page: Page;

  beforeAll(async () => {
    hub = await startConsoleHub();
    [energy, centre] = await Promise.all([hub.key('energy', ['reporter', 'analyst']), hub.key('centre', ['analyst'])]);
    browser = await launchBrowser();
    page = await signIn(browser, hub.baseUrl, energy);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  it('shows the organisation and roles, and keeps the key in sessionStorage only', () =>
    withScreenshotOnFailure(page, 'console-signin', async () => {
      await expect(page.locator('#who-org').innerText()).resolves.toBe('energy');
      await expect(page.locator('#who-roles').innerText()).resolves.toMatch(/reporter\s*analyst/);
      const stored = await page.evaluate(() => {
        const g = globalThis as unknown as { sessionStorage: { getItem(k: string): string | null }; localStorage: { length: number } };
        return { session: g.sessionStorage.getItem('isac.apiKey'), local: g.localStorage.length };
      });
      expect(stored).toEqual({ session: energy, local: 0 });
    }));

  it('files an incident through the form: the pattern error beside its field, then the case page with stages and deadlines', () =>
    withScreenshotOnFailure(page, 'console-incident', async () => {
      await page.goto(`${hub.baseUrl}/#/incidents/new`);
      await page.fill('#incident-title', 'Ransomware on substation HMI');
      await page.fill('#incident-description', 'Operator screens encrypted at two substations.');
      await page.selectOption('#incident-severity', 'high');
      // the legal clock's start is never pre-filled: the reporter enters it (or takes the current time, said as such)
      await expect(page.locator('#incident-aware').inputValue()).resolves.toBe('');
      await page.click('#incident-aware-now');
      await page.selectOption('#incident-malicious', 'yes');
      await page.fill('#indicator-0-name', 'C2 address');
      await page.fill('#indicator-0-pattern', "[ipv4-addr:value = '203.0.113.7'");
      await page.click('#incident-form button[type=submit]');

      const patternError = page.locator('#indicator-0-pattern-error');
      await patternError.waitFor({ state: 'visible' });
      await expect(patternError.innerText()).resolves.toMatch(/pattern|position|expect/i);
      await expect(page.locator('#indicator-0-pattern').getAttribute('aria-invalid')).resolves.toBe('true');
      await expect(page.locator('#incident-title-error').isVisible()).resolves.toBe(false);
      expect(page.url()).toMatch(/#\/incidents\/new$/); // nothing filed

      await page.fill('#indicator-0-pattern', "[ipv4-addr:value = '203.0.113.7']");
      await page.click('#incident-form button[type=submit]');
      await page.waitForURL(/#\/incidents\/[0-9a-f-]{36}$/);
      await page.locator('#case-deadlines').waitFor();
      await expect(page.locator('h1').innerText()).resolves.toBe('Ransomware on substation HMI');
      await expect(page.locator('#case-stage').innerText()).resolves.toBe('Early warning');
      // the NIS2 stages as the hub takes them, the one reported ticked
      await expect(page.locator('ol.stages li').allTextContents()).resolves.toEqual(['✓ Early warning (submitted)', '○ Incident notification', '○ Intermediate report', '○ Progress report', '○ Final report']);
      const clocks = await page.locator('#case-deadlines tbody tr').evaluateAll((rows) => rows.map((r) => (r as unknown as { dataset: { clock: string } }).dataset.clock));
      expect(clocks).toEqual(expect.arrayContaining(['early-warning', 'notification']));
      await expect(page.locator('#case-deadlines tr[data-clock="notification"] .countdown').innerText()).resolves.toMatch(/^in (2 d|3 d|\d+ h)/);
      await expect(page.locator('#case-timeline li').first().innerText()).resolves.toMatch(/Report: Early warning \(\d+ STIX objects\)/);

      // the case's label and the page header, in FIRST's colours
      expect(await tlpOnScreen(page.locator('.case-head .tlp'))).toEqual({ text: 'TLP:AMBER', color: FIRST_COLOURS['TLP:AMBER'], background: LABEL_BACKGROUND });
      expect(await tlpOnScreen(page.locator('#page-tlp .tlp'))).toEqual({ text: 'TLP:AMBER', color: FIRST_COLOURS['TLP:AMBER'], background: LABEL_BACKGROUND });

      // what the page showed is what the hub stored
      const caseId = page.url().split('/').pop()!;
      const stored = await hub.api(energy, 'GET', `/api/v1/incidents/${caseId}`);
      expect(stored).toMatchObject({ status: 200, body: { name: 'Ransomware on substation HMI', tlp: 'TLP:AMBER', severity: 'high', stage: 'early-warning', affectedSectors: ['energy'] } });
      await readmeShot(page, 'case');
    }));

  it('files an uploaded STIX bundle: the validator\'s problems listed with their pointers, then the case page', () =>
    withScreenshotOnFailure(page, 'console-upload', async () => {
      await page.goto(`${hub.baseUrl}/#/incidents/new`);
      const bad = incidentBundle({ tlp: 'TLP:GREEN', extra: { name: 'Uploaded case' } });
      (bad.objects[2] as { pattern: string }).pattern = '[ipv4-addr:value = ';
      await page.setInputFiles('#upload-file', { name: 'incident.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
      await page.click('#upload-form button[type=submit]');
      const problems = page.locator('#upload-form .form-errors');
      await problems.locator('li').first().waitFor();
      await expect(problems.innerText()).resolves.toContain('/objects/2/pattern');

      const good = incidentBundle({ tlp: 'TLP:GREEN', extra: { name: 'Uploaded case' } });
      await page.setInputFiles('#upload-file', { name: 'incident.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(good)) });
      await page.click('#upload-form button[type=submit]');
      await page.waitForURL(/#\/incidents\/[0-9a-f-]{36}$/);
      await expect(page.locator('h1').innerText()).resolves.toBe('Uploaded case');
      expect(await tlpOnScreen(page.locator('.case-head .tlp'))).toEqual({ text: 'TLP:GREEN', color: FIRST_COLOURS['TLP:GREEN'], background: LABEL_BACKGROUND });
      // it shares the first case's pattern: that AMBER case is listed as linked, with its label, so the
      // page holds AMBER and the header says so although the case itself is GREEN
      await expect(page.locator('#case-links li').first().innerText()).resolves.toMatch(/TLP:AMBER[\s\S]*Ransomware on substation HMI[\s\S]*indicator-pattern/);
      expect(await tlpOnScreen(page.locator('#page-tlp .tlp'))).toMatchObject({ text: 'TLP:AMBER' });
    }));

  it('shows a new alert in the open inbox without reloading, marks it read and acknowledges it', () =>
    withScreenshotOnFailure(page, 'console-inbox', async () => {
      await page.goto(`${hub.baseUrl}/#/inbox`);
      await page.locator('#inbox-count').waitFor();
      await page.locator('#live-status[data-state="live"]').waitFor();
      await page.evaluate(() => ((globalThis as unknown as { noReload: boolean }).noReload = true));

      const published = await hub.api(centre, 'POST', '/api/v1/alerts', {
        title: 'Wiper targeting grid SCADA', body: '**Patch now.** Isolate engineering workstations and rotate the VPN credentials:\n\n- HMI hosts first\n- then the historians\n\nDetails in the [vendor advisory](https://example.org/advisory-17).', severity: 'critical', tlp: 'TLP:AMBER',
        audience: { sectors: ['energy'] }, requiresAck: true,
        ackDeadline: new Date(Date.now() + 4 * 3_600_000).toISOString(), expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      });
      expect(published.status).toBe(201);

      const entry = page.locator('.entry', { hasText: 'Wiper targeting grid SCADA' });
      await entry.waitFor({ timeout: 20_000 });
      await expect(page.evaluate(() => (globalThis as unknown as { noReload?: boolean }).noReload)).resolves.toBe(true);
      await expect(entry.getAttribute('class')).resolves.toContain('unread');
      expect(await tlpOnScreen(entry.locator('.tlp'))).toEqual({ text: 'TLP:AMBER', color: FIRST_COLOURS['TLP:AMBER'], background: LABEL_BACKGROUND });
      expect(await tlpOnScreen(page.locator('#page-tlp .tlp'))).toMatchObject({ text: 'TLP:AMBER', color: FIRST_COLOURS['TLP:AMBER'] });
      await expect(entry.locator('.severity').innerText()).resolves.toMatch(/critical/i);
      // a critical alert's message shows open, its Markdown formatted
      await expect(entry.locator('details[open] .body strong').innerText()).resolves.toBe('Patch now.');
      await readmeShot(page, 'inbox');

      await entry.getByRole('button', { name: /^Mark read/ }).click();
      await page.locator('.entry.read', { hasText: 'Wiper targeting grid SCADA' }).waitFor();
      await page.locator('.entry', { hasText: 'Wiper targeting grid SCADA' }).getByRole('button', { name: /^Acknowledge/ }).click();
      await page.locator('.entry', { hasText: /Wiper targeting grid SCADA[\s\S]*acknowledged/ }).waitFor();

      const inbox = await hub.api(energy, 'GET', '/api/v1/inbox');
      const stored = inbox.body.entries.find((e: { advisory: { id: string } }) => e.advisory.id === published.body.id);
      expect(stored.readAt).not.toBeNull();
      expect(stored.acknowledgedAt).not.toBeNull();

      // the filter hides what is read
      await page.check('#filter-unread');
      await expect(page.locator('.entry', { hasText: 'Wiper targeting grid SCADA' }).count()).resolves.toBe(0);
    }));

  it('fits a 375 px phone without horizontal scrolling', () =>
    withScreenshotOnFailure(page, 'console-phone', async () => {
      const phone = await signIn(browser, hub.baseUrl, energy, { width: 375, height: 740 });
      try {
        for (const route of ['#/inbox', '#/incidents/new', '#/incidents']) {
          await phone.goto(`${hub.baseUrl}/${route}`);
          await phone.locator('main h1').waitFor();
          await phone.waitForTimeout(300);
          expect({ route, overflow: await horizontalOverflow(phone) }).toEqual({ route, overflow: 0 });
        }
        await phone.goto(`${hub.baseUrl}/#/inbox`);
        await phone.locator('.entry').first().waitFor();
        expect({ route: 'inbox with entries', overflow: await horizontalOverflow(phone) }).toEqual({ route: 'inbox with entries', overflow: 0 });
        await readmeShot(phone, 'inbox-phone');
      } finally {
        await phone.close();
      }
    }));
});
