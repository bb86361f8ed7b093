/**
 * Headless Chromium for the browser tests, from the npm registry like every other dependency:
 * `@sparticuz/chromium` ships a Chromium build in its tarball (unpacked on first use into /tmp),
 * driven by `playwright-core`. `CHROMIUM_PATH` picks another binary instead.
 *
 * Its switches are made for serverless hosts; those that make the browser unlike a reader's are
 * left out: one process for everything (closing a context could end the browser), no same-origin
 * policy, no site isolation and SharedArrayBuffer everywhere. With them out, a page is
 * cross-origin isolated exactly when its headers ask for it, as in a reader's browser.
 */
import chromium from '@sparticuz/chromium';
import { type Browser, chromium as playwright } from 'playwright-core';

const UNLIKE_A_READER = [
  '--single-process',
  '--disable-web-security',
  '--disable-site-isolation-trials',
  '--allow-running-insecure-content',
  '--enable-features=SharedArrayBuffer',
];

/**
 * Launches headless Chromium.
 *
 * @returns the browser; close it when done
 */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env['CHROMIUM_PATH'] ?? (await chromium.executablePath());
  const args = chromium.args.filter(
    (a) => !UNLIKE_A_READER.includes(a) && !/^--disable-features=.*site-per-process/.test(a),
  );
  return playwright.launch({
    executablePath,
    args: [...args, '--disable-background-networking'],
    headless: true,
  });
}
