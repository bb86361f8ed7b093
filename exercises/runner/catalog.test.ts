import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { exerciseDirOf, exercisesRoot, findExercise, fromRoot, loadCatalog } from './catalog.js';

describe('loadCatalog', () => {
  test('ids 01, 02, … in order with none missing (01-23 the lecture, then the book), each folder and stub present', () => {
    const list = loadCatalog();
    expect(list.length).toBeGreaterThanOrEqual(23);
    expect(list.map((e) => e.id)).toEqual(
      Array.from({ length: list.length }, (_, i) => String(i + 1).padStart(2, '0')),
    );
    for (const e of list) {
      expect(existsSync(join(exercisesRoot, e.dir, e.stub)), `${e.dir}/${e.stub}`).toBe(true);
    }
  });
});

describe('findExercise', () => {
  const list = loadCatalog();
  test.each([
    ['8', '08-softmax-overflow'],
    ['08', '08-softmax-overflow'],
    ['08-softmax-overflow', '08-softmax-overflow'],
    ['08-softmax-overflow/', '08-softmax-overflow'],
  ])('%s → %s', (key, dir) => {
    expect(findExercise(list, key)?.dir).toBe(dir);
  });

  test('99 and "softmax" → undefined', () => {
    expect(findExercise(list, '99')).toBeUndefined();
    expect(findExercise(list, 'softmax')).toBeUndefined();
  });
});

describe('exerciseDirOf', () => {
  test('a test file of an exercise → its folder', () => {
    expect(exerciseDirOf('/r/exercises/08-softmax-overflow/softmax.test.ts')).toBe(
      '08-softmax-overflow',
    );
    expect(exerciseDirOf('C:\\r\\exercises\\01-quantization\\quantize.test.ts')).toBe(
      '01-quantization',
    );
  });

  test('stubs, solutions and package tests → undefined', () => {
    expect(exerciseDirOf('/r/exercises/08-softmax-overflow/softmax.ts')).toBeUndefined();
    expect(
      exerciseDirOf('/r/exercises/solutions/08-softmax-overflow/softmax.test.ts'),
    ).toBeUndefined();
    expect(exerciseDirOf('/r/packages/linalg/src/dot.test.ts')).toBeUndefined();
  });
});

test('fromRoot gives a repository-relative path with forward slashes', () => {
  expect(fromRoot(join(exercisesRoot, '01-quantization', 'quantize.ts'))).toBe(
    'exercises/01-quantization/quantize.ts',
  );
});
