#!/usr/bin/env bash
# Streaming `embed`: the bytes do not depend on --chunk-texts; standard output and a folder of
# shards hold the same rows; each --output-dtype equals its documented rule applied in Python
# to the float32 output (struct's half floats round to nearest even, as numpy's astype does).
source "$(dirname "$0")/lib.bash" "$@"
model=$ROOT/tests/fixtures/models_hf/xlmr_mean
python3 - "$TMP/in.txt" <<'PY'
import random, sys
random.seed(3)
w = "un deux trois soleil maison pense sait voir grand petit".split()
with open(sys.argv[1], "w") as f:
    for i in range(45):
        f.write(" ".join(random.choice(w) for _ in range(random.randint(1, 9))) + "\n")
PY
embed() { "$NSMLAB" embed --model "$model" --input "$TMP/in.txt" --normalize --threads 1 "$@" 2>/dev/null; }
embed --output "$TMP/all.npy" --chunk-texts 1000
embed --output "$TMP/c7.npy" --chunk-texts 7
cmp -s "$TMP/all.npy" "$TMP/c7.npy" || fail "the output depends on --chunk-texts"
embed --output - --chunk-texts 7 > "$TMP/stdout.npy"
cmp -s "$TMP/all.npy" "$TMP/stdout.npy" || fail "standard output differs from a file"
embed --output "$TMP/shards/" --chunk-texts 10
[[ $(ls "$TMP/shards" | grep -c '^shard-') == 5 ]] || fail "expected 5 shards"
for d in float16 int8 binary ubinary; do embed --output "$TMP/$d.npy" --output-dtype "$d" --chunk-texts 8; done
python3 - "$TMP" <<'PY'
import ast, hashlib, json, struct, sys
t = sys.argv[1]
def load(p):
    b = open(p, 'rb').read()
    hl = int.from_bytes(b[8:10], 'little')
    h = ast.literal_eval(b[10:10 + hl].decode())
    assert 10 + hl == 128, "header length"
    return h, b[10 + hl:]
h, raw = load(f"{t}/all.npy")
n, d = h['shape']
x = struct.unpack(f"<{n * d}f", raw)
rows = [x[i * d:(i + 1) * d] for i in range(n)]
def check(name, descr, cols, data):
    hh, got = load(f"{t}/{name}.npy")
    assert hh['descr'] == descr and hh['shape'] == (n, cols), (name, hh)
    assert got == data, f"{name}: bytes differ from the documented rule"
check("float16", "<f2", d, b"".join(struct.pack("<e", v) for v in x))
check("int8", "|i1", d, bytes((max(-127, min(127, round(127 * v)))) & 0xff for v in x))
def packed(r):
    bits = [1 if v > 0 else 0 for v in r] + [0] * (-len(r) % 8)
    return [int("".join(map(str, bits[i:i + 8])), 2) for i in range(0, len(bits), 8)]
check("ubinary", "|u1", (d + 7) // 8, bytes(b for r in rows for b in packed(r)))
check("binary", "|i1", (d + 7) // 8, bytes((b - 128) & 0xff for r in rows for b in packed(r)))
# The shards, concatenated, are the single file's rows; the manifest lists them with SHA-256.
m = json.load(open(f"{t}/shards/manifest.json"))
assert m["rows"] == n and m["columns"] == d and len(m["shards"]) == 5, m
joined = b""
for s in m["shards"]:
    b = open(f"{t}/shards/{s['file']}", "rb").read()
    assert hashlib.sha256(b).hexdigest() == s["sha256"], s
    hh, data = load(f"{t}/shards/{s['file']}")
    assert hh['shape'] == (s['rows'], d)
    joined += data
assert joined == raw, "shards differ from the single file"
PY
# A complete folder is replaced only with --force; a folder nsmlab did not write never.
expect_error "--force replaces it" "$NSMLAB" embed --model "$model" --input "$TMP/in.txt" --output "$TMP/shards/"
mkdir "$TMP/mine" && echo thesis > "$TMP/mine/thesis.txt"
expect_error "mine" "$NSMLAB" embed --model "$model" --input "$TMP/in.txt" --output "$TMP/mine/" --force
[[ -e $TMP/mine/thesis.txt ]] || fail "a user's folder was touched"
expect_error "--output-dtype" "$NSMLAB" embed --model "$model" --input "$TMP/in.txt" --output "$TMP/x.npy" --output-dtype bf16
exit 0
