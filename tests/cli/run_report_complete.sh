#!/usr/bin/env bash
# The report rendered from a real run's results.json has every value (no "—" cell, which is
# what a renamed or missing key used to become), and its verdicts are honest (issue 10):
# the lexical baseline gives "n/a (lexical baseline)", zero permutations "not computed".
source "$(dirname "$0")/lib.bash" "$@"
out=$TMP/out
"$NSMLAB" run --lexical -o "$out" --permutations 0 --bootstrap 20 > "$TMP/stdout"
for f in "$out/report.html" "$out/report.md"; do
  grep -q "n/a (lexical baseline)" "$f" || fail "$f: no n/a verdict under the lexical baseline"
  grep -q -i -E ">(refuted|validated)<|\*\*(refuted|validated)\*\*" "$f" && fail "$f: a verdict under the lexical baseline"
  grep -q "not computed" "$f" || fail "$f: zero permutations should read 'not computed'"
done
grep -q -E '<td[^>]*>—</td>' "$out/report.html" && fail "report.html has an empty value cell"
grep -q -E '\| — \|' "$out/report.md" && fail "report.md has an empty value cell"
grep -q "n/a (lexical baseline)" "$TMP/stdout" || fail "terminal: no n/a verdict"
grep -q -E "REFUTED|VALIDATED" "$TMP/stdout" && fail "terminal: a verdict under the lexical baseline"
grep -A4 "^Test " "$TMP/stdout" | awk 'length($0) > 100 { exit 1 }' || fail "terminal synthesis table wider than 100 columns"
# Every file written is documented, and the row labels match the .npy rows.
for f in "$out"/*; do
  grep -qF "${f##*/}" "$ROOT/docs/RESULTS.md" || grep -qF "${f##*/}" "$ROOT/src/report/output_files.h" \
    || fail "${f##*/} is not in docs/RESULTS.md"
done
[[ $(( $(wc -l < "$out/primes.tsv") - 1 )) == $(json_get "$out/results.json" "['h1']['n']") ]] || fail "primes.tsv rows"
[[ $(( $(wc -l < "$out/corpus.tsv") - 1 )) == $(json_get "$out/results.json" "['h3']['n_sentences']") ]] || fail "corpus.tsv rows"
head -1 "$out/primes.tsv" | grep -q "^row	id	category	text$" || fail "primes.tsv header"
[[ $(json_get "$out/results.json" "['rows']['primes'][0]['row']") == 0 ]] || fail "rows in results.json"
# With permutations the p-values come back, and every square has a decision.
"$NSMLAB" run --lexical --no-plots --no-jackknife -o "$TMP/p" --permutations 20 --bootstrap 20 > /dev/null
[[ $(json_get "$TMP/p/results.json" "['synthesis'][0]['permutations']") == 20 ]] || fail "permutations in synthesis"
[[ $(json_get "$TMP/p/results.json" "['synthesis'][0]['verdict']") == not_applicable ]] || fail "verdict key"
[[ $(json_get "$TMP/p/results.json" "['h2']['squares'][0]['decision']") =~ ^(valid|invalid|tie)$ ]] || fail "square decision"
exit 0
