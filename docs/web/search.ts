/**
 * The header's search box, over the full text of every page (built by `scripts/search-index.ts`).
 *
 * It takes over typedoc's search dialog (the magnifier, `/` or Ctrl+K): typedoc's own search only
 * knows page titles, so our listener answers the box's input first and fills the same result list,
 * which keeps typedoc's keyboard handling (arrows, Enter). `?q=…` in the address opens the dialog
 * with that query, so a search can be linked to.
 */
import MiniSearch, { type SearchResult } from 'minisearch';
import { INDEX_OPTIONS, type SearchDoc, searchOptions } from './search-terms.js';

const siteRoot = new URL('../../', import.meta.url);
const lang = document.documentElement.lang === 'ko' ? 'ko' : 'en';
const WORDS = {
  en: {
    guide: 'Guide',
    exercise: 'Exercise',
    api: 'API',
    home: 'Home',
    none: 'No pages contain',
    loading: 'Loading the index…',
  },
  ko: {
    guide: '가이드',
    exercise: '연습문제',
    api: 'API',
    home: '홈',
    none: '다음 낱말이 모두 든 페이지가 없습니다:',
    loading: '색인을 읽는 중…',
  },
}[lang];

let index: Promise<MiniSearch<SearchDoc>> | undefined;

/** Fetches and loads the index the first time it is needed. */
function loadIndex(): Promise<MiniSearch<SearchDoc>> {
  index ??= fetch(new URL('search-index.json', import.meta.url))
    .then((r) => r.text())
    .then((json) => MiniSearch.loadJSON<SearchDoc>(json, INDEX_OPTIONS));
  return index;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** About 160 characters of the page around the first word of the query, with the words marked. */
function snippet(text: string, query: string): string {
  const words = query.split(/\s+/).filter(Boolean);
  const lower = text.toLowerCase();
  const hits = words.map((w) => lower.indexOf(w.toLowerCase())).filter((i) => i >= 0);
  const at = hits.length > 0 ? Math.min(...hits) : 0;
  const from = Math.max(0, at - 60);
  const part = text.slice(from, from + 160);
  let html = escapeHtml(part);
  for (const w of words) {
    const pattern = new RegExp(escapeHtml(w).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi');
    html = html.replace(pattern, (m) => `<mark>${m}</mark>`);
  }
  return `${from > 0 ? '… ' : ''}${html}${from + 160 < text.length ? ' …' : ''}`;
}

/** Runs the query and shows the best ten pages in typedoc's result list. */
async function show(query: string, results: HTMLElement, status: HTMLElement): Promise<void> {
  const q = query.trim();
  results.innerHTML = '';
  status.textContent = '';
  if (!q) return;
  if (!index) status.textContent = WORDS.loading;
  const found: SearchResult[] = (await loadIndex()).search(q, searchOptions(lang)).slice(0, 10);
  if (query !== (document.getElementById('tsd-search-input') as HTMLInputElement | null)?.value)
    return;
  status.textContent = found.length === 0 ? `${WORDS.none} “${q}”` : '';
  results.dataset['dlQuery'] = q; // the list now answers this query
  found.forEach((hit, i) => {
    const li = document.createElement('li');
    li.id = `tsd-search:dl-${i}`;
    li.role = 'option';
    li.ariaSelected = 'false';
    li.className = `dl-search-hit dl-kind-${hit['kind']}`;
    const a = document.createElement('a');
    a.tabIndex = -1;
    a.href = new URL(hit['url'], siteRoot).href;
    const kind = WORDS[hit['kind'] as keyof typeof WORDS] ?? hit['kind'];
    a.innerHTML = `<span class="dl-search-kind" lang="${hit['lang']}">${escapeHtml(kind)} · ${hit['lang']}</span><span class="text">${escapeHtml(hit['title'])}</span><span class="dl-search-snippet">${snippet(hit['text'], q)}</span>`;
    li.append(a);
    results.append(li);
  });
}

function start(): void {
  const field = document.getElementById('tsd-search-input') as HTMLInputElement | null;
  const results = document.getElementById('tsd-search-results');
  const status = document.getElementById('tsd-search-status');
  const trigger = document.getElementById('tsd-search-trigger');
  if (!field || !results || !status || !trigger) return;
  field.placeholder =
    lang === 'ko' ? '본문 전체 검색 (예: 역전파)' : 'Search all pages (e.g. numerical gradient)';
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Capture phase on window runs before typedoc's listener on the field, which we stop.
  window.addEventListener(
    'input',
    (event) => {
      if (event.target !== field) return;
      event.stopImmediatePropagation();
      clearTimeout(timer);
      timer = setTimeout(() => void show(field.value, results, status), 120);
    },
    true,
  );
  // Enter with nothing picked opens the best page (typedoc handles Enter on a picked one).
  field.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !field.getAttribute('aria-activedescendant')) {
      results.querySelector('a')?.click();
    }
  });
  const q = new URLSearchParams(location.search).get('q');
  if (q) {
    trigger.click();
    field.value = q;
    void show(q, results, status);
  }
}

if (document.readyState === 'complete') start();
else window.addEventListener('load', start);
