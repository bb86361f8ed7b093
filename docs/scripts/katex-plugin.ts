/**
 * Math in the docs site: `$…$` and `$$…$$` in guides and doc comments are typeset with KaTeX when
 * typedoc renders its markdown, so the browser receives finished HTML and needs no script.
 *
 * typedoc has no KaTeX option of its own. It does let a plugin hand its markdown-it parser a
 * loader (`markdownItLoader`), so we give it the markdown-it KaTeX rule from VS Code
 * (`@vscode/markdown-it-katex`), link KaTeX's stylesheet from every page and copy the stylesheet
 * and its fonts into the site.
 */
import { cpSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import katex from 'katex';
import { type Application, JSX, PageEvent, RendererEvent } from 'typedoc';

const require = createRequire(import.meta.url);

// A CommonJS module whose function sits on `exports.default`: Node's ESM import would hand us the
// whole `exports` object, so we load it with require and take `.default` ourselves.
type KatexRule = typeof import('@vscode/markdown-it-katex').default;
const markdownItKatex: KatexRule = require('@vscode/markdown-it-katex').default;

/** Folder of KaTeX's `katex.min.css` and its `fonts/`, inside the installed `katex` package. */
const katexDist = dirname(require.resolve('katex/dist/katex.min.css'));

/** Where KaTeX's stylesheet lands in the site, relative to the site root. */
export const KATEX_CSS = 'assets/katex/katex.min.css';

/**
 * Adds KaTeX rendering to a typedoc application (call it before `convert`).
 *
 * A formula KaTeX cannot parse is reported as a typedoc error naming the page and the formula, and
 * LaTeX that KaTeX only accepts in its lenient mode (Hangul in math outside `\text`, say) as a
 * warning (this build treats warnings as errors), so a broken formula fails `pnpm run docs`
 * instead of reaching a reader as red TeX. (The markdown-it rule alone would only log KaTeX's
 * exception and render a `.katex-error` span.)
 *
 * @param app - the typedoc application to extend
 */
export function loadKatexPlugin(app: Application): void {
  let page = '(no page)';
  app.renderer.on(PageEvent.BEGIN, (event: PageEvent) => {
    page = event.url;
  });
  const checked: typeof katex = {
    ...katex,
    renderToString(latex, options) {
      try {
        return katex.renderToString(latex, {
          ...options,
          throwOnError: true,
          strict: (code: string, message: string) => {
            app.logger.warn(`KaTeX: ${page}: ${code} in $${latex}$: ${message}`);
            return 'ignore';
          },
        });
      } catch (error) {
        app.logger.error(
          `KaTeX: ${page}: cannot typeset $${latex}$; expected LaTeX KaTeX can parse, got: ${(error as Error).message}`,
        );
        throw error;
      }
    },
  };
  const previous = app.options.getValue('markdownItLoader');
  app.options.setValue('markdownItLoader', (parser: Parameters<typeof markdownItKatex>[0]) => {
    previous(parser);
    parser.use(markdownItKatex, { katex: checked });
  });

  app.renderer.hooks.on('head.end', (context) =>
    JSX.createElement('link', { rel: 'stylesheet', href: context.relativeURL(KATEX_CSS) }),
  );

  app.renderer.on(RendererEvent.END, (event: RendererEvent) => {
    const target = join(event.outputDirectory, dirname(KATEX_CSS));
    mkdirSync(target, { recursive: true });
    cpSync(join(katexDist, 'katex.min.css'), join(target, 'katex.min.css'));
    cpSync(join(katexDist, 'fonts'), join(target, 'fonts'), { recursive: true });
  });
}
