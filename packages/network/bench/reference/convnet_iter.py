"""numpy reference: one training iteration of the book's SimpleConvNet, for `pnpm bench`.

Deep Learning from Scratch, chapter 7: conv (30 filters 5x5, stride 1, pad 0) -> Relu ->
max-pool 2x2 stride 2 -> Affine 100 -> Relu -> Affine 10 -> SoftmaxWithLoss, weights 0.01 * randn,
Adam lr 0.001, batch 100. Convolution and pooling go through im2col/col2im the textbook way
(np.pad, one strided slice per filter position, transpose), written here from the chapter.

One iteration: draw 100 indices, gather those images (bytes) and scale them to [0, 1] in the
benchmark's dtype, forward, backward, Adam update.

Usage:
  python3 convnet_iter.py --mnist-dir DIR [--rounds 3] [--budget-ms 2000]
  python3 convnet_iter.py --mnist-dir DIR --serve
      {"op": "info"} -> numpy version and OpenBLAS core
      {"op": "train_iter", "dtype": "float32", "budget_ms": 2000} -> {"ms": median ms per iteration}
      {"op": "train_stages", "dtype": "float32", "budget_ms": 2000} -> {"ms": {stage: median ms}}
"""

import argparse
import json

import numpy as np
from bench_server import median_ms, median_stages, serve
from mnist_idx import load_mnist
from train_iter import openblas_core, openblas_threads

BATCH, LR, INIT_STD = 100, 0.001, 0.01
FN, FS, HIDDEN, OUTPUT = 30, 5, 100, 10


def im2col(x, fh, fw, stride=1, pad=0):
    n, c, h, w = x.shape
    oh = (h + 2 * pad - fh) // stride + 1
    ow = (w + 2 * pad - fw) // stride + 1
    img = np.pad(x, [(0, 0), (0, 0), (pad, pad), (pad, pad)])
    col = np.zeros((n, c, fh, fw, oh, ow), x.dtype)
    for y in range(fh):
        for xx in range(fw):
            col[:, :, y, xx, :, :] = img[:, :, y : y + stride * oh : stride, xx : xx + stride * ow : stride]
    return col.transpose(0, 4, 5, 1, 2, 3).reshape(n * oh * ow, -1)


def col2im(col, shape, fh, fw, stride=1, pad=0):
    n, c, h, w = shape
    oh = (h + 2 * pad - fh) // stride + 1
    ow = (w + 2 * pad - fw) // stride + 1
    col = col.reshape(n, oh, ow, c, fh, fw).transpose(0, 3, 4, 5, 1, 2)
    img = np.zeros((n, c, h + 2 * pad + stride - 1, w + 2 * pad + stride - 1), col.dtype)
    for y in range(fh):
        for xx in range(fw):
            img[:, :, y : y + stride * oh : stride, xx : xx + stride * ow : stride] += col[:, :, y, xx, :, :]
    return img[:, :, pad : h + pad, pad : w + pad]


class Bench:
    """SimpleConvNet's parameters and Adam's state for one dtype, plus the iteration itself."""

    def __init__(self, dtype, images, labels, seed=0):
        rng = np.random.default_rng(seed)
        self.dtype = dtype
        self.images = images.reshape(-1, 1, 28, 28)
        self.labels = labels
        self.rng = np.random.default_rng(seed + 1)
        self.p = {
            "W1": (INIT_STD * rng.standard_normal((FN, 1, FS, FS))).astype(dtype),
            "b1": np.zeros(FN, dtype),
            "W2": (INIT_STD * rng.standard_normal((FN * 12 * 12, HIDDEN))).astype(dtype),
            "b2": np.zeros(HIDDEN, dtype),
            "W3": (INIT_STD * rng.standard_normal((HIDDEN, OUTPUT))).astype(dtype),
            "b3": np.zeros(OUTPUT, dtype),
        }
        self.m = {k: np.zeros_like(v) for k, v in self.p.items()}
        self.v = {k: np.zeros_like(v) for k, v in self.p.items()}
        self.step = 0
        self.eye = np.eye(OUTPUT, dtype=dtype)

    def iteration(self, lap=None):
        """One training iteration; `lap(stage)`, when given, is called with each stage's name as it ends."""
        lap = lap or (lambda _stage: None)
        p = self.p
        idx = self.rng.choice(len(self.labels), BATCH)
        x = self.images[idx].astype(self.dtype) / self.dtype(255)
        t = self.eye[self.labels[idx]]
        n = x.shape[0]
        lap("batch")
        # Convolution.forward
        col = im2col(x, FS, FS)
        col_w = p["W1"].reshape(FN, -1).T
        c1 = (col @ col_w + p["b1"]).reshape(n, 24, 24, -1).transpose(0, 3, 1, 2)
        lap("conv forward")
        # Relu
        mask1 = c1 <= 0
        r1 = c1.copy()
        r1[mask1] = 0
        lap("relu forward")
        # Pooling.forward
        pcol = im2col(r1, 2, 2, 2).reshape(-1, 4)
        arg_max = np.argmax(pcol, axis=1)
        pooled = np.max(pcol, axis=1).reshape(n, 12, 12, FN).transpose(0, 3, 1, 2)
        lap("pool forward")
        # Affine, Relu, Affine
        flat = pooled.reshape(n, -1)
        a2 = flat @ p["W2"] + p["b2"]
        mask2 = a2 <= 0
        a2[mask2] = 0
        a3 = a2 @ p["W3"] + p["b3"]
        a3 = a3 - a3.max(axis=1, keepdims=True)
        y = np.exp(a3)
        y /= y.sum(axis=1, keepdims=True)
        loss = -np.sum(t * np.log(y + 1e-7)) / n
        lap("affine, relu, affine, loss forward")
        # backward
        dy = (y - t) / n
        g = {"W3": a2.T @ dy, "b3": dy.sum(axis=0)}
        dh = dy @ p["W3"].T
        dh[mask2] = 0
        g["W2"] = flat.T @ dh
        g["b2"] = dh.sum(axis=0)
        dflat = (dh @ p["W2"].T).reshape(pooled.shape)
        lap("loss, affine, relu, affine backward")
        # Pooling.backward
        dout = dflat.transpose(0, 2, 3, 1)
        dmax = np.zeros((dout.size, 4), self.dtype)
        dmax[np.arange(arg_max.size), arg_max.flatten()] = dout.flatten()
        dmax = dmax.reshape(dout.shape + (4,))
        dcol = dmax.reshape(dmax.shape[0] * dmax.shape[1] * dmax.shape[2], -1)
        dr1 = col2im(dcol, r1.shape, 2, 2, 2)
        lap("pool backward")
        # Relu.backward
        dr1[mask1] = 0
        lap("relu backward")
        # Convolution.backward (dx of the first layer is not needed)
        d = dr1.transpose(0, 2, 3, 1).reshape(-1, FN)
        g["b1"] = d.sum(axis=0)
        g["W1"] = (col.T @ d).transpose(1, 0).reshape(FN, 1, FS, FS)
        lap("conv backward")
        # Adam, as the book's common/optimizer.py
        self.step += 1
        lr_t = LR * np.sqrt(1.0 - 0.999**self.step) / (1.0 - 0.9**self.step)
        for k in p:
            self.m[k] += (1 - 0.9) * (g[k] - self.m[k])
            self.v[k] += (1 - 0.999) * (g[k] ** 2 - self.v[k])
            p[k] -= (lr_t * self.m[k] / (np.sqrt(self.v[k]) + 1e-7)).astype(self.dtype)
        lap("adam")
        return loss

    def time(self, budget_ms):
        return median_ms(self.iteration, budget_ms)

    def stages(self, budget_ms):
        """The median ms of each stage of an iteration, over iterations for about `budget_ms`."""
        return median_stages(self.iteration, budget_ms)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mnist-dir", required=True, help="folder of the MNIST IDX files")
    ap.add_argument("--serve", action="store_true")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--budget-ms", type=float, default=2000)
    args = ap.parse_args()
    images, labels, _, _ = load_mnist(args.mnist_dir)
    benches = {}

    def bench(name):
        if name not in benches:
            benches[name] = Bench(np.float32 if name == "float32" else np.float64, images, labels)
        return benches[name]

    if args.serve:
        serve(bench, 2000, lambda: {"core": openblas_core(), "threads": openblas_threads()})
        return
    result = {}
    for name in ("float64", "float32"):
        result[name] = sorted(bench(name).time(args.budget_ms)["ms"] for _ in range(args.rounds))[args.rounds // 2]
    print(json.dumps({"numpy": np.__version__, "core": openblas_core(), "ms_per_iteration": result}))


if __name__ == "__main__":
    main()
