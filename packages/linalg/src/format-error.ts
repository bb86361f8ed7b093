/**
 * Thrown when a data file or model file is not in the format it claims to be
 * (bad magic number, truncated bytes, sizes that do not add up).
 *
 * `@dl/data` throws it for IDX files and `@dl/network` for model files.
 *
 * @example
 * ```ts
 * import { FormatError } from '@dl/linalg';
 * const e = new FormatError('readIdx: bad magic number; expected 0x0000 then a type byte, got 0x1234');
 * console.log(e.name); // 'FormatError'
 * ```
 */
export class FormatError extends Error {
  override name = 'FormatError';
}
