#!/usr/bin/env bash
# tests/cluster/gen-gomod.sh [k8s-version] [etcd-version]
#
# (Re)generates tests/cluster/go.mod and go.sum: requires k8s.io/kubernetes at the
# given version plus one `replace k8s.io/<staging> => k8s.io/<staging> v0.X.Y` line
# per staging module, derived from k8s.io/kubernetes's own go.mod (read from the
# module cache via `go mod download -json`, no GitHub access), and the embedded
# etcd server. Run once after changing versions; commit go.mod + go.sum.
# Keep K8S in build.sh (the version ldflags) in step with this.
set -euo pipefail
K8S=${1:-1.36.3}; ETCD=${2:-v3.6.8}
cd "$(dirname "$0")"
export GOWORK=off GOTOOLCHAIN=local
[ -f go.mod ] || go mod init cpphelm.local/testcluster
go mod edit -go=1.26.0
gomod=$(go mod download -json "k8s.io/kubernetes@v$K8S" \
        | sed -n 's/^[[:space:]]*"GoMod":[[:space:]]*"\(.*\)",\{0,1\}$/\1/p')
[ -f "$gomod" ] || { echo "gen-gomod: cannot find go.mod of k8s.io/kubernetes@v$K8S" >&2; exit 1; }
# drop replace lines left over from an earlier version, then add the current set
for m in $(go mod edit -json | sed -n 's/^[[:space:]]*"Path":[[:space:]]*"\(k8s\.io\/[^"]*\)".*/\1/p' | sort -u); do
  go mod edit -dropreplace="$m" 2>/dev/null || true
done
mods=$(sed -n 's|^[[:space:]]*\(k8s\.io/[^[:space:]]*\)[[:space:]]*=>[[:space:]]*\./staging/src/.*|\1|p' "$gomod")
n=0; for m in $mods; do go mod edit -replace="$m=$m@v0.${K8S#1.}"; n=$((n+1)); done
echo "staging replaces: $n"          # 33 for 1.36
[ "$n" -gt 0 ] || { echo "gen-gomod: no staging replace lines found in $gomod" >&2; exit 1; }
go mod edit -require="k8s.io/kubernetes@v$K8S" -require="go.etcd.io/etcd/server/v3@$ETCD"
go get -tool "k8s.io/kubernetes/cmd/kube-apiserver@v$K8S" \
             "k8s.io/kubernetes/cmd/kube-controller-manager@v$K8S" \
             "k8s.io/kubernetes/cmd/kube-scheduler@v$K8S"
go mod tidy
echo "go.mod: $(wc -l <go.mod) lines, go.sum: $(wc -l <go.sum) lines"
