#!/usr/bin/python3
"""A plain vectorised numpy back-propagation program, the baseline of tests/perf/side-by-side.sh: SGD on a layered
tanh (mse) or sigmoid (bce) network, float64, the batch gathered by a random permutation per epoch,
w -= lr (mean gradient + l2 w), b -= lr (mean gradient). Prints `epoch i wall_s cpu_s loss` per epoch.

    /usr/bin/python3 tests/perf/numpy_backprop.py --arch 784-100-10 --batch 64 --epochs 4
"""
import numpy as np

import common


def main():
    args = common.parser(__doc__).parse_args()
    x, y = common.load(args)
    ws, bs = common.init(args)
    rng = np.random.default_rng(args.seed + 1)
    sigmoid = args.loss == "bce"
    f = (lambda z: 1.0 / (1.0 + np.exp(-z))) if sigmoid else np.tanh
    df = (lambda a: a * (1 - a)) if sigmoid else (lambda a: 1 - a * a)
    n, nl = x.shape[0], len(ws)

    def epoch(e):
        perm = rng.permutation(n)
        total = 0.0
        for i in range(0, n, args.batch):
            idx = perm[i: i + args.batch]
            acts = [x[idx]]
            for w, b in zip(ws, bs):
                acts.append(f(acts[-1] @ w.T + b))
            a, t = acts[-1], y[idx]
            if sigmoid:
                p = np.clip(a, 1e-15, 1 - 1e-15)
                total -= float(np.sum(t * np.log(p) + (1 - t) * np.log(1 - p)))
                d = a - t
            else:
                err = a - t
                total += 0.5 * float(np.sum(err * err))
                d = err * df(a)
            inv = 1.0 / len(idx)
            for k in range(nl - 1, -1, -1):
                gw = (d.T @ acts[k]) * inv
                gb = d.sum(0) * inv
                if k > 0:
                    d = (d @ ws[k]) * df(acts[k])
                if args.l2:
                    ws[k] -= args.lr * (gw + args.l2 * ws[k])
                else:
                    ws[k] -= args.lr * gw
                bs[k] -= args.lr * gb
        return total / n

    common.run_epochs(args, epoch, f"numpy {np.__version__}")


if __name__ == "__main__":
    main()
