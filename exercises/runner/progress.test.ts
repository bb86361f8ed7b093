import { describe, expect, test } from 'vitest';
import type { Exercise } from './catalog.js';
import { type ExerciseResult, firstLine, formatOne, formatProgress } from './progress.js';

const ex = (n: number): Exercise => {
  const id = String(n).padStart(2, '0');
  return { id, dir: `${id}-topic`, stub: 'stub.ts', title: `Topic ${n}`, titleKo: `주제 ${n}` };
};
const result = (n: number, state: ExerciseResult['state'], detail?: string): ExerciseResult => ({
  exercise: ex(n),
  state,
  passed: state === 'done' ? 2 : 0,
  total: state === 'not run' ? 0 : 2,
  ...(detail ? { detail } : {}),
});

describe('formatProgress', () => {
  test('a fresh clone: 0/3 done, says this is intended, points at 01 and its hint', () => {
    const text = formatProgress([1, 2, 3].map((n) => result(n, 'failing', '"t": boom')));
    expect(text).toContain('0/3 exercises done.');
    expect(text).toContain('0 done is the intended state of a fresh clone');
    expect(text).toContain('Next: 01');
    expect(text).toContain('pnpm learn hint 01');
    expect(text).toContain('✗ 02-topic');
    expect(text).toContain('"t": boom');
  });

  test('partway: 1/3 done, ✓ on the first, next is 02, no fresh-clone note', () => {
    const text = formatProgress([result(1, 'done'), result(2, 'failing'), result(3, 'broken')]);
    expect(text).toContain('✓ 01-topic');
    expect(text).toContain('1/3 exercises done.');
    expect(text).toContain('Next: 02');
    expect(text).not.toContain('fresh clone');
  });

  test('all done: 3/3 and a closing line, no "Next"', () => {
    const text = formatProgress([1, 2, 3].map((n) => result(n, 'done')));
    expect(text).toContain('3/3 exercises done.');
    expect(text).toContain('Every exercise passes.');
    expect(text).not.toContain('Next:');
  });

  test('one exercise run alone: a short report with its hint or the next exercise', () => {
    const failing = formatProgress([
      result(1, 'not run'),
      result(2, 'failing', '"t": x'),
      result(3, 'not run'),
    ]);
    expect(failing).toContain('✗ 02-topic: 0/2 tests pass.');
    expect(failing).toContain('pnpm learn hint 02');
    const passing = formatProgress([result(1, 'done'), result(2, 'not run')]);
    expect(passing).toContain('✓ 01-topic: all 2 tests pass.');
    expect(passing).toContain('pnpm learn 02');
  });
});

describe('the runner does not tell small lies', () => {
  test('solving the last exercise with others still red names the first unsolved one', () => {
    const results = [result(1, 'failing'), result(2, 'done'), result(3, 'done')];
    const text = formatOne(results[2] as ExerciseResult, results, 'en');
    expect(text).toContain('✓ 03-topic');
    expect(text).toContain('pnpm learn 01');
    expect(text).not.toContain('Well done');
  });

  test('a file that did not load says so (not "0/0 tests pass") and gives the reason', () => {
    const r: ExerciseResult = {
      ...result(1, 'broken', 'syntax error: Unexpected token'),
      total: 0,
    };
    const text = formatOne(r, [r, result(2, 'not run')], 'en');
    expect(text).toContain('did not load');
    expect(text).toContain('Unexpected token');
    expect(text).not.toContain('0/0');
  });

  test('the list never mentions package tests it did not print', () => {
    const text = formatProgress(
      [1, 2].map((n) => result(n, 'failing')),
      'both',
    );
    expect(text).not.toMatch(/package tests/i);
  });

  test('in Korean: Korean titles, the Korean README, no English sentences', () => {
    const text = formatProgress([result(1, 'done'), result(2, 'failing', '"t": x')], 'ko');
    expect(text).toContain('주제 1');
    expect(text).toContain('exercises/02-topic/README.ko.md');
    expect(text).not.toMatch(/\b(Next|exercises done|Stuck)\b/);
  });

  test('in Korean the failing test is described by its Korean message alone', () => {
    const r = result(
      1,
      'failing',
      '"levels(3) → 8": 비트가 하나 늘 때마다 두 배: expected 6 to be 8',
    );
    const text = formatProgress([r, result(2, 'failing')], 'ko');
    expect(text).toContain('먼저 고칠 것: 비트가 하나 늘 때마다 두 배');
    expect(text).not.toContain('"levels(3) → 8"');
  });

  test('a bilingual test name too long for one line: the name, then the message below it', () => {
    const name =
      'adds λ · W to each weight gradient, in place, and leaves the biases alone / 가중치의 기울기마다 λ · W를 더함';
    const r = result(1, 'failing', `"${name}": b1 is not decayed / b1에는 적용하지 않음`);
    const lines = formatProgress([r, result(2, 'failing')], 'both').split('\n');
    const at = lines.findIndex((l) => l.includes(`first to fix (먼저 고칠 것): "${name}"`));
    expect(lines[at]?.endsWith(`"${name}"`)).toBe(true);
    expect(lines[at + 1]).toBe('        b1 is not decayed / b1에는 적용하지 않음');
    const one = formatOne(r, [r], 'both').split('\n');
    expect(one).toContain('    b1 is not decayed / b1에는 적용하지 않음');
    // a short one stays on one line
    expect(formatProgress([result(1, 'failing', '"t": x'), result(2, 'failing')])).toContain(
      'first to fix (먼저 고칠 것): "t": x',
    );
  });

  test('in Korean, a message without Korean keeps the (Korean) test name beside it', () => {
    const r = result(1, 'failing', '"W1과 W2에만 ½ · λ · ΣW²": expected +0 to be close to 0.9625');
    const text = formatProgress([r, result(2, 'failing')], 'ko');
    expect(text).toContain(
      '먼저 고칠 것: "W1과 W2에만 ½ · λ · ΣW²": expected +0 to be close to 0.9625',
    );
  });

  test('notes beside the tests (type errors, borrowed code) are shown', () => {
    const r = { ...result(1, 'done'), notes: ['type error at a.ts:1:1'] };
    expect(formatOne(r, [r], 'en')).toContain('⚠ type error at a.ts:1:1');
  });
});

test('firstLine keeps the first non-empty line and shortens it', () => {
  expect(firstLine('\n  hello\nworld')).toBe('hello');
  expect(firstLine('x'.repeat(200), 10)).toBe(`${'x'.repeat(9)}…`);
});
