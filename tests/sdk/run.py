#!/usr/bin/env python3
"""The SDK as a program outside the tree uses it: installs the build's `dev` component into a fresh
prefix, builds examples/sdk against it with find_package(cpphelm CONFIG REQUIRED) alone, and checks
sdk-example against the reference helm: `template` byte for byte (output and error line), and the
typed results of `list`, `history` and `status` against the fields of helm's own `-o json`.

usage: run.py SOURCE_DIR BUILD_DIR [HELM]"""
import json
import os
import subprocess
import sys
import tempfile

src, build = sys.argv[1:3]
helm = sys.argv[3] if len(sys.argv) > 3 else subprocess.run(
    [os.path.join(src, "tests", "conformance", "reference-helm.sh")], check=True, capture_output=True,
    text=True).stdout.strip()
failures = []


def check(name, cond, detail=""):
    print(("ok   " if cond else "FAIL ") + name)
    if not cond:
        failures.append(name)
        if detail:
            print(detail)


def run(cmd, env, **kw):
    return subprocess.run(cmd, env=env, capture_output=True, text=True, **kw)


def error_line(stderr):
    return next((l for l in stderr.splitlines() if l.startswith("Error: ")), "")


with tempfile.TemporaryDirectory() as work:
    prefix = os.path.join(work, "prefix")
    subprocess.run(["cmake", "--install", build, "--prefix", prefix, "--component", "dev"], check=True,
                   stdout=subprocess.DEVNULL)
    installed = {os.path.relpath(os.path.join(d, f), prefix) for d, _, fs in os.walk(prefix) for f in fs}
    for f in ["include/cpphelm/client.hpp", "include/cpphelm/go_backend.hpp", "lib/libcpphelmshim.a",
              "lib/cmake/cpphelm/cpphelmConfig.cmake", "lib/cmake/cpphelm/cpphelmConfigVersion.cmake",
              "lib/cmake/cpphelm/cpphelmTargets.cmake"]:
        check("installed " + f, f in installed, "\n".join(sorted(installed)))
    check("no private headers installed", not any(f.startswith("include/") and not f.startswith("include/cpphelm/")
                                                  for f in installed))
    # Only the installed package: a copy of the example outside the source tree, no build-tree paths.
    ex_src = os.path.join(work, "example")
    subprocess.run(["cp", "-r", os.path.join(src, "examples", "sdk"), ex_src], check=True)
    ex_build = os.path.join(work, "example-build")
    r = run(["cmake", "-S", ex_src, "-B", ex_build, "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Release",
             "-DCMAKE_PREFIX_PATH=" + prefix], os.environ)
    check("example configures with find_package(cpphelm)", r.returncode == 0, r.stdout + r.stderr)
    r = run(["cmake", "--build", ex_build], os.environ)
    check("example builds", r.returncode == 0, r.stdout + r.stderr)
    if failures:
        sys.exit(1)
    sdk = os.path.join(ex_build, "sdk-example")

    env = {k: v for k, v in os.environ.items() if not k.startswith(("HELM_", "KUBECONFIG"))}
    env.update(HELM_CONFIG_HOME=os.path.join(work, "config"), HELM_CACHE_HOME=os.path.join(work, "cache"),
               HELM_DATA_HOME=os.path.join(work, "data"), TZ="UTC", HOME=work)

    def same(name, sdk_args, helm_args, e=env):
        a, b = run([sdk] + sdk_args, e), run([helm] + helm_args, e)
        check(name, (a.returncode, a.stdout, error_line(a.stderr)) == (b.returncode, b.stdout, error_line(b.stderr)),
              f"sdk-example: {a.returncode} {a.stdout[:400]!r} {a.stderr[-400:]!r}\n"
              f"helm:        {b.returncode} {b.stdout[:400]!r} {b.stderr[-400:]!r}")

    charts = os.path.join(src, "tests", "fixtures", "charts")
    hello = os.path.join(src, "examples", "hello")
    same("template hello", ["template", "demo", hello], ["template", "demo", hello])
    same("template hello --set", ["template", "demo", hello, "--set", "replicaCount=3", "--set", "image.tag=x y"],
         ["template", "demo", hello, "--set", "replicaCount=3", "--set", "image.tag=x y"])
    for chart in ["basic", "withdeps", "lifecycle", "library", "broken"]:
        path = os.path.join(charts, chart)
        same("template " + chart, ["template", "rel", path], ["template", "rel", path])
    same("template of a missing chart", ["template", "rel", os.path.join(work, "nope")],
         ["template", "rel", os.path.join(work, "nope")])
    same("template with a bad --set", ["template", "rel", hello, "--set", "a[=1"],
         ["template", "rel", hello, "--set", "a[=1"])

    # Typed results against helm's JSON, on the memory driver's preloaded releases.
    mem = dict(env, HELM_DRIVER="memory",
               HELM_MEMORY_DRIVER_DATA=os.path.join(src, "tests", "fixtures", "releases", "memory.yaml"))
    listed = 0
    for ns in ["", "team-b", "default", "none"]:
        e = dict(mem, HELM_NAMESPACE=ns) if ns else mem
        # sdk-example lists as `helm list` does by default: deployed and failed releases only.
        want = "".join(f"{x['name']} {x['namespace']} {x['revision']} {x['status']} {x['chart']}\n"
                       for x in json.loads(run([helm, "list", "-o", "json"], e).stdout))
        listed += want.count("\n")
        got = run([sdk, "list"], e)
        check(f"list (namespace {ns or 'unset'})", got.returncode == 0 and got.stdout == want,
              f"sdk: {got.stdout!r} {got.stderr!r}\nhelm: {want!r}")
    check("list saw releases", listed >= 2, str(listed))
    names = sorted({x["name"] for x in json.loads(run([helm, "list", "--deployed", "--failed", "--pending", "--superseded", "--uninstalled", "--uninstalling", "-o", "json"], mem).stdout)})
    check("memory fixture has releases", len(names) >= 2, repr(names))
    for name in names:
        h = json.loads(run([helm, "history", name, "-o", "json"], mem).stdout)
        want = "".join(f"{x['revision']} {x['status']} {x['chart']} {x['app_version']} {x['description']}\n" for x in h)
        got = run([sdk, "history", name], mem)
        check("history " + name, got.returncode == 0 and got.stdout == want, f"sdk: {got.stdout!r}\nhelm: {want!r}")
        h = json.loads(run([helm, "status", name, "-o", "json"], mem).stdout)
        m = json.loads(run([helm, "get", "metadata", name, "-o", "json"], mem).stdout)
        want = f"{h['name']} {h['namespace']} {h['version']} {h['info']['status']} {m['chart']} {m['version']}\n"
        got = run([sdk, "status", name], mem)
        check("status " + name, got.returncode == 0 and got.stdout == want, f"sdk: {got.stdout!r} {got.stderr!r}\nhelm: {want!r}")
    same("status of a missing release", ["status", "nope"], ["status", "nope"], mem)
    same("history of a missing release", ["history", "nope"], ["history", "nope"], mem)

print(f"sdk: {len(failures)} failed")
sys.exit(1 if failures else 0)
