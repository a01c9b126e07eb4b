// Issue 17's case journey in a real browser against the built API and worker: a reporter files the
// early warning through the form; the centre, on the case page, asks a question and gives feedback;
// the reporter sees both appear on its open case page (live, no reload, what it was typing kept),
// answers, and files the incident notification from there, which the centre's open page shows live.
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, withScreenshotOnFailure } from '../support/browser.js';
import { horizontalOverflow, readmeShot, signIn, startConsoleHub, type ConsoleHub } from '../support/console-hub.js';

describe('console: working a case together', () => {
  let hub: ConsoleHub;
  let browser: Browser;
  let energy: string;
  let centre: string;
  let reporter: Page;
  let analyst: Page;

  beforeAll(async () => {
    hub = await startConsoleHub();
    [energy, centre] = await Promise.all([hub.key('energy', ['reporter']), hub.key('centre', ['analyst'])]);
    browser = await launchBrowser();
    [reporter, analyst] = await Promise.all([signIn(browser, hub.baseUrl, energy), signIn(browser, hub.baseUrl, centre)]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  it('early warning, the centre\'s question and feedback, the answer and the notification, all on the case page, live on both sides', () =>
    withScreenshotOnFailure(reporter, 'console-case-journey', async () => {
      // the reporter files the early warning
      await reporter.goto(`${hub.baseUrl}/#/incidents/new`);
      await reporter.fill('#incident-title', 'Wiper on pipeline SCADA');
      await reporter.fill('#incident-description', 'Engineering workstations wiped at the compressor station.');
      await reporter.selectOption('#incident-severity', 'high');
      await reporter.click('#incident-aware-now');
      await reporter.fill('#indicator-0-pattern', "[ipv4-addr:value = '198.51.100.23']");
      await reporter.click('#incident-form button[type=submit]');
      await reporter.waitForURL(/#\/incidents\/[0-9a-f-]{36}$/);
      const caseId = reporter.url().split('/').pop()!;
      await reporter.locator('#case-timeline').waitFor();
      // what was typed, the indicators and the STIX incident id
      await expect(reporter.locator('#case-description').innerText()).resolves.toContain('Engineering workstations wiped at the compressor station.');
      await expect(reporter.locator('#case-indicators').innerText()).resolves.toContain("[ipv4-addr:value = '198.51.100.23']");
      const stored = await hub.api(energy, 'GET', `/api/v1/incidents/${caseId}`);
      await expect(reporter.locator('#case-incident-id').innerText()).resolves.toBe(stored.body.incidentId);
      // the next report's checklist is what the early warning lacked; the centre's form is not the reporter's
      await expect(reporter.locator('#followup-checklist').innerText()).resolves.toMatch(/suspected-malicious[\s\S]*cross-border-impact/);
      await expect(reporter.locator('#feedback-form').count()).resolves.toBe(0);
      // the reporter starts typing an answer before anything was asked; the page stays open from here on
      await reporter.fill('#message-body', 'Yes, since 09:40.');
      const marked = (page: Page) => page.evaluate(() => (globalThis as unknown as { __samePage?: boolean }).__samePage === true);
      await reporter.evaluate(() => ((globalThis as unknown as { __samePage?: boolean }).__samePage = true));

      // the centre asks a question and gives feedback from the same page
      await analyst.goto(`${hub.baseUrl}/#/incidents/${caseId}`);
      await analyst.locator('#message-form').waitFor();
      await analyst.evaluate(() => ((globalThis as unknown as { __samePage?: boolean }).__samePage = true));
      // the TLP picker offers nothing wider than the case's TLP:AMBER
      await expect(analyst.locator('#message-tlp option').allTextContents()).resolves.toEqual(['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER']);
      await analyst.selectOption('#message-kind', 'question');
      await analyst.fill('#message-body', 'Is the HMI network isolated?');
      await analyst.click('#message-form button[type=submit]');
      await analyst.locator('#case-messages li', { hasText: 'Is the HMI network isolated?' }).waitFor();
      await expect(analyst.locator('#followup-form').count()).resolves.toBe(0);
      await analyst.selectOption('#feedback-kind', 'guidance');
      await analyst.fill('#feedback-body', 'Isolate the **HMI network** and keep the wiped disks.');
      await readmeShot(analyst, 'case-feedback', { element: analyst.locator('#feedback-form') });
      await analyst.click('#feedback-form button[type=submit]');
      await analyst.locator('#case-timeline li.feedback').waitFor();

      // the reporter sees both on the page it has open, told by the event stream; what it typed is still there
      const question = reporter.locator('#case-messages li', { hasText: 'Is the HMI network isolated?' });
      await question.waitFor();
      await expect(question.innerText()).resolves.toMatch(/centre[\s\S]*question/);
      const feedback = reporter.locator('#case-timeline li.feedback');
      await expect(feedback.innerText()).resolves.toMatch(/Centre feedback \(guidance\)[\s\S]*Isolate the HMI network and keep the wiped disks\./);
      await expect(feedback.locator('strong').innerText()).resolves.toBe('HMI network');
      await expect(reporter.locator('#message-body').inputValue()).resolves.toBe('Yes, since 09:40.');
      expect(await marked(reporter)).toBe(true);
      await readmeShot(reporter, 'case-timeline-feedback', { element: reporter.locator('#case-timeline') });

      await reporter.selectOption('#message-kind', 'answer');
      await reporter.click('#message-form button[type=submit]');
      await reporter.locator('#case-messages li', { hasText: 'Yes, since 09:40.' }).waitFor();
      await expect(reporter.locator('#message-body').inputValue()).resolves.toBe('');
      // the centre's open page shows the answer without a reload
      await analyst.locator('#case-messages li', { hasText: 'Yes, since 09:40.' }).waitFor();
      await readmeShot(reporter, 'case-conversation', { element: reporter.locator('section[aria-labelledby="conversation-title"]') });

      await expect(reporter.locator('#followup-stage').inputValue()).resolves.toBe('notification');
      await reporter.selectOption('#followup-malicious', 'yes');
      await reporter.selectOption('#followup-cross-border', 'no');
      await readmeShot(reporter, 'case-next-report', { element: reporter.locator('#followup-form') });
      // a bad pattern first: its problem beside the field, nothing filed
      await reporter.fill('#followup-indicator-0-pattern', "[domain-name:value = 'wiper.example'");
      await reporter.click('#followup-form button[type=submit]');
      await reporter.locator('#followup-indicator-0-pattern-error').waitFor({ state: 'visible' });
      await expect(reporter.locator('#case-stage').innerText()).resolves.toBe('Early warning');
      await reporter.fill('#followup-indicator-0-pattern', "[domain-name:value = 'wiper.example']");
      await reporter.click('#followup-form button[type=submit]');
      await reporter.locator('#case-stage', { hasText: 'Incident notification' }).waitFor();
      await expect(reporter.locator('#case-indicators').innerText()).resolves.toContain("[domain-name:value = 'wiper.example']");
      // and so does the centre's: the stage, the report in the timeline
      await analyst.locator('#case-stage', { hasText: 'Incident notification' }).waitFor();
      await expect(analyst.locator('#case-timeline').innerText()).resolves.toContain('Report: Incident notification');
      expect([await marked(reporter), await marked(analyst)]).toEqual([true, true]);

      const after = await hub.api(energy, 'GET', `/api/v1/incidents/${caseId}`);
      expect(after.body).toMatchObject({ stage: 'notification', incidentId: stored.body.incidentId });
      expect(after.body.messages.map((m: { kind: string; body: string }) => [m.kind, m.body])).toEqual([['question', 'Is the HMI network isolated?'], ['answer', 'Yes, since 09:40.']]);
      expect(after.body.timeline.filter((t: { kind: string }) => t.kind === 'feedback')).toHaveLength(1);
    }));

  it('closes the case with a reason (no final report yet) and reopens it', () =>
    withScreenshotOnFailure(reporter, 'console-case-close', async () => {
      await expect(reporter.locator('#close-form label').innerText()).resolves.toMatch(/required/);
      await reporter.fill('#close-reason', 'Handled with the centre; no further reports needed.');
      await reporter.click('#close-form button[type=submit]');
      await reporter.locator('#case-state', { hasText: /^closed/ }).waitFor();
      await expect(reporter.locator('#case-state').innerText()).resolves.toContain('Handled with the centre');
      await expect(reporter.locator('#followup-form').count()).resolves.toBe(0);
      await reporter.click('#reopen-form button[type=submit]');
      await reporter.locator('#case-state', { hasText: /^open$/ }).waitFor();
      await reporter.locator('#followup-form').waitFor();
      await expect(reporter.locator('#followup-stage').inputValue()).resolves.toBe('intermediate');
    }));

  it('files the next report by uploading a bundle on the case page; a file that is not JSON is refused there, nothing filed', () =>
    withScreenshotOnFailure(reporter, 'console-case-upload', async () => {
      const caseId = reporter.url().split('/').pop()!;
      await expect(reporter.locator('#followup-stage').inputValue()).resolves.toBe('intermediate');
      await reporter.setInputFiles('#followup-file', { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a bundle') });
      await reporter.click('#followup-form button[type=submit]');
      await reporter.locator('#followup-form', { hasText: 'notes.txt is not a JSON file' }).waitFor();
      await expect(reporter.locator('#case-stage').innerText()).resolves.toBe('Incident notification');

      // the case's incident as the hub holds it, a later version saying it is the intermediate report
      const current = (await hub.api(energy, 'GET', `/api/v1/incidents/${caseId}/bundle`)).body;
      const previous = current.objects.find((o: { type: string }) => o.type === 'incident');
      const next = {
        ...previous,
        modified: new Date(Math.max(Date.now(), Date.parse(previous.modified) + 1)).toISOString(),
        x_isac_report_stage: 'intermediate',
        description: 'Uploaded: all compressor stations restored from backups.',
      };
      const bundle = { type: 'bundle', id: `bundle--${randomUUID()}`, objects: [next] };
      await reporter.setInputFiles('#followup-file', { name: 'intermediate.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bundle)) });
      await reporter.click('#followup-form button[type=submit]');
      await reporter.locator('#case-stage', { hasText: 'Intermediate report' }).waitFor();
      await expect(reporter.locator('#case-description').innerText()).resolves.toContain('Uploaded: all compressor stations restored from backups.');
      await expect(reporter.locator('#case-timeline').innerText()).resolves.toContain('Report: Intermediate report');
      const after = await hub.api(energy, 'GET', `/api/v1/incidents/${caseId}`);
      expect(after.body).toMatchObject({ stage: 'intermediate', incidentVersion: next.modified });
      const reports = after.body.timeline.filter((t: { kind: string }) => t.kind === 'report').map((t: { stage: string }) => t.stage);
      expect(reports).toEqual(['early-warning', 'notification', 'intermediate']);
    }));

  it('fits the case page, with its forms and conversation, on a 375 px phone', () =>
    withScreenshotOnFailure(reporter, 'console-case-phone', async () => {
      const phone = await signIn(browser, hub.baseUrl, energy, { width: 375, height: 740 });
      try {
        await phone.goto(reporter.url());
        await phone.locator('#followup-form').waitFor();
        await phone.waitForTimeout(300);
        expect(await horizontalOverflow(phone)).toBe(0);
      } finally {
        await phone.close();
      }
    }));
});
