#!/usr/bin/env bash
# Fresh machine to the main job: install packages, build, then open the GUI on the
# Fashion-MNIST demo project. Without a display, run the headless CLI pipeline instead:
# build the demo project, inject 20% label noise, train, run every detector, evaluate.
set -euo pipefail
cd "$(dirname "$0")/.."
.ci/install-deps.sh
.ci/build.sh
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ "${1:-}" != "--headless" ]; then
  exec build/app/winnow --demo
fi
exec .ci/headless-demo.sh
