#!/usr/bin/env python3
"""Hostile archives, differential against the reference helm (issue #14 §4).

Generates the archives of hostile_archives.py into a temporary directory, linked as each
workspace's fixtures/hostile (instead of tests/fixtures), and runs the cases of hostile_cases/*.json with
run.py's runner: same exit code, stdout and error as helm, and the same files (nothing written
outside the workspace's chart or plugin directories where helm writes nothing).

A case may also say
  rss       true: both binaries run the case's command once more under wait4(2), and cpphelm's peak
            resident set must stay within 2 × helm's + RSS_SLACK_MIB (printed for every such case)
  absent    absolute paths that must not exist after the case (an archive's member naming one)
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import hostile_archives  # noqa: E402
import run  # noqa: E402

RSS_SLACK_MIB = 32


def peak_rss_kib(binary, args, case, label):
    """Runs binary with args in a fresh workspace; returns (exit code, peak RSS in KiB)."""
    base = tempfile.mkdtemp(prefix="cpphelm-rss-")
    try:
        w = run.workspace(base, label)
        env = run.environment(w, case.get("env"))
        p = subprocess.Popen([binary] + [a.replace("$WORK", w) for a in args], cwd=w, env=env,
                             stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        sink = [threading.Thread(target=s.read) for s in (p.stdout, p.stderr)]
        for t in sink:
            t.start()
        _pid, status, usage = os.wait4(p.pid, 0)
        p.returncode = os.waitstatus_to_exitcode(status)
        for t in sink:
            t.join()
        return p.returncode, usage.ru_maxrss
    finally:
        shutil.rmtree(base, ignore_errors=True)


def main():
    a, helm, cpphelm = run.parse_arguments(argparse.ArgumentParser())
    fixtures = tempfile.mkdtemp(prefix="cpphelm-hostile-")
    try:
        # Each workspace's fixtures/ gets a symlink hostile -> the one generated copy (run.py copies
        # fixtures with symlinks=True), so the archives are written once, not once per workspace.
        hostile_archives.make_all(fixtures)
        run.FIXTURES = os.path.join(fixtures, "tree")
        os.makedirs(run.FIXTURES)
        os.symlink(os.path.join(fixtures, "hostile"), os.path.join(run.FIXTURES, "hostile"))
        cases = run.load_cases(os.path.join(HERE, "hostile_cases"), a.only)
        passed = ref_ok = 0
        for case in cases:
            for p in case.get("absent", []):
                if os.path.lexists(p):
                    os.remove(p)
            ok, why, ref_rc = run.run_case(case, helm, cpphelm)
            ref_ok += ref_rc == 0
            problems = [why] if not ok else []
            for p in case.get("absent", []):
                if os.path.lexists(p):
                    problems.append(f"{p} exists after the case")
                    os.remove(p)
            if case.get("rss"):
                problems += rss_problems(case, helm, cpphelm)
            passed += run.report(case, "\n".join(problems))
        return run.summary(cases, passed, ref_ok)
    finally:
        shutil.rmtree(fixtures, ignore_errors=True)


def rss_problems(case, helm, cpphelm):
    """Runs the case's command with both binaries and compares their peak RSS (printed)."""
    hrc, hkib = peak_rss_kib(helm, case["args"], case, "ref")
    crc, ckib = peak_rss_kib(cpphelm, case["args"], case, "cpp")
    limit = 2 * hkib + RSS_SLACK_MIB * 1024
    print(f"RSS {case['name']}: helm {hkib // 1024} MiB (exit {hrc}), "
          f"cpphelm {ckib // 1024} MiB (exit {crc}), limit {limit // 1024} MiB")
    if ckib > limit:
        return [f"cpphelm's peak RSS {ckib // 1024} MiB is over {limit // 1024} MiB"]
    return []


if __name__ == "__main__":
    sys.exit(main())
