#!/usr/bin/env bash
# Bad input gets a clear error naming the file and what was expected, and leaves no output.
source "$(dirname "$0")/lib.bash" "$@"
model=$ROOT/tests/fixtures/models_hf/bert_mean
printf 'ok\n' > "$TMP/ok.txt"
expect_error "$TMP/nope" "$NSMLAB" embed --model "$TMP/nope" --input "$TMP/ok.txt" --output "$TMP/o.npy"
printf 'fine\nbad \xff byte\n' > "$TMP/bad.txt"
expect_error "bad.txt:2: invalid UTF-8" "$NSMLAB" embed --model "$model" --input "$TMP/bad.txt" --output "$TMP/o.npy"
printf 'one\n\nthree\n' > "$TMP/empty.txt"
expect_error "empty.txt:2: empty text" "$NSMLAB" embed --model "$model" --input "$TMP/empty.txt" --output "$TMP/o.npy"
expect_error "$TMP/none/o.npy" "$NSMLAB" embed --model "$model" --input "$TMP/ok.txt" --output "$TMP/none/o.npy"
[[ -e $TMP/o.npy ]] && fail "output written despite errors"
# A corrupt model folder: truncated weights, unknown architecture.
cp -r "$model" "$TMP/m"
head -c 1000 "$model/model.safetensors" > "$TMP/m/model.safetensors"
expect_error "model.safetensors" "$NSMLAB" embed --model "$TMP/m" --input "$TMP/ok.txt" --output "$TMP/o.npy"
cp "$model/model.safetensors" "$TMP/m/model.safetensors"
sed -i 's/"model_type": "bert"/"model_type": "gpt2"/' "$TMP/m/config.json"
expect_error "model_type" "$NSMLAB" info --model "$TMP/m"
# Datasets: broken JSON, and an unwritable output folder for `run`.
printf '{"format": "nsmlab-dataset/1", "primes": [' > "$TMP/broken.json"
expect_error "broken.json" "$NSMLAB" run --dataset "$TMP/broken.json" --lexical -o "$TMP/r"
[[ -e $TMP/r ]] && fail "run output folder created despite the error"
expect_error "/proc/nsmlab-out" "$NSMLAB" run --lexical -o /proc/nsmlab-out --permutations 10 --bootstrap 10
exit 0
