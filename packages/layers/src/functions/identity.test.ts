import { array } from '@dl/linalg';
import { describe, expect, it } from 'vitest';
import { identity } from './identity.js';

describe('identity', () => {
  it('returns its input unchanged (the same array, not a copy)', () => {
    expect(identity(0.3)).toBe(0.3);
    const a = array([1, -2]);
    expect(identity(a)).toBe(a);
  });

  it('rejects other kinds', () => {
    expect(() => identity('1' as unknown as number)).toThrow(
      new TypeError(
        'identity: x is not a number or NDArray; expected a number or an NDArray, got string',
      ),
    );
  });
});
