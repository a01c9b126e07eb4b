// The hub as people run it, for the console's browser journeys: the built API and worker as
// processes on the suite's own database and Redis prefix, keys made with the admin CLI.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { ADVISORY_TEST_ENV } from './advisories-harness.js';
import { built, freePort, runToEnd, start, type Running } from './processes.js';
import { createTestEnv, type TestEnv } from './test-env.js';

export interface ConsoleHub {
  baseUrl: string;
  env: TestEnv;
  /** a key made by `isac keys create` */
  key(org: string, roles: string[]): Promise<string>;
  /** the REST API with a key (for the other side of a journey: another organisation acting meanwhile) */
  api(key: string, method: string, path: string, body?: unknown, contentType?: string): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

/** `exampleRegisters`: seed config/network.yaml's example registers as `npm start` does (off unless asked: journeys build their own). */
export async function startConsoleHub(options: { exampleRegisters?: boolean } = {}): Promise<ConsoleHub> {
  const env = await createTestEnv();
  const vars = { DATABASE_URL: env.config.DATABASE_URL, REDIS_URL: env.config.REDIS_URL, REDIS_PREFIX: env.config.REDIS_PREFIX, LOG_LEVEL: 'warn', HOST: '127.0.0.1', ...ADVISORY_TEST_ENV, SEED_EXAMPLE_REGISTERS: options.exampleRegisters ? 'true' : 'false' };
  const setup = await runToEnd(built('cli'), ['db', 'setup'], vars);
  if (setup.code !== 0) throw new Error(`db setup failed: ${setup.stderr}`);
  const port = await freePort();
  const processes: Running[] = [start(built('api'), [], { ...vars, PORT: String(port) }), start(built('worker'), [], vars)];
  await processes[0].waitFor(/API listening on/, 30_000);
  await processes[1].waitFor(/worker ready/, 30_000);
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    baseUrl,
    env,
    key: async (org, roles) => {
      const made = await runToEnd(built('cli'), ['keys', 'create', '--org', org, '--roles', roles.join(',')], vars);
      if (made.code !== 0) throw new Error(`keys create failed: ${made.stderr}`);
      return made.stdout.trim();
    },
    api: async (key, method, p, body, contentType = 'application/json') => {
      const res = await fetch(`${baseUrl}${p}`, {
        method,
        headers: { Authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'Content-Type': contentType }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        /* not JSON: kept as text */
      }
      return { status: res.status, body: parsed };
    },
    close: async () => {
      for (const p of processes) p.child.kill('SIGTERM');
      await Promise.all(processes.map((p) => p.exited(20_000).catch(() => p.child.kill('SIGKILL'))));
      await env.dispose();
    },
  };
}

/** Signs in through the console's form; the key stays in the tab's sessionStorage. */
export async function signIn(browser: Browser, baseUrl: string, key: string, viewport = { width: 1280, height: 860 }): Promise<Page> {
  const page = await browser.newPage({ viewport, acceptDownloads: true });
  await page.goto(`${baseUrl}/`);
  await page.fill('#signin-key', key);
  await page.click('form button[type=submit]');
  await page.waitForSelector('#who-org');
  return page;
}

// runs in the page: the page's window computes the style (the tests compile without DOM types)
type PageWindow = { getComputedStyle(el: unknown): { color: string; backgroundColor: string } };

/** Text, colour and background of a TLP label as the browser renders it. */
export async function tlpOnScreen(label: Locator): Promise<{ text: string; color: string; background: string }> {
  const style = await label.evaluate((el) => {
    const view = (el as unknown as { ownerDocument: { defaultView: PageWindow } }).ownerDocument.defaultView;
    const computed = view.getComputedStyle(el);
    return { color: computed.color, background: computed.backgroundColor };
  });
  return { text: (await label.innerText()).trim(), ...style };
}

export const FIRST_COLOURS = {
  'TLP:RED': 'rgb(255, 43, 43)',
  'TLP:AMBER': 'rgb(255, 192, 0)',
  'TLP:AMBER+STRICT': 'rgb(255, 192, 0)',
  'TLP:GREEN': 'rgb(51, 255, 0)',
  'TLP:CLEAR': 'rgb(255, 255, 255)',
} as const;
export const LABEL_BACKGROUND = 'rgb(0, 0, 0)';

/** Widest content of the page against the viewport: more means a horizontal scroll on a phone. */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const doc = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document;
    return doc.documentElement.scrollWidth - doc.documentElement.clientWidth;
  });
}

/**
 * Screenshots for the README: written to docs/screenshots/ only when ISAC_CONSOLE_SCREENSHOTS=1
 * (`ISAC_CONSOLE_SCREENSHOTS=1 npm test -- test/e2e/console-`), so an ordinary test run leaves the committed images alone.
 */
export async function readmeShot(page: Page, name: string, options: { fullPage?: boolean; element?: Locator } = {}): Promise<void> {
  if (process.env.ISAC_CONSOLE_SCREENSHOTS !== '1') return;
  const dir = path.resolve(process.cwd(), 'docs', 'screenshots');
  await mkdir(dir, { recursive: true });
  // one part of the page (a form, a list) when `element` is given
  if (options.element) await options.element.screenshot({ path: path.join(dir, `${name}.png`) });
  else await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: options.fullPage ?? false });
}
