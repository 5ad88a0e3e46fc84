#!/usr/bin/env python3
"""Completion swept, not sampled: every command (found through the reference helm's own
completion) × positional depth 0–3 × without and with flags before the word; every flag of every
command with an empty, a partial and an `=`-joined value; flag names after `-`/`--`. Each line runs
`__complete` with the reference helm and with cpphelm in identical fresh workspaces (no cluster, no
repositories: lookups fail the same way) and compares stdout byte for byte — after removing
cpphelm's own commands and flags (run.drop_extensions) — and the `Error` lines of stderr.

The last line is the runner's summary; a failing line prints both answers.
"""
import argparse
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from run import drop_extensions, environment, workspace  # noqa: E402


def complete(binary, words, w):
    p = subprocess.run([binary, "__complete"] + words, cwd=w, env=environment(w, {}), capture_output=True,
                       timeout=60)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def entries(out):
    """The candidates of a __complete answer, without descriptions and the directive line."""
    return [l.split("\t")[0] for l in out.splitlines() if l and not l.startswith(":")]


def command_tree(helm, w):
    """Every command path the reference completes, parents before children (a parent's help lists
    "Available Commands:")."""
    paths, todo = [], [[]]
    while todo:
        p = todo.pop(0)
        for name in entries(complete(helm, p + [""], w)[1]):
            if name.startswith("-") or (name == "help" and not p):
                continue
            sub = p + [name]
            paths.append(sub)
            h = subprocess.run([helm] + sub + ["--help"], cwd=w, env=environment(w, {}), capture_output=True,
                               text=True, timeout=60)
            if "Available Commands:" in h.stdout:
                todo.append(sub)
    return paths


def flags_of(helm, path, w):
    return [e for e in entries(complete(helm, path + ["--"], w)[1]) if e.startswith("--")]


def lines_for(path, flags):
    yield path + [""]
    yield path + ["-"]
    yield path + ["--"]
    for depth in (1, 2, 3):
        args = ["a", "b", "c"][:depth]
        yield path + args + [""]
        yield path + ["--debug"] + args + [""]
        yield path + ["-n", "ns"] + args[:1] + [""]
    yield path + ["x"]
    for f in flags:
        yield path + [f, ""]
        yield path + [f, "a"]
        yield path + [f + "="]
        yield path + [f + "=a"]
        yield path + ["x", f, ""]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cpphelm", required=True)
    ap.add_argument("--helm")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--show", type=int, default=40, help="failing lines printed in full")
    a = ap.parse_args()
    helm = a.helm or subprocess.check_output([os.path.join(HERE, "reference-helm.sh")], text=True).strip()
    cpphelm = os.path.abspath(a.cpphelm)
    base = tempfile.mkdtemp(prefix="cpphelm-sweep-")
    wr, wc = workspace(base, "ref"), workspace(base, "cpp")
    paths = command_tree(helm, wr)
    lines = []
    for p in paths:
        lines += list(lines_for(p, flags_of(helm, p, wr)))
    seen, unique = set(), []
    for l in lines:
        if tuple(l) not in seen:
            seen.add(tuple(l))
            unique.append(l)

    def one(words):
        r, c = complete(helm, words, wr), complete(cpphelm, words, wc)
        ro, co = r[1].replace(wr, "$WORK"), drop_extensions(c[1].replace(wc, "$WORK"))
        re_ = [l for l in r[2].splitlines() if "Error" in l]
        ce = [l for l in c[2].splitlines() if "Error" in l]
        return words, (r[0], ro, re_) == (c[0], co, ce), r, c

    passed = failed = 0
    with ThreadPoolExecutor(max_workers=a.jobs) as ex:
        for words, ok, r, c in ex.map(one, unique):
            if ok:
                passed += 1
                continue
            failed += 1
            if failed <= a.show:
                print(f"FAIL __complete {words!r}\n  helm:    {r[1]!r} {r[2].strip()[:200]!r}\n"
                      f"  cpphelm: {c[1]!r} {c[2].strip()[:200]!r}")
    print(f"swept {len(paths)} commands, {len(unique)} lines")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or not unique else 0


if __name__ == "__main__":
    sys.exit(main())
