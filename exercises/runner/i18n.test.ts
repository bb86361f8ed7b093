import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { detectLang, label, saveLang, say } from './i18n.js';

describe('detectLang', () => {
  const none = join(tmpdir(), 'dl-no-such-settings.json');
  test('DL_LANG wins; then a Korean locale; else both languages', () => {
    expect(detectLang({ DL_LANG: 'en', LANG: 'ko_KR.UTF-8' }, none)).toBe('en');
    expect(detectLang({ LANG: 'ko_KR.UTF-8' }, none)).toBe('ko');
    expect(detectLang({ LC_ALL: 'ko', LANG: 'en_US.UTF-8' }, none)).toBe('ko');
    expect(detectLang({ LANG: 'en_US.UTF-8' }, none)).toBe('both');
    expect(detectLang({ LANG: 'kok_IN' }, none), 'Konkani is not Korean').toBe('both');
  });

  test('the saved choice (pnpm learn lang …) counts when DL_LANG is not set', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'dl-lang-')), 'settings.json');
    saveLang('ko', file);
    expect(detectLang({ LANG: 'en_US.UTF-8' }, file)).toBe('ko');
    expect(detectLang({ DL_LANG: 'en' }, file)).toBe('en');
  });
});

test('say and label pick one language or give both', () => {
  expect(say('ko', 'Next', '다음')).toBe('다음');
  expect(say('en', 'Next', '다음')).toBe('Next');
  expect(say('both', 'Next', '다음')).toBe('Next\n다음');
  expect(label('both', 'stopped', '중단됨')).toBe('stopped (중단됨)');
});
