#!/usr/bin/python3
"""Summarises one case of tests/perf/side-by-side.sh: reads LOG/TAG.* (lines `epoch i wall cpu loss`), prints the
first epoch and the median of the later epochs per program, and the ratios ThermoLearn / numpy (best thread setting)
and ThermoLearn / PyTorch (best thread setting), for the later epochs and for the first epoch."""
import glob
import os
import statistics
import sys


def read(path):
    rows = [line.split() for line in open(path) if line.startswith("epoch ")]
    walls = [float(r[2]) for r in rows]
    cpus = [float(r[3]) for r in rows]
    return walls, cpus, (rows[-1][4] if rows else "nan")


def main():
    log, tag = sys.argv[1], sys.argv[2]  # noqa: the per-program CPU column sums all threads of the process
    res = {}
    for p in sorted(glob.glob(os.path.join(log, tag + ".*"))):
        walls, cpus, loss = read(p)
        if not walls:
            print(f"   {os.path.basename(p)}: no epochs (see the log)")
            continue
        later = walls[1:] or walls
        res[p.rsplit(".", 1)[1]] = (walls[0], statistics.median(later), statistics.median(cpus[1:] or cpus), loss)
    for name, (first, med, cpu, loss) in res.items():
        print(f"   {name:22s} first epoch {first:7.3f} s   later epochs median {med:7.3f} s wall, {cpu:7.3f} s CPU   loss {loss}")
    tl = res.get("thermolearn")
    if not tl:
        return
    def best(prefix):
        c = {k: v for k, v in res.items() if k.startswith(prefix)}
        return min(c.items(), key=lambda kv: kv[1][1]) if c else None
    for prefix in ("numpy", "torch"):
        b = best(prefix)
        if b:
            k, v = b
            print(f"   ThermoLearn / {prefix} (best: {k}) = {tl[1] / v[1]:.2f}x later epochs, {tl[0] / v[0]:.2f}x first epoch, "
                  f"{(tl[0] + tl[1] * 3) / (v[0] + v[1] * 3):.2f}x over the first 4 epochs (wall); "
                  f"CPU seconds {tl[2] / v[2]:.2f}x")


if __name__ == "__main__":
    main()
