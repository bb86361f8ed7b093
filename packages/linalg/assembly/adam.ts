// Adam's update (the book's common/optimizer.py), for `kernels/adam-step.ts`:
//
//   m ← m + (1 − β1)·(g − m)
//   v ← v + (1 − β2)·(g² − v)
//   p ← p − lrT·m / (√v + 1e-7)
//
// element by element, with the same roundings as the plain loop of adam-step.ts: every operation
// in double precision, m and v stored (rounded to float32 for float32 arrays) before p reads them
// back. Two doubles go through at once in a SIMD vector; float32 elements are widened to doubles
// first, four at a time as two pairs.

/** 1e-7, added to √v so that the step never divides by zero (the book's value). */
const EPS: f64 = 1e-7;

/** p − lrT·m / (√v + 1e-7) for a pair of doubles. */
function paramStep(lrT: v128, m: v128, v: v128, p: v128): v128 {
  return f64x2.sub(p, f64x2.div(f64x2.mul(lrT, m), f64x2.add(f64x2.sqrt(v), f64x2.splat(EPS))));
}

/** m + a·(g − m), the moving averages' update (`x` is g for m and g² for v). */
function average(a: v128, x: v128, old: v128): v128 {
  return f64x2.add(old, f64x2.mul(a, f64x2.sub(x, old)));
}

/** Lanes 2–3 of a vector of four floats, widened to doubles. */
function high(x: v128): v128 {
  return f64x2.promote_low_f32x4(i32x4.shuffle(x, x, 2, 3, 0, 1));
}

/** Two pairs of doubles rounded to float32 and put together as four floats. */
function narrow(lo: v128, hi: v128): v128 {
  return i32x4.shuffle(f32x4.demote_f64x2_zero(lo), f32x4.demote_f64x2_zero(hi), 0, 1, 4, 5);
}

/**
 * Adam's step over `len` elements of type T at `p`, with the gradient at `g` and the moments at `m`
 * and `v` (all updated in place but g); `hyper` holds three doubles: lrT (the step's learning rate
 * with the bias corrections folded in, lr·√(1 − β2ᵗ) / (1 − β1ᵗ)), 1 − β1 and 1 − β2. For float32
 * every element is computed in doubles, and m and v rounded to float32 as stored before p reads
 * them back, as the loop over Float32Arrays does.
 */
function adamStep<T>(len: i32, hyper: usize, g: usize, m: usize, v: usize, p: usize): void {
  const lrT = load<f64>(hyper);
  const a1 = load<f64>(hyper, 8);
  const a2 = load<f64>(hyper, 16);
  const size = <usize>sizeof<T>();
  const a1v = f64x2.splat(a1);
  const a2v = f64x2.splat(a2);
  const lrv = f64x2.splat(lrT);
  let i = 0;
  if (size === 8) {
    // Two doubles at a time, each operation as the loop below does it.
    for (; i + 2 <= len; i += 2) {
      const o = (<usize>i) << 3;
      const gv = v128.load(g + o);
      const mv = average(a1v, gv, v128.load(m + o));
      const vv = average(a2v, f64x2.mul(gv, gv), v128.load(v + o));
      v128.store(m + o, mv);
      v128.store(v + o, vv);
      v128.store(p + o, paramStep(lrv, mv, vv, v128.load(p + o)));
    }
  } else {
    // Four floats at a time, each pair widened to doubles.
    for (; i + 4 <= len; i += 4) {
      const o = (<usize>i) << 2;
      const g4 = v128.load(g + o);
      const m4 = v128.load(m + o);
      const v4 = v128.load(v + o);
      const p4 = v128.load(p + o);
      const gLo = f64x2.promote_low_f32x4(g4);
      const gHi = high(g4);
      const mNew = narrow(
        average(a1v, gLo, f64x2.promote_low_f32x4(m4)),
        average(a1v, gHi, high(m4)),
      );
      const vNew = narrow(
        average(a2v, f64x2.mul(gLo, gLo), f64x2.promote_low_f32x4(v4)),
        average(a2v, f64x2.mul(gHi, gHi), high(v4)),
      );
      v128.store(m + o, mNew);
      v128.store(v + o, vNew);
      // p reads the moments back as stored, rounded to float32, as the loop does.
      const pLo = paramStep(
        lrv,
        f64x2.promote_low_f32x4(mNew),
        f64x2.promote_low_f32x4(vNew),
        f64x2.promote_low_f32x4(p4),
      );
      const pHi = paramStep(lrv, high(mNew), high(vNew), high(p4));
      v128.store(p + o, narrow(pLo, pHi));
    }
  }
  // The last elements (fewer than a vector) one by one.
  for (; i < len; i++) {
    const o = <usize>i * size;
    const gi = <f64>load<T>(g + o);
    store<T>(m + o, <T>(<f64>load<T>(m + o) + a1 * (gi - <f64>load<T>(m + o))));
    store<T>(v + o, <T>(<f64>load<T>(v + o) + a2 * (gi * gi - <f64>load<T>(v + o))));
    const step = (lrT * <f64>load<T>(m + o)) / (Math.sqrt(<f64>load<T>(v + o)) + EPS);
    store<T>(p + o, <T>(<f64>load<T>(p + o) - step));
  }
}

/** {@link adamStep} for doubles. */
export function adamStep64(len: i32, hyper: usize, g: usize, m: usize, v: usize, p: usize): void {
  adamStep<f64>(len, hyper, g, m, v, p);
}

/** {@link adamStep} for floats. */
export function adamStep32(len: i32, hyper: usize, g: usize, m: usize, v: usize, p: usize): void {
  adamStep<f32>(len, hyper, g, m, v, p);
}
