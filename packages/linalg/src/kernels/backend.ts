import { wasmKernels } from './wasm-kernels.js';

/**
 * Where the matrix products of `@dl/linalg` run: `'wasm'` (WebAssembly SIMD kernels, the default
 * where the runtime supports them) or `'js'` (plain TypeScript loops, which run everywhere).
 */
export type Backend = 'wasm' | 'js';

/** The backend asked for: `DL_BACKEND=js` in the environment forces the TypeScript path. */
let requested: Backend = readEnv();

function readEnv(): Backend {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process
    ?.env;
  return env?.['DL_BACKEND'] === 'js' ? 'js' : 'wasm';
}

/**
 * Chooses where matrix products run. `'js'` forces the plain TypeScript kernels (to compare, or to
 * debug); `'wasm'` uses WebAssembly SIMD when the runtime has it and falls back to TypeScript when
 * it does not. The environment variable `DL_BACKEND=js` sets `'js'` at start-up.
 *
 * @param backend - `'wasm'` or `'js'`
 * @returns the backend now in effect (see {@link getBackend})
 * @throws RangeError when `backend` is neither `'wasm'` nor `'js'`
 * @example
 * ```ts
 * import { getBackend, setBackend } from '@dl/linalg';
 * setBackend('js');
 * getBackend(); // 'js'
 * setBackend('wasm'); // back to the default
 * ```
 */
export function setBackend(backend: Backend): Backend {
  if (backend !== 'wasm' && backend !== 'js') {
    throw new RangeError(
      `setBackend: unknown backend; expected 'wasm' or 'js', got ${JSON.stringify(backend)}`,
    );
  }
  requested = backend;
  return getBackend();
}

/**
 * The backend in effect: `'wasm'` when it was asked for and WebAssembly SIMD works here,
 * otherwise `'js'`.
 *
 * @returns `'wasm'` or `'js'`
 * @example
 * ```ts
 * import { getBackend } from '@dl/linalg';
 * getBackend(); // 'wasm' in Node 20 and current browsers, 'js' where SIMD is missing
 * ```
 */
export function getBackend(): Backend {
  return requested === 'wasm' && wasmKernels() !== null ? 'wasm' : 'js';
}
