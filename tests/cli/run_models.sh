#!/usr/bin/env bash
# `run --models A,B,C,D`: four tiny random-weight models of different architectures (BERT,
# XLM-R, CamemBERT, MPNet), named by folder and by name, each run in its own subfolder, one
# comparison report beside them; its CKA and RSA are recomputed with numpy/scipy from the
# written primes.npy (issue 9). Small options keep it to a few seconds.
source "$(dirname "$0")/lib.bash" "$@"
F=$ROOT/tests/fixtures/models_hf
mkdir -p "$NSMLAB_MODELS/sentence-transformers"
cp -r "$F/mpnet_mean" "$NSMLAB_MODELS/sentence-transformers/tiny-mpnet"  # found by its short name
opts=(--no-plots --permutations 5 --bootstrap 5 --no-jackknife --tsne-iter 250)
out=$TMP/out
"$NSMLAB" run --models "$F/bert_mean,$F/xlmr_mean,$F/camembert_max,tiny-mpnet" --concurrent auto "${opts[@]}" \
  -o "$out" > "$TMP/stdout"
# comparison.json, and its CKA and RSA against numpy/scipy on the embeddings the runs wrote.
/usr/bin/python3 - "$out" <<'PY' || fail "comparison.json (above)"
import json, os, sys
import numpy as np
from scipy.spatial.distance import pdist
from scipy.stats import spearmanr
out = sys.argv[1]
c = json.load(open(f"{out}/comparison.json"))
assert c["schema"] == "nsmlab.comparison/1", c["schema"]
ms = c["models"]
assert [m["folder"] for m in ms] == ["bert_mean", "xlmr_mean", "camembert_max", "tiny-mpnet"], [m["folder"] for m in ms]
assert [m["architecture"] for m in ms] == ["BertModel", "XLMRobertaModel", "CamembertModel", "MPNetModel"]
assert ms[3]["id"] == "sentence-transformers/tiny-mpnet", ms[3]["id"]  # the short name, resolved
assert "auto" in c["metadata"]["concurrency"]["reason"], c["metadata"]["concurrency"]
assert c["metadata"]["memory"]["peak_total_rss_bytes"] >= max(m["memory"]["peak_rss_bytes"] for m in ms)
for m in ms:  # every row has its numbers, timings and a measured peak
    assert os.path.isfile(f"{out}/{m['folder']}/results.json"), m["folder"]
    for k in ("purity", "purity_p", "silhouette", "ari", "nmi"): assert m["h1"][k] is not None, (m["name"], k)
    assert m["h2"]["rate"] is not None and None not in m["h2"]["rate_ci"] and m["h2"]["p_value"] is not None, m["h2"]
    assert m["h3"]["rate"] is not None and m["h3"]["p_value"] is not None, m["h3"]
    assert all(m["timings_s"][k] > 0 for k in ("load", "embed", "experiments", "total", "process")), m["timings_s"]
    assert m["memory"]["peak_rss_bytes"] > 1e6 and m["memory"]["estimated_bytes"] > 0, m["memory"]
emb = [np.load(f"{out}/{m['folder']}/primes.npy").astype(np.float64) for m in ms]
def cka(x, y):
    x = x - x.mean(0); y = y - y.mean(0)
    return np.linalg.norm(y.T @ x) ** 2 / (np.linalg.norm(x.T @ x) * np.linalg.norm(y.T @ y))
a = c["agreement"]
assert a["n"] == emb[0].shape[0] == len(a["ids"]), a["n"]
for i in range(4):
    for j in range(4):
        want_cka = cka(emb[i], emb[j])
        want_rsa = spearmanr(pdist(emb[i], "cosine"), pdist(emb[j], "cosine")).statistic
        assert abs(a["cka"][i][j] - want_cka) < 1e-6, (i, j, a["cka"][i][j], want_cka)
        assert abs(a["rsa_spearman"][i][j] - want_rsa) < 1e-6, (i, j, a["rsa_spearman"][i][j], want_rsa)
assert abs(a["cka"][0][0] - 1) < 1e-9 and a["cka"][0][1] < 0.999  # different random models differ
PY
for m in bert_mean xlmr_mean camembert_max sentence-transformers/tiny-mpnet; do
  grep -q "^$m " "$TMP/stdout" || fail "the summary lacks $m"
done
# The report: the four models side by side, both heatmaps embedded and written beside it.
h=$out/comparison.html
[[ $(grep -c '<img src="data:image/png;base64,' "$h") == 2 ]] || fail "comparison.html: heatmaps not embedded"
for m in bert_mean xlmr_mean camembert_max sentence-transformers/tiny-mpnet; do
  [[ $(grep -c ">$m<" "$h") -ge 5 ]] || fail "comparison.html: $m not in every table"
done
grep -q '<a href="bert_mean/results.json">' "$h" || fail "comparison.html: no link to a model's results"
grep -q "agreement_cka.png" "$out/comparison.md" || fail "comparison.md: no heatmap"
head -c 8 "$out/agreement_rsa.png" | od -An -c | grep -q "P   N   G" || fail "agreement_rsa.png is not a PNG"
grep -q "<text[^>]*>1. bert_mean</text>" "$out/agreement_cka.svg" || fail "agreement_cka.svg: no model label"
# Every file written is documented.
for f in "$out"/*; do
  [[ -d $f ]] && continue
  name=${f##*/}
  grep -qF "${name%.*}" "$ROOT/docs/RESULTS.md" || fail "${f##*/} is not in docs/RESULTS.md"
  grep -qF "\"${f##*/}\"" "$ROOT/src/report/output_files.h" || fail "${f##*/} is not in src/report/output_files.h"
done
# Mistakes are refused before any work.
expect_error "at least two models" "$NSMLAB" run --models "$F/bert_mean" -o "$TMP/x"
expect_error "names the same model folder" "$NSMLAB" run --models "$F/bert_mean,$F/bert_mean/" -o "$TMP/x"
expect_error "--concurrent: expected 'auto' or a number" "$NSMLAB" run --models "$F/bert_mean,$F/xlmr_mean" --concurrent 0 -o "$TMP/x"
expect_error "requires --models" "$NSMLAB" run --concurrent 2 -o "$TMP/x"
expect_error "excludes --model" "$NSMLAB" run --model "$F/bert_mean" --models "$F/bert_mean,$F/xlmr_mean" -o "$TMP/x"
# A model that fails to load stops the comparison, named, and leaves no output (one at a time:
# the models after it never start).
cp -r "$F/bert_mean" "$TMP/broken"
head -c 100 "$F/bert_mean/model.safetensors" > "$TMP/broken/model.safetensors"
expect_error "the run of model $TMP/broken failed" "$NSMLAB" run --models "$TMP/broken,$F/xlmr_mean" "${opts[@]}" -o "$TMP/x"
[[ ! -e $TMP/x ]] || fail "a refused or failed comparison left an output folder"
exit 0
