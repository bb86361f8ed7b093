import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { exercisesRoot, loadCatalog } from './catalog.js';
import { hintIn, parseHints } from './hints.js';

describe('parseHints', () => {
  test('numbered items with continuation lines, heading and blank lines dropped', () => {
    expect(parseHints('# Hints\n\n1. First\n   more\n\n2. Second\n')).toEqual([
      '1. First\n   more',
      '2. Second',
    ]);
  });

  test('no numbered items → []', () => {
    expect(parseHints('# Hints\n\nnothing here\n')).toEqual([]);
  });

  test('every exercise has at least two hints, numbered from 1 in order', () => {
    for (const e of loadCatalog()) {
      const hints = parseHints(readFileSync(join(exercisesRoot, e.dir, 'hints.md'), 'utf8'));
      expect(hints.length, `${e.dir}/hints.md`).toBeGreaterThanOrEqual(2);
      hints.forEach((h, k) => {
        expect(h.startsWith(`${k + 1}. `), `${e.dir} hint ${k + 1}`).toBe(true);
      });
    }
  });
});

test('hintIn shows the Korean part in Korean, both otherwise', () => {
  const item = '2. Use exp.\n   한국어: exp를\n   쓰세요.';
  expect(hintIn(item, 'ko')).toBe('2. exp를\n   쓰세요.');
  expect(hintIn(item, 'both')).toBe(item);
  expect(hintIn('1. Only English', 'ko')).toBe('1. Only English');
});
