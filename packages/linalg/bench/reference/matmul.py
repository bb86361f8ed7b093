"""numpy reference for packages/linalg/bench/matmul.ts (`pnpm bench`).

Runs as a small server so the TypeScript benchmark can interleave its own runs with numpy's in one
invocation: it reads one JSON request per line on stdin and answers one JSON line on stdout.

  {"op": "info"}
      -> numpy version, OpenBLAS core (kernel family) and thread count
  {"op": "matmul", "m": 100, "n": 50, "k": 784, "transA": false, "transB": false,
   "dtype": "float64", "budget_ms": 150, "zeros": 0.81}
      -> {"ms": <median milliseconds per product>, "reps": <products timed>}
      ("zeros", optional: the share of a's elements set to 0, as in MNIST images; numpy's
      OpenBLAS does the same work either way, the TypeScript side may skip them)

The operands are laid out as in @dl/linalg's `matmul(a, b, {transA, transB, out})`: with transA,
`a` is stored k x m and used as `a.T` (numpy hands BLAS the transposed flag, no copy); with
transB, `b` is stored n x k. The product is written into a preallocated `out`, as the TypeScript
side does.

The benchmark starts this script with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE removed from the
environment (they may be set on this machine and pin OpenBLAS to a slower kernel), and with
OPENBLAS_NUM_THREADS=1 unless asked otherwise, since the TypeScript kernels use one thread.
"""

import ctypes
import glob
import json
import os
import sys
import time

import numpy as np


def openblas_info():
    """The OpenBLAS core (kernel family) and thread count numpy uses, or None if not found."""
    libs = glob.glob(os.path.join(os.path.dirname(np.__file__), "..", "numpy.libs", "libscipy_openblas*"))
    for path in libs:
        try:
            lib = ctypes.CDLL(path)
            for suffix in ("64_", ""):
                core = getattr(lib, f"scipy_openblas_get_corename{suffix}", None)
                threads = getattr(lib, f"scipy_openblas_get_num_threads{suffix}", None)
                if core is not None:
                    core.restype = ctypes.c_char_p
                    return {"core": core().decode(), "threads": threads() if threads else None}
        except OSError:
            pass
    return {"core": None, "threads": None}


def time_matmul(req, cache):
    m, n, k = req["m"], req["n"], req["k"]
    dtype = np.float32 if req["dtype"] == "float32" else np.float64
    zeros = req.get("zeros", 0)
    key = (m, n, k, req["transA"], req["transB"], req["dtype"], zeros)
    if key not in cache:
        rng = np.random.default_rng(0)
        a = rng.random((k, m) if req["transA"] else (m, k)).astype(dtype)
        b = rng.random((n, k) if req["transB"] else (k, n)).astype(dtype)
        a[rng.random(a.shape) < zeros] = 0
        cache[key] = (a.T if req["transA"] else a, b.T if req["transB"] else b, np.empty((m, n), dtype))
    a, b, out = cache[key]
    np.matmul(a, b, out=out)  # warm-up
    budget = req.get("budget_ms", 150) / 1000
    times = []
    start = time.perf_counter()
    while True:
        t0 = time.perf_counter()
        np.matmul(a, b, out=out)
        times.append(time.perf_counter() - t0)
        if time.perf_counter() - start >= budget and len(times) >= 3:
            break
    times.sort()
    return {"ms": times[len(times) // 2] * 1000, "reps": len(times)}


def main():
    cache = {}
    for line in sys.stdin:
        req = json.loads(line)
        if req["op"] == "info":
            res = {"numpy": np.__version__, **openblas_info()}
        elif req["op"] == "matmul":
            res = time_matmul(req, cache)
        else:
            res = {"error": f"unknown op {req['op']}"}
        sys.stdout.write(json.dumps(res) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
