#!/usr/bin/env bash
# Random-weight models of real shapes for the benchmarks (never committed):
#   MODELS/minilm  all-MiniLM-L6-v2 (BERT, 22.7M)
#   MODELS/mpnet   all-mpnet-base-v2 (MPNet, 110M)
#   MODELS/xlmr    XLM-R base with the paraphrase-multilingual-mpnet-base-v2 shape (278M)
# Usage: tools/bench/make-models.sh MODELS_DIR   (idempotent: existing models are kept)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
OUT="${1:?usage: make-models.sh MODELS_DIR}"
PY=/usr/bin/python3
REF="${NSMLAB_SHARED_DIR:-/work/shared}/reference/tokenizers"
mkdir -p "$OUT"

make_one() {  # name source_dir
  local name="$1" src="$2"
  if [[ -f "$OUT/$name/model.safetensors" ]]; then echo "bench: $OUT/$name exists, kept"; return; fi
  if [[ ! -d "$src" ]]; then echo "bench: SKIP $name: $src not found"; return; fi
  "$PY" "$ROOT/tools/fixtures/random_weights_for.py" "$src" "$OUT/$name.tmp" --seed 0 >/dev/null
  rm -rf "$OUT/$name" && mv "$OUT/$name.tmp" "$OUT/$name"
  echo "bench: made $OUT/$name"
}

# The XLM-R folder has no weight-less original in /work/shared: assemble one with the
# exact config of paraphrase-multilingual-mpnet-base-v2 and the repo's multilingual
# unigram tokenizer (smaller vocabulary, same algorithm; ids stay < 250002).
xlmr_src() {
  local d="$OUT/xlmr-src"
  rm -rf "$d"; mkdir -p "$d/1_Pooling"
  cp "$ROOT/tests/fixtures/tokenizer/spm_ref/unigram_multi.tokenizer.json" "$d/tokenizer.json"
  cat >"$d/config.json" <<'J'
{"architectures": ["XLMRobertaModel"], "model_type": "xlm-roberta", "vocab_size": 250002,
 "hidden_size": 768, "num_hidden_layers": 12, "num_attention_heads": 12, "intermediate_size": 3072,
 "hidden_act": "gelu", "layer_norm_eps": 1e-05, "max_position_embeddings": 514, "pad_token_id": 1,
 "bos_token_id": 0, "eos_token_id": 2, "type_vocab_size": 1, "position_embedding_type": "absolute"}
J
  cat >"$d/modules.json" <<'J'
[{"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
 {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"}]
J
  cat >"$d/1_Pooling/config.json" <<'J'
{"word_embedding_dimension": 768, "pooling_mode_cls_token": false, "pooling_mode_mean_tokens": true,
 "pooling_mode_max_tokens": false, "pooling_mode_mean_sqrt_len_tokens": false}
J
  echo '{"max_seq_length": 128, "do_lower_case": false}' >"$d/sentence_bert_config.json"
  echo "$d"
}

if ! "$PY" -c 'import torch' 2>/dev/null; then echo "bench: SKIP models: $PY has no torch"; exit 0; fi
make_one minilm "$REF/all-MiniLM-L6-v2"
make_one mpnet "$REF/all-mpnet-base-v2"
if [[ -f "$OUT/xlmr/model.safetensors" ]]; then echo "bench: $OUT/xlmr exists, kept"
else make_one xlmr "$(xlmr_src)"; rm -rf "$OUT/xlmr-src"; fi
