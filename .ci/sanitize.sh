#!/usr/bin/env bash
# CI's build and test stage: builds everything (core, winnow-cli, the GUI, widgets and every
# test) with AddressSanitizer + UndefinedBehaviorSanitizer into ./build-asan and runs the whole
# test suite under them. Run it locally after .ci/install-deps.sh: bash .ci/sanitize.sh
# Any ASan, LeakSanitizer or UBSan report fails the test it happens in. The suppression files in
# .ci/sanitizers/ hold only reports from libraries Winnow does not build (today LibTorch and
# glibc), each with the reason; a report in Winnow's own code is fixed, never suppressed.
set -euo pipefail
cd "$(dirname "$0")/.."
ASAN_DIR=${ASAN_BUILD_DIR:-build-asan}
launcher=()
# ccache caches files compiled with a precompiled header (WINNOW_PCH) only with this sloppiness.
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
export CCACHE_SLOPPINESS=${CCACHE_SLOPPINESS:-pch_defines,time_macros}
cmake -S . -B "$ASAN_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release "${launcher[@]}" \
  -DWINNOW_SANITIZE=address,undefined -DWINNOW_WERROR=ON
cmake --build "$ASAN_DIR" -j "$(nproc)"
supp=$PWD/.ci/sanitizers
export ASAN_OPTIONS="halt_on_error=1:detect_leaks=1:detect_stack_use_after_return=0:strict_string_checks=1:check_initialization_order=1"
export LSAN_OPTIONS="suppressions=$supp/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:suppressions=$supp/ubsan.supp"
cd "$ASAN_DIR"
ctest --output-on-failure -j 2 --timeout 1800
