#!/usr/bin/python3
"""After `mvn verify`: list every skipped test with its reason, and fail if an essential test did not run.

Usage: tests/check-skips.py [ROOT]   (ROOT defaults to the repository root)

Reads every <module>/target/surefire-reports/TEST-*.xml. Prints one line per skipped test (class, test,
reason: the assumption or @Disabled message) so the CI log says what did not run and why.

Essential tests are those tagged @Tag("essential") in <module>/src/test/java (on the class: all its
tests; on a method: that test). Exit 1 if any essential test was skipped or is absent from the reports
(excluded by a filter or a tag, or its module never ran): an essential check must never disappear
silently. Exit 0 otherwise.
"""
import glob
import os
import re
import sys
import xml.etree.ElementTree as ET

ROOT = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
TAG = re.compile(r'@Tag\(\s*"essential"\s*\)')
DECL = re.compile(r'\b(?:class\s+(\w+)|void\s+(\w+)\s*\()')


def essential_tests():
    """{(fully qualified class, method or None for the whole class)} from the test sources."""
    found = set()
    for src in glob.glob(os.path.join(ROOT, "*", "src", "test", "java", "**", "*.java"), recursive=True):
        text = open(src, encoding="utf-8").read()
        if not TAG.search(text):
            continue
        pkg = re.search(r"^\s*package\s+([\w.]+)\s*;", text, re.M)
        cls_default = os.path.splitext(os.path.basename(src))[0]
        for m in TAG.finditer(text):
            d = DECL.search(text, m.end())
            if not d:
                continue
            cls = d.group(1) or cls_default
            fq = (pkg.group(1) + "." if pkg else "") + cls
            found.add((fq, d.group(2)))
    return found


def report_cases():
    """[(class, name, skipped message or None)] over all surefire reports."""
    cases = []
    for f in glob.glob(os.path.join(ROOT, "*", "target", "surefire-reports", "TEST-*.xml")):
        try:
            root = ET.parse(f).getroot()
        except ET.ParseError as e:
            print(f"check-skips: cannot read {f}: {e}")
            continue
        for tc in root.iter("testcase"):
            sk = tc.find("skipped")
            msg = None if sk is None else (sk.get("message") or (sk.text or "").strip() or "no reason given")
            cases.append((tc.get("classname"), tc.get("name"), msg))
    return cases


def method_of(name):
    return re.split(r"[(\[]", name, maxsplit=1)[0]


def main():
    cases = report_cases()
    skipped = [c for c in cases if c[2] is not None]
    print(f"check-skips: {len(cases)} test(s) in the reports, {len(skipped)} skipped")
    for cls, name, msg in sorted(skipped):
        print(f"  SKIPPED {cls}.{name}: {msg}")
    bad = []
    for cls, method in sorted(essential_tests(), key=str):
        mine = [c for c in cases if c[0] == cls and (method is None or method_of(c[1]) == method)]
        what = cls + ("." + method if method else "")
        if not mine:
            bad.append(f"essential test {what} did not run (not in any surefire report)")
        for c in mine:
            if c[2] is not None:
                bad.append(f"essential test {c[0]}.{c[1]} was skipped: {c[2]}")
    for b in bad:
        print("  FAIL " + b)
    if bad:
        print("check-skips: essential tests must run; install what they need (see .ci/run) or fix the skip")
        return 1
    print("check-skips: every essential test ran")
    return 0


if __name__ == "__main__":
    sys.exit(main())
