#!/usr/bin/python3
"""Random-weight sentence-transformers folders in the exact shapes of the seven models the
researchers compare (docs/BENCHMARKS.md, /work/shared/reference/original-experiment.md).
Speed does not depend on weight values; accuracy of a lower precision against fp32 does a
little, so the LayerNorm gains are spread (N(1, 0.2), as tools/device/compare_real_sizes.py):
with gains of exactly 1 a deep random network washes every sentence out to nearly the same
vector, and every precision then agrees trivially. Other weights: N(0, 0.02), biases 0.

Where /work/shared has the real configuration folder (all-MiniLM-L6-v2, all-mpnet-base-v2)
it is copied as is; the other five are assembled from their published config values and the
nearest real tokenizer there (ids stay below each vocabulary size).

Run: /usr/bin/python3 tools/bench/shape_models.py NAME OUT_DIR [--shared DIR] [--seed 0]
     /usr/bin/python3 tools/bench/shape_models.py --list
"""
import argparse
import json
import os
import shutil
import sys

import torch

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tools", "fixtures"))
from random_weights_for import random_weights, spec_from_config  # noqa: E402
from make_tiny_models import tensor_specs  # noqa: E402
from tiny_safetensors import write_safetensors  # noqa: E402

XLMR_TOK = "repo:tests/fixtures/tokenizer/spm_ref/unigram_multi.tokenizer.json"  # Unigram, ids < 250002
BERT_TOK = "shared:bert-base-uncased-tokenizer/tokenizer.json"
LARGE = {"hidden_size": 1024, "num_hidden_layers": 24, "num_attention_heads": 16, "intermediate_size": 4096}
BASE = {"hidden_size": 768, "num_hidden_layers": 12, "num_attention_heads": 12, "intermediate_size": 3072}
ROBERTA = {"max_position_embeddings": 514, "type_vocab_size": 1, "pad_token_id": 1, "bos_token_id": 0,
           "eos_token_id": 2, "layer_norm_eps": 1e-05, "hidden_act": "gelu"}
BERT = {"max_position_embeddings": 512, "type_vocab_size": 2, "pad_token_id": 0, "layer_norm_eps": 1e-12,
        "hidden_act": "gelu"}

# name: (what it stands for, shared folder or None, config, tokenizer, pooling, normalize, dense, max_seq_length, prompt)
SHAPES = {
    "minilm": ("sentence-transformers/all-MiniLM-L6-v2", "all-MiniLM-L6-v2", None, None, None, None, None, None, None),
    "mpnet": ("sentence-transformers/all-mpnet-base-v2", "all-mpnet-base-v2", None, None, None, None, None, None, None),
    "xlmr": ("sentence-transformers/paraphrase-multilingual-mpnet-base-v2 (XLM-R base)", None,
             dict(model_type="xlm-roberta", vocab_size=250002, **BASE, **ROBERTA), XLMR_TOK, "mean", False, None, 128,
             None),
    "e5-large": ("intfloat/e5-large-v2 (BERT large)", None, dict(model_type="bert", vocab_size=30522, **LARGE, **BERT),
                 BERT_TOK, "mean", True, None, 512, "query: "),
    "bge-m3": ("BAAI/bge-m3 (XLM-R large, 8194 positions)", None,
               dict(model_type="xlm-roberta", vocab_size=250002, **LARGE, **dict(ROBERTA, max_position_embeddings=8194)),
               XLMR_TOK, "cls", True, None, 512, None),
    "labse": ("sentence-transformers/LaBSE (BERT base, 501153 tokens)", None,
              dict(model_type="bert", vocab_size=501153, **BASE, **BERT), BERT_TOK, "cls", True, 768, 256, None),
    "camembert-large": ("dangvantuan/sentence-camembert-large (CamemBERT large)", None,
                        dict(model_type="camembert", vocab_size=32005, **LARGE, **ROBERTA),
                        "shared:camembert-base-tokenizer/tokenizer.json", "mean", False, None, 512, None),
}


def write_json(path, obj):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump(obj, f, indent=1)


def assemble(name, shared, out):
    """Config and tokenizer files of the folder (no weights yet)."""
    _, folder, cfg, tok, pooling, normalize, dense, max_len, prompt = SHAPES[name]
    if folder:
        shutil.copytree(os.path.join(shared, folder), out, copy_function=shutil.copyfile,
                        ignore=shutil.ignore_patterns("*.safetensors", "*.bin", "README.md"))
        for d, _, _ in os.walk(out):  # the source may be read-only: the copy must stay removable
            os.chmod(d, 0o755)
        return
    where, rel = tok.split(":", 1)
    os.makedirs(out)
    shutil.copyfile(os.path.join(ROOT if where == "repo" else shared, rel), os.path.join(out, "tokenizer.json"))
    arch = {"bert": "BertModel", "xlm-roberta": "XLMRobertaModel", "camembert": "CamembertModel"}[cfg["model_type"]]
    write_json(os.path.join(out, "config.json"), dict(cfg, architectures=[arch]))
    modules = [{"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
               {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"}]
    write_json(os.path.join(out, "1_Pooling", "config.json"), {
        "word_embedding_dimension": cfg["hidden_size"], "pooling_mode_cls_token": pooling == "cls",
        "pooling_mode_mean_tokens": pooling == "mean", "pooling_mode_max_tokens": False,
        "pooling_mode_mean_sqrt_len_tokens": False})
    if dense:
        modules.append({"idx": 2, "name": "2", "path": "2_Dense", "type": "sentence_transformers.models.Dense"})
        write_json(os.path.join(out, "2_Dense", "config.json"), {
            "in_features": cfg["hidden_size"], "out_features": dense, "bias": True,
            "activation_function": "torch.nn.modules.activation.Tanh"})
    if normalize:
        modules.append({"idx": len(modules), "name": str(len(modules)), "path": f"{len(modules)}_Normalize",
                        "type": "sentence_transformers.models.Normalize"})
    write_json(os.path.join(out, "modules.json"), modules)
    write_json(os.path.join(out, "sentence_bert_config.json"), {"max_seq_length": max_len, "do_lower_case": False})
    if prompt:
        write_json(os.path.join(out, "config_sentence_transformers.json"),
                   {"prompts": {"query": prompt}, "default_prompt_name": "query"})


def give_weights(out, seed):
    gen = torch.Generator().manual_seed(seed)
    with open(os.path.join(out, "config.json")) as f:
        spec = spec_from_config(json.load(f))
    tensors = random_weights(tensor_specs(spec), gen, spec["buckets"])
    tensors = [(n, 1.0 + 0.2 * torch.randn(t.shape, generator=gen) if n.endswith("LayerNorm.weight") else t)
               for n, t in tensors]
    write_safetensors(os.path.join(out, "model.safetensors"), [(n, t, "F32") for n, t in tensors], {"format": "pt"})
    dense = os.path.join(out, "2_Dense")
    if os.path.isdir(dense):
        with open(os.path.join(dense, "config.json")) as f:
            d = json.load(f)
        w = torch.randn(d["out_features"], d["in_features"], generator=gen) * 0.02
        write_safetensors(os.path.join(dense, "model.safetensors"),
                          [("linear.weight", w, "F32"), ("linear.bias", torch.zeros(d["out_features"]), "F32")])
    return sum(t.numel() for _, t in tensors)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("name", nargs="?", choices=sorted(SHAPES))
    ap.add_argument("out_dir", nargs="?")
    ap.add_argument("--shared", default=os.path.join(os.environ.get("NSMLAB_SHARED_DIR", "/work/shared"),
                                                     "reference", "tokenizers"))
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--list", action="store_true", help="print NAME<TAB>what it stands for")
    a = ap.parse_args()
    if a.list:
        for n, s in SHAPES.items():
            print(f"{n}\t{s[0]}")
        return
    if not a.name or not a.out_dir:
        ap.error("NAME and OUT_DIR are required")
    tmp = a.out_dir.rstrip("/") + ".tmp"
    if os.path.exists(tmp):
        shutil.rmtree(tmp)
    assemble(a.name, a.shared, tmp)
    n = give_weights(tmp, a.seed)
    os.rename(tmp, a.out_dir)  # the caller checked that OUT_DIR does not exist
    print(f"{a.out_dir}: {SHAPES[a.name][0]}, {n:,} encoder parameters (random weights)")


if __name__ == "__main__":
    main()
