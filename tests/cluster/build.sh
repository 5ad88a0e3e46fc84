#!/usr/bin/env bash
# tests/cluster/build.sh OUTDIR
#
# Builds the test cluster's binaries into OUTDIR:
#   kube-apiserver, kube-controller-manager, kube-scheduler  (k8s.io/kubernetes, version ldflags stamped)
#   testcluster                                              (the launcher, embeds etcd)
#   kwok                                                     (go install sigs.k8s.io/kwok/cmd/kwok@$KWOK, its own graph)
#   kwok-stages/*.yaml                                       (upstream stage files from the kwok module)
# Everything comes from the Go module proxy; Go's own caches stay where they are.
# Normally called by ctl.sh, which caches OUTDIR outside the build tree.
set -euo pipefail
KWOK=v0.8.0
here=$(cd "$(dirname "$0")" && pwd)
out=${1:?usage: build.sh OUTDIR}
mkdir -p "$out"; out=$(cd "$out" && pwd)
export GOWORK=off GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=-buildvcs=false
unset GOOS GOARCH
# The k8s version is the one go.mod requires (gen-gomod.sh writes it).
K8S=$(sed -n 's/^[[:space:]]*k8s\.io\/kubernetes[[:space:]]\{1,\}v\([0-9.]*\).*/\1/p' "$here/go.mod" | head -n1)
[ -n "$K8S" ] || { echo "build.sh: no k8s.io/kubernetes requirement in $here/go.mod" >&2; exit 1; }
minor=$(echo "$K8S" | cut -d. -f2)
ld="-s -w"
for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  ld="$ld -X $p.gitVersion=v$K8S -X $p.gitMajor=1 -X $p.gitMinor=$minor -X $p.gitTreeState=clean"
  ld="$ld -X $p.gitCommit=0000000000000000000000000000000000000000 -X $p.buildDate=1970-01-01T00:00:00Z"
done
cd "$here"
echo "build.sh: k8s v$K8S, kwok $KWOK -> $out" >&2
go build -trimpath -ldflags "$ld" -o "$out/" \
   k8s.io/kubernetes/cmd/kube-apiserver \
   k8s.io/kubernetes/cmd/kube-controller-manager \
   k8s.io/kubernetes/cmd/kube-scheduler
go build -trimpath -ldflags "-s -w -X main.expectedVersion=v$K8S" -o "$out/testcluster" ./cmd/testcluster
# kwok: separate dependency graph (k8s v0.36.1 etc.); run outside this module so
# neither lookup can touch tests/cluster/go.mod or go.sum.
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && GOBIN="$out" go install -trimpath -ldflags "-s -w" "sigs.k8s.io/kwok/cmd/kwok@$KWOK")
kdir=$(cd "$tmp" && go mod download -json "sigs.k8s.io/kwok@$KWOK" \
       | sed -n 's/^[[:space:]]*"Dir":[[:space:]]*"\(.*\)",\{0,1\}$/\1/p')
[ -d "$kdir/kustomize/stage" ] || { echo "build.sh: kwok stages not found in '$kdir'" >&2; exit 1; }
mkdir -p "$out/kwok-stages"
cp "$kdir"/kustomize/stage/node/fast/node-initialize.yaml \
   "$kdir"/kustomize/stage/node/heartbeat-with-lease/node-heartbeat-with-lease.yaml \
   "$kdir"/kustomize/stage/pod/fast/pod-ready.yaml \
   "$kdir"/kustomize/stage/pod/fast/pod-delete.yaml \
   "$kdir"/kustomize/stage/pod/chaos/pod-container-running-failed.yaml "$out/kwok-stages/"
chmod -R u+w "$out/kwok-stages"
got=$("$out/kube-apiserver" --version)
[ "$got" = "Kubernetes v$K8S" ] || { echo "build.sh: kube-apiserver --version printed '$got', want 'Kubernetes v$K8S'" >&2; exit 1; }
echo "$K8S" >"$out/k8s-version"
echo "build.sh: done ($got)" >&2
