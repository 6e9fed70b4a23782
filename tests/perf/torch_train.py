#!/usr/bin/python3
"""The PyTorch program of tests/perf/side-by-side.sh: the same network and SGD as numpy_backprop.py with autograd and
torch.optim.SGD (weight decay on the weights only), CPU, float64. --threads sets torch.set_num_threads (run it with
OPENBLAS_NUM_THREADS / OMP_NUM_THREADS as wanted). Prints `epoch i wall_s cpu_s loss` per epoch.

    OMP_NUM_THREADS=1 /usr/bin/python3 tests/perf/torch_train.py --threads 1 --arch 784-100-10 --batch 64
"""
import torch

import common


def main():
    ap = common.parser(__doc__)
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    try:
        torch.set_num_interop_threads(1)
    except RuntimeError:
        pass
    xn, yn = common.load(args)
    x, y = torch.from_numpy(xn), torch.from_numpy(yn)
    act = "sigmoid" if args.loss == "bce" else "tanh"
    model = common.mnist_mlp.torch_mlp(common.mnist_mlp.widths(args.arch), act, act, params=common.init(args))
    weights = [m.weight for m in model if isinstance(m, torch.nn.Linear)]
    biases = [m.bias for m in model if isinstance(m, torch.nn.Linear)]
    opt = torch.optim.SGD([{"params": weights, "weight_decay": args.l2}, {"params": biases, "weight_decay": 0.0}], lr=args.lr)
    gen = torch.Generator().manual_seed(args.seed)
    n = x.shape[0]

    def epoch(e):
        perm = torch.randperm(n, generator=gen)
        total = 0.0
        for i in range(0, n, args.batch):
            idx = perm[i: i + args.batch]
            xb, yb = x.index_select(0, idx), y.index_select(0, idx)
            a = model(xb)
            if args.loss == "bce":
                loss = torch.nn.functional.binary_cross_entropy(a, yb, reduction="sum") / xb.shape[0]
            else:
                loss = 0.5 * ((a - yb) ** 2).sum() / xb.shape[0]
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            total += loss.item() * xb.shape[0]
        return total / n

    common.run_epochs(args, epoch, f"PyTorch {torch.__version__} threads={args.threads}")


if __name__ == "__main__":
    main()
