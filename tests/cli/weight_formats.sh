#!/usr/bin/env bash
# Models whose weights are not one model.safetensors, as a user runs them: pytorch_model.bin
# (zip and legacy, LaBSE-like 2_Dense with its own), sharded safetensors, and bge-m3's
# three outputs (embed --output-kind dense|sparse|colbert) against the recorded reference.
source "$(dirname "$0")/lib.bash" "$@"
W=$ROOT/tests/fixtures/weights
printf 'w9 w14 w15\nw20 w11\n' > "$TMP/in.txt"
for m in bert-mean-zip labse-like-legacy xlm-roberta-bf16-sharded; do
  "$NSMLAB" embed --model "$W/$m" --input "$TMP/in.txt" --output "$TMP/$m.npy" 2>/dev/null || fail "embed $m"
done
head -c 80 "$TMP/labse-like-legacy.npy" | grep -q "'shape': (2, 24)" || fail "legacy + 2_Dense shape"
# The same weights as model.safetensors give the same embeddings.
"$NSMLAB" embed --model "$ROOT/tests/fixtures/models/bert-mean" --input "$TMP/in.txt" --output "$TMP/st.npy" 2>/dev/null
[[ $(npy_maxdiff "$TMP/st.npy" "$TMP/bert-mean-zip.npy") == 0.0 ]] || fail "pytorch_model.bin differs from safetensors"

m3=$W/bge-m3-tiny
"$NSMLAB" embed --model "$m3" --input "$m3/texts.txt" --output "$TMP/dense.npy" 2>/dev/null
"$NSMLAB" embed --model "$m3" --input "$m3/texts.txt" --output "$TMP/sparse.jsonl" --output-kind sparse 2>/dev/null
"$NSMLAB" embed --model "$m3" --input "$m3/texts.txt" --output "$TMP/colbert.npy" --output-kind colbert 2>/dev/null
[[ -f $TMP/colbert.offsets.npy ]] || fail "colbert offsets file"
python3 - "$m3/m3_expected.json" "$TMP" <<'PY' || fail "bge-m3 outputs differ from the reference"
import array, ast, json, sys
want, tmp = json.load(open(sys.argv[1])), sys.argv[2]
def npy(p, code):
    b = open(p, 'rb').read()
    hl = int.from_bytes(b[8:10], 'little')
    h = ast.literal_eval(b[10:10 + hl].decode())
    a = array.array(code); a.frombytes(b[10 + hl:])
    return h['shape'], list(a)
shape, dense = npy(f"{tmp}/dense.npy", 'f')
assert shape == (4, 32), shape
assert max(abs(x - y) for x, y in zip(dense, sum(want['dense'], []))) < 1e-5
lines = [json.loads(l) for l in open(f"{tmp}/sparse.jsonl")]
assert len(lines) == 4
for got, exp in zip(lines, want['sparse']):
    assert got.keys() == exp.keys(), (got, exp)
    assert all(abs(got[k] - exp[k]) < 1e-5 for k in got)
shape, vecs = npy(f"{tmp}/colbert.npy", 'f')
_, offsets = npy(f"{tmp}/colbert.offsets.npy", 'q')
assert offsets == [0] + [sum(len(v) for v in want['colbert'][:i + 1]) for i in range(4)], offsets
flat = [x for text in want['colbert'] for row in text for x in row]
assert shape == (offsets[-1], 32) and max(abs(x - y) for x, y in zip(vecs, flat)) < 1e-5
PY
expect_error "sparse_linear.pt" "$NSMLAB" embed --model "$W/bert-mean-zip" --input "$TMP/in.txt" --output "$TMP/x.jsonl" --output-kind sparse
expect_error "exists" "$NSMLAB" embed --model "$m3" --input "$m3/texts.txt" --output "$TMP/colbert.npy" --output-kind colbert
# A pickle that would run a command is refused, and nothing runs.
mkdir "$TMP/evil" && cp "$W/bert-mean-zip/"*.json "$TMP/evil/" && cp -r "$W/bert-mean-zip/1_Pooling" "$TMP/evil/"
cp "$W/evil_os_system.bin" "$TMP/evil/pytorch_model.bin"
expect_error "posix.system" "$NSMLAB" embed --model "$TMP/evil" --input "$TMP/in.txt" --output "$TMP/evil.npy"
[[ ! -e /tmp/nsmlab-pwned && ! -e $TMP/evil.npy ]] || fail "the hostile pickle left something behind"
# convert: a safetensors copy that embeds the same; never over an existing folder; the source untouched.
before=$(ls -R "$W/labse-like-legacy" | md5sum)
"$NSMLAB" convert "$W/labse-like-legacy" --output "$TMP/converted" > "$TMP/where" 2>/dev/null
[[ $(cat "$TMP/where") == "$TMP/converted" && -f $TMP/converted/2_Dense/model.safetensors ]] || fail "convert output"
[[ ! -e $TMP/converted/pytorch_model.bin ]] || fail "convert copied the .bin"
"$NSMLAB" embed --model "$TMP/converted" --input "$TMP/in.txt" --output "$TMP/converted.npy" 2>/dev/null
[[ $(npy_maxdiff "$TMP/converted.npy" "$TMP/labse-like-legacy.npy") == 0.0 ]] || fail "converted model differs"
expect_error "already exists" "$NSMLAB" convert "$W/labse-like-legacy" --output "$TMP/converted"
[[ $(ls -R "$W/labse-like-legacy" | md5sum) == "$before" ]] || fail "convert changed its source"
exit 0
