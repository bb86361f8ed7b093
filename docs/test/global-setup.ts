/**
 * Before any test file starts: unpack `@sparticuz/chromium`'s browser once (into /tmp), so that
 * test files running in parallel do not each unpack it over the others.
 */
import chromium from '@sparticuz/chromium';

export default async function setup(): Promise<void> {
  if (process.env['DL_SKIP_BROWSER'] === '1' || process.env['CHROMIUM_PATH']) return;
  await chromium.executablePath();
}
