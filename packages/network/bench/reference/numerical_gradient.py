"""numpy reference: one full numerical gradient of the lecture's network, for `pnpm bench`.

The lecture's slow path: for every one of the 39,760 parameters of the 784-50-10 network
(Affine -> Relu -> Affine -> SoftmaxWithLoss), nudge it by +h and -h (h = 1e-4) with numpy's
nditer, compute the loss on the whole batch each time, and take (f(x+h) - f(x-h)) / 2h. That is
79,520 forward passes on a batch of 100: the first 100 MNIST training images of --mnist-dir, as
the TypeScript side uses. Weights are 0.01 * randn (numpy's own seed), biases zero; float64.

Usage:
  python3 numerical_gradient.py --mnist-dir DIR     # prints one JSON line: {"seconds": ...}

Run it with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset and OPENBLAS_NUM_THREADS=1.
"""

import argparse
import json
import time

import numpy as np
from mnist_idx import load_mnist

INPUT, HIDDEN, OUTPUT, BATCH, INIT_STD = 784, 50, 10, 100, 0.01


def numerical_gradient(f, x):
    """The lecture's nditer central difference (h = 1e-4), over every element of x, in place."""
    h = 1e-4
    grad = np.zeros_like(x)
    it = np.nditer(x, flags=["multi_index"], op_flags=["readwrite"])
    while not it.finished:
        index = it.multi_index
        tmp = x[index]
        x[index] = tmp + h
        fxh2 = f()  # f(x+h)
        x[index] = tmp - h
        fxh1 = f()  # f(x-h)
        grad[index] = (fxh2 - fxh1) / (2 * h)
        x[index] = tmp
        it.iternext()
    return grad


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mnist-dir", required=True)
    args = ap.parse_args()
    images, labels, _, _ = load_mnist(args.mnist_dir)
    x = images[:BATCH].astype(np.float64) / 255.0
    t = np.eye(OUTPUT)[labels[:BATCH]]
    rng = np.random.default_rng(0)
    params = {
        "W1": INIT_STD * rng.standard_normal((INPUT, HIDDEN)),
        "b1": np.zeros(HIDDEN),
        "W2": INIT_STD * rng.standard_normal((HIDDEN, OUTPUT)),
        "b2": np.zeros(OUTPUT),
    }

    def loss():
        p = params
        a1 = x @ p["W1"] + p["b1"]
        h = np.maximum(a1, 0)
        a2 = h @ p["W2"] + p["b2"]
        a2 = a2 - a2.max(axis=1, keepdims=True)
        y = np.exp(a2)
        y /= y.sum(axis=1, keepdims=True)
        return -np.sum(t * np.log(y + 1e-7)) / BATCH

    start = time.perf_counter()
    grads = {key: numerical_gradient(loss, p) for key, p in params.items()}
    seconds = time.perf_counter() - start
    norm = float(np.sqrt(sum(np.sum(g * g) for g in grads.values())))
    print(json.dumps({"seconds": seconds, "forward_passes": 2 * sum(p.size for p in params.values()), "grad_norm": norm}))


if __name__ == "__main__":
    main()
