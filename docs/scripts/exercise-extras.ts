/**
 * What an exercise page shows below its README: the starter code (the stub file as the learner
 * finds it), the hints folded one by one, the commands that run the exercise, the guide chapters
 * that teach it and the way back to the course index.
 *
 * The chapters come from the guides themselves: a chapter "teaches" an exercise when it links to
 * its README, so the link written in the chapter is the one source of truth.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Application, JSX } from 'typedoc';
import { type CatalogEntry, readCatalog } from './exercise-pages.js';

const WORDS = {
  en: {
    starter: 'Starter code',
    hints: 'Hints',
    hint: 'Hint',
    run: 'Run it',
    guide: 'In the guide',
    index: 'All exercises',
    runNote: 'In the repository, after `pnpm install`:',
  },
  ko: {
    starter: '시작 코드',
    hints: '힌트',
    hint: '힌트',
    run: '실행하기',
    guide: '관련 가이드',
    index: '연습문제 목록',
    runNote: '저장소에서 `pnpm install` 다음에:',
  },
} as const;

/** The numbered hints of a `hints.md` (`1. …`, continued on indented lines). */
export function splitHints(markdown: string): string[] {
  const hints: string[] = [];
  for (const line of markdown.split('\n')) {
    const item = /^\d+\.\s+(.*)$/.exec(line);
    if (item) hints.push(item[1] ?? '');
    else if (hints.length > 0 && /^\s+\S/.test(line)) hints[hints.length - 1] += `\n${line.trim()}`;
  }
  return hints;
}

/** Guide chapters (`NN-topic`, in order) that link to each exercise folder, per language. */
function chaptersByExercise(
  docsDir: string,
  lang: 'en' | 'ko',
): Map<string, { file: string; title: string }[]> {
  const map = new Map<string, { file: string; title: string }[]>();
  const dir = join(docsDir, 'guides', lang);
  for (const file of readdirSync(dir)
    .filter((f) => /^\d\d-.*\.md$/.test(f))
    .sort()) {
    const source = readFileSync(join(dir, file), 'utf8');
    const title = /^title:\s*(.+)$/m.exec(source)?.[1]?.trim() ?? file;
    for (const [, ex] of source.matchAll(/exercises\/(\d\d-[a-z0-9-]+)\/README/g)) {
      const list = map.get(ex ?? '') ?? [];
      if (!list.some((c) => c.file === file)) list.push({ file: file.slice(0, -3), title });
      map.set(ex ?? '', list);
    }
  }
  return map;
}

/**
 * Adds the starter code, hints, commands and links to every exercise page.
 *
 * @param app - the typedoc application
 * @param repoRoot - the repository root
 */
export function loadExerciseExtras(app: Application, repoRoot: string): void {
  const catalog = new Map<string, CatalogEntry>(readCatalog(repoRoot).map((e) => [e.dir, e]));
  const docsDir = join(repoRoot, 'docs');
  const chapters = { en: chaptersByExercise(docsDir, 'en'), ko: chaptersByExercise(docsDir, 'ko') };

  app.renderer.hooks.on('content.end', (context) => {
    const m = /^exercises\/(en|ko)\/(\d\d-[a-z0-9-]+)\.html$/.exec(context.page.url);
    const entry = m && catalog.get(m[2] ?? '');
    if (!m || !entry) return JSX.createElement(JSX.Fragment, null);
    const lang = m[1] as 'en' | 'ko';
    const w = WORDS[lang];
    const folder = join(repoRoot, 'exercises', entry.dir);
    const stub = readFileSync(join(folder, entry.stub), 'utf8').trimEnd();
    const hints = splitHints(readFileSync(join(folder, 'hints.md'), 'utf8'));
    const guide = (chapters[lang].get(entry.dir) ?? [])
      .map((c) => `[${c.title}](${context.relativeURL(`guides/${lang}/${c.file}.html`)})`)
      .join(' · ');
    const starter = [
      `## ${w.starter}`,
      '',
      `\`exercises/${entry.dir}/${entry.stub}\``,
      '',
      '```ts',
      stub,
      '```',
    ].join('\n');
    const rest = [
      `## ${w.run}`,
      '',
      w.runNote,
      '',
      '```sh',
      `pnpm learn ${entry.id}           # ${lang === 'ko' ? '테스트 실행' : 'run its tests'}`,
      `pnpm learn hint ${entry.id}      # ${lang === 'ko' ? '첫 번째 힌트' : 'the first hint'}`,
      '```',
      '',
      `## ${w.guide}`,
      '',
      guide || '—',
      '',
      `[← ${w.index}](${context.relativeURL(`exercises/${lang}/index.html`)})`,
    ].join('\n');
    const hintsHtml = [
      `<h2 id="dl-hints">${w.hints}</h2>`,
      ...hints.map(
        (h, i) =>
          `<details class="dl-hint"><summary>${w.hint} ${i + 1}</summary>${context.markdown(h)}</details>`,
      ),
    ].join('');
    const html = `${context.markdown(starter)}${hintsHtml}${context.markdown(rest)}`;
    return JSX.createElement(
      'div',
      { class: 'tsd-typography dl-exercise-extras' },
      JSX.createElement(JSX.Raw, { html }),
    );
  });
}
