/**
 * How the site's full-text search cuts text into terms, shared by the index built with the site
 * (`scripts/search-index.ts`, in Node) and the search box (`web/search.ts`, in the browser): MiniSearch
 * needs the same tokenizer on both sides.
 *
 * Korean writes particles onto the word (역전파를, 역전파는, 소프트맥스의) and joins nouns into
 * compounds (수치미분), so whole words rarely match a query. Hangul is therefore indexed as
 * overlapping pairs of syllables (역전파를 → 역전, 전파, 파를), the usual way to search CJK text:
 * a query matches wherever its own pairs all occur. Other scripts are split into words, lowercased,
 * and camelCase names also give their parts (numericalGradient → numericalgradient, numerical,
 * gradient), so "numerical gradient" finds the function too.
 */
import type { Options, SearchOptions } from 'minisearch';

const HANGUL_RUN = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]+/gu;
const WORD = /[\p{L}\p{N}]+/gu;

/** One page in the index. */
export interface SearchDoc {
  id: number;
  /** Address below the site root. */
  url: string;
  title: string;
  /** `guide`, `exercise` or `api`. */
  kind: string;
  lang: 'en' | 'ko';
  /** The topics a guide chapter declares it teaches (its `keywords` front matter), if any. */
  keywords: string;
  /** Section headings (`<h2>`, `<h3>`). */
  headings: string;
  /** The page's text, without formulas and navigation. */
  text: string;
}

/** Overlapping syllable pairs of a run of Hangul; a single syllable stays as it is. */
function syllablePairs(run: string): string[] {
  const chars = [...run];
  if (chars.length < 2) return chars;
  return chars.slice(1).map((c, i) => `${chars[i]}${c}`);
}

/** The lowercased word, and its camelCase parts when it has more than one. */
function wordTerms(word: string): string[] {
  const parts = word.split(/(?<=[a-z0-9])(?=[A-Z])/).map((p) => p.toLowerCase());
  const whole = word.toLowerCase();
  return parts.length > 1 ? [whole, ...parts] : [whole];
}

/**
 * Cuts text into search terms: syllable pairs for Hangul, lowercased words (and camelCase parts)
 * for everything else.
 *
 * @param text - a page's field or a query
 * @returns the terms, in order, repeats kept (they count in the ranking)
 * @example
 * tokenize('역전파를 numericalGradient'); // ['역전', '전파', '파를', 'numericalgradient', 'numerical', 'gradient']
 */
export function tokenize(text: string): string[] {
  const terms: string[] = [];
  for (const [word] of text.matchAll(WORD)) {
    let last = 0;
    for (const m of word.matchAll(HANGUL_RUN)) {
      if (m.index > last) terms.push(...wordTerms(word.slice(last, m.index)));
      terms.push(...syllablePairs(m[0]));
      last = m.index + m[0].length;
    }
    if (last < word.length) terms.push(...wordTerms(word.slice(last)));
  }
  return terms;
}

const isHangul = (term: string) => /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]/u.test(term);

/** The index's options, the same when it is built and when it is loaded. */
export const INDEX_OPTIONS: Options<SearchDoc> = {
  fields: ['title', 'keywords', 'headings', 'text'],
  storeFields: ['url', 'title', 'kind', 'lang', 'text'],
  tokenize,
  // terms are lowercased by the tokenizer already
  processTerm: (term) => term,
};

/** A guide chapter explains a topic; its exercise and API pages follow it among equals. */
const KIND_BOOST: Record<string, number> = { guide: 1.5, exercise: 1, api: 1, home: 0.5 };

/**
 * How a query is run: every term must occur (AND); the title and a chapter's declared topics count most, then headings; a word
 * may be the start of a longer one (grad → gradient, a lone syllable → its pairs); longer Latin
 * words forgive a typo. Pages in the reader's language, and guide chapters, come first among equals.
 *
 * @param lang - the language of the page the reader searches from
 * @returns MiniSearch search options
 * @example
 * index.search('역전파', searchOptions('ko'));
 */
export function searchOptions(lang: 'en' | 'ko'): SearchOptions {
  return {
    combineWith: 'AND',
    boost: { title: 4, keywords: 4, headings: 3, text: 1 },
    prefix: (term) => !isHangul(term) || term.length === 1,
    fuzzy: (term) => (!isHangul(term) && term.length >= 6 ? 0.2 : false),
    boostDocument: (_id, _term, stored) =>
      (stored?.['lang'] === lang ? 1.5 : 1) * (KIND_BOOST[String(stored?.['kind'])] ?? 1),
  };
}
