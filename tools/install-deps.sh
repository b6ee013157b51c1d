#!/usr/bin/env bash
# Installs the Debian packages nsmlab needs, only those missing; silent when all are there.
# Usage: tools/install-deps.sh [--with-peers | --with-fuzz]   (--with-peers: also the Python peers
# used by fixtures and benchmarks: python3-torch, scikit-learn, scipy, sentencepiece, OpenBLAS;
# Node.js + npm (only where no node/npm is on PATH) and the ONNX Runtime peer from npm
# (tools/bench/install-ort.sh: best effort, the benchmarks skip it when it cannot be installed);
# --with-fuzz: clang with libFuzzer and its OpenMP runtime, for `make fuzz`)
set -euo pipefail
build=(g++ cmake ninja-build pkg-config make libdnnl-dev ocl-icd-opencl-dev libutf8proc-dev libre2-dev nlohmann-json3-dev libcli11-dev
       libfmt-dev libeigen3-dev libcairo2-dev libssl-dev libgtest-dev libgmock-dev
       libbenchmark-dev fonts-dejavu-core python3 qemu-user libcurl4-openssl-dev)  # python3: JSON checks in tests/cli
       # and the local hub server of tests/cli/pull.sh; libcurl4-openssl-dev: nsmlab pull;
       # qemu-user: runs the binary on an emulated AVX2-only CPU (tests/cli/runs_on_haswell.sh)
build+=(libcpp-httplib-dev curl wrk python3-requests)  # nsmlab serve and its tests (tests/cli/serve_*.sh)
build+=(pybind11-dev python3-dev python3-numpy python3-pytest jupyter-nbconvert python3-nbclient python3-ipykernel
        python3-setuptools python3-wheel python3-pip python3-venv)
       # the Python module (python/): pybind11 + headers to build it; numpy, pytest, nbconvert (with
       # nbclient and the ipykernel kernel it runs) for its tests; setuptools/wheel/pip/venv for `pip install .`
# MPI (optional at build time): `mpirun -np N nsmlab embed` and tests/cli/embed_mpi.sh.
build+=(libopenmpi-dev openmpi-bin)
build+=(libsqlite3-dev)  # the embedding cache (src/cache); tests read it with python3's own sqlite3 module
build+=(python3-scipy)   # tests/cli/run_models.sh checks CKA and the Spearman RSA against numpy/scipy
# time, bc: tools/bench_embed_stream.sh (peak memory of embed, docs/BENCHMARKS.md).
build+=(time bc)
peers=(python3 python3-numpy python3-torch python3-sklearn python3-scipy python3-sentencepiece sentencepiece
       libopenblas0-pthread)
fuzz=(clang libclang-rt-dev libomp-dev)
want=("${build[@]}")
if [[ "${1:-}" == "--with-peers" ]]; then
  want+=("${peers[@]}")
  # A NodeSource node bundles npm and conflicts with Debian's npm package: add only what is missing.
  command -v node >/dev/null || want+=(nodejs)
  command -v npm >/dev/null || want+=(npm)
fi
install_ort() {  # never fails: without the ONNX Runtime peer the benchmarks skip it, with a message
  if [[ "${1:-}" == "--with-peers" ]]; then "$(dirname "$0")/bench/install-ort.sh" >/dev/null || true; fi
}
[[ "${1:-}" == "--with-fuzz" ]] && want+=("${fuzz[@]}")
missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && { install_ort "${1:-}"; exit 0; }
echo "nsmlab: installing ${missing[*]}" >&2
SUDO=""
[[ $(id -u) -ne 0 ]] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
install_ort "${1:-}"
