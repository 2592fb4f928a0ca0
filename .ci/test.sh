#!/usr/bin/env bash
# Fresh machine to green tests: install packages, build with warnings as errors, run ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
.ci/install-deps.sh
BUILD_DIR=${BUILD_DIR:-build} .ci/build.sh -DWINNOW_WERROR=ON
cd "${BUILD_DIR:-build}"
ctest --output-on-failure -j 2 --timeout 900
