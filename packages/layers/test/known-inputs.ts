// Inputs that numpy can make the same way, for the known-value tests of the layers (test-only).
import { NDArray } from '@dl/linalg';

/** sin(k·i + 0.5) for i = 0, 1, … in row-major order (numpy: np.sin(np.arange(n)·k + 0.5)). */
export function sinArray(shape: number[], k = 1): NDArray {
  const size = shape.reduce((a, b) => a * b, 1);
  return new NDArray(
    Float64Array.from({ length: size }, (_, i) => Math.sin(i * k + 0.5)),
    shape,
  );
}

/** cos(0.3·i): the upstream gradient dout of the numpy scripts. */
export function cosArray(shape: readonly number[]): NDArray {
  const size = shape.reduce((a, b) => a * b, 1);
  return new NDArray(
    Float64Array.from({ length: size }, (_, i) => Math.cos(i * 0.3)),
    shape,
  );
}

/** The sum of all elements. */
export const total = (a: NDArray): number => Array.from(a.data).reduce((s, v) => s + v, 0);
