// Shared set-up for the browser tests: the real server (PGlite, demo seed) over HTTP, and
// Debian's Chromium driven by playwright-core. Without Chromium the tests skip locally but
// fail in CI (CI must run them).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/server.ts';
import { loadConfig } from '../../src/config.ts';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const DEMO_PASSWORD = 'uji-coba-kembang';
const WEB_INDEX = path.join(import.meta.dirname, '..', '..', 'web', 'dist', 'index.html');

/** `describe` option: a reason to skip (local run without Chromium), else false. */
export function skipReason(): string | false {
  if (fs.existsSync(CHROMIUM_PATH) || process.env.CI) return false;
  return `Chromium not found at ${CHROMIUM_PATH} (set CHROMIUM_PATH); browser tests skipped`;
}

export interface Harness {
  server: RunningServer;
  browser: Browser;
  dataDir: string;
  /** Console errors, page errors and requests to other hosts seen by any page. */
  problems: string[];
  newPage(): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  if (!fs.existsSync(CHROMIUM_PATH)) throw new Error(`Chromium is required at ${CHROMIUM_PATH} (process.env.CI is set, so the browser tests may not skip)`);
  if (!fs.existsSync(WEB_INDEX)) throw new Error(`${WEB_INDEX} is missing: run "npm run build" before the browser tests`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kembang-browser-'));
  const [server, browser] = await Promise.all([
    startServer(loadConfig({ LOG_LEVEL: 'silent', KEMBANG_DATA_DIR: dataDir, KEMBANG_DEMO_PASSWORD: DEMO_PASSWORD }, { port: 0, host: '127.0.0.1' })),
    chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    }),
  ]);
  const origin = new URL(server.url).origin;
  const problems: string[] = [];
  const contexts: BrowserContext[] = [];

  return {
    server,
    browser,
    dataDir,
    problems,
    async newPage() {
      const context = await browser.newContext({ baseURL: server.url, locale: 'id-ID', viewport: { width: 1280, height: 900 } });
      contexts.push(context);
      context.setDefaultTimeout(30_000);
      context.setDefaultNavigationTimeout(30_000);
      const page = await context.newPage();
      page.on('pageerror', (error) => problems.push(`page error on ${page.url()}: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() !== 'error') return;
        // Refusals the tests provoke (invalid input, not signed in, wrong password, denied, locked,
        // throttled) are logged by Chromium as resource errors; a 404 or a 5xx still counts.
        if (/Failed to load resource: the server responded with a status of (400|401|403|423|429) /.test(message.text())) return;
        problems.push(`console error on ${page.url()}: ${message.text()}`);
      });
      page.on('request', (request) => {
        const url = request.url();
        if (!url.startsWith('data:') && new URL(url).origin !== origin) problems.push(`request to another host: ${url}`);
      });
      return { context, page };
    },
    async close() {
      await Promise.allSettled(contexts.map((c) => c.close()));
      await browser.close().catch(() => {});
      await server.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Signs in through the login form as the demo account of `role`, and waits for the home page. */
export async function signedInAs(h: Harness, role: string): Promise<{ context: BrowserContext; page: Page }> {
  const demo = h.server.demoAccounts?.find((a) => a.role === role);
  if (!demo) throw new Error(`no demo account for ${role}`);
  const { context, page } = await h.newPage();
  await page.goto('/masuk');
  await page.getByLabel('E-mail atau NIP', { exact: true }).fill(demo.email);
  await page.getByLabel('Kata sandi', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/');
  await page.getByRole('heading', { level: 1 }).waitFor();
  return { context, page };
}

/** GET a JSON API path with the page's session. */
export const getJson = <T>(page: Page, apiPath: string) => page.evaluate((u) => fetch(u).then((r) => r.json()), apiPath) as Promise<T>;

/** A link of the main navigation, in either language. */
export const navLink = (page: Page, name: string) => page.getByRole('navigation', { name: /^(Navigasi utama|Main navigation)$/ }).getByRole('link', { name, exact: true });
