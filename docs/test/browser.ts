/**
 * Headless Chromium for the browser tests, from the npm registry like every other dependency:
 * `@sparticuz/chromium` ships a Chromium build in its tarball (unpacked on first use into /tmp),
 * driven by `playwright-core`. `CHROMIUM_PATH` picks another binary instead. Its switches run
 * Chromium as a single process: closing a browser context can end the browser, so tests close
 * pages and leave contexts to `browser.close()`.
 */
import chromium from '@sparticuz/chromium';
import { type Browser, chromium as playwright } from 'playwright-core';

/**
 * Launches headless Chromium.
 *
 * @param args - extra command-line switches
 * @returns the browser; close it when done
 */
export async function launchBrowser(args: string[] = []): Promise<Browser> {
  const executablePath = process.env['CHROMIUM_PATH'] ?? (await chromium.executablePath());
  return playwright.launch({
    executablePath,
    args: [...chromium.args, '--disable-background-networking', ...args],
    headless: true,
  });
}
