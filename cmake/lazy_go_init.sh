#!/bin/sh
# Makes the Go runtime start on demand: removes go.o's .init_array entry (which would start the
# runtime, and every package init, on a second thread before main) from the c-archive. The backend
# starts it with _rt0_amd64_lib(argc, argv) on its first call instead (lib/backend/go_runtime.cpp),
# so --help, usage errors and completion never pay for Go. Usage: lazy_go_init.sh AR OBJCOPY ARCHIVE
set -eu
ar=$1 objcopy=$2 archive=$3
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir"
"$ar" x "$archive" go.o
"$objcopy" --remove-section=.init_array --remove-section=.rela.init_array go.o
"$ar" r "$archive" go.o
