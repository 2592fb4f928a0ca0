#!/usr/bin/env bash
# Fresh machine to the main job: install packages, build, then open the GUI on the
# Fashion-MNIST demo project. Without a display, run the headless CLI pipeline instead:
# build the demo project, inject 20% label noise on a subset, train, score, evaluate.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ "${1:-}" != "--headless" ]; then
  exec build/app/winnow --demo
fi
exec scripts/headless-demo.sh
