# Shared by the CLI tests: usage `source lib.bash "$@"` with $1 = nsmlab binary, $2 = repo root.
set -euo pipefail
NSMLAB=$1
ROOT=$2
SHARED=$ROOT/../shared
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export NSMLAB_NO_PROGRESS=1
# Keep the tests independent of models that happen to be installed on the machine.
export HOME=$TMP/home NSMLAB_MODELS=$TMP/no-models HF_HOME=$TMP/no-hf HF_HUB_CACHE=$TMP/no-hub XDG_CACHE_HOME=$TMP/no-cache
unset SENTENCE_TRANSFORMERS_HOME || true
fail() { echo "FAIL: $*" >&2; exit 1; }
# expect_error "fragment of the message" command...: must exit non-zero and say the fragment on stderr.
expect_error() {
  local want=$1; shift
  local err
  if err=$("$@" 2>&1 >/dev/null); then fail "expected failure: $*"; fi
  grep -qF -- "$want" <<<"$err" || fail "message of '$*' lacks '$want': $err"
}
json_get() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(eval('d' + sys.argv[2]))" "$1" "$2"; }
