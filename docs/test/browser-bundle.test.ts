/**
 * Each library package bundles for the browser: esbuild with `platform: 'browser'`, nothing marked
 * external, from the packages' sources (the `@dl/source` condition, so no build is needed first).
 * A plugin sees every import esbuild resolves and records any Node built-in (`fs`, `node:fs`, …):
 * the test fails if one is reached, naming the importer. The CLI is left out: it is Node's.
 *
 * The sizes (minified, and gzipped) are printed for the record, never asserted.
 */
import { existsSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Plugin } from 'esbuild';
import { describe, expect, test } from 'vitest';

const docsDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const repoDir = join(docsDir, '..');

const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** Records each Node built-in that the bundle imports, with the file that imports it. */
function nodeBuiltins(reached: string[]): Plugin {
  return {
    name: 'node-builtins',
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        const name = args.path.replace(/^node:/, '').split('/')[0]!;
        if (!builtins.has(args.path) && !builtins.has(name)) return undefined;
        reached.push(`${args.path} (from ${relative(repoDir, args.importer)})`);
        return { path: args.path, external: true }; // recorded; the test fails below
      });
    },
  };
}

interface Bundle {
  reached: string[];
  bytes: number;
  gzipped: number;
}

/**
 * Bundles `source` (module text, resolved from docs/) for the browser, from the packages' sources
 * (`@dl/source`) or, with `fromDist`, as a learner's bundler would from the built packages.
 */
async function bundle(source: string, fromDist = false): Promise<Bundle> {
  const reached: string[] = [];
  const result = await build({
    stdin: { contents: source, resolveDir: docsDir, loader: 'ts' },
    bundle: true,
    platform: 'browser',
    format: 'esm',
    conditions: fromDist ? [] : ['@dl/source'],
    minify: true,
    write: false,
    logLevel: 'silent',
    plugins: [nodeBuiltins(reached)],
  });
  const out = result.outputFiles[0]!.contents;
  return { reached, bytes: out.length, gzipped: gzipSync(out).length };
}

const packages = ['@dl/linalg', '@dl/calculus', '@dl/layers', '@dl/network', '@dl/data'];

describe('the packages bundle for the browser', () => {
  test.each(packages)('%s reaches no Node built-in', async (name) => {
    // every export, so that nothing is shaken out before the check
    const b = await bundle(`export * from '${name}';`);
    console.log(`${name}: ${b.bytes} bytes minified, ${b.gzipped} gzipped`);
    expect(b.reached, `${name}: Node built-ins in the browser bundle`).toEqual([]);
  });

  test.each(packages)(
    '%s built (dist, the browser export condition) reaches none either',
    async (name) => {
      const dir = join(repoDir, 'packages', name.slice('@dl/'.length), 'dist');
      if (!existsSync(dir)) throw new Error(`${name}: no dist/; run \`pnpm build\` first`);
      const b = await bundle(`export * from '${name}';`, true);
      expect(b.reached, `${name}: Node built-ins in the browser bundle of dist/`).toEqual([]);
    },
  );

  test.each([
    ['network', ['loadCheckpoint', 'loadModel', 'saveCheckpoint', 'saveModel', 'writeFileAtomic']],
    ['data', ['MAX_PNG_PIXELS', 'fromPng', 'loadMnist', 'loadMnistSync', 'toPng']],
  ])('the browser entry of @dl/%s has all but the Node-only %j', async (name, nodeOnly) => {
    const src = join(repoDir, 'packages', name, 'src');
    const node = Object.keys(await import(join(src, 'index.ts')));
    const browser = Object.keys(await import(join(src, 'index.browser.ts'))).sort();
    expect(node).toEqual(expect.arrayContaining(nodeOnly));
    expect(browser).toEqual(node.filter((n) => !nodeOnly.includes(n)).sort());
  });

  test('the check catches a Node built-in (the Node entry of @dl/network)', async () => {
    // the Node entry, by path: it has loadModel/saveModel and writeFileAtomic, which import node:fs
    const b = await bundle(`export * from '../packages/network/src/index.ts';`);
    expect(b.reached).toEqual(
      expect.arrayContaining([
        'node:fs (from packages/network/src/write-file-atomic.ts)',
        'node:path (from packages/network/src/write-file-atomic.ts)',
      ]),
    );
  });
});
