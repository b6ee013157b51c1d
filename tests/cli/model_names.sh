#!/usr/bin/env bash
# --model takes a folder, a hub id ORG/NAME[@REV], a bare name (sentence-transformers/NAME) or a
# hub cache folder, in every command; results.json records the id, the commit and the path.
source "$(dirname "$0")/lib.bash" "$@"
src=$ROOT/tests/fixtures/models_hf/xlmr_mean
commit=0123456789abcdef0123456789abcdef01234567
# A huggingface_hub cache entry as Python writes it: blobs/ and relative links in snapshots/.
entry=$TMP/hub/models--sentence-transformers--tiny-xlmr
mkdir -p "$entry/blobs" "$entry/refs"
(cd "$src" && find . -type f) | while read -r f; do
  f=${f#./}
  sum=$(sha256sum "$src/$f" | cut -d' ' -f1)
  cp "$src/$f" "$entry/blobs/$sum"
  mkdir -p "$(dirname "$entry/snapshots/$commit/$f")"
  up=$(python3 -c "import os,sys; print(os.path.relpath(sys.argv[1], sys.argv[2]))" "$entry/blobs/$sum" "$(dirname "$entry/snapshots/$commit/$f")")
  ln -s "$up" "$entry/snapshots/$commit/$f"
done
printf '%s' "$commit" > "$entry/refs/main"
export HF_HUB_CACHE=$TMP/hub
printf 'un\ndeux\n' > "$TMP/in.txt"

for spec in sentence-transformers/tiny-xlmr tiny-xlmr "tiny-xlmr@main" "tiny-xlmr@$commit" "$entry" "$entry/snapshots/$commit"; do
  "$NSMLAB" info --model "$spec" > "$TMP/info" || fail "info --model $spec"
  grep -q "^model: *sentence-transformers/tiny-xlmr$" "$TMP/info" || fail "info --model $spec: $(cat "$TMP/info")"
  grep -q "^revision: *$commit$" "$TMP/info" || fail "info --model $spec: no revision"
done
"$NSMLAB" embed --model tiny-xlmr --input "$TMP/in.txt" --output "$TMP/e.npy" 2>/dev/null || fail "embed by name"
"$NSMLAB" embed --model "$src" --input "$TMP/in.txt" --output "$TMP/f.npy" 2>/dev/null || fail "embed by folder"
[[ $(npy_maxdiff "$TMP/e.npy" "$TMP/f.npy") == 0.0 ]] || fail "the cache and the folder differ"
"$NSMLAB" tokenize --model sentence-transformers/tiny-xlmr --input "$TMP/in.txt" --output "$TMP/ids.jsonl"
"$NSMLAB" models | grep "sentence-transformers/tiny-xlmr" | grep -q "snapshots/$commit" || fail "models does not list it"

"$NSMLAB" run --model tiny-xlmr --no-plots --permutations 5 --bootstrap 5 --no-jackknife -o "$TMP/out" > /dev/null
r=$TMP/out/results.json
[[ $(json_get "$r" "['metadata']['model']['id']") == sentence-transformers/tiny-xlmr ]] || fail "results.json id"
[[ $(json_get "$r" "['metadata']['model']['revision']") == "$commit" ]] || fail "results.json revision"
[[ $(json_get "$r" "['metadata']['model']['path']") == "$(realpath "$entry/snapshots/$commit")" ]] || fail "results.json path"

expect_error "\`nsmlab pull someorg/absent\` fetches it" "$NSMLAB" info --model someorg/absent
expect_error "\`nsmlab pull sentence-transformers/tiny-xlmr@v9\`" "$NSMLAB" embed --model tiny-xlmr@v9 --input "$TMP/in.txt" --output "$TMP/x.npy"
expect_error "not a directory" "$NSMLAB" info --model ./no/such/folder
expect_error "not a folder and not a hub id" "$NSMLAB" info --model "org/na--me"
rm "$entry/blobs/$(sha256sum "$src/model.safetensors" | cut -d' ' -f1)"  # a blob never downloaded
expect_error "incomplete" "$NSMLAB" info --model tiny-xlmr
exit 0
