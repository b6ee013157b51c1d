#!/usr/bin/env bash
# `embed --long-text`: the truncation report (standard error, <output>.long-text.json, the
# manifest), `chunk` against the float64 PyTorch reference (tests/fixtures/long_text, made by
# tools/fixtures/make_long_text_fixture.py), its bytes independent of --chunk-texts, and
# --resume after kills giving the same bytes and the same report. Quick: 6 texts, tiny models.
source "$(dirname "$0")/lib.bash" "$@"
fx=$ROOT/tests/fixtures/long_text
models=$ROOT/tests/fixtures/models
in=$fx/texts.txt  # 6 texts of 3, 28, 29, 56, 57 and 100 tokens; the models read 30 with [CLS] and [SEP]
embed() { "$NSMLAB" embed --input "$in" --threads 1 "$@"; }

# truncate (the default): said on standard error and beside the output
embed --model "$models/bert-mean" --output "$TMP/t.npy" 2>"$TMP/err"
grep -qF "4 of 6 texts were longer than the 30 tokens the model reads (longest: 102 tokens); they were truncated" "$TMP/err" ||
  fail "no truncation report: $(cat "$TMP/err")"
[[ $(json_get "$TMP/t.npy.long-text.json" '["over_max_seq_len"]') == 4 ]] || fail "side file: $(cat "$TMP/t.npy.long-text.json")"
[[ $(json_get "$TMP/t.npy.long-text.json" '["mode"]') == truncate ]] || fail "side file mode"

# chunk equals the reference (all four cases: tests/engine/long_text_test.cpp)
for case in bert-mean:0 mpnet-mean-normalize:5; do
  m=${case%:*} ov=${case#*:}
  embed --model "$models/$m" --output "$TMP/$m-$ov.npy" --long-text chunk --chunk-overlap $ov 2>"$TMP/err"
  d=$(npy_maxdiff "$TMP/$m-$ov.npy" "$fx/$m-overlap$ov.npy")
  python3 -c "import sys; sys.exit(0 if float('$d') < 2e-5 else 1)" || fail "$m overlap $ov differs from the reference by $d"
done
grep -qF "split into windows (overlap 5 tokens): 15 windows for 6 texts" "$TMP/err" || fail "chunk report: $(cat "$TMP/err")"
[[ $(json_get "$TMP/mpnet-mean-normalize-5.npy.long-text.json" '["windows"]') == 15 ]] || fail "side file windows"

# the bytes do not depend on --chunk-texts; a folder's manifest carries the report
chunk() { embed --model "$models/mpnet-mean-normalize" --long-text chunk --chunk-overlap 5 "$@" 2>/dev/null; }
chunk --output "$TMP/c1.npy" --chunk-texts 1
cmp -s "$TMP/c1.npy" "$TMP/mpnet-mean-normalize-5.npy" || fail "the output depends on --chunk-texts"
chunk --output "$TMP/ref/" --chunk-texts 2
[[ $(json_get "$TMP/ref/manifest.json" '["long_text"]["windows"]') == 15 ]] || fail "manifest: no long_text report"

# with the cache: chunk vectors live in a space of their own (truncate's rows are not reused), the
# bytes are the same, and a run that finds every text still reports the long ones
embed --model "$models/mpnet-mean-normalize" --output "$TMP/tc.npy" --cache "$TMP/cache.sqlite" 2>/dev/null
for i in 1 2; do
  embed --model "$models/mpnet-mean-normalize" --long-text chunk --chunk-overlap 5 --output "$TMP/cc$i.npy" \
    --cache "$TMP/cache.sqlite" 2>"$TMP/err$i"
  cmp -s "$TMP/cc$i.npy" "$TMP/mpnet-mean-normalize-5.npy" || fail "chunk through the cache (run $i) differs"
done
grep -qF "0 of 6 texts found" "$TMP/err1" || fail "chunk reused truncate's cached rows: $(cat "$TMP/err1")"
grep -qF "6 of 6 texts found" "$TMP/err2" || fail "second chunk run: $(cat "$TMP/err2")"
grep -qF "split into windows (overlap 5 tokens): 15 windows for 6 texts" "$TMP/err2" \
  || fail "no long-text report when the cache had every text: $(cat "$TMP/err2")"

# killed after a committed chunk, then --resume: the same bytes, the same report (the kills at
# every step are tests/cli/embed_resume.sh's; NSMLAB_TEST_KILL_AT counts the commit steps)
for out in "$TMP/k.npy" "$TMP/k/"; do
  rc=0
  NSMLAB_TEST_KILL_AT=4 chunk --output "$out" --chunk-texts 2 || rc=$?
  [[ $rc == 137 ]] || fail "$out: the kill point did not kill (exit $rc)"
  chunk --output "$out" --chunk-texts 2 --resume 2>"$TMP/err" || fail "resume: $(cat "$TMP/err")"
done
cmp -s "$TMP/k.npy" "$TMP/c1.npy" || fail "resumed file differs"
cmp -s "$TMP/k.npy.long-text.json" "$TMP/c1.npy.long-text.json" || fail "resumed report differs"
diff -r "$TMP/k" "$TMP/ref" >/dev/null || fail "resumed folder differs (shards or manifest's report)"
# a resume must not mix modes
NSMLAB_TEST_KILL_AT=4 chunk --output "$TMP/m.npy" --chunk-texts 2 || true
expect_error "other settings" embed --model "$models/mpnet-mean-normalize" --output "$TMP/m.npy" --chunk-texts 2 --resume

# nothing long: nothing said, and an earlier report of ours beside the output goes with it
head -2 "$in" > "$TMP/short.txt"
"$NSMLAB" embed --input "$TMP/short.txt" --model "$models/bert-mean" --output "$TMP/t.npy" --force 2>"$TMP/err"
! grep -q "longer than" "$TMP/err" || fail "a report without long texts"
[[ ! -e $TMP/t.npy.long-text.json ]] || fail "stale side file kept"

# refused settings
expect_error "must be less than the 28 text tokens" embed --model "$models/bert-mean" --output "$TMP/x.npy" --long-text chunk --chunk-overlap 28
expect_error "applies to --long-text chunk only" embed --model "$models/bert-mean" --output "$TMP/x.npy" --chunk-overlap 2
expect_error "--long-text" embed --model "$models/bert-mean" --output "$TMP/x.npy" --long-text window
echo "embed_long_text: ok"
