#!/usr/bin/env bash
# The report rendered from a real run's results.json has every value (no "—" cell, which is
# what a renamed or missing key used to become), and its verdicts are honest (issue 10):
# the lexical baseline gives "n/a (lexical baseline)", zero permutations "not computed".
source "$(dirname "$0")/lib.bash" "$@"
out=$TMP/out
# The run is French (the default --language): so is its report; --report-language en gives English.
"$NSMLAB" run --lexical -o "$out" --permutations 0 --bootstrap 20 > "$TMP/stdout"
"$NSMLAB" run --lexical -o "$TMP/en" --report-language EN --permutations 0 --bootstrap 20 > /dev/null
grep -q '<html lang="fr">' "$out/report.html" || fail "a French run's report is not French"
grep -q '<html lang="en">' "$TMP/en/report.html" || fail "--report-language en gave no English report"
[[ $(json_get "$TMP/en/results.json" "['metadata']['parameters']['report_language']") == en ]] || fail "report_language"
check_report() {  # FOLDER NOT-APPLICABLE NOT-COMPUTED FORBIDDEN-VERDICTS
  for f in "$1/report.html" "$1/report.md"; do
    grep -q "$2" "$f" || fail "$f: no '$2' verdict under the lexical baseline"
    grep -q -i -E ">($4)<|\*\*($4)\*\*" "$f" && fail "$f: a verdict under the lexical baseline"
    grep -q "$3" "$f" || fail "$f: zero permutations should read '$3'"
  done
  grep -q -E '<td[^>]*>—</td>' "$1/report.html" && fail "$1/report.html has an empty value cell"
  grep -q -E '\| — \|' "$1/report.md" && fail "$1/report.md has an empty value cell"
  return 0
}
check_report "$out" "sans objet (référence lexicale)" "non calculée" "réfutée|validée"
check_report "$TMP/en" "n/a (lexical baseline)" "not computed" "refuted|validated"
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
