/**
 * The site as its readers meet it, in the browser: Korean text drawn in the site's own Korean font
 * (never a fallback glyph), no page scrolling sideways on a 390-pixel-wide phone, and the reading
 * aids: previous/next, the switch to the other language, the way back to the index, `<html lang>`,
 * the favicon, the version and the repository link. Screenshots of a Korean guide page at desktop
 * and phone width go to `docs/screenshots/`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { skipBrowser } from './browser.js';
import { docsDir, openSite, type SiteSession, shotsDir, sitePages } from './site-server.js';

const PHONE = { width: 390, height: 844 };
const FONT = 'Noto Sans KR';

let site: SiteSession;

/** How one run of Korean text was drawn. */
interface Drawn {
  text: string;
  fonts: { familyName: string; isCustomFont: boolean; glyphCount: number }[];
}

/**
 * Marks every run of Hangul on the page with a `<span>` (which inherits the font, so nothing
 * changes on screen), opens folded `<details>` so their text is laid out, and asks Chromium
 * (DevTools protocol, `CSS.getPlatformFontsForNode`) which fonts really drew each run. Also returns
 * `document.fonts.check` for the page's Korean text.
 */
async function koreanGlyphs(page: Page): Promise<{ runs: Drawn[]; fontsCheck: boolean }> {
  const { texts, fontsCheck } = await page.evaluate(async (font) => {
    for (const d of document.querySelectorAll('details')) d.open = true;
    const hangul = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]+/g;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const nodes: Text[] = [];
    while (walker.nextNode()) nodes.push(walker.currentNode as Text);
    const texts: string[] = [];
    for (const node of nodes) {
      const text = node.data;
      // KaTeX's MathML copy is for screen readers, clipped to nothing on screen: not drawn for readers
      if (!hangul.test(text) || node.parentElement?.closest('script,style,title,.katex-mathml'))
        continue;
      hangul.lastIndex = 0;
      const parts = document.createDocumentFragment();
      let last = 0;
      for (const m of text.matchAll(hangul)) {
        parts.append(text.slice(last, m.index));
        const span = document.createElement('span');
        span.dataset['dlHangul'] = '';
        span.textContent = m[0];
        parts.append(span);
        texts.push(m[0]);
        last = m.index + m[0].length;
      }
      parts.append(text.slice(last));
      node.replaceWith(parts);
    }
    await document.fonts.ready;
    const all = texts.join('');
    return { texts, fontsCheck: all === '' || document.fonts.check(`16px "${font}"`, all) };
  }, FONT);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
  const { nodeIds } = await cdp.send('DOM.querySelectorAll', {
    nodeId: root.nodeId,
    selector: '[data-dl-hangul]',
  });
  // In document order, like `texts`; asked all at once (the protocol pipelines them).
  const drawn = await Promise.all(
    nodeIds.map((nodeId) => cdp.send('CSS.getPlatformFontsForNode', { nodeId })),
  );
  const runs: Drawn[] = [];
  drawn.forEach(({ fonts }, i) => {
    // a run that is not laid out (hidden) is not drawn at all
    if (fonts.length > 0) runs.push({ text: texts[i] ?? '', fonts });
  });
  await cdp.detach();
  return { runs, fontsCheck };
}

/**
 * Where a page sticks out past the right edge of the viewport (for the failure message): each
 * element that reaches past the edge while its parent does not, with the formula, table or code box
 * it sits in. KaTeX's MathML copy (clipped to nothing), the insides of an `<svg>` and hidden things
 * (the folded-away side menu) are left out.
 */
function widerThanScreen(page: Page): Promise<{ scrollWidth: number; culprits: string[] }> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const name = (el: Element) => `${el.tagName.toLowerCase()}.${el.getAttribute('class') ?? ''}`;
    const sticksOut = (el: Element | null) => {
      const r = el?.getBoundingClientRect();
      return r !== undefined && r.width > 0 && r.right > width + 1;
    };
    const culprits: string[] = [];
    for (const el of document.querySelectorAll('body *')) {
      if (culprits.length >= 5) break;
      if (el.closest('.katex-mathml') || getComputedStyle(el).visibility === 'hidden') continue;
      // the insides of an <svg> are clipped by it
      if (el instanceof SVGElement && !(el instanceof SVGSVGElement)) continue;
      if (!sticksOut(el) || sticksOut(el.parentElement)) continue;
      const box = el.closest('.katex-display') ?? el.closest('.katex, table, pre');
      const right = Math.round(el.getBoundingClientRect().right);
      culprits.push(
        `${box && box !== el ? `${name(box)} > ` : ''}${name(el)} (right edge ${right})`,
      );
    }
    return { scrollWidth: document.documentElement.scrollWidth, culprits };
  });
}

const koreanPages = sitePages().filter((p) => /^(guides|exercises)\/ko\//.test(p));
const guidePages = sitePages().filter((p) => p.startsWith('guides/'));

describe.skipIf(skipBrowser)('the site for its readers', () => {
  beforeAll(async () => {
    site = await openSite();
  });
  afterAll(async () => {
    await site?.close();
  });

  test('Korean pages and their screenshots at desktop and phone width', async () => {
    // 10 guide chapters and 23 exercises in Korean, with their two index pages
    expect(koreanPages.length, 'Korean pages in the site').toBeGreaterThanOrEqual(30);
    const path = 'guides/ko/04-softmax.html';
    for (const [name, viewport] of [
      ['ko-guide-desktop', { width: 1280, height: 900 }],
      ['ko-guide-phone', PHONE],
    ] as const) {
      const { page, context } = await site.open(path, viewport);
      await page.screenshot({ path: join(shotsDir, `${name}.png`), fullPage: false });
      await context.close();
    }
  });

  test('every Korean run of text is drawn with the site’s Korean font, never a fallback', async () => {
    // Korean pages, plus English ones (the navigation lists the Korean chapters everywhere)
    const wrong: string[] = [];
    for (const path of [...koreanPages, 'index.html', 'guides/en/04-softmax.html']) {
      const { page, context, problems } = await site.open(path);
      const { runs, fontsCheck } = await koreanGlyphs(page);
      await context.close();
      expect(problems.failed, `${path}: failed requests (font files)`).toEqual([]);
      expect(runs.length, `${path}: runs of Korean text drawn`).toBeGreaterThan(0);
      expect(fontsCheck, `${path}: document.fonts.check for its Korean text`).toBe(true);
      for (const r of runs) {
        // Chromium names the face by the font file's own name ("Noto Sans KR Thin" for the variable
        // font); a web font of that family is ours, anything else is a fallback.
        if (r.fonts.some((f) => !f.isCustomFont || !f.familyName.startsWith(FONT))) {
          wrong.push(
            `${path}: ${r.text}: ${r.fonts.map((f) => `${f.familyName} ×${f.glyphCount}`).join(', ')}`,
          );
        }
      }
    }
    expect(wrong, 'Korean text drawn in another font').toEqual([]);
  }, 300_000);

  test('no page scrolls sideways on a 390-pixel-wide phone', async () => {
    const pages = sitePages();
    expect(pages.length, 'pages in the site').toBeGreaterThan(200);
    const { page, context } = await site.open('index.html', PHONE);
    const wide: string[] = [];
    for (const path of pages) {
      await page.goto(site.base + path, { waitUntil: 'load' });
      await page.waitForFunction(() => document.body.style.display !== 'none');
      const { scrollWidth, culprits } = await widerThanScreen(page);
      if (scrollWidth > PHONE.width) wide.push(`${path}: ${scrollWidth}px, ${culprits.join('; ')}`);
    }
    await context.close();
    expect(wide, 'pages wider than 390 px').toEqual([]);
  }, 300_000);

  test('guide and exercise pages: previous/next, the other language, the index, <html lang>', async () => {
    for (const path of [
      ...guidePages,
      'exercises/en/08-softmax-overflow.html',
      'exercises/ko/08-softmax-overflow.html',
    ]) {
      const { page, context } = await site.open(path);
      const seen = await page.evaluate(() => ({
        lang: document.documentElement.lang,
        prev: document.querySelector<HTMLAnchorElement>('.dl-prev-next a.dl-prev')?.href ?? '',
        next: document.querySelector<HTMLAnchorElement>('.dl-prev-next a.dl-next')?.href ?? '',
        twin: document.querySelector<HTMLAnchorElement>('a.dl-lang-switch')?.href ?? '',
        index: document.querySelector<HTMLAnchorElement>('a.dl-index')?.href ?? '',
      }));
      await context.close();
      const [, section, lang, rest] = /^(\w+)\/(en|ko)\/(.+)$/.exec(path) ?? [];
      const other = lang === 'en' ? 'ko' : 'en';
      expect(seen.lang, `${path}: <html lang>`).toBe(lang);
      expect(seen.twin, `${path}: link to the other language`).toBe(
        `${site.base}${section}/${other}/${rest}`,
      );
      const isIndex = rest === 'index.html';
      if (!isIndex)
        expect(seen.index, `${path}: link to the index`).toBe(
          `${site.base}${section}/${lang}/index.html`,
        );
      expect(seen.prev || seen.next, `${path}: a previous or next link`).not.toBe('');
      if (!isIndex && !rest?.startsWith('13-') && !rest?.startsWith('00-')) {
        expect(seen.prev, `${path}: previous`).not.toBe('');
        expect(seen.next, `${path}: next`).not.toBe('');
      }
    }
    // The order is the index's: chapter 4's neighbours are chapters 3 and 5.
    const { page, context } = await site.open('guides/ko/04-softmax.html');
    const [prev, next] = await page.evaluate(() =>
      ['.dl-prev', '.dl-next'].map(
        (s) => document.querySelector<HTMLAnchorElement>(`.dl-prev-next ${s}`)?.href,
      ),
    );
    await context.close();
    expect(prev, 'previous of ko/04').toBe(`${site.base}guides/ko/03-network-matrices.html`);
    expect(next, 'next of ko/04').toBe(`${site.base}guides/ko/05-losses.html`);
  });

  test('the header shows the version and the repository link; the favicon loads', async () => {
    const pkg = JSON.parse(
      readFileSync(join(docsDir, '..', 'packages', 'network', 'package.json'), 'utf8'),
    );
    const repo = String(pkg.repository.url)
      .replace(/^git\+/, '')
      .replace(/\.git$/, '');
    for (const path of [
      'index.html',
      'guides/ko/index.html',
      'classes/_dl_network.SimpleNetwork.html',
    ]) {
      const { page, context } = await site.open(path);
      const seen = await page.evaluate(async () => {
        const icon = document.querySelector<HTMLLinkElement>('link[rel="icon"]')?.href ?? '';
        const response = icon ? await fetch(icon) : undefined;
        return {
          version: document.querySelector('.tsd-page-toolbar .dl-version')?.textContent ?? '',
          repo:
            document.querySelector<HTMLAnchorElement>('.tsd-page-toolbar a.dl-repo')?.href ?? '',
          icon,
          iconStatus: response?.status ?? 0,
          iconType: response?.headers.get('content-type') ?? '',
        };
      });
      await context.close();
      expect(seen.version, `${path}: version in the header`).toMatch(
        new RegExp(`^v${pkg.version.replace(/\./g, '\\.')}( \\([0-9a-f]{7,}\\))?$`),
      );
      expect(seen.repo, `${path}: repository link`).toBe(repo);
      expect(seen.iconStatus, `${path}: favicon ${seen.icon}`).toBe(200);
      expect(seen.iconType, `${path}: favicon type`).toContain('image/');
    }
  });
});
