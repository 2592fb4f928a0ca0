#!/usr/bin/env bash
# Fresh machine to green tests: install packages, then one build of everything (core, CLI, GUI,
# widgets, tests) instrumented with AddressSanitizer + UBSan, warnings as errors, and the whole
# suite under the sanitizers (.ci/sanitize.sh, ./build-asan).
# One instrumented build instead of a plain build plus a sanitizer build: the two cost about the
# same to compile (LibTorch's headers dominate either), so CI does the work once.
set -euo pipefail
cd "$(dirname "$0")/.."
.ci/install-deps.sh
.ci/sanitize.sh
