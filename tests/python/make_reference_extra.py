#!/usr/bin/python3
"""Independent dense references for what thermo-reference.json does not cover (issue 18).

Run with Debian's python (numpy only):  /usr/bin/python3 tests/python/make_reference_extra.py
It rewrites
  thermo/src/test/resources/thermo-reference-extra.json
  experiments/src/test/resources/fprime-data-reference.json
and never touches thermo-reference.json.

Everything is computed by the plainest dense route, straight from theory.md, sharing no code with
the Java toolkit:
  W       the dense N x N weight matrix, W[to, from] (blocks w of shape (size[to], size[from]))
  F'      diag f'(b) with the activation of the neuron's OWN group (hidden groups: hidden activation,
          the last group: output activation), 0 on inputs (A2 default); or, for "fprime_data", f'
          evaluated at the pre-activations z = W a + b of a forward pass over the samples, averaged
          over the samples (A2 (b)); f' is written as a function of z here (1 - tanh(z)^2,
          s(z)(1 - s(z)), 1)
  A       I - F'W;  G = A^T A + m I (S11); clamped space: the rows/columns of the non-input neurons
  lambda  numpy.linalg.eigvalsh(G), all N_G of them
  C_>(l_c) = -1/2 sum_{lambda > l_c} ln lambda (S21), over all N_G eigenvalues
  C_m     = -1/2 sum ln(kappa + m_C), kappa the eigenvalues of A^T A
  E0      = min_x 1/2 |A x - c|^2 + m/2 |x|^2 ... written as the literal (S10) minimum
            E0 = 1/2 c^T (I - A G^{-1} A^T) c with c = f(b) (0 on inputs), solved densely
  ln Z    = (N_G/2) ln 2 pi - (N_G/2) ln beta - 1/2 ln det G - beta E0 (S13);
  U = N_G/(2 beta) + E0 (S14); F = -ln Z / beta (S15); S = beta U + ln Z (S16)
"""
import json
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))


def f(name, z):
    if name == "tanh":
        return np.tanh(z)
    if name == "sigmoid":
        return 1.0 / (1.0 + np.exp(-z))
    if name == "identity":
        return np.array(z, dtype=float)
    raise ValueError(name)


def df(name, z):
    if name == "tanh":
        return 1.0 - np.tanh(z) ** 2
    if name == "sigmoid":
        s = 1.0 / (1.0 + np.exp(-z))
        return s * (1.0 - s)
    if name == "identity":
        return np.ones_like(z, dtype=float)
    raise ValueError(name)


def make_net(rng, name, sizes, hidden, output, skips=(), scale=1.3, bias_scale=0.8):
    edges = [(g, g + 1) for g in range(len(sizes) - 1)] + list(skips)
    blocks = []
    for (a, b) in edges:
        w = rng.normal(0.0, scale / np.sqrt(sizes[a]), size=(sizes[b], sizes[a]))
        blocks.append({"from": a, "to": b, "w": w.tolist()})
    bias = [[0.0] * sizes[0]] + [rng.normal(0.0, bias_scale, size=s).tolist() for s in sizes[1:]]
    return {"name": name, "hidden": hidden, "output": output, "sizes": list(sizes), "blocks": blocks, "bias": bias}


def offsets(sizes):
    return np.concatenate([[0], np.cumsum(sizes)]).astype(int)


def dense_w(net):
    sizes = net["sizes"]
    off = offsets(sizes)
    n = off[-1]
    W = np.zeros((n, n))
    for b in net["blocks"]:
        w = np.array(b["w"])
        W[off[b["to"]]:off[b["to"] + 1], off[b["from"]]:off[b["from"] + 1]] += w
    return W


def group_act(net, g):
    return net["output"] if g == len(net["sizes"]) - 1 else net["hidden"]


def bias_vector(net):
    return np.concatenate([np.array(b, dtype=float) for b in net["bias"]])


def fprime_at_bias(net):
    sizes = net["sizes"]
    off = offsets(sizes)
    b = bias_vector(net)
    fp = np.zeros(off[-1])
    for g in range(1, len(sizes)):
        sl = slice(off[g], off[g + 1])
        fp[sl] = df(group_act(net, g), b[sl])
    return fp


def activation_at_bias(net):
    sizes = net["sizes"]
    off = offsets(sizes)
    b = bias_vector(net)
    c = np.zeros(off[-1])
    for g in range(1, len(sizes)):
        sl = slice(off[g], off[g + 1])
        c[sl] = f(group_act(net, g), b[sl])
    return c


def fprime_at_data(net, X):
    """Mean over samples of f'(z) at the pre-activations of a plain forward pass (groups in order)."""
    sizes = net["sizes"]
    off = offsets(sizes)
    W = dense_w(net)
    b = bias_vector(net)
    total = np.zeros(off[-1])
    for x in X:
        a = np.zeros(off[-1])
        a[off[0]:off[1]] = x
        for g in range(1, len(sizes)):
            sl = slice(off[g], off[g + 1])
            z = W[sl, :] @ a + b[sl]
            a[sl] = f(group_act(net, g), z)
            total[sl] += df(group_act(net, g), z)
    fp = total / len(X)
    fp[off[0]:off[1]] = 0.0
    return fp


def space_entry(net, fp, space, mass_values, lambda_cs, m_c, beta):
    n_in = net["sizes"][0]
    W = dense_w(net)
    n = W.shape[0]
    A = np.eye(n) - np.diag(fp) @ W
    c = activation_at_bias(net)
    if space == "clamped":
        A = A[n_in:, n_in:]
        c = c[n_in:]
    ng = A.shape[0]
    K = A.T @ A
    kappa = np.linalg.eigvalsh(K)
    out = {"N_G": ng}
    nontriv = np.sort(np.log(kappa[np.abs(np.log(kappa)) > 1e-9]))
    out["ln_lambda_nontrivial"] = nontriv.tolist()
    out["sum_lambda"] = float(np.sum(kappa))
    out["sum_inv_lambda"] = float(np.sum(1.0 / kappa))
    out["c_m_%s" % m_c] = float(-0.5 * np.sum(np.log(kappa + m_c)))
    for m in mass_values:
        G = K + m * np.eye(ng)
        lam = np.linalg.eigvalsh(G)
        e = {"mass": m}
        for lc in lambda_cs:
            gap = np.min(np.abs(lam - lc))
            assert gap > 1e-6, "eigenvalue too close to lambda_c=%s: %s" % (lc, gap)
            e["c_gt_%s" % lc] = float(-0.5 * np.sum(np.log(lam[lam > lc])))
        sign, lndet = np.linalg.slogdet(G)
        assert sign > 0
        e0 = 0.5 * float(c @ (np.eye(ng) - A @ np.linalg.solve(G, A.T)) @ c)
        if m == 0:
            e0 = 0.0  # A is invertible (P1), the minimum is exactly 0
        lnz = ng / 2 * np.log(2 * np.pi) - ng / 2 * np.log(beta) - 0.5 * lndet - beta * e0
        u = ng / (2 * beta) + e0
        e.update({"sum_ln_lambda": float(lndet), "E0": e0, "beta": beta, "lnZ": float(lnz), "U": float(u),
                  "F": float(-lnz / beta), "S": float(beta * u + lnz)})
        out["mass_%s" % m] = e
    return out


def main():
    rng = np.random.default_rng(20261202)
    nets = [
        make_net(rng, "tanh hidden, sigmoid output 4-5-3", [4, 5, 3], "tanh", "sigmoid"),
        make_net(rng, "tanh hidden, identity output 3-4-3-2 with skip 0->2", [3, 4, 3, 2], "tanh", "identity", skips=[(0, 2)]),
        make_net(rng, "sigmoid hidden, tanh output 4-6-3", [4, 6, 3], "sigmoid", "tanh", scale=2.5),
    ]
    lambda_cs = [0.5, 2.0]
    masses = [0.0, 0.3]
    m_c = 0.25
    beta = 1.7
    for net in nets:
        fp = fprime_at_bias(net)
        net["fprime_at_bias"] = fp.tolist()
        net["spaces"] = {sp: space_entry(net, fp, sp, masses, lambda_cs, m_c, beta) for sp in ("all", "clamped")}
    # f' at data (A2 (b)) for the first net: 7 samples
    data_net = dict(nets[0])
    X = rng.normal(0.0, 1.0, size=(7, data_net["sizes"][0]))
    fpd = fprime_at_data(data_net, X)
    data_entry = {k: v for k, v in data_net.items() if k not in ("spaces", "fprime_at_bias")}
    data_entry["name"] = "tanh hidden, sigmoid output 4-5-3, f' averaged over 7 data points"
    data_entry["inputs"] = X.tolist()
    data_entry["fprime_at_data"] = fpd.tolist()
    data_entry["spaces"] = {sp: space_entry(data_net, fpd, sp, masses, lambda_cs, m_c, beta) for sp in ("all", "clamped")}

    about = ("Independent dense numpy references written by tests/python/make_reference_extra.py (see its docstring for "
             "every formula): non-tanh output/hidden activations with f' of each group's own activation, f' averaged "
             "over data (pre-activations), C_>(lambda_c) for lambda_c = 0.5 and 2, C_m with m_C = 0.25, and the Gaussian "
             "ensemble at beta = 1.7 with mass m = 0.3 and its E0. Blocks: w has shape (size[to], size[from]).")
    with open(os.path.join(ROOT, "thermo/src/test/resources/thermo-reference-extra.json"), "w") as fh:
        json.dump({"about": about, "lambda_c": lambda_cs, "masses": masses, "complexity_mass": m_c, "beta": beta,
                   "networks": nets, "data_fprime": data_entry}, fh, indent=1)
        fh.write("\n")
    with open(os.path.join(ROOT, "experiments/src/test/resources/fprime-data-reference.json"), "w") as fh:
        json.dump({"about": "f' averaged over the data fixed points (A2 (b)) by a plain numpy forward pass, from "
                            "tests/python/make_reference_extra.py: mean over samples of f'(z), z the pre-activation.",
                   "hidden": data_entry["hidden"], "output": data_entry["output"], "sizes": data_entry["sizes"],
                   "blocks": data_entry["blocks"], "bias": data_entry["bias"], "inputs": data_entry["inputs"],
                   "fprime_at_data": data_entry["fprime_at_data"]}, fh, indent=1)
        fh.write("\n")


if __name__ == "__main__":
    main()
