import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { exercisesRoot } from './catalog.js';
import { readWatchdogNotes } from './progress.js';
import { type JsonReport, runVitest } from './vitest-cli.js';

test('an infinite loop is stopped and reported; a throw at import fails only its file; the rest pass', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'dl-watchdog-test-'));
  const out = join(tmp, 'report.json');
  const notes = join(tmp, 'notes');
  runVitest(
    ['--config', 'vitest.fixtures.config.ts', '--reporter=json', `--outputFile.json=${out}`],
    {
      quiet: true,
      cwd: join(exercisesRoot, 'runner', 'fixtures'),
      env: { DL_EXERCISE_TIMEOUT_S: '2', DL_WATCHDOG_DIR: notes },
      limitS: 120,
    },
  );
  const report = JSON.parse(readFileSync(out, 'utf8')) as JsonReport;
  const byName = (s: string) => report.testResults.find((r) => r.name.endsWith(s));

  const passes = byName('passes.fixture.ts');
  expect(
    passes?.assertionResults.map((a) => a.status),
    'the healthy file still ran',
  ).toEqual(['passed']);

  const throws = byName('throws-at-import.fixture.ts');
  expect(throws?.message, 'the load error is reported for that file').toContain('broken at import');

  const loops = byName('loops-forever.fixture.ts');
  expect(loops?.assertionResults[0]?.status, 'the looping test never passes').not.toBe('passed');
  const [note] = readWatchdogNotes(notes);
  expect(note?.test, 'the watchdog names the test it stopped').toBe(
    'a loop whose variable never reaches the end',
  );
  expect(note?.file).toContain('loops-forever.fixture.ts');
}, 120_000);
