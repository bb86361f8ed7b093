/**
 * The exercises in the site. The learner's exercises live in `exercises/NN-topic/` with a
 * `README.md` and a `README.ko.md`; this writes one index page per language into
 * `docs/generated/exercises/` that lists them (from `exercises/exercises.json`, in course order) and
 * makes every README a child page. typedoc then renders the READMEs themselves, so the guides can
 * link to `../../../exercises/NN-topic/README.md` and land on a page in the site, and a README
 * that goes missing or a link in one that breaks fails the build.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** One exercise as `exercises/exercises.json` lists it. */
export interface CatalogEntry {
  id: string;
  dir: string;
  stub: string;
  title: string;
  titleKo: string;
}

/** The two languages of the site, with what differs between their index pages. */
const LANGS = {
  en: {
    readme: 'README.md',
    title: 'Exercises (English)',
    intro: [
      'One exercise for every topic of the lecture, in its order. Each folder under `exercises/`',
      'holds a stub to complete where it says `// TODO`, the tests that check it, and numbered hints.',
      'Work in the repository, not in the browser:',
    ],
    commands: [
      'pnpm learn            # the list, with your progress',
      'pnpm learn 01         # run one exercise with its full output',
      'pnpm learn hint 01    # the first hint (hint 01 2: the first two, …)',
      'pnpm test             # everything, ending with N/M exercises done',
    ],
    head: '| # | exercise | file to edit |',
    other: '[연습문제 (한국어)](./ko.md)',
    name: (e: CatalogEntry) => e.title,
  },
  ko: {
    readme: 'README.ko.md',
    title: '연습문제 (한국어)',
    intro: [
      '강의의 모든 주제마다 연습문제가 하나씩, 강의 순서대로 있습니다. `exercises/` 아래의 각 폴더에는',
      '`// TODO`라고 적힌 곳을 채울 스텁 파일, 그것을 확인하는 테스트, 번호가 붙은 힌트가 들어 있습니다.',
      '브라우저가 아니라 저장소에서 풉니다.',
    ],
    commands: [
      'pnpm learn            # 목록과 진행 상황',
      'pnpm learn 01         # 연습문제 하나를 전체 출력과 함께 실행',
      'pnpm learn hint 01    # 첫 번째 힌트 (hint 01 2: 두 번째까지, …)',
      'pnpm test             # 전체 실행, 마지막에 N/M exercises done',
    ],
    head: '| # | 연습문제 | 고칠 파일 |',
    other: '[Exercises (English)](./en.md)',
    name: (e: CatalogEntry) => e.titleKo,
  },
} as const;

/** What {@link writeExercisePages} wrote. */
export interface ExercisePages {
  /** The index pages, for typedoc's `projectDocuments` (relative to `docs/`). */
  documents: string[];
  /** Exercise folder by `lang/page title`, for the router to give each page a short address. */
  dirs: Map<string, string>;
}

/**
 * Reads `exercises/exercises.json`, checking the fields the pages use.
 *
 * @param repoRoot - the repository root
 * @returns the exercises in course order
 * @throws Error when the list is missing or an entry lacks a field
 */
export function readCatalog(repoRoot: string): CatalogEntry[] {
  const path = join(repoRoot, 'exercises', 'exercises.json');
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as { exercises?: unknown };
  if (!Array.isArray(parsed.exercises) || parsed.exercises.length === 0) {
    throw new Error(
      `exercise pages: no exercises; expected a non-empty "exercises" list in ${path}`,
    );
  }
  return parsed.exercises.map((e: Partial<CatalogEntry>, i: number) => {
    for (const key of ['id', 'dir', 'stub', 'title', 'titleKo'] as const) {
      if (typeof e[key] !== 'string' || e[key] === '') {
        throw new Error(
          `exercise pages: exercise ${i} has no ${key}; expected a string in ${path}, got ${JSON.stringify(e[key])}`,
        );
      }
    }
    return e as CatalogEntry;
  });
}

/**
 * Writes `exercises/en.md` and `exercises/ko.md` into `outDir`.
 *
 * @param repoRoot - the repository root
 * @param outDir - `docs/generated`
 * @returns the index pages and the page-title-to-folder map
 * @throws Error when `exercises/exercises.json` is missing or incomplete
 */
export function writeExercisePages(repoRoot: string, outDir: string): ExercisePages {
  const catalog = readCatalog(repoRoot);
  const dir = join(outDir, 'exercises');
  mkdirSync(dir, { recursive: true });
  const dirs = new Map<string, string>();
  const documents: string[] = [];
  for (const [lang, t] of Object.entries(LANGS)) {
    const readme = (e: CatalogEntry) => `../../../exercises/${e.dir}/${t.readme}`;
    const title = (e: CatalogEntry) => `${e.id} · ${t.name(e)}`;
    for (const e of catalog) dirs.set(`${lang}/${title(e)}`, e.dir);
    const lines = [
      '---',
      `slug: exercises/${lang}/index`,
      `title: ${t.title}`,
      'children:',
      ...catalog.map((e) => `  ${JSON.stringify(title(e))}: ${readme(e)}`),
      '---',
      '',
      `# ${t.title}`,
      '',
      ...t.intro,
      '',
      '```sh',
      ...t.commands,
      '```',
      '',
      t.head,
      '|---|---|---|',
      ...catalog.map(
        (e) => `| ${e.id} | [${t.name(e)}](${readme(e)}) | \`exercises/${e.dir}/${e.stub}\` |`,
      ),
      '',
      t.other,
      '',
    ];
    writeFileSync(join(dir, `${lang}.md`), lines.join('\n'));
    documents.push(`generated/exercises/${lang}.md`);
  }
  return { documents, dirs };
}
