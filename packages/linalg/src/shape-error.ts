/**
 * Thrown when the shapes of arrays do not fit an operation.
 *
 * The message names the operation, the rule that was broken and the shapes that were given,
 * in the form `<op>: <what is wrong>; expected <rule>, got <values>`.
 *
 * @example
 * ```ts
 * import { ShapeError, dot, zeros } from '@dl/linalg';
 * try {
 *   dot(zeros([2, 3]), zeros([2, 3]));
 * } catch (e) {
 *   console.log(e instanceof ShapeError); // true
 * }
 * ```
 */
export class ShapeError extends Error {
  override name = 'ShapeError';
}

/**
 * Writes a shape the way error messages and `toString` show it: `[2, 3]`.
 *
 * @param shape - the dimensions
 * @returns the shape in brackets, e.g. `[2, 3]`; a scalar shape is `[]`
 * @example
 * ```ts
 * import { formatShape } from '@dl/linalg';
 * formatShape([2, 3]); // '[2, 3]'
 * ```
 */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}
