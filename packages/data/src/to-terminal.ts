import { type ImageLike, type RangeOption, toGray } from './image-like.js';

/** Options of {@link toTerminal}. */
export interface ToTerminalOptions extends RangeOption {
  /**
   * Draw with 24 shades of gray (ANSI 256-colour escape codes) instead of on/off blocks;
   * default `false`, plain text that any terminal and any log file shows.
   */
  color?: boolean;
  /** Swap black and white; default `false`. */
  invert?: boolean;
  /** Without colour, the brightness (as a share of white) from which a pixel is drawn; default 0.5. */
  threshold?: number;
}

/** ANSI 256-colour index of a brightness in [0, 1]: 16 is black, 232…255 the gray ramp, 231 white. */
function ansiGray(v: number): number {
  const level = Math.round(Math.min(Math.max(v, 0), 1) * 25);
  if (level === 0) return 16;
  if (level === 25) return 231;
  return 231 + level;
}

/**
 * Draws a grayscale image as text with Unicode half blocks, two pixel rows per line of text,
 * so a 28×28 digit takes 28 columns and 14 lines.
 *
 * Without colour each character is ' ', '▀' (upper pixel on), '▄' (lower on) or '█' (both),
 * a pixel being "on" when it is at least `threshold` of white. With `color: true` each character
 * is '▀' with the upper pixel as foreground colour and the lower as background, in 26 levels of
 * gray; every line ends by resetting the colours.
 *
 * @param img - a grayscale image (see {@link ImageLike})
 * @param options - colour, inversion, threshold, pixel range
 * @returns the picture as lines of text joined by '\n' (no trailing newline)
 * @throws RangeError when `threshold` is not in `[0, 1]`
 * @throws ShapeError when the image is not `[H, W]` or `[1, H, W]`
 * @example
 * ```ts
 * import { array } from '@dl/linalg';
 * import { toTerminal } from '@dl/data';
 * toTerminal(array([[255, 0], [255, 255]])); // '█▄'
 * ```
 */
export function toTerminal(img: ImageLike, options: ToTerminalOptions = {}): string {
  const { color = false, invert = false, threshold = 0.5 } = options;
  if (!(threshold >= 0 && threshold <= 1)) {
    throw new RangeError(
      `toTerminal: invalid threshold; expected a number in [0, 1], got ${threshold}`,
    );
  }
  const { data, h, w, range } = toGray('toTerminal', img, options.range);
  // brightness in [0, 1] of pixel (y, x); rows past the bottom (odd heights) are black
  const at = (y: number, x: number): number => {
    if (y >= h) return invert ? 1 : 0;
    const v = data[y * w + x]! / range;
    return invert ? 1 - v : v;
  };
  const lines: string[] = [];
  for (let y = 0; y < h; y += 2) {
    let line = '';
    for (let x = 0; x < w; x++) {
      const top = at(y, x);
      const bottom = at(y + 1, x);
      if (color) {
        line += `\x1b[38;5;${ansiGray(top)}m\x1b[48;5;${ansiGray(bottom)}m▀`;
      } else {
        const t = top >= threshold;
        const b = bottom >= threshold;
        line += t ? (b ? '█' : '▀') : b ? '▄' : ' ';
      }
    }
    lines.push(color ? `${line}\x1b[0m` : line);
  }
  return lines.join('\n');
}
