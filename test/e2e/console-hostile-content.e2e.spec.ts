// Advisory bodies and titles are Markdown and text from other organisations, and incident names come
// from their STIX: the console formats the Markdown (marked, then sanitised by DOMPurify) and shows
// everything else, raw HTML in a body included, as text, never as markup. Checked in Debian's Chromium
// twice: with the page's CSP bypassed (so that the rendering itself is judged: an injected handler
// would run), and as served (no CSP violation at all: nothing injected even tried). The key stays
// in the tab's sessionStorage, no cookie, and the docs page runs under its own CSP.
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { incidentBundle } from '../factories/stix-bundles.js';
import { launchBrowser, withScreenshotOnFailure } from '../support/browser.js';
import { startConsoleHub, type ConsoleHub } from '../support/console-hub.js';

const PAYLOADS = [
  '<img src=x onerror="window.__xss=(window.__xss||0)+1">',
  '<script>window.__xss=(window.__xss||0)+1</script>',
  '<svg onload="window.__xss=(window.__xss||0)+1"></svg>',
  '"><iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
  '[click me](javascript:window.__xss=1)',
  '<a href="javascript:window.__xss=1">link</a>',
  '<details open ontoggle="window.__xss=(window.__xss||0)+1">',
  '<style>body{display:none}</style>',
];
const BODY = `## Hostile advisory\n\n**Patch now.** See [the vendor note](https://example.org/note).\n\n${PAYLOADS.join('\n\n')}`;
const TITLE = 'Title <img src=x onerror="window.__xss=1"> <b>bold</b>';
const INCIDENT_NAME = 'Incident <img src=x onerror="window.__xss=1"><script>window.__xss=1</script>';

type PageGlobals = { __xss?: number; __violations: string[]; sessionStorage: { getItem(k: string): string | null }; localStorage: { length: number } };
type Doc = { querySelectorAll(s: string): { length: number }; body: { innerText: string } };

describe('console: content from other organisations is text', () => {
  let hub: ConsoleHub;
  let browser: Browser;
  let health: string;
  let centre: string;
  let advisoryId: string;
  let energy: string;
  let caseId: string;

  beforeAll(async () => {
    hub = await startConsoleHub();
    [energy, health, centre] = await Promise.all([hub.key('energy', ['reporter', 'analyst']), hub.key('health', ['analyst']), hub.key('centre', ['analyst'])]);
    const published = await hub.api(energy, 'POST', '/api/v1/advisories', { title: TITLE, body: BODY, severity: 'high', tlp: 'TLP:AMBER', audience: { organisations: ['health'] } });
    expect(published.status).toBe(201);
    advisoryId = published.body.id;
    const filed = await hub.api(energy, 'POST', '/api/v1/incidents', incidentBundle({ extra: { name: INCIDENT_NAME, description: BODY } }), 'application/stix+json;version=2.1');
    expect(filed.status).toBe(201);
    caseId = filed.body.id;
    // the same body as the centre's message on the case: the conversation is Markdown too
    expect((await hub.api(centre, 'POST', `/api/v1/incidents/${caseId}/messages`, { body: BODY, kind: 'question' })).status).toBe(201);
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  /** A tab signed in with `key`; every CSP violation and dialog is recorded. */
  async function tab(key: string, options: { bypassCSP: boolean }): Promise<{ context: BrowserContext; page: Page; dialogs: string[] }> {
    const context = await browser.newContext({ bypassCSP: options.bypassCSP, viewport: { width: 1280, height: 860 } });
    await context.addInitScript(() => {
      const g = globalThis as unknown as PageGlobals & { addEventListener(t: string, f: (e: { violatedDirective: string; blockedURI: string }) => void): void };
      g.__violations = [];
      g.addEventListener('securitypolicyviolation', (e) => g.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`${hub.baseUrl}/`);
    await page.fill('#signin-key', key);
    await page.click('form button[type=submit]');
    await page.waitForSelector('#who-org');
    return { context, page, dialogs };
  }

  const state = (page: Page) =>
    page.evaluate(() => {
      const g = globalThis as unknown as PageGlobals & { document: Doc };
      const doc = g.document;
      return {
        xss: g.__xss ?? 0,
        violations: g.__violations,
        injected: doc.querySelectorAll('main img, main script, main iframe, main svg[onload], main [onerror], main [onload], main [ontoggle], main a[href^="javascript:"], main style, main b').length,
      };
    });

  async function visitAll(page: Page) {
    // the inbox entry, opened
    await page.goto(`${hub.baseUrl}/#/inbox`);
    const entry = page.locator('#inbox-list li.entry').first();
    await entry.waitFor();
    await entry.locator('summary').click();
    await expect(entry.locator('.entry-title').innerText()).resolves.toBe(TITLE);
    // the body shows once its <details> has opened: read it only then (innerText of a closed one is empty)
    await entry.locator('details[open] .body').waitFor({ state: 'visible' });
    await expectFormattedAndInert(entry.locator('.body'));
  }

  /** The body's Markdown formatted (bold, a safe link), every payload shown as the text it is. */
  async function expectFormattedAndInert(body: Locator) {
    const shown = await body.innerText();
    for (const p of PAYLOADS) expect(shown).toContain(p);
    await expect(body.locator('strong').innerText()).resolves.toBe('Patch now.');
    await expect(body.locator('h4').innerText()).resolves.toBe('Hostile advisory');
    const links = await body.locator('a').evaluateAll((as) => as.map((a) => ['href', 'rel', 'target'].map((n) => a.getAttribute(n))));
    expect(links).toEqual([['https://example.org/note', 'noopener noreferrer nofollow', '_blank']]);
  }

  for (const bypassCSP of [true, false]) {
    it(`runs none of it${bypassCSP ? ' even with the CSP bypassed' : ', and the CSP never has to refuse anything'}`, async () => {
      const { context, page, dialogs } = await tab(health, { bypassCSP });
      try {
        await withScreenshotOnFailure(page, `console-hostile-${bypassCSP ? 'nocsp' : 'csp'}`, async () => {
          await visitAll(page);
          await page.waitForTimeout(300);
          expect(await state(page)).toEqual({ xss: 0, violations: [], injected: 0 });
          expect(dialogs).toEqual([]);
        });
      } finally {
        await context.close();
      }
    });
  }

  it("the author's receipts page and the centre's case page (description, conversation) show the same text as text", async () => {
    const author = await tab(energy, { bypassCSP: true });
    try {
      await author.page.goto(`${hub.baseUrl}/#/advisories/${advisoryId}`);
      await author.page.locator('h1', { hasText: 'Title <img' }).waitFor();
      await author.page.goto(`${hub.baseUrl}/#/sent`);
      await author.page.getByText(TITLE).first().waitFor();
      expect(await state(author.page)).toEqual({ xss: 0, violations: [], injected: 0 });
    } finally {
      await author.context.close();
    }
    const cases = await tab(centre, { bypassCSP: true });
    try {
      await cases.page.goto(`${hub.baseUrl}/#/incidents`);
      await cases.page.getByRole('link', { name: INCIDENT_NAME }).click();
      await cases.page.locator('h1', { hasText: 'Incident <img' }).waitFor();
      await expectFormattedAndInert(cases.page.locator('#case-description'));
      await expectFormattedAndInert(cases.page.locator('#case-messages .markdown'));
      expect(await state(cases.page)).toEqual({ xss: 0, violations: [], injected: 0 });
    } finally {
      await cases.context.close();
    }
  });

  it('keeps the key in sessionStorage only: no cookie, nothing in localStorage', async () => {
    const { context, page } = await tab(health, { bypassCSP: false });
    try {
      const stored = await page.evaluate(() => {
        const g = globalThis as unknown as PageGlobals;
        return { session: g.sessionStorage.getItem('isac.apiKey'), local: g.localStorage.length };
      });
      expect(stored).toEqual({ session: health, local: 0 });
      expect(await context.cookies()).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('the docs page (Swagger UI) renders under its CSP without a violation', async () => {
    const context = await browser.newContext();
    try {
      await context.addInitScript(() => {
        const g = globalThis as unknown as PageGlobals & { addEventListener(t: string, f: (e: { violatedDirective: string; blockedURI: string }) => void): void };
        g.__violations = [];
        g.addEventListener('securitypolicyviolation', (e) => g.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
      });
      const page = await context.newPage();
      await page.goto(`${hub.baseUrl}/docs`);
      await page.locator('.swagger-ui .info .title').waitFor();
      await page.locator('.opblock').first().waitFor();
      expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).__violations)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
