// Internal: the parameters an architecture calls for, worked out from its description alone, so
// that a model file's tensor list can be compared with its header before any network is built
// (a header is only a few bytes; the network it describes may be gigabytes).
import { FormatError, formatShape, type NDArray } from '@dl/linalg';

/** A parameter's name and shape, as the network classes name them (`W1`, `b1`, …). */
export interface ParamSpec {
  name: string;
  shape: number[];
}

const isSize = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 1;

/**
 * The parameters of an architecture: `W1 [in, h1]`, `b1 [h1]`, … `Wk [h(k-1), out]`, `bk [out]`.
 *
 * @returns the list, or `undefined` when the description is not one this function knows (another
 *   type, or sizes that are not positive integers): the network's own constructor then judges it
 */
export function architectureParams(architecture: unknown): ParamSpec[] | undefined {
  if (typeof architecture !== 'object' || architecture === null) return undefined;
  const a = architecture as Record<string, unknown>;
  let hidden: unknown[];
  if (a['type'] === 'SimpleNetwork') hidden = [a['hiddenSize']];
  else if (a['type'] === 'MultiLayerNet' && Array.isArray(a['hiddenSizeList']))
    hidden = a['hiddenSizeList'];
  else return undefined;
  const sizes = [a['inputSize'], ...hidden, a['outputSize']];
  if (!sizes.every(isSize)) return undefined;
  const specs: ParamSpec[] = [];
  for (let i = 0; i + 1 < sizes.length; i++) {
    specs.push({ name: `W${i + 1}`, shape: [sizes[i]!, sizes[i + 1]!] });
    specs.push({ name: `b${i + 1}`, shape: [sizes[i + 1]!] });
  }
  return specs;
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
  for (const { name, shape } of specs) {
    const stored = tensors.get(name);
    // A loaded network is float64, whatever it was trained in.
    if (!stored || formatShape(stored.shape) !== formatShape(shape) || stored.dtype !== 'float64') {
      throw new FormatError(
        `${op}: parameter ${name} does not match the architecture; expected ${formatShape(shape)} float64, got ${stored ? `${formatShape(stored.shape)} ${stored.dtype}` : `nothing (the file holds ${listTensors(tensors)})`}`,
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
