import { NDArray, type NestedArray } from '@dl/linalg';
import { expect } from 'vitest';
import { detectLang, sayOneLine } from './i18n.js';

const lang = detectLang();

/**
 * An assertion message or a test name in the learner's language (`pnpm learn lang`, `DL_LANG`, the
 * locale): the Korean text, the English text, or both on one line (the progress list shows one
 * line). A test name goes inside a template literal, `` test(`${m(en, ko)}`, () => { ``, so the
 * formatter keeps the test on its one-line layout; a formula alone (`levels(%i) → %i`) needs no m.
 *
 * @param en - the English message
 * @param ko - the Korean message
 * @returns the message to pass to `expect(…, message)`
 * @example
 * ```ts
 * expect(levels(3), m('every extra bit doubles the levels', '비트가 하나 늘 때마다 단계 수가 두 배')).toBe(8);
 * ```
 */
export function m(en: string, ko: string): string {
  return sayOneLine(lang, en, ko);
}

/**
 * Runs `run` and asserts that it left the given arrays exactly as they were (values and shape):
 * the caller still owns them. A function that subtracts, zeroes or overwrites in place fails here.
 *
 * @param inputs - the arrays handed to the learner's code, by name
 * @param run - the call to check
 * @returns what `run` returned
 * @example
 * ```ts
 * const y = expectInputsKept({ a }, () => softmax(a));
 * ```
 */
export function expectInputsKept<T>(inputs: Record<string, NDArray>, run: () => T): T {
  const before = Object.entries(inputs).map(([name, x]) => ({
    name,
    x,
    shape: [...x.shape],
    data: Array.from(x.data),
  }));
  const out = run();
  for (const b of before) {
    expect(
      { shape: [...b.x.shape], data: Array.from(b.x.data) },
      m(
        `${b.name} was changed by your code: work on a copy (or a new array) and leave the caller's ${b.name} as it was`,
        `코드가 ${b.name}을(를) 바꿨습니다: 복사본(또는 새 배열)에서 계산하고 호출한 쪽의 ${b.name}은(는) 그대로 두세요`,
      ),
    ).toEqual({ shape: b.shape, data: b.data });
  }
  return out;
}

/** Flattens a number, a nested list or an NDArray to a plain list of numbers. */
export function numbers(x: NDArray | NestedArray): number[] {
  if (x instanceof NDArray) return Array.from(x.data);
  if (typeof x === 'number') return [x];
  return x.flatMap((v) => numbers(v));
}

/** Writes values compactly for an assertion message. */
export function show(x: NDArray | NestedArray): string {
  if (x instanceof NDArray) return `${JSON.stringify(x.toArray())} (shape [${x.shape.join(', ')}])`;
  return JSON.stringify(x);
}

/**
 * Asserts that `actual` equals `expected` element by element within `tol` (absolute, plus `tol`
 * relative to the size of the expected value), and, for arrays, that the shapes match. The
 * assertion message says what was expected and what came out, so a learner sees both.
 *
 * @param actual - what the learner's code returned
 * @param expected - the reference values (nested lists give the expected shape too)
 * @param message - what this value means and the likely mistake
 * @param tol - tolerance, default 1e-6
 * @example
 * ```ts
 * expectClose(softmax(array([1, 2, 3])), [0.09, 0.2447, 0.6652], 'softmax([1, 2, 3])', 1e-3);
 * ```
 */
export function expectClose(
  actual: NDArray | NestedArray,
  expected: NestedArray,
  message: string,
  tol = 1e-6,
): void {
  const got = numbers(actual);
  const want = numbers(expected);
  const detail = `${message}\n    ${m('expected', '기댓값')} ≈ ${show(expected)}\n    ${m('got', '결과')}        ${show(actual)}`;
  if (actual instanceof NDArray && Array.isArray(expected)) {
    const shape: number[] = [];
    for (let e: NestedArray = expected; Array.isArray(e); e = e[0] ?? []) shape.push(e.length);
    expect(
      [...actual.shape],
      `${detail}\n    (${m('the shapes differ', '모양이 다릅니다')})`,
    ).toEqual(shape);
  }
  expect(got.length, `${detail}\n    (${m('the sizes differ', '크기가 다릅니다')})`).toBe(
    want.length,
  );
  let worst = 0;
  for (let i = 0; i < want.length; i++) {
    const w = want[i] ?? 0;
    const err = Math.abs((got[i] ?? Number.NaN) - w) / (1 + Math.abs(w));
    worst = Number.isNaN(err) || err > worst ? err : worst;
    if (Number.isNaN(err)) break;
  }
  expect(
    worst,
    `${detail}\n    (${m('largest relative difference', '가장 큰 상대 오차')})`,
  ).toBeLessThanOrEqual(tol);
}

/**
 * sin(k·i + 0.5) for i = 0, 1, … in row-major order: an input a numpy script makes the same way
 * (`np.sin(np.arange(n) * k + 0.5).reshape(shape)`), for known-value tests.
 */
export function sinArray(shape: number[], k = 1): NDArray {
  const size = shape.reduce((a, b) => a * b, 1);
  return new NDArray(
    Float64Array.from({ length: size }, (_, i) => Math.sin(i * k + 0.5)),
    shape,
  );
}

/** cos(0.3·i) in row-major order (`np.cos(np.arange(n) * 0.3)`): the known-value tests' dout. */
export function cosArray(shape: readonly number[]): NDArray {
  const size = shape.reduce((a, b) => a * b, 1);
  return new NDArray(
    Float64Array.from({ length: size }, (_, i) => Math.cos(i * 0.3)),
    shape,
  );
}

/**
 * Central differences (h = 1e-5) of L = Σ dout ⊙ forward() with respect to `p`, changed in place
 * and restored: the numerical gradient a layer's backward must match.
 */
export function numericGradientOf(forward: () => NDArray, dout: NDArray, p: NDArray): NDArray {
  const g = new NDArray(new Float64Array(p.size), p.shape);
  const h = 1e-5;
  const loss = () => {
    const out = forward();
    let s = 0;
    for (let i = 0; i < out.size; i++) s += out.data[i]! * dout.data[i]!;
    return s;
  };
  for (let i = 0; i < p.size; i++) {
    const tmp = p.data[i]!;
    p.data[i] = tmp + h;
    const a = loss();
    p.data[i] = tmp - h;
    const c = loss();
    p.data[i] = tmp;
    g.data[i] = (a - c) / (2 * h);
  }
  return g;
}
