import { expect, test } from 'vitest';
import { explainTypeProblems, parseTsc } from './typecheck.js';

test('parseTsc keeps the messages about the learner file only', () => {
  const out = [
    "exercises/01-quantization/quantize.ts(12,5): error TS2322: Type 'string' is not assignable to type 'number'.",
    'packages/linalg/src/x.ts(1,1): error TS1005: whatever',
  ].join('\n');
  expect(parseTsc(out, 'exercises/01-quantization/quantize.ts')).toEqual([
    {
      line: 12,
      column: 5,
      code: 'TS2322',
      message: "Type 'string' is not assignable to type 'number'.",
    },
  ]);
});

test('explainTypeProblems says where, what it usually means, and that tests do not check types', () => {
  const notes = explainTypeProblems(
    [{ line: 3, column: 7, code: 'TS2322', message: 'Type …' }],
    'a.ts',
    'ko',
  );
  expect(notes[0]).toContain('a.ts:3:7');
  expect(notes[0]).toContain('잘못된 타입');
  expect(notes.at(-1)).toContain('타입도 고치세요');
  expect(explainTypeProblems([], 'a.ts', 'en')).toEqual([]);
});
