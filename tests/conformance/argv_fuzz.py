#!/usr/bin/env python3
"""Differential fuzzing of whole command lines: random commands (found through the reference helm's
own completion), their flags and the global ones, in every spelling pflag accepts (`--f v`, `--f=v`,
`-s v`, `-sv`, bundled shorthands), values that are valid, invalid, empty, `-`/`--`-like, unicode or
control bytes, `--`, `-h`, unknown flags and words. Each line runs with the reference helm and with
cpphelm in identical fresh workspaces (no cluster, no repositories) and must give the same exit code,
stdout (cpphelm's own commands and flags removed: run.drop_extensions) and `Error:` text.

A fixed seed makes a run reproducible (`--seed`); the last line is the runner's summary.
"""
import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from complete_sweep import command_tree, complete, entries  # noqa: E402
from run import drop_additions, drop_extensions, environment, error_text, workspace  # noqa: E402

VALUES = ["", "x", "1", "0", "-1", "1.5", "5m", "1s", "true", "false", "always", "never", "auto", "json", "yaml",
          "table", "a=b", "a=b,c=d", "k=", "=v", "-", "--", "-x", "--x", "é", "ü=ö", "\x01", "a b", "'q'", '"q"',
          "{}", "[1,2]", "fixtures/charts/basic", "oci://127.0.0.1:1/x", "http://127.0.0.1:1", "./nope", "/",
          "default", "kube-system", "9999999999999999999999", "NaN", "∞"]
WORDS = ["x", "release-1", "fixtures/charts/basic", "help", "list", "--", "-h", "--help", "-", "é", "\x01bad",
         "--no-such-flag", "-Z", "status", "env"]


def one_line(rng, paths, flags, global_flags):
    path = list(rng.choice(paths))
    words = []
    pool = flags.get(tuple(path), []) + global_flags
    for _ in range(rng.randint(0, 5)):
        r = rng.random()
        if r < 0.5 and pool:
            f = rng.choice(pool)
            form = rng.random()
            v = rng.choice(VALUES)
            if form < 0.4:
                words += [f, v]
            elif form < 0.7:
                words.append(f"{f}={v}")
            else:
                words.append(f)
        elif r < 0.8:
            words.append(rng.choice(WORDS + VALUES))
        elif r < 0.9:
            words.append(rng.choice(["-h", "--", "-n", "--debug", "--color", "-o"]))
        else:
            words.append("-" + "".join(rng.choice("abcdghnoqrsuvxz") for _ in range(rng.randint(1, 3))))
    # flags may come before the command words too
    if rng.random() < 0.2 and global_flags:
        return [rng.choice(global_flags), rng.choice(VALUES)] + path + words
    return path + words


def norm(text, w, binary):
    """The workspace and the binary's path; the random suffix of a temporary file in an error."""
    return re.sub(r"(\.yaml|\.tgz)\d{6,}", r"\1RANDOM", text.replace(w, "$WORK").replace(binary, "$BIN"))


def run(binary, args, w):
    try:
        p = subprocess.run([binary] + args, cwd=w, env=environment(w, {}), capture_output=True, timeout=60,
                           stdin=subprocess.DEVNULL)
        return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        return "timeout", "", ""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cpphelm", required=True)
    ap.add_argument("--helm")
    ap.add_argument("--count", type=int, default=600)
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--jobs", type=int, default=2)
    a = ap.parse_args()
    helm = a.helm or subprocess.check_output([os.path.join(HERE, "reference-helm.sh")], text=True).strip()
    cpphelm = os.path.abspath(a.cpphelm)
    base = tempfile.mkdtemp(prefix="cpphelm-argvfuzz-")
    # both run as "helm": the completion scripts name the program they were made by
    for side in ("ref-bin", "cpp-bin"):
        os.makedirs(os.path.join(base, side))
    os.symlink(helm, os.path.join(base, "ref-bin", "helm"))
    os.symlink(cpphelm, os.path.join(base, "cpp-bin", "helm"))
    helm, cpphelm = os.path.join(base, "ref-bin", "helm"), os.path.join(base, "cpp-bin", "helm")
    probe = workspace(base, "probe")
    paths = command_tree(helm, probe)
    flags = {tuple(p): [e for e in entries(complete(helm, p + ["-"], probe)[1]) if e.startswith("-")] for p in paths}
    global_flags = [e for e in entries(complete(helm, ["-"], probe)[1]) if e.startswith("-")]
    rng = random.Random(a.seed)
    lines = [one_line(rng, paths, flags, global_flags) for _ in range(a.count)]

    def one(i_line):
        i, line = i_line
        d = os.path.join(base, f"l{i}")
        wr, wc = workspace(d, "ref"), workspace(d, "cpp")
        r, c = run(helm, line, wr), run(cpphelm, line, wc)
        ro, co = norm(r[1], wr, helm), drop_extensions(norm(c[1], wc, cpphelm))
        re_, ce = norm(error_text(r[2]), wr, helm), norm(error_text(drop_additions(c[2])), wc, cpphelm)
        if line[:1] == ["version"] or (line and "version" in line[:3] and "--help" not in line and "-h" not in line):
            ro, co = ro[:0], co[:0]  # cpphelm's version differs on purpose (README): exit code and error only
        shutil.rmtree(d, ignore_errors=True)
        return line, (r[0], ro, re_) == (c[0], co, ce), r, c

    passed = failed = 0
    try:
        with ThreadPoolExecutor(max_workers=a.jobs) as ex:
            for line, ok, r, c in ex.map(one, enumerate(lines)):
                if ok:
                    passed += 1
                    continue
                failed += 1
                print(f"FAIL {line!r}\n  helm:    {r[0]} {r[1][:300]!r} {error_text(r[2])[:300]!r}\n"
                      f"  cpphelm: {c[0]} {c[1][:300]!r} {error_text(c[2])[:300]!r}", flush=True)
    finally:
        shutil.rmtree(base, ignore_errors=True)
    print(f"seed {a.seed}: {len(lines)} command lines")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or not lines else 0


if __name__ == "__main__":
    sys.exit(main())
