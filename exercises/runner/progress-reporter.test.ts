import { describe, expect, test } from 'vitest';
import type { TestModule } from 'vitest/node';
import type { Exercise } from './catalog.js';
import { classify } from './progress-reporter.js';

const exercise: Exercise = {
  id: '08',
  dir: '08-softmax-overflow',
  stub: 'softmax.ts',
  title: 'Softmax overflow',
  titleKo: '소프트맥스 오버플로',
};

type FakeTest = {
  name: string;
  state: 'passed' | 'failed' | 'pending';
  error?: { name: string; message: string };
};

/** Just enough of vitest's TestModule for `classify`. */
function fakeModule(tests: FakeTest[], loadError?: { name: string; message: string }): TestModule {
  const cases = tests.map((t) => ({
    name: t.name,
    result: () => ({ state: t.state, errors: t.error ? [t.error] : [] }),
  }));
  return {
    children: { allTests: () => cases[Symbol.iterator]() },
    errors: () => (loadError ? [loadError] : []),
  } as unknown as TestModule;
}

describe('classify', () => {
  test('all tests passed → done', () => {
    const r = classify(exercise, fakeModule([{ name: 'a', state: 'passed' }]), []);
    expect(r).toMatchObject({ state: 'done', passed: 1, total: 1 });
  });

  test('an assertion failed → failing, with the test name and the first line of its message', () => {
    const r = classify(
      exercise,
      fakeModule([
        {
          name: 'property',
          state: 'failed',
          error: { name: 'Error', message: 'Property failed after 1 tests' },
        },
        {
          name: 'softmax([1010, 1000, 990])',
          state: 'failed',
          error: { name: 'AssertionError', message: 'must be finite\nmore' },
        },
      ]),
      [],
    );
    expect(r.state).toBe('failing');
    expect(r.detail).toBe('"softmax([1010, 1000, 990])": must be finite');
  });

  test('a parse error → broken, with the syntax error and where', () => {
    const message =
      'Transform failed with 1 error:\n\n[PARSE_ERROR] Unexpected token\n    ╭─[ exercises/08-softmax-overflow/softmax.ts:3:7 ]';
    const r = classify(exercise, fakeModule([], { name: 'Error', message }), [], 'en');
    expect(r.state).toBe('broken');
    expect(r.detail).toBe(
      'syntax error: Unexpected token at exercises/08-softmax-overflow/softmax.ts:3:7',
    );
    const ko = classify(exercise, fakeModule([], { name: 'Error', message }), [], 'ko');
    expect(ko.detail).toBe(
      '문법 오류: Unexpected token (exercises/08-softmax-overflow/softmax.ts:3:7)',
    );
  });

  test('a watchdog note for the file → stopped, naming the test', () => {
    const note = {
      file: '/r/exercises/08-softmax-overflow/softmax.test.ts',
      test: 'loops',
      seconds: 30,
    };
    const r = classify(exercise, fakeModule([{ name: 'loops', state: 'pending' }]), [note], 'both');
    expect(r.state).toBe('stopped');
    expect(r.watchdog).toBe(true);
    // In both languages on one line, each half whole.
    expect(r.detail).toContain('stopped after 30 s in "loops"');
    expect(r.detail).toContain(' / 30초 뒤 "loops"에서 멈췄습니다');
  });

  test('not run → not run', () => {
    expect(classify(exercise, undefined, []).state).toBe('not run');
  });
});
