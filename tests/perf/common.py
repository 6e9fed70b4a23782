"""Shared by numpy_backprop.py and torch_train.py: arguments, data (MNIST from the ThermoLearn cache, or MNIST-shaped
synthetic images), the initial network (N(0, 1/fan_in) weights, zero bias) and the per-epoch report line
`epoch i wall_s cpu_s loss` that tests/perf/side-by-side.sh parses."""
import argparse
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
import mnist_mlp  # noqa: E402  (tests/python: MNIST and the MLP, shared with the other Python programs)


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
    ap.add_argument("--data-dir", default=mnist_mlp.default_data_dir())
    return ap


def load(args):
    """Inputs (samples x 784, float64 in [0, 1]) and one-hot targets of --data."""
    if args.data == "synthetic":
        x, labels = mnist_mlp.synthetic(args.samples, args.seed)
    else:
        x, labels = mnist_mlp.images(args.data_dir, "train", args.samples)
    return np.ascontiguousarray(x), mnist_mlp.one_hot(labels)


def init(args):
    """The initial network of every program: N(0, 1/fan_in) weights, zero biases (numpy seed --seed)."""
    return mnist_mlp.normal_init(mnist_mlp.widths(args.arch), args.seed)


def run_epochs(args, epoch, label):
    print(f"# {label} {args.arch} batch {args.batch} loss {args.loss} l2 {args.l2} {args.samples} samples ({args.data})", flush=True)
    for e in range(args.epochs):
        t0, c0 = time.perf_counter(), time.process_time()
        loss = epoch(e)
        print(f"epoch {e} {time.perf_counter() - t0:.4f} {time.process_time() - c0:.4f} {loss:.6f}", flush=True)
