/**
 * `pnpm run docs` (or `pnpm --filter @dl/docs docs`): builds the docs site into `docs/site/`. Not
 * `pnpm docs`: pnpm hands `docs` to `npm docs`, which opens a package's web page instead.
 *
 * 1. Draws the guides' pictures from the packages themselves (`pictures.ts`) into
 *    `docs/generated/`, so every picture shows what the code really does.
 * 2. Writes the exercises' index pages (`exercise-pages.ts`), which make every exercise README a
 *    page of the site.
 * 3. Runs typedoc (options in `docs/typedoc.json`) with our KaTeX plugin, failing on any warning:
 *    an undocumented export, an export without an `@example`, a broken `{@link}`, a missing
 *    picture or a bad formula fails the build.
 *
 * The exit codes follow typedoc's own CLI: 1 options, 3 conversion, 4 validation, 5 output.
 */
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Application, PackageJsonReader, TSConfigReader, TypeDocReader } from 'typedoc';
import { buildPlayground } from '../playground/build.js';
import { loadExerciseExtras } from './exercise-extras.js';
import { writeExercisePages } from './exercise-pages.js';
import { loadGuideRouter } from './guide-router.js';
import { loadKatexPlugin } from './katex-plugin.js';
import { loadKoreanFont } from './korean-font.js';
import { drawPictures } from './pictures.js';
import { requireExamples } from './require-examples.js';
import { loadSearchIndex } from './search-index.js';
import { loadSiteChrome } from './site-chrome.js';

const docsDir = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Whether typedoc's counters say stop, read after each stage (warnings count as errors in CI). */
function failed(app: Application): boolean {
  const strict = app.options.getValue('treatWarningsAsErrors');
  return app.logger.hasErrors() || (strict && app.logger.hasWarnings());
}

async function main(): Promise<number> {
  const t0 = Date.now();
  const pictures = await drawPictures(join(docsDir, 'generated'));
  console.log(`docs: drew ${pictures.length} pictures into docs/generated/`);
  const exercises = writeExercisePages(join(docsDir, '..'), join(docsDir, 'generated'));
  console.log(`docs: listed ${exercises.dirs.size / 2} exercises in docs/generated/exercises/`);

  // `pnpm --filter @dl/docs docs other.json` builds from another typedoc config (e.g. one package
  // while others are mid-change); the default is docs/typedoc.json.
  const options = process.argv[2] ?? join(docsDir, 'typedoc.json');
  const app = await Application.bootstrapWithPlugins({ options }, [
    new TypeDocReader(),
    new PackageJsonReader(),
    new TSConfigReader(),
  ]);
  if (failed(app)) return 1;
  loadKatexPlugin(app);
  loadGuideRouter(app, exercises.dirs);
  loadKoreanFont(app);
  loadExerciseExtras(app, join(docsDir, '..'));
  loadSiteChrome(app, join(docsDir, '..'));
  loadSearchIndex(app);

  const project = await app.convert();
  if (!project || failed(app)) return 3;
  app.validate(project);
  requireExamples(app, project);
  if (failed(app)) return 4;

  const out = app.options.getValue('out');
  rmSync(out, { recursive: true, force: true });
  await app.generateOutputs(project);
  if (failed(app)) return 5;
  const playground = await buildPlayground(out, join(docsDir, 'generated', 'playground'));
  console.log(
    `docs: playground written to docs/site/playground/ (${JSON.stringify(playground.sizes)})`,
  );

  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  console.log(`docs: site written to docs/site/ in ${secs}s, ${app.logger.warningCount} warnings`);
  return 0;
}

main().then(
  (code) => {
    if (code !== 0)
      console.error(`docs: build failed (exit ${code}); see typedoc's messages above`);
    process.exit(code);
  },
  (error: unknown) => {
    console.error('docs: build crashed:', error);
    process.exit(6);
  },
);
