// What a new user met in the console (issue 17), each checked in Debian's Chromium against the
// built API and worker so it cannot come back: no literal "null"; Markdown bodies formatted and
// still inert; a critical alert's message open, with Acknowledge on a phone's first screen; the
// reporter's own next deadline by its stage name; no silent defaults on the legal clock; errors that
// say what to fix, counted properly; the "everyone" audience, the receipt board by sector with
// "outstanding only", receipts counted in the Sent list; Insights labelled; Draft again confirmed.
import type { Browser, Page } from 'playwright-core';
import { incidentBundle } from '../factories/stix-bundles.js';
import { launchBrowser, withScreenshotOnFailure } from '../support/browser.js';
import { horizontalOverflow, signIn, startConsoleHub, type ConsoleHub } from '../support/console-hub.js';

const BODY = [
  '**Patch now.** Apply the *vendor* fix `KB-1234` before the weekend.',
  '- isolate engineering workstations\n- rotate VPN credentials',
  'Details: [the advisory](https://example.org/advisory-17), not [this](javascript:window.__xss=1).',
  '<img src=x onerror="window.__xss=1"> stays text, as does window.__xss and snake_case_name.',
].join('\n\n');

type Globals = { __xss?: number; document: { querySelectorAll(s: string): { length: number } } };
const xss = (page: Page) => page.evaluate(() => (globalThis as unknown as Globals).__xss ?? 0);

describe('console: the rough edges of issue 17', () => {
  let hub: ConsoleHub;
  let browser: Browser;
  let energy: string;
  let centreAnalyst: string;
  let coordinator: string;
  let alertId: string;
  let caseId: string;

  beforeAll(async () => {
    hub = await startConsoleHub();
    [energy, centreAnalyst, coordinator] = await Promise.all([hub.key('energy', ['reporter', 'analyst']), hub.key('centre', ['analyst']), hub.key('centre', ['coordinator'])]);
    const awareAt = new Date(Date.now() - 3_600_000).toISOString();
    const filed = await hub.api(energy, 'POST', '/api/v1/incidents', incidentBundle({ tlp: 'TLP:AMBER', extra: { name: 'Substation HMI encrypted', x_isac_report_stage: 'early-warning', x_isac_aware_at: awareAt } }), 'application/stix+json;version=2.1');
    expect(filed.status).toBe(201);
    caseId = filed.body.id;
    const alert = await hub.api(centreAnalyst, 'POST', '/api/v1/alerts', {
      title: 'Wiper targeting grid SCADA', body: BODY, severity: 'critical', tlp: 'TLP:AMBER', audience: { sectors: ['energy'] }, requiresAck: true,
      ackDeadline: new Date(Date.now() + 4 * 3_600_000).toISOString(), expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    });
    expect(alert.status).toBe(201);
    alertId = alert.body.id;
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  it("a key without the reporter role sees no literal 'null' on Incidents, and its own (the centre's) next deadline", async () => {
    const page = await signIn(browser, hub.baseUrl, centreAnalyst);
    try {
      await withScreenshotOnFailure(page, 'rough-null', async () => {
        await page.goto(`${hub.baseUrl}/#/incidents`);
        await page.locator('main .entry').first().waitFor();
        const text = await page.locator('main').innerText();
        expect(text).not.toMatch(/\bnull\b/);
        await expect(page.locator('main a', { hasText: 'File an incident' }).count()).resolves.toBe(0);
        const line = page.locator('.entry', { hasText: 'Substation HMI encrypted' }).locator('.next-deadline');
        await expect(line.locator('strong').innerText()).resolves.toMatch(/^Your next deadline: Centre feedback (due in|overdue)/);
      });
    } finally {
      await page.close();
    }
  });

  it("shows the reporter its own next deadline first, by the stage's name, not the centre's clock", async () => {
    const page = await signIn(browser, hub.baseUrl, energy);
    try {
      await withScreenshotOnFailure(page, 'rough-deadline', async () => {
        await page.goto(`${hub.baseUrl}/#/incidents`);
        const entry = page.locator('.entry', { hasText: 'Substation HMI encrypted' });
        await entry.waitFor();
        await expect(entry.locator('.next-deadline strong').innerText()).resolves.toMatch(/^Your next deadline: Incident notification due in (2 d|3 d|\d+ h)/);
        await expect(entry.locator('.next-deadline').innerText()).resolves.toMatch(/then: Centre feedback/);
        const meta = await entry.locator('.meta').first().innerText();
        expect(meta).toContain('Early warning');
        expect(meta).not.toContain('early-warning');
      });
    } finally {
      await page.close();
    }
  });

  it('renders Markdown bodies as formatting, runs nothing, and opens a critical alert', async () => {
    const page = await signIn(browser, hub.baseUrl, energy);
    try {
      await withScreenshotOnFailure(page, 'rough-markdown', async () => {
        await page.goto(`${hub.baseUrl}/#/inbox`);
        const entry = page.locator('.entry', { hasText: 'Wiper targeting grid SCADA' });
        await entry.locator('details[open] .body').waitFor({ state: 'visible' });
        const body = entry.locator('.body');
        await expect(body.locator('strong').first().innerText()).resolves.toBe('Patch now.');
        await expect(body.locator('em').first().innerText()).resolves.toBe('vendor');
        await expect(body.locator('code').first().innerText()).resolves.toBe('KB-1234');
        await expect(body.locator('ul > li').count()).resolves.toBe(2);
        await expect(body.locator('a').evaluateAll((links) => links.map((a) => (a as unknown as { href: string }).href))).resolves.toEqual(['https://example.org/advisory-17']);
        const shown = await body.innerText();
        expect(shown).toContain('[this](javascript:window.__xss=1)');
        expect(shown).toContain('<img src=x onerror="window.__xss=1">');
        expect(shown).toContain('window.__xss and snake_case_name');
        expect(shown).not.toContain('**');
        await expect(page.locator('main img, main script, main [onerror], main a[href^="javascript:"]').count()).resolves.toBe(0);
        await page.waitForTimeout(200);
        expect(await xss(page)).toBe(0);
      });
    } finally {
      await page.close();
    }
    // the centre's receipt page shows the body it sent, formatted the same way
    const centre = await signIn(browser, hub.baseUrl, centreAnalyst);
    try {
      await withScreenshotOnFailure(centre, 'rough-sent-body', async () => {
        await centre.goto(`${hub.baseUrl}/#/advisories/${alertId}`);
        await centre.locator('#receipt-body[open] .body strong').waitFor();
        await expect(centre.locator('#receipt-body .body strong').first().innerText()).resolves.toBe('Patch now.');
        expect(await xss(centre)).toBe(0);
      });
    } finally {
      await centre.close();
    }
  });

  it('at 375 px: Acknowledge of a critical alert on the first screen; the case page shows Time left and State', async () => {
    const phone = await signIn(browser, hub.baseUrl, energy, { width: 375, height: 740 });
    try {
      await withScreenshotOnFailure(phone, 'rough-phone', async () => {
        await phone.goto(`${hub.baseUrl}/#/inbox`);
        const ack = phone.locator('.entry', { hasText: 'Wiper targeting grid SCADA' }).getByRole('button', { name: /^Acknowledge/ });
        await ack.waitFor({ state: 'visible' });
        await phone.waitForTimeout(300); // the live stream's first reload redraws the list once
        const bottom = await ack.evaluate((el) => (el as unknown as { getBoundingClientRect(): { bottom: number } }).getBoundingClientRect().bottom);
        expect(bottom).toBeLessThanOrEqual(740);
        await phone.screenshot({ path: 'test-artifacts/screenshots/rough-phone-inbox.png' });
        expect(await horizontalOverflow(phone)).toBe(0);

        await phone.goto(`${hub.baseUrl}/#/incidents/${caseId}`);
        const row = phone.locator('#case-deadlines tr[data-clock="notification"]');
        await row.waitFor();
        for (const cell of [row.locator('.countdown'), row.locator('.state')]) {
          const b = (await cell.boundingBox())!;
          expect(b.x).toBeGreaterThanOrEqual(0);
          expect(b.x + b.width).toBeLessThanOrEqual(375);
          expect(await cell.isVisible()).toBe(true);
        }
        // each cell says what it is where the header row is out of sight
        await expect(row.locator('.countdown').evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown, p: string): { content: string } }).getComputedStyle(el, '::before').content)).resolves.toBe('"Time left: "');
        await expect(row.locator('.countdown').innerText()).resolves.toMatch(/in (2 d|3 d|\d+ h)/);
        expect(await horizontalOverflow(phone)).toBe(0);
      });
    } finally {
      await phone.close();
    }
  });

  it('the incident form fills in no legal answer: awareness empty and required, unknown by default, severities in order', async () => {
    const page = await signIn(browser, hub.baseUrl, energy);
    try {
      await withScreenshotOnFailure(page, 'rough-defaults', async () => {
        await page.goto(`${hub.baseUrl}/#/incidents/new`);
        await page.locator('#incident-form').waitFor();
        await expect(page.locator('#incident-aware').inputValue()).resolves.toBe('');
        await expect(page.locator('#incident-malicious').inputValue()).resolves.toBe('unknown');
        await expect(page.locator('#incident-cross-border').inputValue()).resolves.toBe('unknown');
        await expect(page.locator('#incident-severity option').evaluateAll((os) => os.map((o) => (o as unknown as { value: string }).value))).resolves.toEqual(['', 'info', 'low', 'medium', 'high', 'critical']);

        await page.fill('#incident-title', 'Unknowns stay unknown');
        await page.selectOption('#incident-severity', 'low');
        await page.click('#incident-form button[type=submit]');
        await expect(page.locator('#incident-aware-error').innerText()).resolves.toMatch(/became aware/);
        expect(page.url()).toMatch(/#\/incidents\/new$/);

        await page.click('#incident-aware-now');
        await page.fill('#indicator-0-pattern', "[domain-name:value = 'evil.example']");
        await page.click('#incident-form button[type=submit]');
        await page.waitForURL(/#\/incidents\/[0-9a-f-]{36}$/);
        // "unknown" is not sent as "no": the hub lists both answers as still missing from the early warning
        await expect(page.locator('#case-timeline').innerText()).resolves.toMatch(/missing: suspected-malicious[\s\S]*missing: cross-border-impact|missing: cross-border-impact[\s\S]*missing: suspected-malicious/);
      });
    } finally {
      await page.close();
    }
  });

  it('errors say what to fix, once, without indexes or ids, counted properly', async () => {
    const page = await signIn(browser, hub.baseUrl, energy);
    try {
      await withScreenshotOnFailure(page, 'rough-errors', async () => {
        await page.goto(`${hub.baseUrl}/#/incidents/new`);
        await page.fill('#incident-title', 'Unquoted pattern');
        await page.click('#incident-aware-now');
        await page.selectOption('#incident-severity', 'medium');
        await page.fill('#indicator-0-pattern', '[ipv4-addr:value = 203.0.113.7]');
        await page.click('#incident-form button[type=submit]');
        const beside = page.locator('#indicator-0-pattern-error');
        await beside.waitFor({ state: 'visible' });
        const text = await beside.innerText();
        expect(text).toMatch(/single quotes/);
        expect(text).not.toMatch(/objects\[\d+\]|[0-9a-f]{8}-[0-9a-f]{4}-/);
        const heading = await page.locator('#incident-form .form-errors p').first().innerText();
        expect(heading).not.toMatch(/\(s\)|\b1 \w+s\b/);

        await page.setInputFiles('#upload-file', { name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"type": "bundle", "objects": [') });
        await page.click('#upload-form button[type=submit]');
        const problems = page.locator('#upload-form .form-errors');
        await problems.locator('p').first().waitFor();
        const said = await problems.innerText();
        expect(said).toContain('notes.json is not a JSON file');
        expect(said).not.toContain('Unexpected end of JSON input');

        const bad = incidentBundle({ tlp: 'TLP:GREEN', extra: { name: 'One problem' } });
        (bad.objects[2] as { pattern: string }).pattern = '[ipv4-addr:value = ';
        await page.setInputFiles('#upload-file', { name: 'incident.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
        await page.click('#upload-form button[type=submit]');
        await problems.locator('li').first().waitFor();
        const listed = await problems.innerText();
        expect(listed).toMatch(/rejected with 1 problem;/);
        expect(listed).not.toMatch(/\(s\)/);
      });
    } finally {
      await page.close();
    }
  });

  it('alerts go to everyone with one tick; receipts by sector with outstanding only; the Sent list counts acknowledgements', async () => {
    const page = await signIn(browser, hub.baseUrl, centreAnalyst);
    try {
      await withScreenshotOnFailure(page, 'rough-everyone', async () => {
        await page.goto(`${hub.baseUrl}/#/alerts/new`);
        await page.locator('#aud-all').waitFor();
        await expect(page.locator('#alert-severity option').evaluateAll((os) => os.map((o) => (o as unknown as { value: string }).value))).resolves.toEqual(['critical', 'high', 'medium', 'low', 'info']);
        await page.check('#aud-all');
        await expect(page.locator('#alert-reach').innerText()).resolves.toBe('Goes to: everyone in the network.');
        await expect(page.locator('#aud-sector-energy').isDisabled()).resolves.toBe(true);
        await page.fill('#alert-title', 'Network-wide phishing wave');
        await page.fill('#alert-body', 'Report *any* lure to your unit.');
        await page.click('#alert-form button[type=submit]');
        await page.waitForURL(/#\/advisories\/[0-9a-f-]{36}$/);
        const id = page.url().split('/').pop()!;
        const stored = await hub.api(centreAnalyst, 'GET', `/api/v1/advisories/${id}`);
        expect(stored.body.audience).toMatchObject({ all: true });

        // grouped by sector, each group counting what is done
        await page.locator('#receipt-board tbody[data-sector="energy"] tr[data-recipient="energy"]').waitFor({ timeout: 20_000 });
        await page.waitForFunction(() => (globalThis as unknown as Globals).document.querySelectorAll('#receipt-board tbody[data-sector]').length >= 6);
        await expect(page.locator('#receipt-board tbody[data-sector="energy"] .group-row').innerText()).resolves.toMatch(/^energy · 0 of \d+ acknowledged$/);

        const inbox = await hub.api(energy, 'GET', '/api/v1/inbox');
        const entry = inbox.body.entries.find((e: { advisory: { id: string } }) => e.advisory.id === id);
        expect((await hub.api(energy, 'POST', `/api/v1/inbox/${entry.id}/ack`)).status).toBe(200);
        await page.locator('#receipt-board tr[data-recipient="energy"] .state', { hasText: 'acknowledged' }).waitFor({ timeout: 20_000 });
        await page.check('#receipts-outstanding');
        await expect(page.locator('#receipt-board tr[data-recipient="energy"]').count()).resolves.toBe(0);
        await expect(page.locator('#receipt-board tr[data-recipient="health"]').count()).resolves.toBe(1);

        await page.goto(`${hub.baseUrl}/#/sent`);
        // the counts arrive a few at a time after the list
        await page.locator(`#sent-list li[data-advisory="${id}"] .receipt-count`, { hasText: /^1 of \d+ acknowledged/ }).waitFor();
        await page.locator(`#sent-list li[data-advisory="${alertId}"] .receipt-count`, { hasText: /^0 of \d+ acknowledged/ }).waitFor();
        await expect(page.locator('main').innerText()).resolves.not.toMatch(/\bnull\b/);
      });
    } finally {
      await page.close();
    }
  });

  it('labels Insights with the strictest marking its figures come from', async () => {
    const page = await signIn(browser, hub.baseUrl, centreAnalyst);
    try {
      await withScreenshotOnFailure(page, 'rough-insights', async () => {
        await page.goto(`${hub.baseUrl}/#/insights`);
        await page.locator('#insights-tlp .tlp').waitFor();
        await expect(page.locator('#insights-tlp .tlp').innerText()).resolves.toBe('TLP:AMBER');
        await expect(page.locator('#page-tlp .tlp').innerText()).resolves.toBe('TLP:AMBER');
      });
    } finally {
      await page.close();
    }
  });

  it('asks before "Draft again" throws away agenda edits', async () => {
    const page = await signIn(browser, hub.baseUrl, coordinator);
    try {
      await withScreenshotOnFailure(page, 'rough-draft-again', async () => {
        const created = await hub.api(coordinator, 'POST', '/api/v1/meetings', { title: 'Redraft check', startsAt: '2027-03-03T09:00:00Z', endsAt: '2027-03-03T11:00:00Z', participants: ['centre', 'energy'], tlp: 'TLP:AMBER', series: 'redraft-check' });
        expect(created.status).toBe(201);
        await page.goto(`${hub.baseUrl}/#/meetings/${created.body.id}`);
        await page.click('#draft-agenda'); // the first draft has nothing to lose: no question
        await page.locator('#agenda-items > li[data-item]').first().waitFor();
        const minutes = page.locator('#agenda-items > li[data-item] input.minutes').first();
        await minutes.fill('33');
        await minutes.press('Tab');
        await page.locator('#agenda-status', { hasText: ': 33 minutes' }).waitFor();

        await page.click('#draft-agenda');
        await page.locator('#confirm-dialog[open]').waitFor();
        await expect(page.locator('#confirm-dialog').innerText()).resolves.toMatch(/lost/);
        await page.keyboard.press('Escape');
        await page.locator('#agenda-status', { hasText: 'your edits are kept' }).waitFor();
        await expect(page.locator('#agenda-items > li[data-item] input.minutes').first().inputValue()).resolves.toBe('33');

        await page.click('#draft-agenda');
        await page.click('#confirm-yes');
        await page.locator('#agenda-status', { hasText: /^Drafted:/ }).waitFor();
        await expect(page.locator('#agenda-items > li[data-item] input.minutes').first().inputValue()).resolves.not.toBe('33');
      });
    } finally {
      await page.close();
    }
  });
});
