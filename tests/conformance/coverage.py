#!/usr/bin/env python3
"""Flag coverage: every flag the reference helm shows for a command in scope must appear in at least
one conformance case for that command, or sit on the deferred list with the issue that covers it.

The checklist comes from the reference binary itself (`helm <cmd> --help`), not from our own model.
Cases come from cases/*.json, net_cases/*.json and from the steps of cluster_cases/*.json.
scope.json names the commands in scope and the deferred flags ("<command> --<flag>" or "global --<flag>").
"""
import argparse
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def reference_flags(helm, path):
    """Parses `helm <path> --help`: {'local': {long: short}, 'global': {long: short}}."""
    out = subprocess.run([helm] + path.split() + ["--help"], capture_output=True, text=True,
                         env={"PATH": os.environ["PATH"], "HOME": "/nonexistent"}).stdout
    sections = {"local": {}, "global": {}}
    current = None
    for line in out.splitlines():
        if line == "Flags:":
            current = "local"
        elif line == "Global Flags:":
            current = "global"
        elif not line.startswith(" "):
            current = None
        elif current:
            m = re.match(r"\s+(?:-(\w), )?--([\w-]+)", line)
            if m:
                sections[current][m.group(2)] = m.group(1)
    return sections


def used_flags(cases, scope_paths, shorts):
    """Maps command path -> set of long flag names used in its cases, plus 'global' for all."""
    used = {p: set() for p in scope_paths}
    used["global"] = set()
    for c in cases:
        words = [a for a in c["args"] if not a.startswith("-")]
        path = None
        for n in (2, 1):
            cand = " ".join(words[:n])
            if cand in scope_paths:
                path = cand
                break
        names = set()
        for a in c["args"]:
            if a == "--":
                break
            if a.startswith("--"):
                names.add(a[2:].split("=", 1)[0])
            elif a.startswith("-") and len(a) > 1:
                for ch in a[1:]:
                    if ch == "=":
                        break
                    names.add(("short", ch))
        for n in names:
            if isinstance(n, tuple):
                long = shorts.get(path, {}).get(n[1]) or shorts.get("global", {}).get(n[1])
                if not long:
                    continue
                n = long
            used["global"].add(n)
            if path:
                used[path].add(n)
    return used


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--helm", help="reference helm (default: built by reference-helm.sh)")
    a = ap.parse_args()
    helm = a.helm or subprocess.check_output([os.path.join(HERE, "reference-helm.sh")], text=True).strip()
    scope = json.load(open(os.path.join(HERE, "scope.json")))
    cases = []
    for d in ("cases", "net_cases"):
        for fn in sorted(os.listdir(os.path.join(HERE, d))):
            if fn.endswith(".json"):
                cases += json.load(open(os.path.join(HERE, d, fn)))
    # The cluster cases' steps count too (each step is one invocation).
    for fn in sorted(os.listdir(os.path.join(HERE, "cluster_cases"))):
        if fn.endswith(".json"):
            for c in json.load(open(os.path.join(HERE, "cluster_cases", fn))):
                cases += [{"args": st.get("args") or st["bg"]} for st in c["steps"] if "args" in st or "bg" in st]
    ref = {p: reference_flags(helm, p) for p in scope["commands"]}
    shorts = {p: {s: l for l, s in r["local"].items() if s} for p, r in ref.items()}
    shorts["global"] = {s: l for l, s in ref[scope["commands"][0]]["global"].items() if s}
    used = used_flags(cases, set(scope["commands"]), shorts)
    deferred = scope["deferred"]
    missing, stale, covered_deferred = [], [], []
    wanted = set()
    for p, r in ref.items():
        for flag in r["local"]:
            if flag == "help":
                continue
            key = f"{p} --{flag}"
            wanted.add(key)
            if flag in used[p]:
                if key in deferred:
                    covered_deferred.append(key)
            elif key not in deferred:
                missing.append(key)
    for flag in ref[scope["commands"][0]]["global"]:
        key = f"global --{flag}"
        wanted.add(key)
        if flag in used["global"]:
            if key in deferred:
                covered_deferred.append(key)
        elif key not in deferred:
            missing.append(key)
    stale = [k for k in deferred if k not in wanted]
    for k in covered_deferred:
        print(f"NOTE deferred but now covered (remove it from the list): {k}")
    for k in stale:
        print(f"FAIL deferred entry names no flag of the reference: {k}")
    for k in missing:
        print(f"FAIL no case uses: {k}")
    total = len(wanted)
    ok = total - len(missing)
    still_deferred = [k for k in wanted if k in deferred and k not in covered_deferred]
    print(f"flags in scope: {total}; covered by a case: {ok - len(still_deferred)}; deferred: {len(still_deferred)}")
    print(f"{ok} passed, {len(missing) + len(stale)} failed")
    return 1 if missing or stale else 0


if __name__ == "__main__":
    sys.exit(main())
