#!/usr/bin/env bash
# Builds the Debian package from a build tree (cpack) and checks what it installs: the binary runs,
# every command has its man page and it renders, and the bash and fish completion scripts complete
# the program by its installed name through the packaged binary itself.
# usage: test-deb.sh BUILD_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

(cd "$build" && cpack -G DEB -B "$work/out" >/dev/null)
deb=$(ls "$work"/out/cpphelm_*_amd64.deb)
info=$(dpkg-deb -I "$deb")
grep -q '^ Package: cpphelm$' <<<"$info" || fail "package name: $info"
grep -q '^ Depends: libc6' <<<"$info" || fail "depends: $info"
dpkg-deb -c "$deb" | awk '{print $2}' | grep -qv '^root/root$' && fail "files not owned by root"
dpkg-deb -c "$deb" | awk '{print $6}' | grep -v '^\./usr/' | grep -qv '^\./$' && fail "files outside /usr"
root="$work/root"
dpkg-deb -x "$deb" "$root"
bin="$root/usr/bin/cpphelm"
file "$bin" | grep -q 'stripped' && ! file "$bin" | grep -q 'not stripped' || fail "binary not stripped"
export HELM_CONFIG_HOME="$work/config" HELM_CACHE_HOME="$work/cache" HELM_DATA_HOME="$work/data" HOME="$work"
[ "$("$bin" version --short)" = "$("$build/cpphelm" version --short)" ] || fail "packaged binary's version"

# One man page per command that `docs` documents, each rendering with its own name.
man1="$root/usr/share/man/man1"
HELM_NO_PLUGINS=1 "$build/cpphelm" docs --dir "$work" >/dev/null
expected=$(ls "$work"/helm*.md | wc -l)
[ "$(ls "$man1"/cpphelm*.1.gz | wc -l)" = "$expected" ] || fail "man pages: $(ls "$man1" | wc -l), commands: $expected"
for page in cpphelm cpphelm-install cpphelm-repo-add cpphelm-show-values; do
  text=$(zcat "$man1/$page.1.gz" | groff -man -Tutf8 2>/dev/null | col -b)
  grep -q "^ *$page - " <<<"$text" || fail "$page.1 does not name itself: $(head -5 <<<"$text")"
  grep -q "^ *CPPHELM(1)" <<<"$text" || fail "$page.1 title"
done
zcat "$man1/cpphelm-repo.1.gz" | grep -q 'fBcpphelm-repo-add(1)' || fail "cpphelm-repo.1 SEE ALSO"

# Completion through the packaged scripts and binary, under the installed name.
export PATH="$root/usr/bin:$PATH"
got=$(bash -c 'source /usr/share/bash-completion/bash_completion; source "$1"; COMP_WORDS=(cpphelm vers); COMP_CWORD=1; COMP_LINE="cpphelm vers"; COMP_POINT=${#COMP_LINE}
               __start_helm cpphelm vers cpphelm; echo "${COMPREPLY[*]}"' _ "$root/usr/share/bash-completion/completions/cpphelm" 2>/dev/null)
[ "$got" = "version" ] || fail "bash completion of 'cpphelm vers': '$got'"
got=$(bash -c 'source "$1"; complete -p cpphelm' _ "$root/usr/share/bash-completion/completions/cpphelm")
grep -q '__start_helm cpphelm$' <<<"$got" || fail "bash registration: $got"
got=$(fish -c "source '$root/usr/share/fish/vendor_completions.d/cpphelm.fish'; complete --do-complete 'cpphelm show v'")
grep -q '^values' <<<"$got" || fail "fish completion of 'cpphelm show v': '$got'"
head -1 "$root/usr/share/zsh/vendor-completions/_cpphelm" | grep -q '^#compdef cpphelm$' || fail "zsh header"
# The SDK package: headers, libraries and the CMake package, and nothing of the command's.
dev=$(ls "$work"/out/cpphelm-dev_*_amd64.deb)
info=$(dpkg-deb -I "$dev")
grep -q '^ Package: cpphelm-dev$' <<<"$info" || fail "dev package name: $info"
grep -q '^ Depends: nlohmann-json3-dev' <<<"$info" || fail "dev depends: $info"
files=$(dpkg-deb -c "$dev" | awk '{print $6}')
for f in ./usr/include/cpphelm/client.hpp ./usr/include/cpphelm/go_backend.hpp ./usr/lib/libcpphelmshim.a \
         ./usr/lib/libcpphelm_core.a ./usr/lib/cmake/cpphelm/cpphelmConfig.cmake ./usr/lib/cmake/cpphelm/cpphelmTargets.cmake; do
  grep -qx "$f" <<<"$files" || fail "cpphelm-dev lacks $f"
done
grep -q '^\./usr/bin/' <<<"$files" && fail "cpphelm-dev carries the binary"
dpkg-deb -c "$deb" | awk '{print $6}' | grep -q '^\./usr/include/' && fail "cpphelm carries the SDK's headers"
echo "package ok: $(basename "$deb") ($(du -h "$deb" | cut -f1)), $expected man pages, bash/fish completion"
