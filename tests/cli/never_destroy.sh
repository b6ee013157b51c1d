#!/usr/bin/env bash
# No nsmlab command deletes, replaces or truncates what nsmlab did not write: `run -o` replaces
# only a previous nsmlab output, default runs keep earlier results, outputs write through
# devices, pipes and links, `import` asks for --force. Each case failed before (issue 6).
source "$(dirname "$0")/lib.bash" "$@"
model=$ROOT/tests/fixtures/models_hf/bert_mean
quick=(--lexical --permutations 10 --bootstrap 10 --no-plots)
cd "$TMP"
printf 'un\ndeux\n' > in.txt

# run -o: a user's folder, a file, a link, the model folder, the dataset: refused, untouched.
mkdir thesis && echo precious > thesis/chapter1.tex
expect_error "not an nsmlab output" "$NSMLAB" run "${quick[@]}" -o thesis
[[ $(cat thesis/chapter1.tex) == precious ]] || fail "a user's folder was touched"
echo notes > notes.txt
expect_error "existing file" "$NSMLAB" run "${quick[@]}" -o notes.txt
[[ $(cat notes.txt) == notes ]] || fail "a user's file was touched"
ln -s thesis thesis-link
expect_error "symbolic link" "$NSMLAB" run "${quick[@]}" -o thesis-link
[[ -L thesis-link && -f thesis/chapter1.tex ]] || fail "a link or its target was touched"
cp -r "$model" model
expect_error "model" "$NSMLAB" run --model model --permutations 10 --bootstrap 10 --no-plots -o model
[[ -f model/config.json ]] || fail "the model folder was touched"
"$NSMLAB" import "$ROOT/data/nsm-dataset.json" data.json > /dev/null
expect_error "would be deleted" "$NSMLAB" run --dataset data.json "${quick[@]}" -o data.json
[[ -s data.json ]] || fail "the dataset was touched"
ls -A | grep -q '\.tmp-' && fail "temporary folder left behind by a refused run"

# A previous nsmlab output is replaced whole; an empty folder is filled; the dataset inside
# an output folder is protected.
"$NSMLAB" run "${quick[@]}" -o out > /dev/null
[[ -f out/.nsmlab-output && -f out/results.json ]] || fail "no marker in the output folder"
"$NSMLAB" run "${quick[@]}" -o out --seed 7 > /dev/null
[[ $(json_get out/results.json "['metadata']['parameters']['h1']['seed']") == 7 ]] || fail "output not replaced"
mkdir empty && "$NSMLAB" run "${quick[@]}" -o empty > /dev/null
[[ -f empty/results.json ]] || fail "an empty folder was not filled"
cp data.json out/
expect_error "would be deleted" "$NSMLAB" run --dataset out/data.json "${quick[@]}" -o out
[[ -f out/data.json ]] || fail "the dataset inside the output folder was deleted"
ls -A | grep -q '\.tmp-' && fail "temporary folder left behind"

# Default output: one folder per run, nsmlab-out/latest a relative link to the newest.
mkdir default && cd default
"$NSMLAB" run "${quick[@]}" > first.txt
"$NSMLAB" run "${quick[@]}" --seed 9 > second.txt
runs=$(ls nsmlab-out | grep -c -- '-lexical-baseline')
[[ $runs == 2 ]] || fail "expected 2 run folders, found $runs: $(ls nsmlab-out)"
[[ -L nsmlab-out/latest && $(readlink nsmlab-out/latest) != /* ]] || fail "latest is not a relative link"
[[ $(json_get nsmlab-out/latest/results.json "['metadata']['parameters']['h1']['seed']") == 9 ]] || fail "latest is not the newest"
grep -q "nsmlab-out/$(readlink nsmlab-out/latest)/results.json" second.txt || fail "summary does not name the run folder"
cd "$TMP"

# import: an existing file is replaced only with --force.
echo mine > mine.json
expect_error "--force" "$NSMLAB" import "$ROOT/data/nsm-dataset.json" mine.json
[[ $(cat mine.json) == mine ]] || fail "import overwrote a file without --force"
"$NSMLAB" import --force "$ROOT/data/nsm-dataset.json" mine.json > /dev/null
grep -q nsmlab-dataset mine.json || fail "import --force did not replace"

# Output files: a link stays a link, "-" is standard output, a FIFO is written through.
echo old > real.jsonl && ln -s real.jsonl link.jsonl
# embed and tokenize, like import, replace an existing file only when asked.
expect_error "--force" "$NSMLAB" tokenize --model "$model" --input in.txt --output link.jsonl
[[ $(cat real.jsonl) == old ]] || fail "tokenize replaced a file without --force"
echo old > real.npy
expect_error "--force" "$NSMLAB" embed --model "$model" --input in.txt --output real.npy
[[ $(cat real.npy) == old ]] || fail "embed replaced a file without --force"
"$NSMLAB" tokenize --model "$model" --input in.txt --output link.jsonl --force
[[ -L link.jsonl && $(wc -l < real.jsonl) == 2 ]] || fail "a link was replaced by a file"
"$NSMLAB" tokenize --model "$model" --input in.txt --output - > piped.jsonl
[[ $(wc -l < piped.jsonl) == 2 && ! -e ./- ]] || fail "'-' is not standard output"
"$NSMLAB" import "$ROOT/data/nsm-dataset.json" /dev/stdout > via-stdout.json
grep -q nsmlab-dataset via-stdout.json || fail "/dev/stdout is not written through"
mkfifo fifo
cat fifo > from-fifo & reader=$!
"$NSMLAB" embed --model "$model" --input in.txt --output fifo 2> /dev/null || true
if [[ ! -p fifo ]]; then kill "$reader"; fail "a FIFO was replaced by a file"; fi
wait "$reader"
head -c 6 from-fifo | grep -q NUMPY || fail "nothing came through the FIFO"

# A full device is an error, and stays a device (a node of our own when allowed, else /dev/full).
full=/dev/full
mknod full c 1 7 2> /dev/null && full=$TMP/full
expect_error "No space left on device" "$NSMLAB" embed --model "$model" --input in.txt --output "$full"
[[ -c $full ]] || fail "$full was replaced"

# Temporary files a killed embed left are removed by the next write of that output; others stay.
sh -c 'exit 0' & dead=$!; wait $dead
touch "e.npy.tmp-$dead-abcdef" e.npy.tmp-notes
"$NSMLAB" embed --model "$model" --input in.txt --output e.npy 2> /dev/null
[[ -e e.npy.tmp-$dead-abcdef ]] && fail "a killed writer's temporary file was left"
[[ -e e.npy.tmp-notes ]] || fail "a user's file was removed"
exit 0
