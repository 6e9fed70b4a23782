#!/usr/bin/python3
"""PyTorch counterpart of TrainEpochBench (question 1): one full SGD epoch of the same 784-100-10 tanh
network, batch 64, squared-error loss 0.5*sum((a - y)^2) averaged over the batch, one-hot {0,1} targets,
N(0, 1/fan_in) weights (numpy generator, as tests/perf), zero bias, float64, on the CPU, over the first 60 000
MNIST training images (data and model from tests/python/mnist_mlp.py).

Prints the epoch time (mean, min, median over --epochs timed epochs after --warmup) and, given the JMH
JSON of TrainEpochBench (--java-json), the ratio ThermoLearn / PyTorch per Java backend.

Run with Debian's torch: /usr/bin/python3 tests/torch/compare_torch.py --threads 1
(tests/torch/compare_torch.sh runs the Java benchmark and this script with the same thread count).
"""
import argparse
import json
import os
import statistics
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
import mnist_mlp  # noqa: E402  (tests/python: MNIST and the MLP, shared with the other Python programs)


def load(args):
    if args.synthetic:
        x, labels = mnist_mlp.synthetic(args.samples, args.seed)
    else:
        x, labels = mnist_mlp.images(args.data_dir, "train", args.samples)
    return torch.from_numpy(np.ascontiguousarray(x)), torch.from_numpy(mnist_mlp.one_hot(labels))


def make_model(seed):
    """784-100-10 tanh (output tanh too), N(0, 1/fan_in) weights from numpy's generator, zero bias, float64."""
    arch = [784, 100, 10]
    return mnist_mlp.torch_mlp(arch, "tanh", "tanh", params=mnist_mlp.normal_init(arch, seed))


def epoch_autograd(model, opt, x, y, batch, gen):
    n = x.shape[0]
    perm = torch.randperm(n, generator=gen)
    total = 0.0
    for i in range(0, n, batch):
        idx = perm[i: i + batch]
        xb, yb = x.index_select(0, idx), y.index_select(0, idx)
        a = model(xb)
        loss = 0.5 * ((a - yb) ** 2).sum() / xb.shape[0]
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        total += loss.item() * xb.shape[0]
    return total / n


def epoch_manual(params, x, y, batch, lr, gen):
    """Hand-written backprop with torch ops (no autograd), the same algorithm as ThermoLearn's Backprop."""
    w1, b1, w2, b2 = params
    n = x.shape[0]
    perm = torch.randperm(n, generator=gen)
    total = 0.0
    for i in range(0, n, batch):
        idx = perm[i: i + batch]
        xb, yb = x.index_select(0, idx), y.index_select(0, idx)
        bsz = xb.shape[0]
        h = torch.tanh(torch.addmm(b1, xb, w1.t()))
        a = torch.tanh(torch.addmm(b2, h, w2.t()))
        e = a - yb
        total += 0.5 * float((e * e).sum())
        d2 = e * (1 - a * a)
        d1 = (d2 @ w2) * (1 - h * h)
        w2.sub_(d2.t() @ h, alpha=lr / bsz)
        b2.sub_(d2.sum(0), alpha=lr / bsz)
        w1.sub_(d1.t() @ xb, alpha=lr / bsz)
        b1.sub_(d1.sum(0), alpha=lr / bsz)
    return total / n


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--threads", type=int, default=1, help="torch.set_num_threads (default 1)")
    ap.add_argument("--epochs", type=int, default=5, help="timed epochs (default 5)")
    ap.add_argument("--warmup", type=int, default=1, help="untimed warm-up epochs (default 1)")
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--lr", type=float, default=0.1)
    ap.add_argument("--samples", type=int, default=60000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--synthetic", action="store_true", help="random MNIST-shaped data instead of MNIST")
    ap.add_argument("--manual", action="store_true", help="hand-written backprop instead of autograd + optim.SGD")
    ap.add_argument("--data-dir", default=mnist_mlp.default_data_dir())
    ap.add_argument("--java-json", help="JMH JSON result of TrainEpochBench, to print ThermoLearn/PyTorch")
    args = ap.parse_args()

    torch.set_num_threads(args.threads)
    try:
        torch.set_num_interop_threads(1)
    except RuntimeError:
        pass
    x, y = load(args)
    model = make_model(args.seed)
    gen = torch.Generator().manual_seed(args.seed)
    if args.manual:
        params = [model[0].weight.detach().clone(), model[0].bias.detach().clone(),
                  model[2].weight.detach().clone(), model[2].bias.detach().clone()]
        run = lambda: epoch_manual(params, x, y, args.batch, args.lr, gen)
    else:
        opt = torch.optim.SGD(model.parameters(), lr=args.lr)
        run = lambda: epoch_autograd(model, opt, x, y, args.batch, gen)
    times, cpus = [], []
    for e in range(args.warmup + args.epochs):
        t0, c0 = time.perf_counter(), time.process_time()
        loss = run()
        dt, dc = time.perf_counter() - t0, time.process_time() - c0
        if e >= args.warmup:
            times.append(dt)
            cpus.append(dc)
        print(f"  epoch {e}{' (warm-up)' if e < args.warmup else ''}: {dt:.3f} s wall, {dc:.3f} s process CPU, "
              f"mean train loss {loss:.5f}", file=sys.stderr)
    mean, lo, med = statistics.mean(times), min(times), statistics.median(times)
    cpu = statistics.mean(cpus)
    sd = statistics.stdev(times) if len(times) > 1 else 0.0
    load_avg = " ".join(f"{v:.2f}" for v in os.getloadavg())
    variant = "manual backprop" if args.manual else "autograd + optim.SGD"
    print(f"PyTorch {torch.__version__} CPU float64 ({variant}), threads={args.threads}, {x.shape[0]} samples, batch {args.batch}: "
          f"epoch mean {mean:.3f} s (sd {sd:.3f}, min {lo:.3f}, median {med:.3f}, n={len(times)}), process CPU {cpu:.3f} s/epoch, "
          f"load {load_avg}")
    if args.java_json:
        with open(args.java_json) as f:
            results = json.load(f)
        for r in results:
            if not r["benchmark"].endswith("TrainEpochBench.epoch"):
                continue
            p = r.get("params", {})
            m = r["primaryMetric"]
            js = m["score"] if m["scoreUnit"] == "s/op" else float("nan")
            sec = r.get("secondaryMetrics", {})
            # JMH sums EVENTS aux counters over the iterations: take the mean per iteration from the raw data
            raw = [v for fork in sec.get("processCpuS", {}).get("rawData", []) for v in fork]
            jcpu = statistics.mean(raw) if raw else float("nan")
            print(f"ThermoLearn {p.get('backend')}: epoch {js:.3f} ± {float(m['scoreError']):.3f} s wall, {jcpu:.3f} s process CPU  ->  "
                  f"ThermoLearn/PyTorch = {js / mean:.2f}x wall (min/min {min(m['rawData'][0]) / lo:.2f}x), {jcpu / cpu:.2f}x CPU")


if __name__ == "__main__":
    main()
