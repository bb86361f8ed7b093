import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { exercisesRoot } from './catalog.js';
import { redirectStubs } from './redirect-stubs.js';

const plugin = redirectStubs((dir, file) => join(exercisesRoot, 'solutions', dir, file));
const resolve = (source: string, importer?: string) => {
  const hook = plugin.resolveId as (s: string, i?: string) => string | null;
  return hook(source, importer);
};
const testFile = join(exercisesRoot, '08-softmax-overflow', 'softmax.test.ts');

describe('redirectStubs', () => {
  test("'./softmax.js' from an exercise's test → the solution file", () => {
    expect(resolve('./softmax.js', testFile)).toBe(
      join(exercisesRoot, 'solutions', '08-softmax-overflow', 'softmax.ts'),
    );
  });

  test('imports from other files, of other paths, or of missing targets are left alone', () => {
    const stub = join(exercisesRoot, '08-softmax-overflow', 'softmax.ts');
    expect(resolve('./softmax.js', stub), 'a stub importing a sibling').toBeNull();
    expect(resolve('../runner/testing.js', testFile), 'a helper one folder up').toBeNull();
    expect(resolve('@dl/linalg', testFile), 'a package').toBeNull();
    expect(resolve('./nothing-here.js', testFile), 'no such solution file').toBeNull();
    expect(resolve('./softmax.js'), 'no importer').toBeNull();
  });
});
