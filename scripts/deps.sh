#!/usr/bin/env bash
# Installs the Debian packages cpphelm needs to build and test (Go itself must already be installed).
set -euo pipefail
need=(cmake ninja-build g++ python3 libcli11-dev nlohmann-json3-dev catch2 hyperfine time clang libclang-rt-14-dev bash-completion fish zsh tmux postgresql nginx-light docker-registry apache2-utils gnupg openssl file groff-base bsdextrautils dpkg-dev)
missing=()
for p in "${need[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}" >&2
  SUDO=; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
command -v go >/dev/null || { echo "Go is required (https://go.dev/dl/)" >&2; exit 1; }
