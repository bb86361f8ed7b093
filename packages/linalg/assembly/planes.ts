// A batch of planes `x` [B, R, L] (B images of R channel planes of L positions each) read as the
// matrix the convolution's backward pass multiplies, without moving the planes into it first.
//
// `NDArray.transpose(0, 2, 3, 1)` of dout [N, FN, OH, OW], reshaped to [N·OH·OW, FN], is the matrix
// M with M[(b, p), f] = x[b, f, p]; dW = Mᵀ · col and db = Σ over the rows of M. Row f of Mᵀ is
// plane f of every image, one after the other: B runs of L neighbouring elements. So Mᵀ is read
// straight from the planes, run by run, where making M first is a transpose of every element and
// reading Mᵀ from M a walk across its rows. The kernels below list, copy and add up the rows of Mᵀ
// in the order in which the same work on M (compressRows of gemm.ts with transA, sumColumns of
// sum-columns.ts) takes them, so the numbers are the same bit for bit.

// Inlined into the loops that call it (AssemblyScript inlines a method marked `@inline`; a
// decorated function is not TypeScript, hence the class).
// biome-ignore lint/complexity/noStaticOnlyClass: AssemblyScript inlines `@inline` methods; a decorated function is not TypeScript.
export class Runs {
  /** Whether the 64 bytes at `q` are all zero bits (16 floats or 8 doubles of +0). */
  @inline
  static blank(q: usize): bool {
    const bits = v128.or(
      v128.or(v128.load(q), v128.load(q, 16)),
      v128.or(v128.load(q, 32), v128.load(q, 48)),
    );
    return !v128.any_true(bits);
  }

  /**
   * Appends the nonzeros of the `len` elements of type T at `run` to compressed rows, entry `nnz`
   * on, their columns numbered from `j0`, and returns the new entry count. Branch-free: every
   * element is written at the cursor, which moves on only past a nonzero (−0 is a zero, NaN is
   * not), so zeros cost no mispredicted branch; 64 bytes whose bits are all zero (a blank stretch
   * of an image, a gradient that pooling left at zero) are passed over with one test. The caller
   * leaves room for one write past its last entry (a row's spare slot).
   */
  @inline
  static compressRun<T>(run: usize, len: i32, j0: i32, cols: usize, vals: usize, nnz: i32): i32 {
    const size = <usize>sizeof<T>();
    const step = <i32>(64 / size);
    let p = 0;
    for (; p + step <= len; p += step) {
      if (Runs.blank(run + <usize>p * size)) continue;
      for (let j = p; j < p + step; j++) {
        const v = load<T>(run + <usize>j * size);
        store<i32>(cols + ((<usize>nnz) << 2), j0 + j);
        store<T>(vals + <usize>nnz * size, v);
        nnz += i32(v !== 0);
      }
    }
    for (; p < len; p++) {
      const v = load<T>(run + <usize>p * size);
      store<i32>(cols + ((<usize>nnz) << 2), j0 + p);
      store<T>(vals + <usize>nnz * size, v);
      nnz += i32(v !== 0);
    }
    return nnz;
  }
}

/**
 * Rows f0 .. f1 of Mᵀ as compressed rows, as compressRows of gemm.ts lists them from Mᵀ: column
 * b·L + p for the element of image b at position p, in increasing order, each run of a plane
 * compressed by {@link Runs.compressRun} as compressRows compresses a row, one spare slot at the
 * end of each row. Starts are relative to this range's first entry, at `starts` on (one per
 * row, then the count); entries at `cols` and `vals` on.
 *
 * @returns the number of entries written, spare slots included
 */
function compressPlanes<T>(
  f0: i32,
  f1: i32,
  planes: i32,
  batches: i32,
  len: i32,
  x: usize,
  starts: usize,
  cols: usize,
  vals: usize,
): i32 {
  const size = <usize>sizeof<T>();
  let nnz = 0;
  let r = 0;
  for (let f = f0; f < f1; f++, r++) {
    store<i32>(starts + ((<usize>r) << 2), nnz);
    for (let b = 0; b < batches; b++) {
      const run = x + <usize>(b * planes + f) * <usize>len * size;
      nnz = Runs.compressRun<T>(run, len, b * len, cols, vals, nnz);
    }
    nnz++; // the spare slot
  }
  store<i32>(starts + ((<usize>r) << 2), nnz);
  return nnz;
}

/** {@link compressPlanes} of doubles. */
export function compressPlanes64(
  f0: i32,
  f1: i32,
  planes: i32,
  batches: i32,
  len: i32,
  x: usize,
  starts: usize,
  cols: usize,
  vals: usize,
): i32 {
  return compressPlanes<f64>(f0, f1, planes, batches, len, x, starts, cols, vals);
}

/** {@link compressPlanes} of floats. */
export function compressPlanes32(
  f0: i32,
  f1: i32,
  planes: i32,
  batches: i32,
  len: i32,
  x: usize,
  starts: usize,
  cols: usize,
  vals: usize,
): i32 {
  return compressPlanes<f32>(f0, f1, planes, batches, len, x, starts, cols, vals);
}

/** Mᵀ's elements, R rows of B·L, at `dst`: plane f of each image copied in turn to row f. */
export function gatherPlanes(
  planes: i32,
  batches: i32,
  len: i32,
  size: i32,
  x: usize,
  dst: usize,
): void {
  const run = <usize>len * <usize>size;
  for (let f = 0; f < planes; f++) {
    for (let b = 0; b < batches; b++) {
      memory.copy(dst, x + <usize>(b * planes + f) * run, run);
      dst += run;
    }
  }
}

/**
 * out[f] = Σ over the images b and positions p of x[b, f, p]: the column sums of M (np.sum(M,
 * axis=0)), added in the order sumColumns adds a column of M (b, then p), in a double, and
 * rounded to T once. Four planes are added side by side, so that the additions of one plane,
 * which must follow one another, overlap those of the others. Planes f0 .. f1 alone (threads.ts
 * gives ranges starting at multiples of 4 to different threads): each plane's sum is its own
 * chain of additions, the same whichever group it is added in.
 */
function sumPlanes<T>(
  f0: i32,
  f1: i32,
  planes: i32,
  batches: i32,
  len: i32,
  x: usize,
  out: usize,
): void {
  const size = <usize>sizeof<T>();
  const stride = <usize>len * size; // from one plane to the next
  let f = f0;
  for (; f + 4 <= f1; f += 4) {
    let s0: f64 = 0;
    let s1: f64 = 0;
    let s2: f64 = 0;
    let s3: f64 = 0;
    for (let b = 0; b < batches; b++) {
      const run = x + <usize>(b * planes + f) * stride;
      for (let p = 0; p < len; p++) {
        const at = run + <usize>p * size;
        s0 += <f64>load<T>(at);
        s1 += <f64>load<T>(at + stride);
        s2 += <f64>load<T>(at + 2 * stride);
        s3 += <f64>load<T>(at + 3 * stride);
      }
    }
    store<T>(out + <usize>f * size, <T>s0);
    store<T>(out + <usize>(f + 1) * size, <T>s1);
    store<T>(out + <usize>(f + 2) * size, <T>s2);
    store<T>(out + <usize>(f + 3) * size, <T>s3);
  }
  for (; f < f1; f++) {
    let s: f64 = 0;
    for (let b = 0; b < batches; b++) {
      const run = x + <usize>(b * planes + f) * stride;
      for (let p = 0; p < len; p++) s += <f64>load<T>(run + <usize>p * size);
    }
    store<T>(out + <usize>f * size, <T>s);
  }
}

/** {@link sumPlanes} of doubles. */
export function sumPlanes64(
  f0: i32,
  f1: i32,
  planes: i32,
  batches: i32,
  len: i32,
  x: usize,
  out: usize,
): void {
  sumPlanes<f64>(f0, f1, planes, batches, len, x, out);
}

/** {@link sumPlanes} of floats. */
export function sumPlanes32(
  f0: i32,
  f1: i32,
  planes: i32,
  batches: i32,
  len: i32,
  x: usize,
  out: usize,
): void {
  sumPlanes<f32>(f0, f1, planes, batches, len, x, out);
}
