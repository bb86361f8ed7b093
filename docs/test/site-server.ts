/**
 * The built site (`docs/site/`) served on 127.0.0.1 with a headless browser pointed at it, for the
 * browser checks. Every page opened through {@link SiteSession.open} records console errors,
 * failed requests and requests leaving the machine (which are refused: the site must work offline).
 */
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sirv from 'sirv';
import { launchBrowser } from './browser.js';

export const docsDir = join(dirname(fileURLToPath(import.meta.url)), '..');
export const siteDir = join(docsDir, 'site');
export const shotsDir = join(docsDir, 'screenshots');

/** What went wrong while a page loaded. */
export interface Problems {
  console: string[];
  failed: string[];
  external: string[];
}

/** A page opened in its own browser context. */
export interface OpenPage {
  page: Page;
  context: BrowserContext;
  problems: Problems;
}

/** The served site and the browser. */
export interface SiteSession {
  base: string;
  browser: Browser;
  /** Opens `path` (below the site root) at the given viewport and waits until it is shown. */
  open(path: string, viewport?: { width: number; height: number }): Promise<OpenPage>;
  close(): Promise<void>;
}

/** Every HTML page of the built site, as paths below the site root. */
export function sitePages(): string[] {
  return readdirSync(siteDir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.html'))
    .sort();
}

/**
 * Serves the built site and starts the browser.
 *
 * @throws Error when the site has not been built
 */
export async function openSite(): Promise<SiteSession> {
  if (!existsSync(join(siteDir, 'index.html'))) {
    throw new Error(`docs check: no site at ${siteDir}; run \`pnpm run docs\` first`);
  }
  mkdirSync(shotsDir, { recursive: true });
  const server = createServer(sirv(siteDir, { dev: true }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const browser = await launchBrowser();

  async function open(path: string, viewport = { width: 1280, height: 900 }): Promise<OpenPage> {
    const context = await browser.newContext({ viewport });
    const problems: Problems = { console: [], failed: [], external: [] };
    await context.route(
      (url) => !url.href.startsWith(base),
      (route) => {
        problems.external.push(route.request().url());
        return route.abort();
      },
    );
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') problems.console.push(m.text());
    });
    page.on('pageerror', (e) => problems.console.push(`uncaught: ${e.message}`));
    page.on('requestfailed', (r) => problems.failed.push(`${r.url()} (${r.failure()?.errorText})`));
    page.on('response', (r) => {
      if (r.status() >= 400) problems.failed.push(`${r.url()} (HTTP ${r.status()})`);
    });
    await page.goto(base + path, { waitUntil: 'load' });
    // typedoc's theme hides the body until its script has run (at most 500 ms), then fonts load.
    await page.waitForFunction(() => document.body.style.display !== 'none');
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    return { page, context, problems };
  }

  async function close(): Promise<void> {
    await browser.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  return { base, browser, open, close };
}
