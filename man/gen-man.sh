#!/usr/bin/env bash
# Writes cpphelm's man pages into OUT: `cpphelm docs --type man` (helm's pages, from the command
# model) installed under cpphelm's own name, so that they sit beside helm's without clashing:
# helm.1 becomes cpphelm.1, helm-install.1 becomes cpphelm-install.1, and so on, with the title and
# the SEE ALSO references renamed to match. The text keeps helm's command lines: cpphelm is a
# drop-in and answers to the same commands. Pages are gzipped (-n: no name or time stamp).
# The date comes from SOURCE_DATE_EPOCH, else the last commit, so that a build is reproducible.
# cpphelm(1) also gets man/additions.roff: what cpphelm adds to helm, and its CPPHELM_* variables.
# usage: gen-man.sh CPPHELM OUT
set -euo pipefail
bin=$1 out=$2
src=$(cd "$(dirname "$0")/.." && pwd)
if [ -z "${SOURCE_DATE_EPOCH:-}" ]; then
  SOURCE_DATE_EPOCH=$(git -C "$src" log -1 --format=%ct 2>/dev/null || echo 0)
fi
export SOURCE_DATE_EPOCH
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# A clean environment: helm's flag defaults come from it (HELM_NAMESPACE, HELM_KUBETOKEN, ...), and
# the builder's plugins would become pages.
env -i PATH="$PATH" TZ=UTC SOURCE_DATE_EPOCH="$SOURCE_DATE_EPOCH" HOME=/nonexistent HELM_NO_PLUGINS=1 \
  HELM_CONFIG_HOME=/nonexistent HELM_CACHE_HOME=/nonexistent HELM_DATA_HOME=/nonexistent \
  "$bin" docs --type man --dir "$tmp"
rm -rf "$out"
mkdir -p "$out"
for page in "$tmp"/helm*.1; do
  name=$(basename "$page")
  sed -e 's/^\.TH "HELM"/.TH "CPPHELM"/' \
      -e 's/\\fBhelm\([-(\\]\)/\\fBcpphelm\1/g' "$page" > "$tmp/renamed"
  # cpphelm's own additions and variables (man/additions.roff) go into cpphelm(1), before SEE ALSO.
  if [ "$name" = helm.1 ]; then
    awk -v extra="$src/man/additions.roff" '/^\.SH SEE ALSO/ { while ((getline l < extra) > 0) print l } { print }' \
      "$tmp/renamed" > "$tmp/with-additions" && mv "$tmp/with-additions" "$tmp/renamed"
  fi
  # The NAME section's first line is the page's own name (helm\-install \- ...).
  awk 'prev_name && !done { sub(/^helm/, "cpphelm"); done = 1 } { print; prev_name = ($0 == ".SH NAME") }' \
    "$tmp/renamed" | gzip -n -9 > "$out/cpp${name}.gz"
done
