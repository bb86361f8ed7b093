import { describe, expect, test } from 'vitest';
import { borrowedCode, exportedNames } from './honesty.js';

describe('borrowedCode', () => {
  test('importing the reference solution is named plainly', () => {
    const notes = borrowedCode(
      "export { softmax } from '../solutions/08-softmax-overflow/softmax.js';",
      ['softmax'],
      'en',
    );
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain('reference solution');
  });

  test("taking the asked-for class from a package, or a package's source file, is named", () => {
    expect(
      borrowedCode("import { Relu as R, map } from '@dl/layers';", ['Relu'], 'en')[0],
    ).toContain('Relu');
    expect(
      borrowedCode(
        "import { softmax } from '../../packages/layers/src/softmax.js';",
        ['x'],
        'ko',
      )[0],
    ).toContain('소스 파일');
  });

  test('ordinary imports (helpers the exercise lets you use, types) say nothing', () => {
    const stub = [
      "import { map, type NDArray } from '@dl/linalg';",
      "import type { Relu } from '@dl/layers';",
      "import { expectClose } from '../runner/testing.js';",
    ].join('\n');
    expect(borrowedCode(stub, ['Relu'], 'en')).toEqual([]);
  });
});

test('exportedNames lists functions, classes and constants', () => {
  expect(
    exportedNames('export function f() {}\nexport class C {}\nexport const x = 1;\nconst y = 2;'),
  ).toEqual(['f', 'C', 'x']);
});
