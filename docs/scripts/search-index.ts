/**
 * Full-text search for the site: every guide, exercise and API page, in Korean and English, indexed
 * with MiniSearch (a client-side search library) when the site is built and searched in the
 * browser from the header's search box (typedoc's own search only knows titles).
 *
 * Each page's text is read from the HTML typedoc writes (its main column, without formulas'
 * MathML, navigation and icons). The tokenizer (`web/search-terms.ts`) cuts Hangul into syllable
 * pairs so Korean queries match words with particles attached. The index lands in
 * `assets/dl/search-index.json`, loaded by `assets/dl/search.js` when a reader first searches.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import MiniSearch from 'minisearch';
import { type Application, DocumentReflection, JSX, PageEvent, RendererEvent } from 'typedoc';
import ts from 'typescript';
import { INDEX_OPTIONS, type SearchDoc } from '../web/search-terms.js';
import { pageLang } from './site-chrome.js';

const webDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'web');

/** Where the search's files land, relative to the site root. */
export const SEARCH_DIR = 'assets/dl';

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

/** Plain text of an HTML fragment: tags dropped, entities decoded, spaces collapsed. */
function textOf(html: string): string {
  return html
    .replace(/<wbr\s*\/?>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, e: string) => {
      if (e[0] === '#')
        return String.fromCodePoint(Number(e[1] === 'x' ? `0${e.slice(1)}` : e.slice(1)));
      return ENTITIES[e] ?? whole;
    })
    .replace(/\s+/g, ' ')
    .trim();
}

/** What a reader can search on a page: its main column without what is not its own text. */
export function pageText(html: string): { headings: string; text: string } {
  const start = html.indexOf('<div class="col-content">');
  const end = html.indexOf('<div class="col-sidebar">', start);
  const main = (start < 0 ? '' : html.slice(start, end < 0 ? undefined : end))
    .replace(/<math[\s\S]*?<\/math>/g, '') // KaTeX's MathML copy (the visible formula stays)
    .replace(/<(svg|script|style)[\s\S]*?<\/\1>/g, '')
    .replace(/<nav class="dl-[\s\S]*?<\/nav>/g, '') // our reading aids
    .replace(/<ul class="tsd-breadcrumb"[\s\S]*?<\/ul>/g, '');
  const headings = [...main.matchAll(/<h[23][^>]*>([\s\S]*?)<\/h[23]>/g)].map((m) =>
    textOf(m[1] ?? ''),
  );
  return { headings: headings.join(' · '), text: textOf(main) };
}

/** The kind of page an address is. */
function kindOf(url: string): string {
  if (url.startsWith('guides/')) return 'guide';
  if (url.startsWith('exercises/')) return 'exercise';
  return url === 'index.html' ? 'home' : 'api';
}

/** Compiles a browser module from `web/` to plain JavaScript in the site. */
function writeModule(name: string, outDir: string): void {
  const source = readFileSync(join(webDir, `${name}.ts`), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 },
  });
  // the browser has no package resolution: MiniSearch sits beside our modules
  writeFileSync(
    join(outDir, `${name}.js`),
    outputText.replace(/from 'minisearch'/g, "from './minisearch.js'"),
  );
}

/** What {@link loadSearchIndex} wrote. */
export interface SearchReport {
  pages: number;
  bytes: number;
}

/**
 * Indexes every page as typedoc writes it and puts the index, MiniSearch and the search box's
 * script into the site.
 *
 * @param app - the typedoc application
 * @param onWritten - told the index's page count and size
 */
export function loadSearchIndex(
  app: Application,
  onWritten?: (report: SearchReport) => void,
): void {
  const docs: SearchDoc[] = [];
  app.renderer.hooks.on('head.end', (context) =>
    JSX.createElement('script', {
      type: 'module',
      src: context.relativeURL(`${SEARCH_DIR}/search.js`),
    }),
  );
  app.renderer.on(RendererEvent.BEGIN, () => {
    docs.length = 0;
  });
  app.renderer.on(PageEvent.END, (page: PageEvent) => {
    if (!page.contents || page.url === 'hierarchy.html' || page.url === 'modules.html') return;
    const { headings, text } = pageText(page.contents);
    const title = page.url === 'index.html' ? app.options.getValue('name') : page.model.name;
    const model = page.model;
    const keywords =
      model instanceof DocumentReflection ? String(model.frontmatter['keywords'] ?? '') : '';
    docs.push({
      id: docs.length,
      url: page.url,
      title,
      kind: kindOf(page.url),
      lang: pageLang(page.url),
      keywords,
      headings,
      text,
    });
  });
  app.renderer.on(RendererEvent.END, (event: RendererEvent) => {
    const outDir = join(event.outputDirectory, SEARCH_DIR);
    mkdirSync(outDir, { recursive: true });
    const index = new MiniSearch(INDEX_OPTIONS);
    index.addAll(docs);
    const json = JSON.stringify(index);
    writeFileSync(join(outDir, 'search-index.json'), json);
    // the ES module build (`import` condition), which the browser loads as it is
    copyFileSync(fileURLToPath(import.meta.resolve('minisearch')), join(outDir, 'minisearch.js'));
    writeModule('search-terms', outDir);
    writeModule('search', outDir);
    const bytes = Buffer.byteLength(json);
    app.logger.info(`search: ${docs.length} pages indexed, ${(bytes / 1024).toFixed(0)} KiB`);
    onWritten?.({ pages: docs.length, bytes });
  });
}
