"""Reference outputs from the Hugging Face stack (tokenizers, transformers,
sentence-transformers), run on the lent GPU machine where those libraries exist.

  python3 tools/device/hf_reference.py SHARED_TOKENIZERS_DIR OUT_DIR

Writes, under OUT_DIR:
  tokenizer/hf/<name>.json            ids/tokens of every test sentence (+ truncated to 16)
  tokenizer/hf/<name>/tokenizer.json  for tokenizers converted from the fixture SentencePiece models
  models_hf/<name>/                   tiny random-weight sentence-transformers folders built with
                                      transformers, with expected.npy from SentenceTransformer.encode
                                      (CPU, fp32) and ids.json from its tokenizer
"""
import json, os, sys, shutil, unicodedata, collections
import numpy as np
import torch

shared, out = sys.argv[1], sys.argv[2]
repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
fx = os.path.join(repo, "tests", "fixtures", "tokenizer")
with open(os.path.join(fx, "sentences.txt"), encoding="utf-8") as f:
    sentences = f.read().split("\n")[:-1]   # split on \n only: the set contains \x0b

from tokenizers import Tokenizer
import transformers
from transformers import (XLMRobertaTokenizerFast, CamembertTokenizerFast, BertTokenizerFast, MPNetTokenizerFast)
print("tokenizers", __import__("tokenizers").__version__, "transformers", transformers.__version__, flush=True)

def reference(tok, rel_path, name):
    tok.no_padding(); tok.no_truncation()
    full = [tok.encode(s) for s in sentences]
    tok.enable_truncation(16)
    short = [tok.encode(s) for s in sentences]
    tok.no_truncation()
    rec = {"tokenizer_json": rel_path, "sentences": sentences,
           "ids": [e.ids for e in full], "tokens": [e.tokens for e in full],
           "type_ids": [e.type_ids for e in full], "ids_max16": [e.ids for e in short]}
    os.makedirs(os.path.join(out, "tokenizer", "hf"), exist_ok=True)
    with open(os.path.join(out, "tokenizer", "hf", name + ".json"), "w", encoding="utf-8") as f:
        json.dump(rec, f, ensure_ascii=False)

for name in sorted(os.listdir(shared)):
    p = os.path.join(shared, name, "tokenizer.json")
    if os.path.exists(p):
        reference(Tokenizer.from_file(p), "../shared/reference/tokenizers/%s/tokenizer.json" % name, name)
        print("reference", name, flush=True)

converted = {}
for name, cls in [("xlmr_unigram_multi", XLMRobertaTokenizerFast), ("camembert_unigram_cf", CamembertTokenizerFast)]:
    spm = os.path.join(fx, "spm", ("unigram_multi" if "multi" in name else "unigram_cf") + ".model")
    try:
        t = cls(vocab_file=spm, from_slow=True)
        d = os.path.join(out, "tokenizer", "hf", name)
        os.makedirs(d, exist_ok=True)
        t.backend_tokenizer.save(os.path.join(d, "tokenizer.json"))
        reference(Tokenizer.from_file(os.path.join(d, "tokenizer.json")),
                  "tests/fixtures/tokenizer/hf/%s/tokenizer.json" % name, name)
        converted[name] = (cls, spm)
        print("converted", name, flush=True)
    except Exception as e:
        print("conversion failed", name, repr(e), flush=True)

# ---- tiny models built with transformers, embedded with sentence-transformers ----
from sentence_transformers import SentenceTransformer, models as st_models
import sentence_transformers
print("sentence-transformers", sentence_transformers.__version__, flush=True)

def small_wordpiece_vocab(path, lowercase):
    words = collections.Counter()
    chars = set()
    for s in sentences:
        t = s.lower() if lowercase else s
        if lowercase:
            t = "".join(c for c in unicodedata.normalize("NFD", t) if unicodedata.category(c) != "Mn")
        for w in t.split():
            words[w.strip(".,!?;:()[]«»\"")] += 1
            chars.update(w)
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "<s>", "</s>", "<pad>", "<unk>", "<mask>"]
    for c in sorted(chars):
        vocab += [c, "##" + c]
    vocab += [w for w, n in words.most_common(150) if w and w not in vocab]
    seen, uniq = set(), []
    for v in vocab:
        if v not in seen:
            seen.add(v); uniq.append(v)
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(uniq) + "\n")

def build(name, config_cls, tok, pooling="mean", dense=None, normalize=True, prompts=None, include_prompt=True, extra=None):
    torch.manual_seed(abs(hash(name)) % 1000)
    d = os.path.join(out, "models_hf", name)
    tmp = d + "_hf"
    kw = dict(vocab_size=len(tok), hidden_size=32, num_hidden_layers=2, num_attention_heads=4, intermediate_size=37,
              max_position_embeddings=72, pad_token_id=tok.pad_token_id)
    kw.update(extra or {})
    cfg = config_cls(**kw)
    model = transformers.AutoModel.from_config(cfg)
    with torch.no_grad():
        for p in model.parameters():
            p.normal_(0.0, 0.15)
    model.save_pretrained(tmp, safe_serialization=True)
    tok.save_pretrained(tmp)
    word = st_models.Transformer(tmp, max_seq_length=64)
    mods = [word, st_models.Pooling(32, pooling_mode=pooling, include_prompt=include_prompt)]
    if dense:
        torch.manual_seed(7)
        mods.append(st_models.Dense(32, dense, activation_function=torch.nn.Tanh()))
    if normalize:
        mods.append(st_models.Normalize())
    st = SentenceTransformer(modules=mods, device="cpu", prompts=prompts or {},
                             default_prompt_name=(next(iter(prompts)) if prompts else None))
    st.save(d)
    shutil.rmtree(tmp)
    emb = st.encode(sentences, batch_size=7, convert_to_numpy=True)
    np.save(os.path.join(d, "expected.npy"), emb.astype(np.float32))
    feats = [st.tokenize([(prompts[next(iter(prompts))] if prompts else "") + s]) for s in sentences]
    with open(os.path.join(d, "ids.json"), "w", encoding="utf-8") as f:
        json.dump({"sentences": sentences, "ids": [x["input_ids"][0].tolist() for x in feats]}, f, ensure_ascii=False)
    # Drop files nsmlab does not read and that only add size.
    for junk in ["vocab.txt", "sentencepiece.bpe.model", "README.md"]:
        if os.path.exists(os.path.join(d, junk)):
            os.remove(os.path.join(d, junk))
    print("model", name, emb.shape, flush=True)

work = os.path.join(out, "_work"); os.makedirs(work, exist_ok=True)
small_wordpiece_vocab(os.path.join(work, "uncased.txt"), True)
small_wordpiece_vocab(os.path.join(work, "cased.txt"), False)
bert_tok = BertTokenizerFast(vocab_file=os.path.join(work, "uncased.txt"), do_lower_case=True)
build("bert_mean", transformers.BertConfig, bert_tok)
build("labse_like", transformers.BertConfig, BertTokenizerFast(vocab_file=os.path.join(work, "cased.txt"), do_lower_case=False),
      pooling="cls", dense=24)
build("e5_like_prompt", transformers.BertConfig, bert_tok, prompts={"query": "query: "}, include_prompt=False)
try:
    mpnet_tok = MPNetTokenizerFast(vocab_file=os.path.join(work, "uncased.txt"), unk_token="[UNK]")
    mpnet_tok("probe")
except Exception as e:  # some transformers versions cannot build MPNet's fast tokenizer from a vocab file
    print("MPNetTokenizerFast from vocab failed:", repr(e), "- using the BERT tokenizer object", flush=True)
    mpnet_tok = MPNetTokenizerFast(tokenizer_object=bert_tok.backend_tokenizer, unk_token="[UNK]", pad_token="[PAD]",
                                   cls_token="[CLS]", sep_token="[SEP]", bos_token="[CLS]", eos_token="[SEP]", mask_token="[MASK]")
build("mpnet_mean", transformers.MPNetConfig, mpnet_tok, extra={"relative_attention_num_buckets": 32})
if "xlmr_unigram_multi" in converted:
    cls, spm = converted["xlmr_unigram_multi"]
    build("xlmr_mean", transformers.XLMRobertaConfig, cls(vocab_file=spm, from_slow=True), extra={"type_vocab_size": 1})
if "camembert_unigram_cf" in converted:
    cls, spm = converted["camembert_unigram_cf"]
    build("camembert_max", transformers.CamembertConfig, cls(vocab_file=spm, from_slow=True), pooling="max", normalize=False,
          extra={"type_vocab_size": 1})
shutil.rmtree(work)
print("done", flush=True)
