import { describe, expect, it } from 'vitest';
import { extractBlocks, toModule } from '../scripts/run-examples.js';

const source = [
  '/**',
  ' * Adds.',
  ' *',
  ' * A fenced block outside @example is prose, not a runnable example:',
  ' * ```ts',
  ' * notRun();',
  ' * ```',
  ' *',
  ' * @param a - a number',
  ' * @example',
  ' * ```ts',
  " * import { add } from '@dl/linalg';",
  ' * if (add(1, 2) !== 3) {',
  " *   throw new Error('no');",
  ' * }',
  ' * ```',
  ' */',
  'export const x = 1;',
].join('\n');

describe('extractBlocks', () => {
  it('finds only the ```ts blocks after @example, with the fence line and the comment prefix removed', () => {
    const blocks = extractBlocks('/work/main/packages/linalg/src/add.ts', source);
    expect(blocks.map((b) => [b.line, b.code])).toEqual([
      [
        11,
        "import { add } from '@dl/linalg';\nif (add(1, 2) !== 3) {\n  throw new Error('no');\n}",
      ],
    ]);
  });
});

describe('toModule', () => {
  it('hoists the imports and wraps the rest in an exported async function', () => {
    const module = toModule("import { add } from '@dl/linalg';\nconst y = add(1, 2);\nawait y;");
    expect(module).toBe(
      "import { add } from '@dl/linalg';\nexport default async function example(): Promise<void> {\nconst y = add(1, 2);\nawait y;\n}\n",
    );
  });
});
