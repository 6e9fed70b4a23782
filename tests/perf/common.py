"""Shared by numpy_backprop.py and torch_train.py: arguments, data (MNIST from the ThermoLearn cache, or MNIST-shaped
synthetic images), the initial network (N(0, 1/fan_in) weights, zero bias) and the per-epoch report line
`epoch i wall_s cpu_s loss` that tests/perf/side-by-side.sh parses."""
import argparse
import gzip
import os
import time

import numpy as np


def parser(description):
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--arch", default="784-100-10")
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--loss", default="mse", choices=["mse", "bce"], help="mse: tanh + squared error; bce: sigmoid + cross-entropy")
    ap.add_argument("--lr", type=float, default=0.1)
    ap.add_argument("--l2", type=float, default=0.0, help="L2 weight decay lambda (weights only), w -= lr (g + lambda w)")
    ap.add_argument("--epochs", type=int, default=4, help="epochs, all timed (the first includes warm-up)")
    ap.add_argument("--samples", type=int, default=50000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--data", default="mnist", choices=["mnist", "synthetic"])
    ap.add_argument("--data-dir", default=os.environ.get("THERMOLEARN_DATA") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "thermolearn", "mnist"))
    return ap


def _read_idx(path):
    with (gzip.open if path.endswith(".gz") else open)(path, "rb") as f:
        data = f.read()
    ndim = data[3]
    dims = [int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(ndim)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def _find(d, stem):
    for name in (stem, stem + ".gz", stem.replace("-idx", ".idx"), stem.replace("-idx", ".idx") + ".gz"):
        if os.path.exists(os.path.join(d, name)):
            return os.path.join(d, name)
    raise SystemExit(f"{stem} not found in {d}; run `./thermolearn fetch-data` or use --data synthetic")


def load(args):
    if args.data == "synthetic":
        rng = np.random.default_rng(args.seed)
        x = np.where(rng.random((args.samples, 784)) < 0.19, rng.random((args.samples, 784)), 0.0)
        labels = rng.integers(0, 10, args.samples)
    else:
        x = _read_idx(_find(args.data_dir, "train-images-idx3-ubyte")).reshape(-1, 784)[: args.samples].astype(np.float64) / 255.0
        labels = _read_idx(_find(args.data_dir, "train-labels-idx1-ubyte"))[: args.samples].astype(np.int64)
    y = np.zeros((len(labels), 10))
    y[np.arange(len(labels)), labels] = 1.0
    return np.ascontiguousarray(x), y


def init(args):
    widths = [int(w) for w in args.arch.split("-")]
    rng = np.random.default_rng(args.seed)
    ws = [rng.standard_normal((widths[i + 1], widths[i])) / np.sqrt(widths[i]) for i in range(len(widths) - 1)]
    bs = [np.zeros(widths[i + 1]) for i in range(len(widths) - 1)]
    return ws, bs


def run_epochs(args, epoch, label):
    print(f"# {label} {args.arch} batch {args.batch} loss {args.loss} l2 {args.l2} {args.samples} samples ({args.data})", flush=True)
    for e in range(args.epochs):
        t0, c0 = time.perf_counter(), time.process_time()
        loss = epoch(e)
        print(f"epoch {e} {time.perf_counter() - t0:.4f} {time.process_time() - c0:.4f} {loss:.6f}", flush=True)
