/**
 * The browser check of the docs site: serves `docs/site/` on 127.0.0.1, opens pages in headless
 * Chromium (installed from npm, started by `browser.ts`) and checks what a reader would see:
 * headings, typeset formulas (KaTeX's HTML with its stylesheet and fonts applied; on an exercise
 * page every formula of its README, and no `$` left as text anywhere), pictures that load, and no
 * console errors, failed requests or requests leaving the machine. Screenshots go to
 * `docs/screenshots/` (ignored by git).
 *
 * Run after `pnpm run docs`: `pnpm --filter @dl/docs check`. `DL_SKIP_BROWSER=1` skips it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { skipBrowser } from './browser.js';
import {
  docsDir,
  openSite,
  type Problems,
  type SiteSession,
  shotsDir,
  siteDir,
} from './site-server.js';

/** What one page must show. */
interface PageSpec {
  /** Screenshot file name (without `.png`). */
  name: string;
  /** Path below the site root. */
  path: string;
  /** Text the page's `<h1>` must contain. */
  heading: string;
  /** Whether the page must contain typeset formulas. */
  math: boolean;
  /** The least number of pictures the page must show. */
  minImages: number;
}

/** The pages the issue names: home, one guide in each language, one API page. */
const pages: PageSpec[] = [
  {
    name: 'home',
    path: 'index.html',
    heading: 'dl — deep learning from scratch in TypeScript',
    math: false,
    minImages: 0,
  },
  {
    name: 'guide-en-01-images-and-quantisation',
    path: 'guides/en/01-images-and-quantisation.html',
    heading: 'Images and quantisation',
    math: true,
    minImages: 3,
  },
  {
    name: 'guide-ko-10-computation-graphs-and-backprop',
    path: 'guides/ko/10-computation-graphs-and-backprop.html',
    heading: '계산 그래프와 역전파',
    math: true,
    minImages: 1,
  },
  {
    name: 'api-simple-network',
    path: 'classes/_dl_network.SimpleNetwork.html',
    heading: 'SimpleNetwork',
    math: false,
    minImages: 0,
  },
];

/** Every guide chapter written in markdown, as `{en,ko}/NN-topic`. */
function guideSlugs(): string[] {
  const slugs: string[] = [];
  for (const lang of ['en', 'ko']) {
    for (const file of readdirSync(join(docsDir, 'guides', lang))) {
      if (file.endsWith('.md') && file !== 'index.md') slugs.push(`${lang}/${file.slice(0, -3)}`);
    }
  }
  return slugs.sort();
}

/**
 * How many formulas a markdown source holds: `$$…$$` blocks and `$…$` inline, outside code blocks
 * and code spans (where a `$` is code, not math).
 */
function formulaCount(markdown: string): number {
  const prose = markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`]*`/g, '');
  const blocks = prose.match(/\$\$[\s\S]+?\$\$/g) ?? [];
  const inline = prose.replace(/\$\$[\s\S]+?\$\$/g, '').match(/\$[^$\n]+\$/g) ?? [];
  return blocks.length + inline.length;
}

/** What a loaded page shows, read in the browser. */
interface Seen {
  h1: string[];
  h2: number;
  katex: number;
  katexErrors: number;
  katexFont: string;
  katexFontsLoaded: string[];
  /** Typeset formulas in the page's own text (an exercise page's README), not in the extras. */
  katexInText: number;
  /** Text outside code and formulas that still holds a `$`: a formula the KaTeX rule did not take. */
  rawDollars: string[];
  images: { src: string; ok: boolean }[];
  codeBlocks: number;
  comment: string;
  apiLinks: number;
  exerciseLinks: number;
}

let site: SiteSession;

/** Opens `path`, waits for it to load, and reports what it shows and what went wrong. */
async function visit(path: string, shot?: string): Promise<{ seen: Seen; problems: Problems }> {
  const { page, context, problems } = await site.open(path);
  const seen = await page.evaluate(async (): Promise<Seen> => {
    await document.fonts.ready;
    const katex = document.querySelector('.katex');
    return {
      h1: [...document.querySelectorAll('h1')].map((h) => h.textContent ?? ''),
      h2: document.querySelectorAll('.col-content h2').length,
      katex: document.querySelectorAll('.katex').length,
      katexErrors: document.querySelectorAll('.katex-error').length,
      katexFont: katex ? getComputedStyle(katex).fontFamily : '',
      // Asks for KaTeX's main font outright (the browser may not have fetched it yet): the faces
      // come back only if the stylesheet declared them and the font file loaded.
      katexFontsLoaded: katex
        ? await document.fonts.load('16px KaTeX_Main').then(
            (faces) => faces.map((f) => f.family.replace(/"/g, '')),
            () => [],
          )
        : [],
      katexInText: [...document.querySelectorAll('.col-content .katex')].filter(
        (k) => !k.closest('.dl-exercise-extras'),
      ).length,
      rawDollars: (() => {
        const found: string[] = [];
        const main = document.querySelector('.col-content');
        const walker = document.createTreeWalker(main ?? document.body, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
          const node = walker.currentNode as Text;
          if (node.data.includes('$') && !node.parentElement?.closest('code, pre, .katex')) {
            found.push(node.data.trim().slice(0, 80));
          }
        }
        return found;
      })(),
      images: [...document.querySelectorAll('.col-content img')].map((img) => {
        const i = img as HTMLImageElement;
        return { src: i.getAttribute('src') ?? '', ok: i.complete && i.naturalWidth > 0 };
      }),
      codeBlocks: document.querySelectorAll('.col-content pre code').length,
      comment: document.querySelector('.col-content .tsd-comment')?.textContent?.trim() ?? '',
      apiLinks: [...document.querySelectorAll('.col-content a')].filter((a) =>
        /\/(classes|functions|interfaces|types|variables|modules)\//.test(
          (a as HTMLAnchorElement).href,
        ),
      ).length,
      exerciseLinks: [...document.querySelectorAll('.col-content a')].filter((a) =>
        /\/exercises\/(en|ko)\/\d\d-/.test((a as HTMLAnchorElement).href),
      ).length,
    };
  });
  if (shot) await page.screenshot({ path: join(shotsDir, `${shot}.png`), fullPage: true });
  await context.close();
  return { seen, problems };
}

/** The checks every page gets: a heading, pictures that load, formulas that typeset, no errors. */
function expectHealthy(spec: PageSpec, seen: Seen, problems: Problems): void {
  const where = spec.path;
  expect(problems.console, `${where}: console errors`).toEqual([]);
  expect(problems.failed, `${where}: failed requests`).toEqual([]);
  expect(problems.external, `${where}: requests leaving 127.0.0.1`).toEqual([]);
  expect(
    seen.h1.some((h) => h.includes(spec.heading)),
    `${where}: an <h1> containing "${spec.heading}", got ${JSON.stringify(seen.h1)}`,
  ).toBe(true);
  const broken = seen.images.filter((i) => !i.ok).map((i) => i.src);
  expect(broken, `${where}: pictures that did not load`).toEqual([]);
  expect(seen.images.length, `${where}: number of pictures`).toBeGreaterThanOrEqual(spec.minImages);
  expect(seen.katexErrors, `${where}: formulas KaTeX could not typeset`).toBe(0);
  expect(seen.rawDollars, `${where}: text with a $ left untypeset`).toEqual([]);
  if (spec.math) {
    expect(seen.katex, `${where}: typeset formulas`).toBeGreaterThan(0);
    // The stylesheet applied (KaTeX's font on the formula) and its fonts really loaded.
    expect(seen.katexFont, `${where}: font of a formula`).toContain('KaTeX_Main');
    expect(seen.katexFontsLoaded, `${where}: KaTeX fonts loaded`).toContain('KaTeX_Main');
  }
}

describe.skipIf(skipBrowser)('docs site in headless Chromium', () => {
  beforeAll(async () => {
    site = await openSite();
  });

  afterAll(async () => {
    await site?.close();
  });

  test.each(pages)('$name ($path) renders its heading, formulas and pictures', async (spec) => {
    const { seen, problems } = await visit(spec.path, spec.name);
    expectHealthy(spec, seen, problems);
  });

  test('the API page shows the TSDoc summary and a code example', async () => {
    const { seen } = await visit('classes/_dl_network.SimpleNetwork.html');
    expect(
      seen.comment.length,
      'length of the class summary on the SimpleNetwork page',
    ).toBeGreaterThan(40);
    expect(seen.codeBlocks, 'code blocks on the SimpleNetwork page').toBeGreaterThan(0);
  });

  test('the exercise pages list every exercise and each README renders', async () => {
    const catalog = JSON.parse(
      readFileSync(join(docsDir, '..', 'exercises', 'exercises.json'), 'utf8'),
    ).exercises as { dir: string }[];
    expect(catalog.length, 'exercises in exercises/exercises.json').toBeGreaterThan(0);
    let withMath = 0;
    for (const [lang, heading] of [
      ['en', 'Exercises (English)'],
      ['ko', '연습문제 (한국어)'],
    ] as const) {
      const index = `exercises/${lang}/index.html`;
      const { seen, problems } = await visit(index, `exercises-${lang}`);
      expectHealthy(
        { name: index, path: index, heading, math: false, minImages: 0 },
        seen,
        problems,
      );
      for (const { dir } of catalog) {
        const path = `exercises/${lang}/${dir}.html`;
        expect(existsSync(join(siteDir, path)), `${path} in the site`).toBe(true);
        const readme = lang === 'ko' ? 'README.ko.md' : 'README.md';
        const formulas = formulaCount(
          readFileSync(join(docsDir, '..', 'exercises', dir, readme), 'utf8'),
        );
        const page = await visit(path);
        expectHealthy(
          { name: path, path, heading: '', math: formulas > 0, minImages: 0 },
          page.seen,
          page.problems,
        );
        // every formula of the README typeset by KaTeX, none left as code or raw TeX
        expect(
          page.seen.katexInText,
          `${path}: formulas typeset, of ${formulas} in ${readme}`,
        ).toBe(formulas);
        withMath += formulas > 0 ? 1 : 0;
      }
    }
    // the READMEs write their formulas as math, not as code (every exercise has some)
    expect(withMath, 'exercise pages with formulas, of both languages').toBe(2 * catalog.length);
  });

  test('every guide chapter exists in both languages', () => {
    const slugs = guideSlugs();
    const en = slugs.filter((s) => s.startsWith('en/')).map((s) => s.slice(3));
    const ko = slugs.filter((s) => s.startsWith('ko/')).map((s) => s.slice(3));
    expect(ko, 'Korean chapters, by file name').toEqual(en);
    // the getting-started page, 11 lecture chapters and the book's chapters 6 (12) and 7 (13)
    expect(en.length, 'chapters per language').toBe(14);
  });

  test('every guide page loads with a heading, formulas, pictures, API and exercise links', async () => {
    const built = guideSlugs().filter((s) => existsSync(join(siteDir, 'guides', `${s}.html`)));
    expect(built, 'guide pages in the site').toEqual(guideSlugs());
    for (const slug of built) {
      const path = `guides/${slug}.html`;
      const { seen, problems } = await visit(path, `guides-${slug.replace('/', '-')}`);
      const chapter = !slug.endsWith('getting-started');
      expectHealthy({ name: slug, path, heading: '', math: chapter, minImages: 0 }, seen, problems);
      expect(seen.h2, `${path}: section headings`).toBeGreaterThanOrEqual(2);
      if (chapter) {
        expect(seen.apiLinks, `${path}: links to the API it uses`).toBeGreaterThan(0);
        expect(seen.exerciseLinks, `${path}: links to the exercises`).toBeGreaterThan(0);
      }
    }
  });
});
