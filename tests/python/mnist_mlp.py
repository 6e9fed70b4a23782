"""MNIST (IDX files) and the multi-layer perceptron, shared by the Python programs of the test suite:
tests/python/torch_models.py (fixtures for the model readers), tests/torch/compare_torch.py (question 1 of
tests/BENCHMARKS.md) and tests/perf/{numpy_backprop,torch_train}.py (tests/perf/side-by-side.sh, through
tests/perf/common.py). numpy is imported here, torch only by torch_mlp.

Scripts outside tests/python import it with
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
"""
import gzip
import os

import numpy as np

#: activation name -> torch.nn module name ("identity" adds no module)
TORCH_ACTIVATIONS = {"tanh": "Tanh", "sigmoid": "Sigmoid", "relu": "ReLU", "softplus": "Softplus"}


def default_data_dir():
    """$THERMOLEARN_DATA, else the ThermoLearn cache ($XDG_CACHE_HOME or ~/.cache)/thermolearn/mnist."""
    return os.environ.get("THERMOLEARN_DATA") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "thermolearn", "mnist")


def read_idx(path):
    """An IDX file (raw or .gz) as a uint8 array of its declared shape."""
    with (gzip.open if path.endswith(".gz") else open)(path, "rb") as f:
        data = f.read()
    ndim = data[3]
    dims = [int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(ndim)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def find(data_dir, stem):
    """The file of an IDX stem (e.g. train-images-idx3-ubyte) in data_dir: raw or .gz, '-idx' or '.idx' spelling."""
    dotted = stem.replace("-idx", ".idx")
    for name in (stem, stem + ".gz", dotted, dotted + ".gz"):
        p = os.path.join(data_dir, name)
        if os.path.exists(p):
            return p
    raise SystemExit(f"{stem}(.gz) not found in {data_dir}; run `./thermolearn fetch-data` or pass another data directory")


def images(data_dir, split="train", count=None):
    """The first count images of a split ("train" or "test") as float64 rows in [0, 1], and their int64 labels."""
    prefix = "train" if split == "train" else "t10k"
    x = read_idx(find(data_dir, prefix + "-images-idx3-ubyte"))[:count]
    x = x.reshape(len(x), -1).astype(np.float64) / 255.0
    labels = read_idx(find(data_dir, prefix + "-labels-idx1-ubyte"))[:count].astype(np.int64)
    return np.ascontiguousarray(x), labels


def synthetic(count, seed, pixels=784, classes=10):
    """MNIST-shaped random images (19 % of the pixels lit, uniform in [0, 1)) and uniform labels."""
    rng = np.random.default_rng(seed)
    x = np.where(rng.random((count, pixels)) < 0.19, rng.random((count, pixels)), 0.0)
    return x, rng.integers(0, classes, count)


def one_hot(labels, classes=10):
    y = np.zeros((len(labels), classes))
    y[np.arange(len(labels)), labels] = 1.0
    return y


def widths(arch):
    """'784-100-10' -> [784, 100, 10]."""
    return [int(w) for w in arch.split("-")]


def normal_init(ws_widths, seed):
    """Weights N(0, 1/fan_in) (out x in per layer), zero biases, from numpy's default_rng(seed)."""
    rng = np.random.default_rng(seed)
    ws = [rng.standard_normal((ws_widths[i + 1], ws_widths[i])) / np.sqrt(ws_widths[i]) for i in range(len(ws_widths) - 1)]
    bs = [np.zeros(ws_widths[i + 1]) for i in range(len(ws_widths) - 1)]
    return ws, bs


def torch_mlp(layer_widths, hidden="tanh", output="identity", params=None, dtype=None):
    """An nn.Sequential of Linear layers with the hidden activation between them and the output activation after the
    last ("identity": none), in dtype (default float64). params = (weights, biases), numpy arrays out x in and out,
    replaces torch's default initialisation (which then follows torch's global seed)."""
    import torch
    dtype = dtype or torch.float64
    layers = []
    last = len(layer_widths) - 2
    for k in range(last + 1):
        lin = torch.nn.Linear(layer_widths[k], layer_widths[k + 1]).to(dtype)
        if params is not None:
            with torch.no_grad():
                lin.weight.copy_(torch.from_numpy(np.asarray(params[0][k])))
                lin.bias.copy_(torch.from_numpy(np.asarray(params[1][k])))
        layers.append(lin)
        act = output if k == last else hidden
        if act != "identity":
            layers.append(getattr(torch.nn, TORCH_ACTIVATIONS[act])())
    return torch.nn.Sequential(*layers)
