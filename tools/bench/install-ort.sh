#!/usr/bin/env bash
# Installs the ONNX Runtime peer (onnxruntime-node, CPU build) into one folder, once.
# --ignore-scripts: its install script downloads CUDA binaries; the CPU build is in the package.
# Prints the folder on success; on failure says why (stderr) and exits 1, so callers can skip.
# Usage: tools/bench/install-ort.sh   (folder: $NSMLAB_ORT_DIR, default ~/.cache/nsmlab/ort)
set -uo pipefail
DIR="${NSMLAB_ORT_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/nsmlab/ort}"
VERSION="${NSMLAB_ORT_VERSION:-1.30.0}"  # the version measured in docs/BENCHMARKS.md
pkg="$DIR/node_modules/onnxruntime-node/package.json"
if [[ -f "$pkg" ]] && grep -q "\"version\": \"$VERSION\"" "$pkg"; then echo "$DIR"; exit 0; fi
command -v node >/dev/null && command -v npm >/dev/null \
  || { echo "bench: no node/npm (Debian: apt-get install nodejs npm)" >&2; exit 1; }
mkdir -p "$DIR"
# --prefer-offline: the npm cache is enough when it has the package (no registry needed then).
if ! log=$(npm install --prefix "$DIR" --ignore-scripts --no-audit --no-fund --prefer-offline \
             "onnxruntime-node@$VERSION" 2>&1); then
  echo "bench: npm install onnxruntime-node@$VERSION failed (registry unreachable and not in ~/.npm?):" >&2
  tail -3 <<<"$log" >&2
  exit 1
fi
echo "$DIR"
