/**
 * What a reader needs around every page to find their way: the language of the page
 * (`<html lang="ko">` on Korean pages), a switch to the same page in the other language, a link back
 * to the section's index, previous/next links in reading order (the order of the section index's
 * `children`), and the version and the repository link in the header.
 *
 * The guides and exercises live under `guides/<lang>/` and `exercises/<lang>/` (see
 * `guide-router.ts`), so a page's language and its twin follow from its address.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Application, JSX, PageEvent, type Reflection, RendererEvent } from 'typedoc';

/** A page in one of the site's two languages: section, language and the rest of its address. */
const LOCALISED = /^(guides|exercises)\/(en|ko)\/(.+)$/;

/** The words of the reading aids, by language. */
const WORDS = {
  en: { prev: 'Previous', next: 'Next', index: 'Contents', other: '한국어', otherLang: 'ko' },
  ko: { prev: '이전', next: '다음', index: '목차', other: 'English', otherLang: 'en' },
} as const;

/** The language of a page, from its address; API pages are English. */
export function pageLang(url: string): 'en' | 'ko' {
  return LOCALISED.exec(url)?.[2] === 'ko' ? 'ko' : 'en';
}

/** The address of the same page in the other language, if it is a guide or exercise page. */
export function twinUrl(url: string): string | undefined {
  const m = LOCALISED.exec(url);
  if (!m) return undefined;
  return `${m[1]}/${m[2] === 'en' ? 'ko' : 'en'}/${m[3]}`;
}

/** The version shown in the header: the `@dl/*` packages' version, and the commit when known. */
function siteVersion(repoRoot: string): { version: string; repository: string } {
  const versions = new Set<string>();
  let repository = '';
  for (const dir of readdirSync(join(repoRoot, 'packages'))) {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'packages', dir, 'package.json'), 'utf8'));
    versions.add(pkg.version);
    repository ||= String(pkg.repository?.url ?? '');
  }
  let commit = '';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: repoRoot,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    // not a git checkout (a tarball): the version alone
  }
  const version = `v${[...versions].sort().join(' / ')}${commit ? ` (${commit})` : ''}`;
  return { version, repository: repository.replace(/^git\+/, '').replace(/\.git$/, '') };
}

/** One `<a>`, or nothing. */
function link(href: string | undefined, text: string, rel: string): JSX.Element | undefined {
  return href ? JSX.createElement('a', { href, rel, class: `dl-${rel}` }, text) : undefined;
}

/**
 * Adds the reading aids to every guide and exercise page and the version and repository to
 * every page's header.
 *
 * @param app - the typedoc application
 * @param repoRoot - the repository root (for the packages' version and repository address)
 */
export function loadSiteChrome(app: Application, repoRoot: string): void {
  const urls = new Set<string>();
  app.renderer.on(RendererEvent.BEGIN, (event: RendererEvent) => {
    urls.clear();
    for (const page of event.pages) urls.add(page.url);
  });

  // Top of the page: the section's index and the same page in the other language.
  app.renderer.hooks.on('content.begin', (context) => {
    const url = context.page.url;
    const m = LOCALISED.exec(url);
    if (!m) return JSX.createElement(JSX.Fragment, null);
    const words = WORDS[pageLang(url)];
    const twin = twinUrl(url);
    const index = `${m[1]}/${m[2]}/index.html`;
    return JSX.createElement(
      'nav',
      { class: 'dl-page-links', 'aria-label': words.index },
      url === index ? undefined : link(context.relativeURL(index), `☰ ${words.index}`, 'index'),
      twin && urls.has(twin)
        ? JSX.createElement(
            'a',
            {
              href: context.relativeURL(twin),
              hreflang: words.otherLang,
              class: 'dl-lang-switch',
              lang: words.otherLang,
            },
            words.other,
          )
        : undefined,
    );
  });

  // Bottom of the page: previous and next in the section's reading order.
  app.renderer.hooks.on('content.end', (context) => {
    const model = context.page.model;
    if (!LOCALISED.test(context.page.url) || !model.isDocument()) {
      return JSX.createElement(JSX.Fragment, null);
    }
    const section = model.parent?.isDocument() ? model.parent : model;
    const order: Reflection[] = [
      section,
      ...(section.isDocument() ? (section.children ?? []) : []),
    ];
    const at = order.indexOf(model);
    const words = WORDS[pageLang(context.page.url)];
    const prev = order[at - 1];
    const next = order[at + 1];
    return JSX.createElement(
      'nav',
      { class: 'dl-prev-next', 'aria-label': `${words.prev} / ${words.next}` },
      prev
        ? link(context.urlTo(prev), `← ${words.prev}: ${prev.name}`, 'prev')
        : JSX.createElement('span', null),
      next ? link(context.urlTo(next), `${words.next}: ${next.name} →`, 'next') : undefined,
    );
  });

  const { version, repository } = siteVersion(repoRoot);
  app.renderer.on(PageEvent.END, (page: PageEvent) => {
    if (!page.contents) return;
    const lang = pageLang(page.url);
    const header = [
      `<span class="dl-version" title="@dl/* packages">${version}</span>`,
      repository ? `<a class="dl-repo" href="${repository}" rel="external">GitHub</a>` : '',
    ].join('');
    page.contents = page.contents
      .replace(/<html([^>]*) lang="en"/, `<html$1 lang="${lang}"`)
      .replace('<div id="tsd-toolbar-links">', `<div id="tsd-toolbar-links">${header}`);
  });
}
