/** What {@link formatArray} reads of an array: its elements, row-major, and its shape. */
export interface FormattableArray {
  readonly data: ArrayLike<number>;
  readonly shape: readonly number[];
}

const EDGE_ITEMS = 3;
const SUMMARY_THRESHOLD = 1000;
const LINE_WIDTH = 75;
const PRECISION = 8;

/** Shortest text of `x` with at most `PRECISION` digits after the point, numpy style (`1.`, `0.25`). */
function positional(x: number): string {
  const fixed = Math.abs(x).toFixed(PRECISION).replace(/0+$/, '');
  return x < 0 || Object.is(x, -0) ? `-${fixed}` : fixed;
}

/** numpy's scientific form: `1.5e-05`, mantissa trimmed, exponent signed with two digits. */
function scientific(x: number): string {
  const [mant = '', exp = '0'] = x.toExponential(PRECISION).split('e');
  let m = mant.replace(/0+$/, '');
  if (!m.includes('.')) m += '.';
  const e = Number(exp);
  return `${m}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
}

function special(x: number): string | undefined {
  if (Number.isNaN(x)) return 'nan';
  if (x === Number.POSITIVE_INFINITY) return 'inf';
  if (x === Number.NEGATIVE_INFINITY) return '-inf';
  return undefined;
}

/** Formats the shown values to one common width, as numpy aligns the columns of a printed array. */
function makeFormatter(values: readonly number[]): (x: number) => string {
  const finite = values.filter((v) => Number.isFinite(v)).map(Math.abs);
  const nonZero = finite.filter((v) => v !== 0);
  const max = finite.length ? Math.max(...finite) : 0;
  const minNonZero = nonZero.length ? Math.min(...nonZero) : 0;
  const sci = max >= 1e8 || (nonZero.length > 0 && (minNonZero < 1e-4 || max / minNonZero > 1e3));
  // In scientific mode numpy gives every mantissa the same number of digits, padding with zeros.
  let digits = 0;
  if (sci) {
    for (const v of values) {
      if (!Number.isFinite(v)) continue;
      const mant = scientific(v).split('e')[0]!;
      digits = Math.max(digits, mant.length - mant.indexOf('.') - 1);
    }
  }
  const text = (x: number) =>
    special(x) ?? (sci ? scientific(Number(x.toExponential(digits))) : positional(x));
  const padded = (x: number) => {
    const t = text(x);
    if (!sci || !Number.isFinite(x)) return t;
    const [mant = '', exp = ''] = t.split('e');
    const frac = mant.length - mant.indexOf('.') - 1;
    return `${mant}${'0'.repeat(digits - frac)}e${exp}`;
  };
  // Align on the decimal point: pad the integer part on the left and the fraction on the right;
  // nan and inf are right-aligned to the same width.
  let intWidth = 0;
  let fracWidth = 0;
  let specialWidth = 0;
  for (const v of values) {
    const t = padded(v);
    if (special(v) !== undefined) {
      specialWidth = Math.max(specialWidth, t.length);
      continue;
    }
    const dot = t.indexOf('.');
    const head = dot < 0 ? t.length : dot;
    intWidth = Math.max(intWidth, head);
    fracWidth = Math.max(fracWidth, dot < 0 ? 0 : t.length - dot);
  }
  const width = Math.max(intWidth + fracWidth, specialWidth);
  return (x) => {
    const t = padded(x);
    if (special(x) !== undefined) return t.padStart(width);
    const dot = t.indexOf('.');
    const head = dot < 0 ? t.length : dot;
    const tail = dot < 0 ? 0 : t.length - dot;
    return (' '.repeat(intWidth - head) + t + ' '.repeat(fracWidth - tail)).padStart(width);
  };
}

/** Indices to show along an axis: all of them, or the first and last few around a `...`. */
function shownIndices(dim: number, summarize: boolean): (number | null)[] {
  if (!summarize || dim <= 2 * EDGE_ITEMS) return [...Array(dim).keys()];
  const head = [...Array(EDGE_ITEMS).keys()];
  const tail = head.map((i) => dim - EDGE_ITEMS + i);
  return [...head, null, ...tail];
}

/**
 * Prints an array as numpy's `print` shows it.
 * @internal
 */
export function formatArray(a: FormattableArray): string {
  const { shape, data } = a;
  if (shape.length === 0) return makeFormatter([data[0]!])(data[0]!).trim();
  const summarize = shape.reduce((n, d) => n * d, 1) > SUMMARY_THRESHOLD;
  const strides: number[] = [];
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i]!;
  }
  // Collect the values that will be shown, so the columns share one width.
  const shown: number[] = [];
  const collect = (axis: number, offset: number) => {
    for (const i of shownIndices(shape[axis]!, summarize)) {
      if (i === null) continue;
      if (axis === shape.length - 1) shown.push(data[offset + i]!);
      else collect(axis + 1, offset + i * strides[axis]!);
    }
  };
  collect(0, 0);
  const fmt = makeFormatter(shown);
  const render = (axis: number, offset: number, indent: string): string => {
    const items = shownIndices(shape[axis]!, summarize);
    if (axis === shape.length - 1) {
      const words = items.map((i) => (i === null ? '...' : fmt(data[offset + i]!)));
      // Wrap long rows at numpy's line width.
      const lines: string[] = [];
      let line = '';
      for (const w of words) {
        if (line && indent.length + line.length + w.length + 2 > LINE_WIDTH) {
          lines.push(line);
          line = w;
        } else line = line ? `${line} ${w}` : w;
      }
      lines.push(line);
      return `[${lines.join(`\n${indent} `)}]`;
    }
    const blank = '\n'.repeat(shape.length - axis - 1);
    const parts = items.map((i) =>
      i === null ? '...' : render(axis + 1, offset + i * strides[axis]!, `${indent} `),
    );
    return `[${parts.join(`${blank}${indent} `)}]`;
  };
  return render(0, 0, '');
}
