"""numpy reference: the default `dl train` run, for `pnpm bench`.

The same run as `dl train` with its defaults, written as a numpy user of the lecture would write it:
784-50-10 (Affine -> Relu -> Affine -> SoftmaxWithLoss), weights 0.01 * randn and zero biases,
SGD lr 0.1, batches of 100 drawn with replacement, 10,000 iterations, float64; every 600 iterations
(from the first, the book's `i % iter_per_epoch == 0`) and once after the last, the accuracy on all
60,000 training and 10,000 test images. Its own seed (numpy's generator differs from ours), so the
final accuracy agrees with TypeScript's to within the spread between seeds, not digit for digit.

The images are converted to float64 once, all 60,000 (376 MB), as the lecture's code does.

Usage:
  python3 train_full.py --mnist-dir DIR [--seed 42] [--iters 10000]
      # prints the log lines, then one JSON line: train_seconds, test_accuracy, ...

Run it with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset and OPENBLAS_NUM_THREADS=1.
"""

import argparse
import json
import time

import numpy as np
from mnist_idx import load_mnist

INPUT, HIDDEN, OUTPUT, BATCH, LR, INIT_STD = 784, 50, 10, 100, 0.1, 0.01


class SimpleNetwork:
    def __init__(self, rng):
        self.params = {
            "W1": INIT_STD * rng.standard_normal((INPUT, HIDDEN)),
            "b1": np.zeros(HIDDEN),
            "W2": INIT_STD * rng.standard_normal((HIDDEN, OUTPUT)),
            "b2": np.zeros(OUTPUT),
        }

    def predict(self, x):
        p = self.params
        return np.maximum(x @ p["W1"] + p["b1"], 0) @ p["W2"] + p["b2"]

    def accuracy(self, x, labels):
        return float(np.mean(np.argmax(self.predict(x), axis=1) == labels))

    def loss_and_gradient(self, x, t):
        p = self.params
        a1 = x @ p["W1"] + p["b1"]
        mask = a1 <= 0
        h = a1
        h[mask] = 0
        a2 = h @ p["W2"] + p["b2"]
        a2 = a2 - a2.max(axis=1, keepdims=True)
        y = np.exp(a2)
        y /= y.sum(axis=1, keepdims=True)
        n = x.shape[0]
        loss = -np.sum(t * np.log(y + 1e-7)) / n
        dy = (y - t) / n
        grads = {"W2": h.T @ dy, "b2": dy.sum(axis=0)}
        dh = dy @ p["W2"].T
        dh[mask] = 0
        grads["W1"] = x.T @ dh
        grads["b1"] = dh.sum(axis=0)
        return loss, grads


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mnist-dir", required=True)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--iters", type=int, default=10000)
    args = ap.parse_args()
    start = time.perf_counter()
    train_images, train_labels, test_images, test_labels = load_mnist(args.mnist_dir)
    x_train = train_images.astype(np.float64) / 255.0
    x_test = test_images.astype(np.float64) / 255.0
    t_train = np.eye(OUTPUT)[train_labels]
    rng = np.random.default_rng(args.seed)
    net = SimpleNetwork(rng)
    iter_per_epoch = max(len(x_train) // BATCH, 1)
    train_start = time.perf_counter()
    train_acc = test_acc = 0.0
    for i in range(args.iters):
        batch_mask = rng.choice(len(x_train), BATCH)
        loss, grads = net.loss_and_gradient(x_train[batch_mask], t_train[batch_mask])
        for key in net.params:
            net.params[key] -= LR * grads[key]
        if i % iter_per_epoch == 0 or i == args.iters - 1:
            train_acc = net.accuracy(x_train, train_labels)
            test_acc = net.accuracy(x_test, test_labels)
            print(f"loss = {loss:.4f} time = {time.perf_counter() - train_start:.4f} n = {i + 1:06d} | {train_acc:.4f} {test_acc:.4f}", flush=True)
    train_seconds = time.perf_counter() - train_start
    print(json.dumps({
        "train_seconds": train_seconds,
        "total_seconds": time.perf_counter() - start,
        "test_accuracy": test_acc,
        "train_accuracy": train_acc,
        "iterations": args.iters,
        "seed": args.seed,
    }))


if __name__ == "__main__":
    main()
