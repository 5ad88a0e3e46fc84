#!/usr/bin/env bash
# ThreadSanitizer over the C++ code that runs on several threads (tests/unit/concurrency_test.cpp:
# the event relay fed from other threads while the sink changes, cancellation from another thread,
# the JSON stderr pump). A build of its own, without Go (the Go runtime and TSan do not mix),
# configured here in DIR and limited to the concurrency_tests target, so it stays small.
# usage: run.sh SOURCE_DIR DIR
set -euo pipefail
src=$1 dir=$2
cmake -S "$src" -B "$dir" -G Ninja -DCPPHELM_WITH_GO=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS="-fsanitize=thread -fno-omit-frame-pointer" \
    -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=thread" >/dev/null
cmake --build "$dir" --target concurrency_tests
# Without ASLR: TSan's shadow memory layout does not fit the randomised mappings of newer kernels.
TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 ${TSAN_OPTIONS:-}" \
    setarch "$(uname -m)" -R "$dir/tests/concurrency_tests"
