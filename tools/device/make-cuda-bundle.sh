#!/usr/bin/env bash
# Packs what tools/device/cuda-check.sh needs on the GPU machine, which has CUDA, PyTorch and
# sentence-transformers but not this project's Debian libraries (oneDNN, re2, cairo, ...):
# the nsmlab binary, the engine test program, the CUDA plugin and the shared libraries they
# need beyond glibc and libstdc++, as one compressed file under .devbundle/ (git-ignored via
# .git/info/exclude). Then, with the device tool:
#   run(command="bash tools/device/cuda-check.sh", carry=[".devbundle"], timeout_s=590)
#
#   tools/device/make-cuda-bundle.sh [BUILD_DIR]     (default: build)
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$repo/build}" && pwd)
cd "$repo"
grep -qx '/.devbundle/' "$(git rev-parse --git-path info/exclude)" 2>/dev/null ||
  echo '/.devbundle/' >> "$(git rev-parse --git-path info/exclude)"
cmake --build "$build" --target nsmlab_cli nsmlab_engine_tests nsmlab_cuda -j2
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/bin" "$stage/lib"
cp "$build/nsmlab" "$build/tests/nsmlab_engine_tests" "$build/libnsmlab_cuda.so" "$stage/bin/"
strip --strip-unneeded "$stage/bin/nsmlab" "$stage/bin/nsmlab_engine_tests"
# Every library they load except the C library's own and the C++ runtime (newer on the GPU
# machine's Ubuntu, and backward compatible); the CUDA ones come from the GPU machine.
for b in "$stage/bin/nsmlab" "$stage/bin/nsmlab_engine_tests"; do
  ldd "$b" | awk '$3 ~ /^\// {print $3}'
done | sort -u | grep -vE '/(libc|libm|libdl|librt|libpthread|libstdc\+\+|libgcc_s|ld-linux[^/]*)\.so' |
  while read -r lib; do cp -L "$lib" "$stage/lib/"; done
echo "$repo" > "$stage/source_dir"  # the fixture path compiled into the test program
git -C "$repo" rev-parse HEAD > "$stage/commit"
mkdir -p .devbundle
tar -C "$stage" -cJf .devbundle/cuda-bundle.tar.xz .
ls -la .devbundle/cuda-bundle.tar.xz
