#!/usr/bin/python3
"""Checks executed ThermoLearn notebooks for their expected outputs (run-notebooks.sh calls this).

Usage: check-outputs.py DIR   (DIR holds the executed 01-…04-*.ipynb)

Every notebook: no error output, at least one inline PNG image, the NOTEBOOK-TIME line (kernel-side time
of the cells; printed, not judged: no timed assertions).
01-quickstart:     an "ACCURACY test <a>" line with a >= 0.80; CHECK lines all PASS.
02-explore-run:    at least 4 images (accuracy, losses, complexity, heat maps); the recomputed complexity line.
03-theory-checks:  CHECK lines for P2, P4, P13, S33, S34, every one PASS (residual below its tolerance);
                   the IDENTITIES summary with 0 failed.
04-sweep-analysis: at least 4 images; a final-values table with param_depth.
Prints one line per notebook; exits 1 on any failure.
"""
import json, re, sys, os

ANSI = re.compile(r"\x1b\[[0-9;]*m")

def text_of(nb):
    out = []
    for c in nb["cells"]:
        for o in c.get("outputs", []):
            if o.get("output_type") == "stream":
                t = o.get("text", "")
                out.append(ANSI.sub("", "".join(t) if isinstance(t, list) else t))
            elif "data" in o and "text/plain" in o["data"]:
                t = o["data"]["text/plain"]
                out.append("".join(t) if isinstance(t, list) else t)
    return "".join(out)

def count(nb, kind):
    return sum(1 for c in nb["cells"] for o in c.get("outputs", []) if o.get("output_type") == kind)

def images(nb):
    return sum(1 for c in nb["cells"] for o in c.get("outputs", []) if "image/png" in o.get("data", {}))

def check(path):
    name = os.path.basename(path)
    nb = json.load(open(path))
    text = text_of(nb)
    problems, facts = [], []
    if count(nb, "error"):
        problems.append("error output in a cell")
    n_img = images(nb)
    facts.append(f"{n_img} image(s)")
    if n_img < 1:
        problems.append("no inline image")
    m = re.search(r"NOTEBOOK-TIME ([0-9.]+) s", text)
    if m:
        # reported, never judged: speed is measured in benchmarks, not asserted in checks (issue 18)
        facts.append(f"kernel time {m.group(1)} s")
    else:
        problems.append("no NOTEBOOK-TIME line (did the last cell run?)")
    checks = re.findall(r"^CHECK (\S+)\s+\[(\w+)\].*residual=(\S+) tol=(\S+) (PASS|FAIL)$", text, re.M)
    for cid, space, res, tol, verdict in checks:
        if verdict != "PASS" or not float(res) <= float(tol):
            problems.append(f"identity {cid} [{space}] residual {res} above tolerance {tol}")
    if name.startswith("01"):
        m = re.search(r"ACCURACY test ([0-9.]+)", text)
        if not m:
            problems.append("no 'ACCURACY test' line")
        else:
            facts.append(f"test accuracy {m.group(1)}")
            if float(m.group(1)) < 0.80:
                problems.append(f"test accuracy {m.group(1)} below 0.80")
        if not checks:
            problems.append("no CHECK line")
    if name.startswith("02"):
        if n_img < 4:
            problems.append(f"expected at least 4 images, found {n_img}")
        if "C_>(1) recomputed" not in text:
            problems.append("no recomputed-complexity line")
    if name.startswith("03"):
        ids = {c[0] for c in checks}
        for need in ("P2", "P4", "P13", "S33", "S34"):
            if need not in ids:
                problems.append(f"no {need} check printed")
        m = re.search(r"IDENTITIES (\d+) checks .*?, (\d+) failed, largest residual/tolerance (\S+)", text)
        if not m or m.group(2) != "0":
            problems.append("no 'IDENTITIES … 0 failed' line")
        else:
            facts.append(f"{m.group(1)} identity checks passed, worst residual/tolerance {m.group(3)}")
    if name.startswith("04"):
        if n_img < 4:
            problems.append(f"expected at least 4 images, found {n_img}")
        if "param_depth" not in text:
            problems.append("no final-values table")
    status = "OK  " if not problems else "FAIL"
    print(f"{status} {name}: " + ", ".join(facts) + ("" if not problems else " -- " + "; ".join(problems)))
    return not problems

def main():
    d = sys.argv[1] if len(sys.argv) > 1 else "."
    files = sorted(f for f in os.listdir(d) if re.match(r"0[1-4]-.*\.ipynb$", f))
    if len(files) != 4:
        print(f"FAIL expected 4 executed notebooks in {d}, found {files}")
        return 1
    ok = all([check(os.path.join(d, f)) for f in files])
    return 0 if ok else 1

if __name__ == "__main__":
    sys.exit(main())
