# Starts `nsmlab serve` on a free loopback port for the tests/cli/serve_*.sh scripts (after lib.bash).
# usage: start_server MODEL [serve options...]; sets SERVER (pid), PORT and BASE; stop_server SIGNAL.
# A script that fails (set -e, fail) while a server runs must not leave it running: the server
# holds the test's output pipe, so ctest would wait for it forever.
trap '[[ -n ${SERVER:-} ]] && kill -KILL "$SERVER" 2>/dev/null; rm -rf "$TMP"' EXIT
start_server() {
  local model=$1; shift
  "$NSMLAB" serve --model "$model" --port 0 "$@" 2> "$TMP/serve.err" &
  SERVER=$!
  PORT=""
  while [[ -z $PORT ]]; do  # until the server says where it listens (or dies)
    kill -0 "$SERVER" 2>/dev/null || { cat "$TMP/serve.err" >&2; fail "nsmlab serve did not start"; }
    PORT=$(sed -n 's|.*on http://127\.0\.0\.1:\([0-9]*\) .*|\1|p' "$TMP/serve.err")
    [[ -n $PORT ]] || sleep 0.1
  done
  BASE=http://127.0.0.1:$PORT
}
# Sends the signal and waits for the exit; fails unless the server exits 0.
stop_server() {
  kill "-${1:-TERM}" "$SERVER"
  local rc=0
  wait "$SERVER" || rc=$?
  SERVER=""
  [[ $rc == 0 ]] || { cat "$TMP/serve.err" >&2; fail "nsmlab serve exited $rc after SIG${1:-TERM}"; }
}
