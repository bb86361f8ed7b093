// Internal: the parameters an architecture calls for, worked out from its description alone, so
// that a model file's tensor list can be compared with its header before any network is built
// (a header is only a few bytes; the network it describes may be gigabytes).
import { FormatError, formatShape, type NDArray } from '@dl/linalg';

/** A parameter's name, shape and element type, as the network classes name them (`W1`, `b1`, …). */
export interface ParamSpec {
  name: string;
  shape: number[];
  /** The convnets keep their `dtype`; the fully connected networks are float64 once loaded. */
  dtype: 'float64' | 'float32';
}

const isSize = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 1;

/**
 * The parameters of an architecture: `W1 [in, h1]`, `b1 [h1]`, … `Wk [h(k-1), out]`, `bk [out]`
 * for the fully connected networks; the filters `[FN, C, FH, FW]` and their biases, then the affine
 * layers, for `SimpleConvNet` and `DeepConvNet`.
 *
 * @returns the list, or `undefined` when the description is not one this function knows (another
 *   type, sizes that are not positive integers, a filter that does not fit): the network's own
 *   constructor then judges it
 */
export function architectureParams(architecture: unknown): ParamSpec[] | undefined {
  if (typeof architecture !== 'object' || architecture === null) return undefined;
  const a = architecture as Record<string, unknown>;
  if (a['type'] === 'SimpleConvNet' || a['type'] === 'DeepConvNet') return convParams(a);
  let hidden: unknown[];
  if (a['type'] === 'SimpleNetwork') hidden = [a['hiddenSize']];
  else if (a['type'] === 'MultiLayerNet' && Array.isArray(a['hiddenSizeList']))
    hidden = a['hiddenSizeList'];
  else return undefined;
  return affineParams([a['inputSize'], ...hidden, a['outputSize']], 1, 'float64');
}

/** `W{first} [s0, s1]`, `b{first} [s1]`, … for consecutive sizes; undefined unless all are sizes. */
function affineParams(
  sizes: unknown[],
  first: number,
  dtype: ParamSpec['dtype'],
): ParamSpec[] | undefined {
  if (!sizes.every(isSize)) return undefined;
  const specs: ParamSpec[] = [];
  for (let i = 0; i + 1 < sizes.length; i++) {
    specs.push({ name: `W${first + i}`, shape: [sizes[i]!, sizes[i + 1]!], dtype });
    specs.push({ name: `b${first + i}`, shape: [sizes[i + 1]!], dtype });
  }
  return specs;
}

/** A convolution's output size, or undefined when it is not a whole positive number. */
function outSize(input: number, filter: number, stride: number, pad: number): number | undefined {
  const span = input + 2 * pad - filter;
  return span >= 0 && span % stride === 0 ? span / stride + 1 : undefined;
}

/** The parameters of SimpleConvNet (one convolution) or DeepConvNet (six, pooled after every second). */
function convParams(a: Record<string, unknown>): ParamSpec[] | undefined {
  const dim = a['inputDim'];
  const dtype = a['dtype'];
  if (!Array.isArray(dim) || dim.length !== 3 || !dim.every(isSize)) return undefined;
  if (dtype !== 'float64' && dtype !== 'float32') return undefined;
  const isPad = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
  const deep = a['type'] === 'DeepConvNet';
  const convs = deep
    ? a['convParams']
    : [
        {
          filterNum: a['filterNum'],
          filterSize: a['filterSize'],
          pad: a['pad'],
          stride: a['stride'],
        },
      ];
  if (!Array.isArray(convs) || convs.length !== (deep ? 6 : 1)) return undefined;
  let [c, h, w] = dim as [number, number, number];
  const specs: ParamSpec[] = [];
  for (const [i, p] of (convs as Record<string, unknown>[]).entries()) {
    const { filterNum: fn, filterSize: fs, pad, stride } = p ?? {};
    if (!isSize(fn) || !isSize(fs) || !isSize(stride) || !isPad(pad)) return undefined;
    const oh = outSize(h, fs, stride, pad);
    const ow = outSize(w, fs, stride, pad);
    if (oh === undefined || ow === undefined) return undefined;
    specs.push({ name: `W${i + 1}`, shape: [fn, c, fs, fs], dtype });
    specs.push({ name: `b${i + 1}`, shape: [fn], dtype });
    [c, h, w] = [fn, oh, ow];
    // SimpleConvNet pools once, 2×2 stride 2 rounding down; DeepConvNet after every second, exactly.
    if (!deep) [h, w] = [Math.floor(h / 2), Math.floor(w / 2)];
    else if (i % 2 === 1) {
      const ph = outSize(h, 2, 2, 0);
      const pw = outSize(w, 2, 2, 0);
      if (ph === undefined || pw === undefined) return undefined;
      [h, w] = [ph, pw];
    }
  }
  const sizes = [c * h * w, a['hiddenSize'], a['outputSize']];
  const affine = affineParams(sizes, specs.length / 2 + 1, dtype);
  return affine && [...specs, ...affine];
}

/**
 * Checks that a file's tensors hold every parameter the header's architecture calls for, with its
 * shape (and, for a model file, nothing else), without building the network.
 *
 * @throws FormatError naming the first parameter that is missing or of another shape
 */
export function checkTensorsFit(
  op: string,
  architecture: unknown,
  tensors: ReadonlyMap<string, NDArray>,
  exact: boolean,
): void {
  const specs = architectureParams(architecture);
  if (specs === undefined) return;
  for (const { name, shape, dtype } of specs) {
    const stored = tensors.get(name);
    if (!stored || formatShape(stored.shape) !== formatShape(shape) || stored.dtype !== dtype) {
      throw new FormatError(
        `${op}: parameter ${name} does not match the architecture; expected ${formatShape(shape)} ${dtype}, got ${stored ? `${formatShape(stored.shape)} ${stored.dtype}` : `nothing (the file holds ${listTensors(tensors)})`}`,
      );
    }
  }
  if (exact && tensors.size !== specs.length) {
    const extra = [...tensors.keys()].filter((n) => !specs.some((s) => s.name === n));
    throw new FormatError(
      `${op}: tensors do not match the architecture; expected ${specs.map((s) => s.name).join(', ')}, got also ${extra.slice(0, 5).join(', ')}${extra.length > 5 ? ', …' : ''}`,
    );
  }
}

function listTensors(tensors: ReadonlyMap<string, NDArray>): string {
  if (tensors.size === 0) return 'no tensors';
  const names = [...tensors].slice(0, 6).map(([n, t]) => `${n} ${formatShape(t.shape)}`);
  return `${names.join(', ')}${tensors.size > 6 ? ', …' : ''}`;
}
