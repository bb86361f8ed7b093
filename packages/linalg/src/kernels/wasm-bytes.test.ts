import { describe, expect, it } from 'vitest';
import { committedModule, compileWasm, renderModule } from '../../assembly/build-wasm.js';

describe('generated/wasm-bytes.ts', () => {
  it('is what compiling assembly/gemm.ts gives now (run `pnpm --filter @dl/linalg build:wasm`)', async () => {
    const wasm = await compileWasm();
    expect(committedModule()).toBe(renderModule(wasm));
  }, 60_000);
});
