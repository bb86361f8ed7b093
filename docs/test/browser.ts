/**
 * The one way the docs tests start a browser: headless Chromium driven by playwright-core.
 *
 * The browser comes from the npm registry like any other dependency: `@sparticuz/chromium` ships a
 * compressed Chromium inside its tarball, so `pnpm install` is all a fresh machine needs (no apt,
 * no root, no browser download step). On first use the binary is unpacked to the system's temp
 * folder (`/tmp/chromium`, about 200 MB) and reused after that. Everyone gets the same Chromium,
 * pinned by the lockfile, so the checks and screenshots do not depend on the machine's own browser.
 *
 * `CHROMIUM_PATH=/usr/bin/chromium` runs the checks with another Chromium instead.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { type Browser, chromium as playwright } from 'playwright-core';

/** Flags for a quiet, offline, sandbox-free headless browser (tests run as root in CI). */
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--no-default-browser-check',
  '--font-render-hinting=none',
];

/**
 * Unpacks the npm Chromium if needed and returns its path. Its shared libraries (NSS, expat) are
 * on most Linux machines; where they are missing, the copies the package ships are unpacked too
 * and returned as a library path for the browser process.
 */
async function npmChromium(): Promise<{ executablePath: string; libraryPath?: string }> {
  const { default: chromium, inflate } = await import('@sparticuz/chromium');
  const executablePath = await chromium.executablePath();
  const ldd = spawnSync('ldd', [executablePath], { encoding: 'utf8' });
  if (!ldd.stdout?.includes('not found')) return { executablePath };
  const binDir = join(import.meta.dirname, '..', 'node_modules', '@sparticuz', 'chromium', 'bin');
  const libraryPath = join(await inflate(join(binDir, 'al2023.tar.br')), 'lib');
  return { executablePath, libraryPath };
}

/**
 * Starts headless Chromium: the one at `CHROMIUM_PATH` if set, otherwise the one installed from npm.
 *
 * @returns a playwright `Browser`; close it when done
 * @throws Error when the browser cannot start, naming the executable it tried
 * @example
 * const browser = await launchBrowser();
 * const page = await browser.newPage();
 * await page.goto('http://127.0.0.1:8080/');
 * await browser.close();
 */
export async function launchBrowser(): Promise<Browser> {
  const fromEnv = process.env['CHROMIUM_PATH'];
  const { executablePath, libraryPath } = fromEnv
    ? { executablePath: fromEnv, libraryPath: undefined }
    : await npmChromium();
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  if (libraryPath)
    env['LD_LIBRARY_PATH'] = [libraryPath, env['LD_LIBRARY_PATH']].filter(Boolean).join(':');
  try {
    return await playwright.launch({ executablePath, args: ARGS, headless: true, env });
  } catch (error) {
    throw new Error(
      `launchBrowser: Chromium did not start; expected a runnable browser at ${executablePath} (${fromEnv ? 'CHROMIUM_PATH' : 'from @sparticuz/chromium'}), got: ${(error as Error).message}`,
    );
  }
}

/** True when the browser checks are switched off (`DL_SKIP_BROWSER=1`; any other value runs them). */
export const skipBrowser = process.env['DL_SKIP_BROWSER'] === '1';
