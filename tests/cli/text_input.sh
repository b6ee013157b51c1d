#!/usr/bin/env bash
# How `embed` and `tokenize` read --input (issue 6): the format comes from the extension or
# --format, never from the content; a BOM, CR-only lines, Unicode-blank lines, NUL bytes and
# endless input are each handled, with the file and line named in every error.
source "$(dirname "$0")/lib.bash" "$@"
model=$ROOT/tests/fixtures/models_hf/bert_mean
tokenize() { "$NSMLAB" tokenize --model "$model" --output "$TMP/ids.jsonl" --force "$@"; }
texts() { wc -l < "$TMP/ids.jsonl"; }
# A .txt starting with `{` is text (it was read as JSONL); --format jsonl reads it as records.
printf 'un\n' > "$TMP/un.txt"
tokenize --input "$TMP/un.txt"
un=$(head -1 "$TMP/ids.jsonl")
printf '{"text": "un"}\n{"text": "deux"}\n' > "$TMP/brace.txt"
tokenize --input "$TMP/brace.txt"
[[ $(head -1 "$TMP/ids.jsonl") != "$un" ]] || fail "brace.txt was read as JSONL"
tokenize --input "$TMP/brace.txt" --format jsonl
[[ $(head -1 "$TMP/ids.jsonl") == "$un" && $(texts) == 2 ]] || fail "--format jsonl"
# A BOM before JSONL: dropped, whatever the format.
printf '\xef\xbb\xbf{"text": "un"}\n{"text": "deux"}\n' > "$TMP/bom.txt"
tokenize --input "$TMP/bom.txt" --format jsonl
[[ $(head -1 "$TMP/ids.jsonl") == "$un" && $(texts) == 2 ]] || fail "BOM + JSONL"
cp "$TMP/bom.txt" "$TMP/bom.jsonl"
tokenize --input "$TMP/bom.jsonl"
[[ $(head -1 "$TMP/ids.jsonl") == "$un" && $(texts) == 2 ]] || fail "BOM + JSONL in a .jsonl"
printf '\xef\xbb\xbfun\n' > "$TMP/bom-text.txt"
tokenize --input "$TMP/bom-text.txt"
[[ $(head -1 "$TMP/ids.jsonl") == "$un" ]] || fail "the BOM was kept in the text"
# CR-only line ends (they merged every line into one text).
printf 'one\rtwo\rthree' > "$TMP/cr.txt"
tokenize --input "$TMP/cr.txt"
[[ $(texts) == 3 ]] || fail "CR line ends gave $(texts) texts"
# Blank lines of Unicode spaces or NULs are refused like ASCII-blank ones.
printf 'one\n\xe3\x80\x80\xc2\xa0\nthree\n' > "$TMP/blank.txt"
expect_error "blank.txt:2: empty text" tokenize --input "$TMP/blank.txt"
printf 'one\n\0\0\nthree\n' > "$TMP/nul.txt"
expect_error "nul.txt:2: NUL byte" "$NSMLAB" embed --model "$model" --input "$TMP/nul.txt" --output "$TMP/o.npy"
# Endless input: a clear error after 1 MiB, in bounded memory (it grew until killed).
# The 4 GB address-space cap turns unbounded growth into a failure; AddressSanitizer reserves
# terabytes of shadow memory, so an ASan build (make check-sanitizers) runs without the cap.
cap=4000000
ldd "$NSMLAB" 2> /dev/null | grep -q libasan && cap=unlimited
expect_error "/dev/zero:1: line longer than the limit" bash -c 'ulimit -v "$0"; exec "$@"' "$cap" \
  "$NSMLAB" tokenize --model "$model" --input /dev/zero --output "$TMP/o.jsonl"
expect_error "more than the limit of 2 texts" tokenize --input "$TMP/cr.txt" --max-texts 2
expect_error "--format" tokenize --input "$TMP/cr.txt" --format csv
[[ -e $TMP/o.npy || -e $TMP/o.jsonl ]] && fail "output written despite errors"
exit 0
