#!/usr/bin/python3
"""Real-producer fixtures for ThermoLearn's model readers (issue 12), run with Debian's python3-torch,
python3-numpy and python3-onnx (/usr/bin/python3; `apt-get install python3-torch python3-numpy python3-onnx`).

  train    trains an nn.Sequential MLP (Linear/Tanh/.../Linear, logits out) for one epoch of SGD on the first
           --count images of an IDX data set (MNIST or Fashion-MNIST) and saves it three ways:
             model.onnx         torch.onnx.export (opset 13, float32, dynamic batch)
             model.npz          numpy.savez(**state_dict)
             model.safetensors  written here from the published layout (8-byte LE header length, JSON
                                header {name: {dtype, shape, data_offsets}}, raw little-endian data)
           and an independent numpy reference, reference.npz: the non-trivial ln(lambda) of
           G = (I - F'w)^T (I - F'w) (f' at the bias, m = 0) over all N neurons (ln_all) and with inputs clamped
           (ln_clamped), and per layer the ESD of W^T W / max(rows, cols) with a Clauset-Shalizi-Newman
           power-law fit (esd_K, fit_K = [alpha, x_min, ks_distance, n_tail]).
  readback reads a network exported by `thermolearn export` (.onnx with the onnx package, .npz with numpy),
           runs it with torch in float64 on the first --count test images and saves the outputs (.npy).
"""
import argparse
import json
import os
import struct
import sys

import numpy as np

import mnist_mlp  # MNIST and the MLP, shared with tests/perf and tests/torch


def fprime(name, z):
    if name == "tanh":
        return 1 - np.tanh(z) ** 2
    if name == "sigmoid":
        s = 1 / (1 + np.exp(-z))
        return s * (1 - s)
    if name == "relu":
        return (z > 0).astype(np.float64)
    if name == "softplus":
        return 1 / (1 + np.exp(-z))
    if name == "identity":
        return np.ones_like(z)
    raise ValueError(name)


def g_spectrum(weights, biases, hidden, output, clamped):
    """Non-trivial ln(lambda) of G = A^T A, A = I - F'w (dense), the left half from A^{-1} = sum_k (F'w)^k."""
    widths = [weights[0].shape[1]] + [w.shape[0] for w in weights]
    off = np.concatenate([[0], np.cumsum(widths)])
    n = off[-1]
    w_hat = np.zeros((n, n))
    fp = np.zeros(n)
    for k, (w, b) in enumerate(zip(weights, biases)):
        w_hat[off[k + 1]:off[k + 2], off[k]:off[k + 1]] = w
        fp[off[k + 1]:off[k + 2]] = fprime(output if k == len(weights) - 1 else hidden, b)
    m = fp[:, None] * w_hat
    if clamped:
        m = m[widths[0]:, widths[0]:]
    a = np.eye(m.shape[0]) - m
    inv = np.eye(m.shape[0])
    p = np.eye(m.shape[0])
    for _ in range(len(widths)):
        p = p @ m
        inv = inv + p
    s = np.sort(np.linalg.svd(a, compute_uv=False))
    t = np.sort(1 / np.linalg.svd(inv, compute_uv=False))
    ln_s = np.where(t < 1, 2 * np.log(t), 2 * np.log(s))
    return np.sort(ln_s[np.abs(ln_s) > 1e-9])


def csn_fit(x, min_tail=5):
    """Clauset-Shalizi-Newman: continuous MLE alpha for each distinct x_min leaving >= min_tail points, KS choice."""
    x = np.sort(x[(x > 0) & np.isfinite(x)])
    n = len(x)
    best = (np.nan, np.nan, np.inf, 0)
    for i in range(n - min_tail + 1):
        if i > 0 and x[i] == x[i - 1]:
            continue
        tail = x[i:]
        m = len(tail)
        s = np.sum(np.log(tail / x[i]))
        if not s > 0:
            continue
        alpha = 1 + m / s
        cdf = 1 - (tail / x[i]) ** (1 - alpha)
        k = np.arange(m)
        d = max(np.max((k + 1) / m - cdf), np.max(cdf - k / m))
        if d < best[2]:
            best = (alpha, x[i], d, m)
    return np.array(best, dtype=np.float64)


def save_safetensors(path, state):
    header, blobs, at = {}, [], 0
    for name, t in state.items():
        arr = np.ascontiguousarray(t, dtype="<f4")
        raw = arr.tobytes()
        header[name] = {"dtype": "F32", "shape": list(arr.shape), "data_offsets": [at, at + len(raw)]}
        blobs.append(raw)
        at += len(raw)
    header["__metadata__"] = {"format": "pt"}
    h = json.dumps(header, separators=(",", ":")).encode("utf-8")
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for b in blobs:
            f.write(b)


def train(args):
    import torch
    torch.manual_seed(args.seed)
    widths = mnist_mlp.widths(args.arch)
    model = mnist_mlp.torch_mlp(widths, args.activation, "identity", dtype=torch.float32)
    x, y = mnist_mlp.images(args.data, "train", args.count)
    xt, yt = torch.tensor(x, dtype=torch.float32), torch.tensor(y)
    opt = torch.optim.SGD(model.parameters(), lr=args.lr)
    for _ in range(args.epochs):
        perm = torch.randperm(len(xt))
        for s in range(0, len(xt), 32):
            idx = perm[s:s + 32]
            opt.zero_grad()
            loss = torch.nn.functional.cross_entropy(model(xt[idx]), yt[idx])
            loss.backward()
            opt.step()
    model.eval()
    os.makedirs(args.out, exist_ok=True)
    torch.onnx.export(model, torch.zeros(1, widths[0]), os.path.join(args.out, "model.onnx"), opset_version=13,
                      input_names=["x"], output_names=["y"], dynamic_axes={"x": {0: "batch"}, "y": {0: "batch"}})
    state = {k: v.detach().numpy() for k, v in model.state_dict().items()}
    np.savez(os.path.join(args.out, "model.npz"), **state)
    save_safetensors(os.path.join(args.out, "model.safetensors"), state)
    ws = [state[k].astype(np.float64) for k in state if k.endswith(".weight")]
    bs = [state[k].astype(np.float64) for k in state if k.endswith(".bias")]
    ref = {"ln_all": g_spectrum(ws, bs, args.activation, "identity", False),
           "ln_clamped": g_spectrum(ws, bs, args.activation, "identity", True)}
    for k, w in enumerate(ws):
        ev = np.sort(np.linalg.svd(w, compute_uv=False) ** 2 / max(w.shape))
        ref["esd_%d" % k] = ev
        ref["fit_%d" % k] = csn_fit(ev)
    np.savez(os.path.join(args.out, "reference.npz"), **ref)
    with torch.no_grad():
        acc = (model(torch.tensor(mnist_mlp.images(args.data, "test", 1000)[0], dtype=torch.float32)).argmax(1).numpy()
               == mnist_mlp.images(args.data, "test", 1000)[1]).mean()
    print("trained %s (%s) on %d images, test accuracy %.3f; wrote %s" % (args.arch, args.activation, args.count, acc, args.out))


def readback(args):
    import onnx
    import torch
    from onnx import numpy_helper
    x = torch.tensor(mnist_mlp.images(args.data, "test", args.count)[0], dtype=torch.float64)
    outs = {}
    if args.onnx:
        m = onnx.load(args.onnx)
        onnx.checker.check_model(m)
        env = {m.graph.input[0].name: x}
        for init in m.graph.initializer:
            env[init.name] = torch.tensor(numpy_helper.to_array(init).astype(np.float64))
        for node in m.graph.node:
            i = [env[n] for n in node.input]
            if node.op_type == "Gemm":
                attrs = {a.name: a for a in node.attribute}
                w = i[1].T if "transB" in attrs and attrs["transB"].i else i[1]
                r = i[0] @ w
                if len(i) > 2:
                    r = r + i[2]
            elif node.op_type == "Add":
                r = i[0] + i[1]
            elif node.op_type == "Tanh":
                r = torch.tanh(i[0])
            elif node.op_type == "Sigmoid":
                r = torch.sigmoid(i[0])
            elif node.op_type == "Relu":
                r = torch.relu(i[0])
            elif node.op_type == "Softplus":
                r = torch.nn.functional.softplus(i[0])
            elif node.op_type == "Identity":
                r = i[0]
            else:
                raise SystemExit("unexpected op " + node.op_type)
            env[node.output[0]] = r
        outs["onnx"] = env[m.graph.output[0].name].numpy()
    if args.npz:
        z = np.load(args.npz)
        keys = sorted({int(k.split(".")[0]) for k in z.files})
        ws = [z["%d.weight" % k] for k in keys]
        bs = [z["%d.bias" % k] for k in keys]
        model = mnist_mlp.torch_mlp([ws[0].shape[1]] + [w.shape[0] for w in ws], args.activation, "identity", params=(ws, bs))
        with torch.no_grad():
            outs["npz"] = model(x).numpy()
    np.savez(args.out, **outs)
    print("read back %s on %d test images" % (", ".join(outs), args.count))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("mode", choices=["train", "readback"])
    p.add_argument("--data", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--arch", default="784-64-32-10")
    p.add_argument("--activation", default="tanh", choices=sorted(mnist_mlp.TORCH_ACTIVATIONS))
    p.add_argument("--count", type=int, default=3000)
    p.add_argument("--epochs", type=int, default=1)
    p.add_argument("--lr", type=float, default=0.1)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--onnx")
    p.add_argument("--npz")
    args = p.parse_args()
    train(args) if args.mode == "train" else readback(args)


if __name__ == "__main__":
    sys.exit(main())
