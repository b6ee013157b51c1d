# Shared by the CLI tests: usage `source lib.bash "$@"` with $1 = nsmlab binary, $2 = repo root.
set -euo pipefail
NSMLAB=$1
ROOT=$2
SHARED=$ROOT/../shared
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export NSMLAB_NO_PROGRESS=1
export NSMLAB_EMBEDDING_CACHE=off  # tests see encoding itself; tests/cli/embed_cache.sh turns the cache on
# Keep the tests independent of models that happen to be installed on the machine.
export HOME=$TMP/home NSMLAB_MODELS=$TMP/no-models HF_HOME=$TMP/no-hf HF_HUB_CACHE=$TMP/no-hub XDG_CACHE_HOME=$TMP/no-cache
unset SENTENCE_TRANSFORMERS_HOME || true
export HF_HUB_OFFLINE=1  # no test reaches the internet: a model name never found is not downloaded (pull.sh unsets it)
fail() { echo "FAIL: $*" >&2; exit 1; }
# expect_error "fragment of the message" command...: must exit non-zero and say the fragment on stderr.
expect_error() {
  local want=$1; shift
  local err
  if err=$("$@" 2>&1 >/dev/null); then fail "expected failure: $*"; fi
  grep -qF -- "$want" <<<"$err" || fail "message of '$*' lacks '$want': $err"
}
json_get() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(eval('d' + sys.argv[2]))" "$1" "$2"; }
# Largest absolute difference between two float32 .npy files of the same shape.
npy_maxdiff() {
  python3 - "$1" "$2" <<'PY'
import array, ast, sys
def load(p):
    b = open(p, 'rb').read()
    hl = int.from_bytes(b[8:10], 'little')
    h = ast.literal_eval(b[10:10 + hl].decode())
    assert h['descr'] == '<f4', h
    a = array.array('f'); a.frombytes(b[10 + hl:])
    return h['shape'], a
(sa, a), (sb, b) = load(sys.argv[1]), load(sys.argv[2])
assert sa == sb, (sa, sb)
print(max(abs(x - y) for x, y in zip(a, b)))
PY
}
