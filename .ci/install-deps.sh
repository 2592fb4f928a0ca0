#!/usr/bin/env bash
# Installs every Debian package Winnow needs to build, test and run its demo.
# Usage: .ci/install-deps.sh [--no-gui]   (needs root or sudo)
set -euo pipefail
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
pkgs=(build-essential cmake ninja-build pkg-config
      libtorch-dev libopenblas0-pthread
      libopencv-dev libsqlite3-dev sqlite3
      libavcodec-dev libavformat-dev libavutil-dev libswscale-dev ffmpeg
      dataset-fashion-mnist opencv-doc hyperfine time python3-torch
      nlohmann-json3-dev libcli11-dev libssl-dev ccache locales libgloo-dev libfaiss-dev)
if [ "${1:-}" != "--no-gui" ]; then
  pkgs+=(qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libqcustomplot-dev
         libgl-dev xvfb xauth fonts-noto-cjk qt6-svg-dev)
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${pkgs[@]}"
