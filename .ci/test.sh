#!/usr/bin/env bash
# Fresh machine to green tests: install packages, build with warnings as errors, run ctest,
# then build core, the CLI and their tests with AddressSanitizer + UBSan and run those.
set -euo pipefail
cd "$(dirname "$0")/.."
.ci/install-deps.sh
BUILD_DIR=${BUILD_DIR:-build} .ci/build.sh -DWINNOW_WERROR=ON
(cd "${BUILD_DIR:-build}" && ctest --output-on-failure -j 2 --timeout 900)
# Sanitizer stage in its own folder, build-asan (about 33 minutes cold on 2 cores; see .ci/sanitize.sh).
.ci/sanitize.sh
