#!/usr/bin/env bash
# Prints a plugins directory (for HELM_PLUGINS) holding the reference helm-diff plugin: helm-diff at the
# version go/go.mod requires, built from the Go module proxy with its release ldflag and laid out as a
# legacy plugin (its plugin.yaml and bin/diff; its install hook downloads a binary, which cannot work
# here, so it is never run). Built once and cached outside the build tree. Tests only: cpphelm never runs it.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
module=github.com/databus23/helm-diff/v3
version=$(awk -v m="$module" '{ for (i = 1; i < NF; i++) if ($i == m) { print $(i + 1); exit } }' "$root/go/go.mod")
[ -n "$version" ] || { echo "reference-helm-diff.sh: go/go.mod does not require $module" >&2; exit 1; }
cache=${CPPHELM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/cpphelm}
dir="$cache/reference/helm-diff-$version/plugins"
if [ ! -x "$dir/diff/bin/diff" ]; then
  echo "building reference helm-diff $version into $dir (first time only)" >&2
  rm -rf "$dir.tmp" && mkdir -p "$dir.tmp/diff/bin"
  # helm-diff's own go.mod (helm v3, older Kubernetes) decides its dependencies, not ours: build in a
  # copy of its module (`go install module@version` would also ask the proxy for a version list).
  src=$(cd "$dir.tmp" && GOFLAGS=-mod=mod go mod download -json "$module@$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [ -d "$src" ] || { echo "reference-helm-diff.sh: cannot download $module@$version" >&2; exit 1; }
  cp -r "$src" "$dir.tmp/src" && chmod -R u+w "$dir.tmp/src"
  (cd "$dir.tmp/src" && go build -trimpath -ldflags "-X $module/cmd.Version=${version#v}" -o ../diff/bin/diff .) >&2
  cp "$src/plugin.yaml" "$dir.tmp/diff/plugin.yaml" && chmod u+w "$dir.tmp/diff/plugin.yaml"
  rm -rf "$dir.tmp/src"
  rm -rf "$dir" && mkdir -p "$(dirname "$dir")" && mv "$dir.tmp" "$dir"
fi
echo "$dir"
