#!/usr/bin/env python3
"""Summarises JMH JSON results (tests/target/jmh-*.json): score ± error per benchmark and parameter set, and
for the CPU-time aux counters (threadCpuS, processCpuS; JMH reports their SUM over iterations) the mean per
iteration. Usage: python3 tests/jmh_summary.py tests/target/jmh-train.json [...]"""
import json
import statistics
import sys

for path in sys.argv[1:]:
    for r in json.load(open(path)):
        p = ",".join(f"{k}={v}" for k, v in r.get("params", {}).items())
        m = r["primaryMetric"]
        raw = [v for fork in m["rawData"] for v in fork]
        line = f"{r['benchmark'].split('.')[-2]}.{r['benchmark'].split('.')[-1]} [{p}] {r['mode']}: {m['score']:.4g} ± {m['scoreError'] if isinstance(m['scoreError'], str) else round(m['scoreError'], 4)} {m['scoreUnit']}" \
               f" (min {min(raw):.4g}, n={len(raw)})"
        for k in ("threadCpuS", "processCpuS"):
            s = r.get("secondaryMetrics", {}).get(k)
            if s:
                v = [x for fork in s["rawData"] for x in fork]
                line += f"; {k} {statistics.mean(v):.4g}/iter"
        print(line)
