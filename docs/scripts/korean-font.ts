/**
 * The site's own Korean web font, so Korean text never falls back to boxes on a machine without
 * Korean fonts. The font is Noto Sans KR from `@fontsource/noto-sans-kr` (an npm package; SIL Open
 * Font License), self-hosted: nothing is fetched from a font service.
 *
 * The package splits each weight into about 120 slices by `unicode-range` (2.6 MB per weight in
 * all). After typedoc has written the pages, we read every page, note which characters the site
 * uses, and copy only the slices that hold one of them, with a stylesheet declaring just those.
 * Only the numbered slices (Hangul, CJK symbols) are taken: Latin text keeps the theme's font.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type Application, JSX, RendererEvent } from 'typedoc';

const require = createRequire(import.meta.url);

/** The font family name the site's stylesheet asks for. */
export const KOREAN_FONT_FAMILY = 'Noto Sans KR';

/** Where the font's stylesheet lands, relative to the site root (the slices sit beside it). */
export const KOREAN_FONT_CSS = 'assets/fonts/noto-sans-kr.css';

/** The weights the site uses: body text and bold (headings, `<strong>`). */
const WEIGHTS = [400, 700] as const;

/** One `@font-face` slice of the package's stylesheet. */
interface Slice {
  file: string;
  weight: number;
  ranges: [number, number][];
}

/** Parses `U+ac00-d7a3,U+3131` into inclusive code point ranges. */
function parseRanges(text: string): [number, number][] {
  return text.split(',').map((part) => {
    const [from, to] = part.trim().replace(/^U\+/i, '').split('-');
    const a = Number.parseInt(from ?? '', 16);
    return [a, to === undefined ? a : Number.parseInt(to, 16)];
  });
}

/** The numbered slices of one weight, read from the package's `<weight>.css`. */
function readSlices(weight: number): Slice[] {
  const css = readFileSync(require.resolve(`@fontsource/noto-sans-kr/${weight}.css`), 'utf8');
  const slices: Slice[] = [];
  for (const face of css.split('@font-face').slice(1)) {
    const file = face.match(/url\(\.\/files\/(noto-sans-kr-\d+-\d+-normal\.woff2)\)/)?.[1];
    const range = face.match(/unicode-range:\s*([^;]+);/)?.[1];
    if (file && range) slices.push({ file, weight, ranges: parseRanges(range) });
  }
  if (slices.length === 0) {
    throw new Error(
      `korean font: no numbered slices; expected @font-face rules with woff2 files in @fontsource/noto-sans-kr/${weight}.css, got none`,
    );
  }
  return slices;
}

/** Every `.html` file below `dir`. */
function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.html'))
    .map((f) => join(dir, f));
}

/** What {@link writeKoreanFont} copied. */
export interface KoreanFontReport {
  slices: number;
  bytes: number;
}

/**
 * Copies the slices that hold a character of the site (plus `extraText`) and writes their stylesheet.
 *
 * @param siteDir - the written site
 * @param extraText - text shown on pages but not in their HTML (the search index's snippets)
 * @returns how many slices were copied and their size in bytes
 */
export function writeKoreanFont(siteDir: string, extraText = ''): KoreanFontReport {
  const used = new Set<number>();
  for (const file of htmlFiles(siteDir)) {
    for (const ch of readFileSync(file, 'utf8')) used.add(ch.codePointAt(0) ?? 0);
  }
  for (const ch of extraText) used.add(ch.codePointAt(0) ?? 0);
  const covers = (s: Slice) => s.ranges.some(([a, b]) => [...used].some((c) => c >= a && c <= b));
  const outDir = join(siteDir, dirname(KOREAN_FONT_CSS));
  mkdirSync(outDir, { recursive: true });
  const filesDir = dirname(
    require.resolve('@fontsource/noto-sans-kr/files/noto-sans-kr-0-400-normal.woff2'),
  );
  const rules: string[] = [];
  let bytes = 0;
  for (const slice of WEIGHTS.flatMap(readSlices).filter(covers)) {
    copyFileSync(join(filesDir, slice.file), join(outDir, slice.file));
    bytes += readFileSync(join(outDir, slice.file)).length;
    const range = slice.ranges.map(([a, b]) =>
      a === b ? `U+${a.toString(16)}` : `U+${a.toString(16)}-${b.toString(16)}`,
    );
    rules.push(
      `@font-face{font-family:'${KOREAN_FONT_FAMILY}';font-style:normal;font-display:swap;font-weight:${slice.weight};src:url(./${slice.file}) format('woff2');unicode-range:${range.join(',')}}`,
    );
  }
  writeFileSync(
    join(siteDir, KOREAN_FONT_CSS),
    `/* Noto Sans KR (SIL Open Font License 1.1), from @fontsource/noto-sans-kr: only the slices this site uses. */\n${rules.join('\n')}\n`,
  );
  return { slices: rules.length, bytes };
}

/**
 * Links the Korean font's stylesheet from every page (the slices are copied by
 * {@link writeKoreanFont} once every page is written).
 *
 * @param app - the typedoc application
 */
export function loadKoreanFont(app: Application): void {
  app.renderer.hooks.on('head.end', (context) =>
    JSX.createElement('link', { rel: 'stylesheet', href: context.relativeURL(KOREAN_FONT_CSS) }),
  );
  app.renderer.on(RendererEvent.END, (event: RendererEvent) => {
    const report = writeKoreanFont(event.outputDirectory);
    app.logger.info(
      `korean font: ${report.slices} slices, ${(report.bytes / 1024).toFixed(0)} KiB`,
    );
  });
}
