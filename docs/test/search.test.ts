/**
 * The site's full-text search, used as a reader uses it: open the search dialog from the header,
 * type a query, read the result list. Korean queries are typed on a Korean page and English ones on
 * an English page (the reader's language ranks first among equals). Also checks the exercise pages'
 * extras (starter code, folded hints, command, chapter links) and writes the screenshot of the
 * results for 역전파.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { splitHints } from '../scripts/exercise-extras.js';
import { skipBrowser } from './browser.js';
import { docsDir, openSite, type SiteSession, shotsDir } from './site-server.js';

let site: SiteSession;

/** Types `query` into the header's search box and returns the result addresses, best first. */
async function search(page: Page, query: string): Promise<string[]> {
  if (!(await page.$eval('#tsd-search', (d) => (d as HTMLDialogElement).open))) {
    await page.click('#tsd-search-trigger');
  }
  await page.fill('#tsd-search-input', query);
  await page.waitForFunction(
    (q) => document.getElementById('tsd-search-results')?.dataset['dlQuery'] === q,
    query,
  );
  return page.$$eval('#tsd-search-results li.dl-search-hit a', (as) =>
    as.map((a) => new URL((a as HTMLAnchorElement).href).pathname.replace(/^\//, '')),
  );
}

/**
 * Each query and the page(s) that answer it (either may come first where two pages are both about
 * it: the softmax chapter's overflow section and the softmax-overflow exercise).
 */
const QUERIES: [string, string, string[]][] = [
  ['ko', '소프트맥스', ['guides/ko/04-softmax.html']],
  ['ko', '역전파', ['guides/ko/10-computation-graphs-and-backprop.html']],
  ['ko', '오버플로', ['exercises/ko/08-softmax-overflow.html', 'guides/ko/04-softmax.html']],
  ['ko', '교차 엔트로피', ['guides/ko/05-losses.html']],
  ['ko', '기울기', ['guides/ko/07-derivatives-and-gradients.html']],
  [
    'en',
    'softmax overflow',
    ['guides/en/04-softmax.html', 'exercises/en/08-softmax-overflow.html'],
  ],
  ['en', 'numerical gradient', ['guides/en/07-derivatives-and-gradients.html']],
];

describe.skipIf(skipBrowser)('full-text search and exercise pages', () => {
  beforeAll(async () => {
    site = await openSite();
  });
  afterAll(async () => {
    await site?.close();
  });

  test.each(QUERIES)('[%s] "%s" puts the right page first', async (lang, query, right) => {
    const { page, context, problems } = await site.open(`guides/${lang}/index.html`);
    const found = await search(page, query);
    await context.close();
    expect(problems.console, 'console errors').toEqual([]);
    expect(found.length, `results for "${query}"`).toBeGreaterThan(0);
    expect(right, `first result for "${query}" (all: ${found.slice(0, 5).join(', ')})`).toContain(
      found[0],
    );
  });

  test('the search covers body text, API pages and exercises, not only titles', async () => {
    const { page, context } = await site.open('guides/en/index.html');
    // a word only in the body of the softmax chapter and the overflow exercise, in no title
    const inBody = await search(page, 'Infinity');
    const api = await search(page, 'SoftmaxWithLoss');
    const none = await search(page, 'zzqxj');
    await context.close();
    expect(
      inBody.some((u) => u.startsWith('exercises/')),
      `exercises among ${inBody.join(', ')}`,
    ).toBe(true);
    expect(
      api.some((u) => u.startsWith('classes/')),
      `API pages among ${api.join(', ')}`,
    ).toBe(true);
    expect(none, 'results for a word in no page').toEqual([]);
  });

  test('screenshot of the results for 역전파 (linked as ?q=)', async () => {
    const { page, context } = await site.open(
      `guides/ko/index.html?q=${encodeURIComponent('역전파')}`,
    );
    await page.waitForSelector('#tsd-search-results li.dl-search-hit');
    const first = await page.$eval(
      '#tsd-search-results li.dl-search-hit .text',
      (e) => e.textContent,
    );
    await page.screenshot({ path: join(shotsDir, 'search-ko-backprop.png') });
    await context.close();
    expect(first, 'first result title').toBe('10. 계산 그래프와 역전파');
  });

  test.each(['en', 'ko'])(
    'the %s exercise page shows starter code, folded hints, the command and its chapters',
    async (lang) => {
      const dir = '08-softmax-overflow';
      const stub = readFileSync(join(docsDir, '..', 'exercises', dir, 'softmax.ts'), 'utf8');
      const hints = splitHints(
        readFileSync(join(docsDir, '..', 'exercises', dir, 'hints.md'), 'utf8'),
      );
      const { page, context, problems } = await site.open(`exercises/${lang}/${dir}.html`);
      const seen = await page.evaluate(() => ({
        code: [...document.querySelectorAll('.dl-exercise-extras pre code')].map(
          (c) => c.textContent ?? '',
        ),
        hints: [...document.querySelectorAll('.dl-exercise-extras details.dl-hint')].map((d) => ({
          open: (d as HTMLDetailsElement).open,
          summary: d.querySelector('summary')?.textContent ?? '',
        })),
        links: [...document.querySelectorAll<HTMLAnchorElement>('.dl-exercise-extras a')].map(
          (a) => a.href,
        ),
      }));
      await context.close();
      expect(problems.console, 'console errors').toEqual([]);
      expect(hints.length, 'hints in hints.md').toBe(3);
      expect(seen.hints.length, 'folded hints').toBe(hints.length);
      expect(
        seen.hints.every((h) => !h.open),
        'hints folded',
      ).toBe(true);
      expect(
        seen.code.some((c) => c.includes(stub.split('\n')[0] ?? '?')),
        'starter code shown',
      ).toBe(true);
      expect(
        seen.code.some((c) => c.includes('pnpm learn 08')),
        'the command to run it',
      ).toBe(true);
      expect(seen.links, 'link to the chapter').toContain(
        `${site.base}guides/${lang}/04-softmax.html`,
      );
      expect(seen.links, 'link to the course index').toContain(
        `${site.base}exercises/${lang}/index.html`,
      );
    },
  );
});
