// CI: the course's metadata is complete. For every exercise in exercises.json: both READMEs, at
// least two numbered hints, a stub with a `// TODO`, its test file importing it as `./<stub>.js`,
// a reference solution exporting exactly the stub's names, and no stub or test importing a
// solution. The order list must match the NN-topic folders, every hint must be bilingual, and every
// exercise must have at least three known-wrong answers under mutants/ (the five the design names
// among them).
// Run with `tsx --conditions=@dl/source` so stubs and solutions import @dl/* from source.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { exercisesRoot, loadCatalog } from '../catalog.js';
import { parseHints } from '../hints.js';

const named = [
  'fruit-price inverse',
  '3-layer matmul chain',
  'softmax overflow',
  'MSE vs CEE',
  'Affine backward shapes',
];
const namedDirs = ['04-', '05-', '08-', '09-', '20-'];

const problems: string[] = [];
const catalog = loadCatalog();
const read = (p: string) => (existsSync(p) ? readFileSync(p, 'utf8') : '');

const folders = readdirSync(exercisesRoot, { withFileTypes: true })
  .filter((d) => d.isDirectory() && /^\d\d-/.test(d.name))
  .map((d) => d.name)
  .sort();
const listed = catalog.map((e) => e.dir);
if (JSON.stringify(folders) !== JSON.stringify(listed)) {
  problems.push(
    `exercises.json lists ${JSON.stringify(listed)} but the folders are ${JSON.stringify(folders)}`,
  );
}
catalog.forEach((e, i) => {
  const want = String(i + 1).padStart(2, '0');
  if (e.id !== want || !e.dir.startsWith(`${want}-`)) {
    problems.push(`${e.dir}: id ${e.id} is out of order; expected ${want}`);
  }
  if (!e.title || !e.titleKo) problems.push(`${e.dir}: missing title or titleKo`);
});

for (const e of catalog) {
  const dir = join(exercisesRoot, e.dir);
  const base = e.stub.replace(/\.ts$/, '');
  for (const f of ['README.md', 'README.ko.md']) {
    if (read(join(dir, f)).trim().length < 200)
      problems.push(`${e.dir}: ${f} missing or too short`);
  }
  const hints = parseHints(read(join(dir, 'hints.md')));
  if (hints.length < 2) problems.push(`${e.dir}: hints.md needs at least 2 numbered hints`);
  hints.forEach((h, k) => {
    if (!h.startsWith(`${k + 1}. `) || h.length < 20) {
      problems.push(`${e.dir}: hint ${k + 1} is out of order or nearly empty`);
    }
    // every hint in both languages: a Korean learner must never meet an English-only hint
    if (!/[\uAC00-\uD7A3]/.test(h) || !/[A-Za-z]{3,}/.test(h.split('\n')[0] ?? '')) {
      problems.push(`${e.dir}: hint ${k + 1} must be in both English and Korean`);
    }
  });
  const stub = read(join(dir, e.stub));
  if (!stub.includes('// TODO')) problems.push(`${e.dir}: ${e.stub} has no // TODO`);
  const test = read(join(dir, `${base}.test.ts`));
  if (!test.includes(`from './${base}.js'`)) {
    problems.push(`${e.dir}: ${base}.test.ts must import the stub as './${base}.js'`);
  }
  if (/solutions\//.test(stub) || /solutions\//.test(test)) {
    problems.push(`${e.dir}: the stub or its test mentions solutions/`);
  }
  const solPath = join(exercisesRoot, 'solutions', e.dir, e.stub);
  if (!existsSync(solPath)) {
    problems.push(`${e.dir}: no reference solution at solutions/${e.dir}/${e.stub}`);
    continue;
  }
  const stubNames = Object.keys(await import(pathToFileURL(join(dir, e.stub)).href)).sort();
  const solNames = Object.keys(await import(pathToFileURL(solPath).href)).sort();
  if (JSON.stringify(stubNames) !== JSON.stringify(solNames)) {
    problems.push(
      `${e.dir}: stub exports ${JSON.stringify(stubNames)}, solution exports ${JSON.stringify(solNames)}`,
    );
  }
}

const mutantDirs = existsSync(join(exercisesRoot, 'mutants'))
  ? readdirSync(join(exercisesRoot, 'mutants'))
  : [];
namedDirs.forEach((prefix, i) => {
  const d = mutantDirs.find((m) => m.startsWith(prefix));
  const files = d ? readdirSync(join(exercisesRoot, 'mutants', d)) : [];
  if (files.length === 0)
    problems.push(`no known-wrong answer for "${named[i]}" (mutants/${prefix}…)`);
});
// at least three known-wrong answers per exercise (of different kinds: an input changed in place,
// a range the README promises, an off-by-one loop or batch, a wrong axis or order, …)
for (const e of catalog) {
  const files = mutantDirs.includes(e.dir)
    ? readdirSync(join(exercisesRoot, 'mutants', e.dir)).filter((f) => f.endsWith('.ts'))
    : [];
  if (files.length < 3) {
    problems.push(
      `${e.dir}: ${files.length} known-wrong answer(s) under mutants/${e.dir}/; expected at least 3`,
    );
  }
}
for (const d of mutantDirs) {
  const e = catalog.find((c) => c.dir === d);
  if (!e) problems.push(`mutants/${d}: no such exercise`);
  for (const f of e ? readdirSync(join(exercisesRoot, 'mutants', d)) : []) {
    if (!f.startsWith(`${e?.stub.replace(/\.ts$/, '')}.`)) {
      problems.push(
        `mutants/${d}/${f}: must be named ${e?.stub.replace(/\.ts$/, '')}.<what-is-wrong>.ts`,
      );
    }
  }
}

if (problems.length > 0) {
  console.error(`✗ metadata check: ${problems.length} problem(s)\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(
  `✓ metadata check: ${catalog.length} exercises, folders match exercises.json, READMEs (en, ko), hints, TODOs, solutions and mutants complete`,
);
