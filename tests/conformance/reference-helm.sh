#!/usr/bin/env bash
# Prints the path of the reference helm binary: helm's own CLI at the version go/go.mod pins, built from
# the Go module proxy with helm's release ldflag. Built once and cached outside the build tree, keyed
# by version and go.sum, so fresh clones on the same machine reuse it. Tests only: cpphelm never runs it.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
version=$(awk '/^(require )?[ \t]*helm\.sh\/helm\/v4 v/ { for (i = 1; i < NF; i++) if ($i == "helm.sh/helm/v4") { print $(i + 1); exit } }' "$root/go/go.mod")
key=$(sha256sum "$root/go/go.sum" | cut -c1-12)
cache=${CPPHELM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/cpphelm}
dir="$cache/reference/helm-$version-$key"
if [ ! -x "$dir/helm" ]; then
  mkdir -p "$dir"
  echo "building reference helm $version into $dir (first time only)" >&2
  GOBIN="$dir.tmp" go install -trimpath \
    -ldflags "-X helm.sh/helm/v4/internal/version.version=$version" \
    "helm.sh/helm/v4/cmd/helm@$version" >&2
  mv "$dir.tmp/helm" "$dir/helm" && rmdir "$dir.tmp"
fi
echo "$dir/helm"
