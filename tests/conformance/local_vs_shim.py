#!/usr/bin/env python3
"""cpphelm's answers without Go against the shim's answers to the same command lines.

`version` prints cpphelm's own version, so the differential cases can compare only its exit code with
helm's; here each `version` flag combination (and env and repo list on the fixtures) runs twice with
cpphelm: as it is, where it must not start the Go runtime (CPPHELM_TRACE_GO=1 says when it does), and
with CPPHELM_GO_ALWAYS=1, which sends the command to the shim as before. Exit code, stdout and stderr
must be identical: the values baked in at build time (Go version, KubeClientVersion, helm version) are
the ones the shim reports at run time.

Usage: local_vs_shim.py --cpphelm build/cpphelm
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(os.path.dirname(HERE), "fixtures")
TRACE = b"cpphelm: starting the Go runtime\n"

VERSION = [["version"], ["version", "--short"], ["version", "--template", "{{.Version}}+{{.HelmVersion}}"],
           ["version", "--short", "--template", "{{.GoVersion}} {{.KubeClientVersion}}"],
           ["version", "--template", ""], ["version", "--short=false"], ["version", "--template={{.GitCommit}}x"],
           ["version", "--template", "text only }} {"]]
OTHERS = [["env"], ["env", "HELM_NAMESPACE"], ["env", "-n", "ns1"], ["env", "HELM_BIN"],
          ["repo", "list"], ["repo", "list", "-o", "json"], ["repo", "list", "-o", "yaml"], ["repo", "list", "--no-headers"],
          ["__complete", "repo", "remove", ""], ["__complete", "repo", "update", "stable", ""]]


def run(binary, args, env):
    p = subprocess.run([binary] + args, env=env, capture_output=True, timeout=120)
    return p.returncode, p.stdout, p.stderr


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cpphelm", required=True)
    a = ap.parse_args()
    cpphelm = os.path.abspath(a.cpphelm)
    base = tempfile.mkdtemp(prefix="cpphelm-local-")
    failures = 0
    try:
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": os.path.join(base, "home"), "TZ": "UTC",
               "HELM_CONFIG_HOME": os.path.join(base, "config"), "HELM_CACHE_HOME": os.path.join(base, "cache"),
               "HELM_DATA_HOME": os.path.join(base, "data"), "KUBECONFIG": os.path.join(base, "none"),
               "HELM_REPOSITORY_CONFIG": os.path.join(FIXTURES, "repo", "repositories.yaml"), "NO_COLOR": "1"}
        os.makedirs(env["HOME"])
        for args in VERSION + OTHERS:
            local = run(cpphelm, args, dict(env, CPPHELM_TRACE_GO="1"))
            shim = run(cpphelm, args, dict(env, CPPHELM_GO_ALWAYS="1"))
            problems = []
            if TRACE in local[2]:
                problems.append("started the Go runtime")
            if local != shim:
                problems.append(f"answers differ:\n    without Go: {local!r}\n    shim:       {shim!r}")
            failures += bool(problems)
            print(("FAIL " if problems else "PASS ") + " ".join(args) + "".join("\n  " + p for p in problems))
    finally:
        shutil.rmtree(base, ignore_errors=True)
    print(f"{len(VERSION) + len(OTHERS)} command lines, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
