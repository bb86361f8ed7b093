import { array, NDArray } from '@dl/linalg';
import { describe, expect, it } from 'vitest';
import { toTerminal } from './to-terminal.js';

describe('toTerminal', () => {
  it('draws two pixel rows per line with half blocks', () => {
    const img = array([
      [255, 0, 255, 0],
      [255, 255, 0, 0],
      [0, 255, 0, 0],
    ]);
    // odd height: the missing fourth row counts as black
    expect(toTerminal(img)).toBe('█▄▀ \n ▀  ');
    expect(toTerminal(img, { invert: true })).toBe(' ▀▄█\n█▄██');
  });

  it('reads 0…1 images and honours the threshold', () => {
    const img = array([[0.3], [0.7]]);
    expect(toTerminal(img)).toBe('▄');
    expect(toTerminal(img, { threshold: 0.2 })).toBe('█');
  });

  it('paints 26 levels of gray with ANSI 256-colour codes and resets each line', () => {
    // upper white (231), lower black (16); then mid gray: round(0.5 · 25) = 13 → 231 + 13 = 244
    const img = new NDArray(new Float64Array([255, 127.5, 0, 127.5]), [2, 2]);
    expect(toTerminal(img, { color: true, range: 255 })).toBe(
      '\x1b[38;5;231m\x1b[48;5;16m▀\x1b[38;5;244m\x1b[48;5;244m▀\x1b[0m',
    );
  });

  it('checks the threshold', () => {
    expect(() => toTerminal(array([[1]]), { threshold: 2 })).toThrow(
      new RangeError('toTerminal: invalid threshold; expected a number in [0, 1], got 2'),
    );
  });
});
