/**
 * Runs every ```ts block inside an `@example` tag of packages/*\/src/**\/*.ts (tests excluded), so the
 * house rule "an `@example` that runs" (CONVENTIONS.md, "Comments and docs") is checked, not only the
 * presence of the tag (docs/scripts/require-examples.ts checks that).
 *
 * How: each block becomes one generated module in a temp folder, its imports hoisted to the top and
 * its body wrapped in an exported async function; one child process per package imports the modules
 * of that package one after another, each in a fresh temp working directory (so blocks that write
 * files write there) and under a timeout. `@dl/*` imports resolve through docs/node_modules with the
 * `@dl/source` condition, so no build is needed. Every failing block is reported as file:line with
 * its error, and the exit code is 1.
 *
 * Usage: `tsx --conditions=@dl/source scripts/run-examples.ts [filter]` (from docs/, or
 * `pnpm --filter @dl/docs run examples`); `filter` keeps only blocks whose file path contains it.
 */
import { spawn } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { parseExpected } from './example-values.js';

const DOCS = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ROOT = resolve(DOCS, '..');
/** Milliseconds one block may run (MNIST-lite examples take well under a second). */
const BLOCK_TIMEOUT_MS = 10_000;
/** Blocks slower than this are listed (not failed): examples should stay quick to read and run. */
const SLOW_MS = 1_000;

/**
 * Blocks that cannot reasonably run here, by `file:line` of the block's opening fence (relative to the
 * repository root), each with the reason. Keep this list short and explained.
 */
const SKIP: ReadonlyMap<string, string> = new Map<string, string>([]);

/** One ```ts block of an `@example`. */
interface Block {
  /** Path relative to the repository root. */
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** The code, comment prefixes removed. */
  code: string;
}

/** What the child process reports for one block. */
interface Outcome {
  id: number;
  ok: boolean;
  error?: string;
  /** Milliseconds the block took (passing blocks). */
  ms?: number;
}

function sourceFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (
        entry.name.endsWith('.ts') &&
        !entry.name.endsWith('.d.ts') &&
        !/\.(test|spec)\.ts$/.test(entry.name)
      )
        files.push(path);
    }
  };
  for (const pkg of readdirSync(join(ROOT, 'packages')).sort()) {
    const src = join(ROOT, 'packages', pkg, 'src');
    try {
      walk(src);
    } catch {
      // a package without src/ has no examples
    }
  }
  return files.sort();
}

/** Finds the ```ts blocks that follow an `@example` tag inside `/** ... *\/` comments. */
export function extractBlocks(file: string, text: string): Block[] {
  const blocks: Block[] = [];
  const lines = text.split('\n');
  let inComment = false;
  let inExample = false;
  let fence: { line: number; code: string[] } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    if (!inComment) {
      if (/^\s*\/\*\*/.test(raw) && !/\*\/\s*$/.test(raw)) inComment = true;
      inExample = false;
      continue;
    }
    if (/^\s*\*\/\s*$/.test(raw) || (/\*\/\s*$/.test(raw) && !fence)) {
      inComment = false;
      continue;
    }
    // strip the leading ` * ` (keep the indentation after it)
    const content = raw.replace(/^\s*\* ?/, '');
    if (fence) {
      if (/^```\s*$/.test(content)) {
        blocks.push({ file: relative(ROOT, file), line: fence.line, code: fence.code.join('\n') });
        fence = undefined;
      } else fence.code.push(content);
      continue;
    }
    if (/^@\w+/.test(content)) inExample = content.startsWith('@example');
    if (inExample && /^```(ts|typescript)\s*$/.test(content)) fence = { line: i + 1, code: [] };
  }
  return blocks;
}

/** The value checker the generated modules import (docs/scripts/example-values.ts). */
const CHECKER = pathToFileURL(join(DOCS, 'scripts', 'example-values.ts')).href;

/**
 * Splits a block into its import declarations (hoisted) and the rest (wrapped in an exported async
 * function). With `block`, an expression statement that ends in a value comment
 * (`sum(a); // 10`) is wrapped in `checkValue`, which throws when the value differs.
 *
 * @param code - the block's code
 * @param block - where the block sits (for value checks and their messages); omit to check nothing
 * @returns the module's source
 */
export function toModule(code: string, block?: Omit<Block, 'code'>): string {
  const sf = ts.createSourceFile('block.ts', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const imports: string[] = [];
  const body: string[] = [];
  let checks = 0;
  for (const stmt of sf.statements) {
    let text = code.slice(stmt.getFullStart(), stmt.getEnd());
    const comment = ts
      .getTrailingCommentRanges(code, stmt.getEnd())
      ?.find((c) => c.kind === ts.SyntaxKind.SingleLineCommentTrivia);
    if (
      block &&
      comment &&
      ts.isExpressionStatement(stmt) &&
      !isConsoleCall(stmt.expression) &&
      !ts.isBinaryExpression(stmt.expression) &&
      parseExpected(code.slice(comment.pos + 2, comment.end))
    ) {
      const lead = code.slice(stmt.getFullStart(), stmt.getStart());
      const expr = stmt.expression.getText(sf);
      const note = code.slice(comment.pos + 2, comment.end);
      const line = block.line + 1 + sf.getLineAndCharacterOfPosition(stmt.getStart()).line;
      text = `${lead}__checkValue(${expr}, ${JSON.stringify(note)}, ${JSON.stringify(`${block.file}:${line}`)}, ${JSON.stringify(expr)});`;
      checks++;
    }
    (ts.isImportDeclaration(stmt) ? imports : body).push(text);
  }
  if (checks > 0)
    imports.push(`\nimport { checkValue as __checkValue } from ${JSON.stringify(CHECKER)};`);
  const tail = code.slice(sf.statements.at(-1)?.getEnd() ?? 0);
  return `${imports.join('')}\nexport default async function example(): Promise<void> {${body.join('')}${tail}\n}\n`;
}

function isConsoleCall(expr: ts.Expression): boolean {
  return (
    ts.isCallExpression(expr) &&
    ts.isPropertyAccessExpression(expr.expression) &&
    ts.isIdentifier(expr.expression.expression) &&
    expr.expression.expression.text === 'console'
  );
}

/**
 * The child's program: runs each block module in a fresh cwd under a timeout and tells the parent
 * (over IPC) when a block starts and how it ended.
 */
const RUNNER = `
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
const [jobsFile, timeoutMs] = process.argv.slice(2);
const jobs = JSON.parse(readFileSync(jobsFile, 'utf8'));
const send = (message) => new Promise((done) => process.send(message, done));
for (const job of jobs) {
  await send({ start: job.id });
  const cwd = mkdtempSync(join(tmpdir(), 'dl-example-cwd-'));
  process.chdir(cwd);
  let timer;
  let outcome;
  const t0 = performance.now();
  try {
    const mod = await import(pathToFileURL(job.module).href);
    await Promise.race([
      mod.default(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('timed out after ' + timeoutMs + ' ms')), Number(timeoutMs));
      }),
    ]);
    outcome = { id: job.id, ok: true, ms: performance.now() - t0 };
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    outcome = { id: job.id, ok: false, error: (e.name + ': ' + e.message).slice(0, 2000) };
  } finally {
    clearTimeout(timer);
    process.chdir(tmpdir());
    rmSync(cwd, { recursive: true, force: true });
  }
  await send(outcome);
}
process.exit(0);
`;

/** Runs some blocks in one child process; stops at the first block that hangs or kills the process. */
function runChild(
  dir: string,
  jobs: { id: number; module: string }[],
): Promise<{ outcomes: Outcome[]; stuck?: Outcome }> {
  const jobsFile = join(dir, 'jobs.json');
  writeFileSync(jobsFile, JSON.stringify(jobs));
  const tsxLoader = import.meta.resolve('tsx');
  return new Promise((done) => {
    const child = spawn(
      process.execPath,
      [
        '--conditions=@dl/source',
        '--import',
        tsxLoader,
        join(dir, '..', 'runner.mjs'),
        jobsFile,
        String(BLOCK_TIMEOUT_MS),
      ],
      {
        cwd: dir,
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
        env: { ...process.env, NO_COLOR: '1' },
      },
    );
    let log = '';
    const keep = (chunk: Buffer): void => {
      log = (log + chunk.toString()).slice(-2000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const outcomes: Outcome[] = [];
    let current: number | undefined;
    let killed = false;
    // a block stuck in a synchronous loop cannot be stopped from inside the child: the child is
    let killer: NodeJS.Timeout | undefined;
    child.on('message', (message: { start: number } | Outcome) => {
      clearTimeout(killer);
      if ('start' in message) {
        current = message.start;
        log = ''; // keep only this block's output
        killer = setTimeout(() => {
          killed = true;
          child.kill('SIGKILL');
        }, BLOCK_TIMEOUT_MS + 5_000);
      } else {
        outcomes.push(message);
        current = undefined;
      }
    });
    child.on('close', (code, signal) => {
      clearTimeout(killer);
      const why = killed
        ? `timed out after ${BLOCK_TIMEOUT_MS} ms (still running: the process was killed)`
        : `the process ended (code ${code}, signal ${signal}) before the block finished`;
      const stuck =
        current === undefined
          ? undefined
          : { id: current, ok: false, error: `${why}\n${log.replace(/^/gm, '    | ')}` };
      done({ outcomes, stuck });
    });
  });
}

/** Runs one package's blocks, starting a fresh child after a block that hung or ended the process. */
async function runPackage(dir: string, jobs: { id: number; module: string }[]): Promise<Outcome[]> {
  const all: Outcome[] = [];
  let left = jobs;
  while (left.length > 0) {
    const { outcomes, stuck } = await runChild(dir, left);
    all.push(...outcomes);
    const finished = new Set(outcomes.map((o) => o.id));
    if (stuck) {
      all.push(stuck);
      finished.add(stuck.id);
    } else if (finished.size < left.length) {
      // the child died between blocks: report the rest rather than loop
      for (const j of left)
        if (!finished.has(j.id))
          all.push({ id: j.id, ok: false, error: 'not run: the process ended' });
      break;
    }
    left = left.filter((j) => !finished.has(j.id));
  }
  return all;
}

async function main(): Promise<void> {
  const started = performance.now();
  const filter = process.argv[2];
  const blocks = sourceFiles()
    .flatMap((f) => extractBlocks(f, readFileSync(f, 'utf8')))
    .filter((b) => !filter || b.file.includes(filter));
  const work = mkdtempSync(join(tmpdir(), 'dl-examples-'));
  // @dl/* (and their dependencies) resolve from the docs package's node_modules
  symlinkSync(join(DOCS, 'node_modules'), join(work, 'node_modules'), 'dir');
  writeFileSync(join(work, 'runner.mjs'), RUNNER);
  const byPackage = new Map<string, { id: number; module: string }[]>();
  const skipped: string[] = [];
  let valueChecks = 0;
  blocks.forEach((b, id) => {
    const where = `${b.file}:${b.line}`;
    if (SKIP.has(where)) {
      skipped.push(`${where} (${SKIP.get(where)})`);
      return;
    }
    const pkg = b.file.split('/')[1] ?? 'unknown';
    const dir = join(work, pkg);
    mkdirSync(dir, { recursive: true });
    const module = join(dir, `block-${id}.mts`);
    const source = toModule(b.code, b);
    valueChecks += source.split('__checkValue(').length - 1;
    writeFileSync(module, `// ${where}\n${source}`);
    const list = byPackage.get(pkg) ?? [];
    list.push({ id, module });
    byPackage.set(pkg, list);
  });

  const failures: { id: number; text: string }[] = [];
  let passed = 0;
  const slow: string[] = [];
  const queue = [...byPackage.entries()];
  const worker = async (): Promise<void> => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [pkg, jobs] = next;
      for (const o of await runPackage(join(work, pkg), jobs)) {
        const b = blocks[o.id];
        if (!b) continue;
        if (!o.ok) failures.push({ id: o.id, text: `${b.file}:${b.line}\n    ${o.error}` });
        else {
          passed++;
          if ((o.ms ?? 0) > SLOW_MS)
            slow.push(`${b.file}:${b.line} took ${Math.round(o.ms ?? 0)} ms`);
        }
      }
    }
  };
  const parallel = Math.max(1, Math.min(availableParallelism(), 4));
  await Promise.all(Array.from({ length: parallel }, worker));
  rmSync(work, { recursive: true, force: true });

  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  for (const s of skipped) console.log(`skipped ${s}`);
  for (const s of slow) console.log(`slow (over ${SLOW_MS} ms): ${s}`);
  if (failures.length > 0) {
    console.error(`${failures.length} of ${blocks.length} @example blocks failed:\n`);
    for (const f of failures.sort((p, q) => p.id - q.id)) console.error(`${f.text}\n`);
    console.error(
      `${passed} passed, ${failures.length} failed, ${skipped.length} skipped in ${seconds} s`,
    );
    process.exitCode = 1;
  } else {
    console.log(
      `${passed} @example blocks ran (${valueChecks} value comments checked), ${skipped.length} skipped, in ${seconds} s`,
    );
  }
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) await main();
