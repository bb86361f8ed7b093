import { describe, expect, it } from 'vitest';
import { committedModule, generateModule } from '../../assembly/build-wasm.js';

describe('generated/wasm-bytes.ts', () => {
  it('is what compiling assembly/gemm.ts gives now (run `pnpm --filter @dl/linalg build:wasm`)', async () => {
    expect(committedModule()).toBe(await generateModule());
  }, 60_000);
});
