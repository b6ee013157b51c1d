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
import json, os, sys, shutil, unicodedata, collections, zlib
import numpy as np
import torch

shared, out = sys.argv[1], sys.argv[2]
repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
fx = os.path.join(repo, "tests", "fixtures", "tokenizer")
with open(os.path.join(fx, "sentences.txt"), encoding="utf-8") as f:
    sentences = f.read().split("\n")[:-1]   # split on \n only: the set contains \x0b

from tokenizers import Tokenizer
import transformers
from transformers import PreTrainedTokenizerFast
from tokenizers import models as tk_models, normalizers, pre_tokenizers, processors
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

# Unigram + Precompiled tokenizers converted from the fixture SentencePiece models by
# tools/fixtures/tokenizer_spm_reference.py: HF tokenizers gives their reference ids.
spm_ref = os.path.join(fx, "spm_ref")
converted = {}
for fn in sorted(os.listdir(spm_ref)) if os.path.isdir(spm_ref) else []:
    if fn.endswith(".tokenizer.json"):
        name = "spm_" + fn[: -len(".tokenizer.json")]
        path = os.path.join(spm_ref, fn)
        reference(Tokenizer.from_file(path), "tests/fixtures/tokenizer/spm_ref/" + fn, name)
        converted[name] = path
        print("reference", name, flush=True)

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
    torch.manual_seed(zlib.crc32(name.encode()) % 1000)
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
    unk = tok.unk_token_id
    probe = [tok(x)["input_ids"] for x in sentences[:20]]
    frac = sum(i == unk for ids in probe for i in ids) / sum(len(ids) for ids in probe)
    assert frac < 0.3, f"{name}: {frac:.0%} of tokens are unknown"
    feats = [st.tokenize([(prompts[next(iter(prompts))] if prompts else "") + s]) for s in sentences]
    with open(os.path.join(d, "ids.json"), "w", encoding="utf-8") as f:
        json.dump({"sentences": sentences, "ids": [x["input_ids"][0].tolist() for x in feats]}, f, ensure_ascii=False)
    # Drop files nsmlab does not read and that only add size.
    for junk in ["vocab.txt", "sentencepiece.bpe.model", "README.md"]:
        if os.path.exists(os.path.join(d, junk)):
            os.remove(os.path.join(d, junk))
    print("model", name, emb.shape, flush=True)

# transformers 5 no longer builds fast tokenizers from a bare vocab file, so the tiny
# models' tokenizers are assembled with the tokenizers library directly.
def wordpiece(vocab_path, lowercase):
    words = [w for w in open(vocab_path, encoding="utf-8").read().split("\n") if w]
    vocab = {w: i for i, w in enumerate(words)}
    tok = Tokenizer(tk_models.WordPiece(vocab, unk_token="[UNK]", max_input_chars_per_word=100))
    tok.normalizer = normalizers.BertNormalizer(clean_text=True, handle_chinese_chars=True, strip_accents=None,
                                                lowercase=lowercase)
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tok.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", pair="[CLS] $A [SEP] $B:1 [SEP]:1",
        special_tokens=[("[CLS]", vocab["[CLS]"]), ("[SEP]", vocab["[SEP]"])])
    return PreTrainedTokenizerFast(tokenizer_object=tok, unk_token="[UNK]", pad_token="[PAD]", cls_token="[CLS]",
                                   sep_token="[SEP]", mask_token="[MASK]")

def unigram(path):
    return PreTrainedTokenizerFast(tokenizer_file=path, bos_token="<s>", eos_token="</s>", unk_token="<unk>",
                                   pad_token="<pad>", cls_token="<s>", sep_token="</s>", mask_token="<mask>")

work = os.path.join(out, "_work"); os.makedirs(work, exist_ok=True)
small_wordpiece_vocab(os.path.join(work, "uncased.txt"), True)
small_wordpiece_vocab(os.path.join(work, "cased.txt"), False)
uncased = wordpiece(os.path.join(work, "uncased.txt"), True)
build("bert_mean", transformers.BertConfig, uncased)
build("labse_like", transformers.BertConfig, wordpiece(os.path.join(work, "cased.txt"), False), pooling="cls", dense=24)
build("e5_like_prompt", transformers.BertConfig, uncased, prompts={"query": "query: "}, include_prompt=False)
build("mpnet_mean", transformers.MPNetConfig, uncased, extra={"relative_attention_num_buckets": 32})
for name, path in converted.items():
    if name.endswith("unigram_multi"):
        build("xlmr_mean", transformers.XLMRobertaConfig, unigram(path), extra={"type_vocab_size": 1})
    if name.endswith("unigram_cf"):
        build("camembert_max", transformers.CamembertConfig, unigram(path), pooling="max", normalize=False,
              extra={"type_vocab_size": 1})
shutil.rmtree(work)
print("done", flush=True)
