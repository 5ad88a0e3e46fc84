#!/usr/bin/env python3
"""Completion of `cpphelm diff` (cpphelm's own command, issue #13), checked against the reference helm.

helm has no diff command, but each of diff's completions is one helm already defines for an equivalent
command: release names (`upgrade ''`), chart references (`upgrade NAME ''`), revisions (`rollback NAME ''`),
--version values, helm's global flags (`--kube-context ''`). So every answer of `cpphelm __complete diff …`
must equal the reference's answer to the equivalent helm line, on the same workspace (the memory driver
holds the releases). The subcommand and flag lists come from helm-diff's command tree: the subcommands
are checked by name, and each of helm-diff's flags by the reference plugin's --help.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "conformance"))
from run import environment, workspace  # noqa: E402

# (cpphelm's diff line, the reference's equivalent line); the last word is the one completed.
PAIRS = [
    (["diff", "upgrade", ""], ["upgrade", ""]),
    (["diff", "upgrade", "w"], ["upgrade", "w"]),
    (["diff", "upgrade", "web", ""], ["upgrade", "web", ""]),
    (["diff", "upgrade", "web", "fixtures/charts/"], ["upgrade", "web", "fixtures/charts/"]),
    (["diff", "upgrade", "web", "fixtures/charts/basic", ""], ["upgrade", "web", "fixtures/charts/basic", ""]),
    (["diff", "rollback", ""], ["rollback", ""]),
    (["diff", "rollback", "web", ""], ["rollback", "web", ""]),
    (["diff", "revision", "web", ""], ["rollback", "web", ""]),
    (["diff", "revision", "web", "1", ""], ["rollback", "web", ""]),
    (["diff", "release", ""], ["uninstall", ""]),
    (["diff", "release", "web", ""], ["uninstall", "web", ""]),
    (["diff", "upgrade", "--kube-context", ""], ["upgrade", "--kube-context", ""]),
    (["diff", "-n", ""], ["upgrade", "-n", ""]),
    (["diff", "upgrade", "web", "fixtures/charts/basic", "--version", ""],
     ["upgrade", "web", "fixtures/charts/basic", "--version", ""]),
]
SUBCOMMANDS = ["release", "revision", "rollback", "upgrade", "version"]


def complete(binary, words, w, env):
    p = subprocess.run([binary, "__completeNoDesc"] + words, cwd=w, env=env, capture_output=True, text=True, timeout=60)
    return p.returncode, p.stdout


def plugin_flags(helm, plugins, sub, w, env):
    """The long flags the reference helm-diff lists in `helm diff SUB --help`."""
    out = subprocess.run([helm, "diff", sub, "--help"], cwd=w, env=dict(env, HELM_PLUGINS=plugins),
                         capture_output=True, text=True, timeout=60).stdout
    return sorted(set(re.findall(r"^\s+(?:-\w, )?(--[\w-]+)", out, re.M)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cpphelm", required=True)
    opts = ap.parse_args()
    opts.cpphelm = os.path.abspath(opts.cpphelm)
    conf = os.path.join(HERE, "..", "conformance")
    helm = subprocess.check_output([os.path.join(conf, "reference-helm.sh")], text=True).strip()
    plugins = subprocess.check_output([os.path.join(conf, "reference-helm-diff.sh")], text=True).strip()
    base = tempfile.mkdtemp(prefix="cpphelm-diffcomp-")
    w = workspace(base, "w")
    env = environment(w, {"HELM_DRIVER": "memory",
                          "HELM_MEMORY_DRIVER_DATA": os.path.join(w, "fixtures", "releases", "memory.yaml")})
    failed = checked = 0

    def check(ok, what):
        nonlocal failed, checked
        checked += 1
        if not ok:
            failed += 1
            print("FAIL " + what)

    for mine, theirs in PAIRS:
        got, want = complete(opts.cpphelm, mine, w, env), complete(helm, theirs, w, env)
        check(got == want, f"{mine}: cpphelm {got!r}, helm for {theirs} {want!r}")
    rc, out = complete(opts.cpphelm, ["diff", ""], w, env)
    check(rc == 0 and out.split("\n")[:-1] == SUBCOMMANDS + [":4"], f"diff '': {out!r}")
    for sub in ["upgrade", "revision", "rollback", "release"]:
        want = plugin_flags(helm, plugins, sub, w, env)
        rc, out = complete(opts.cpphelm, ["diff", sub, "--"], w, env)
        got = set(out.split("\n"))
        missing = [f for f in want if f not in got]
        check(want and not missing, f"diff {sub} --: helm-diff's flags {missing} not offered")
        check("--namespace" in got and "--kube-context" in got, f"diff {sub} --: helm's global flags missing")
    print(f"{checked - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
