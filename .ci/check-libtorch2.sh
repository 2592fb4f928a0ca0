#!/bin/bash
# Builds Winnow's core, CLI and the LibTorch-facing tests against LibTorch 2.x (Debian
# trixie's libtorch 2.6, CPU) and runs those tests on it, to check that the same code works on
# both LibTorch 1.13 (Debian 12, what CI uses) and 2.x. Not part of CI: it fetches ~200 MB
# of Debian trixie packages (headers, libtorch and its runtime closure including trixie's
# glibc) into WORK and runs the tests through trixie's dynamic loader.
# Usage: bash .ci/check-libtorch2.sh [WORK=/tmp/winnow-libtorch2]
# SKIP_FETCH=1 reuses the packages already unpacked in WORK/root (no download).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${1:-/tmp/winnow-libtorch2}
MIRROR=http://deb.debian.org/debian
mkdir -p "$WORK/debs" "$WORK/root"
cd "$WORK"
[ -f Packages ] || curl -sf "$MIRROR/dists/trixie/main/binary-amd64/Packages.xz" | xz -dc > Packages
# libtorch-dev plus the dependency closure of libtorch2.6 (first alternative of each).
python3 - > closure.txt <<'PY'
pk, cur = {}, {}
for line in open("Packages", encoding="utf-8", errors="replace"):
    line = line.rstrip("\n")
    if not line:
        if "Package" in cur: pk.setdefault(cur["Package"], cur)
        cur = {}
    elif line[0] not in " \t":
        k, _, v = line.partition(": "); cur[k] = v
prov = {}
for name, p in pk.items():
    for pr in p.get("Provides", "").split(","):
        if pr.strip(): prov.setdefault(pr.strip().split(" ")[0], name)
skip = {"debconf", "perl-base", "dpkg", "libc-bin", "base-files", "init-system-helpers", "adduser",
        "python3", "python3-dev", "libprotobuf-dev", "mpi-default-bin", "openmpi-bin", "openmpi-common",
        "libopenmpi-dev", "libhwloc-plugins", "ocl-icd-libopencl1", "mesa-vulkan-drivers", "libvulkan1"}
seen, stack = set(), ["libtorch2.6", "libtorch-dev"]
while stack:
    n = stack.pop()
    n = n if n in pk else prov.get(n, n)
    if n in seen or n in skip or n not in pk: continue
    seen.add(n)
    for dep in (pk[n].get("Depends", "") + "," + pk[n].get("Pre-Depends", "")).split(","):
        if dep.strip(): stack.append(dep.split("|")[0].strip().split(" ")[0].split(":")[0])
for n in sorted(seen): print(pk[n]["Filename"])
PY
[ -n "${SKIP_FETCH:-}" ] || (cd debs && sed "s|^|$MIRROR/|" ../closure.txt | xargs -n 8 -P 4 curl -sf --remote-name-all)
[ -n "${SKIP_FETCH:-}" ] || for f in debs/*.deb; do dpkg -x "$f" root; done
LIB=$WORK/root/usr/lib/x86_64-linux-gnu
cmake -S "$ROOT" -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DWINNOW_BUILD_GUI=OFF -DWINNOW_WERROR=ON \
  -DTorch_DIR="$LIB/cmake/Torch" -DCaffe2_DIR="$LIB/cmake/Caffe2" -DCMAKE_LIBRARY_PATH="$LIB" \
  -DCMAKE_EXE_LINKER_FLAGS=-Wl,--allow-shlib-undefined >/dev/null
TESTS="tst_core_influence_gradients tst_core_train_loss tst_core_train_run tst_core_train_clips tst_core_retrieval_torchscript tst_core_retrieval_builtin_encoder"
cmake --build build --target winnow-cli $TESTS
# BLAS: this machine's OpenBLAS (libopenblas0-pthread, which install-deps.sh installs) first, as
# Debian's alternatives would pick it on an installed trixie; the unpacked reference BLAS of the
# closure is only the fallback (with it LibTorch is ~30x slower and tst_core_train_run's BLAS
# thread check fails, as it should).
LP=$LIB:/usr/lib/x86_64-linux-gnu/openblas-pthread:$LIB/blas:$LIB/lapack:/usr/lib/x86_64-linux-gnu:/lib/x86_64-linux-gnu
run() { "$WORK/root/usr/lib64/ld-linux-x86-64.so.2" --library-path "$LP" "$@"; }
run build/app/winnow-cli version
for t in $TESTS; do (cd build/tests && run "./$t" | grep -E "^Totals|FAIL"); done
