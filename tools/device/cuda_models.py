"""Random-weight sentence-transformers folders in the exact shapes of the compared models, and
texts of mixed length, for tools/device/cuda_real_sizes.py and cuda_bench.py (GPU machine:
PyTorch, transformers, sentence-transformers; no network, no weights: tokenizers come from
this repository's fixtures, whose ids all fall inside the real vocabularies)."""
import json, os, random

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIX = os.path.join(REPO, "tests", "fixtures")

# name -> (family, config kwargs, tokenizer, pooling, normalize, max_seq_length, dense_out)
SHAPES = {
    "all-MiniLM-L6-v2": ("bert", dict(vocab_size=30522, hidden_size=384, num_hidden_layers=6, num_attention_heads=12,
                                      intermediate_size=1536), "bert", "mean", True, 256, None),
    "all-mpnet-base-v2": ("mpnet", dict(vocab_size=30527, hidden_size=768, num_hidden_layers=12, num_attention_heads=12,
                                        intermediate_size=3072, max_position_embeddings=514), "mpnet", "mean", True, 384, None),
    "paraphrase-multilingual-mpnet-base-v2": ("xlmr", dict(vocab_size=250002, hidden_size=768, num_hidden_layers=12,
                                                           num_attention_heads=12, intermediate_size=3072,
                                                           max_position_embeddings=514, type_vocab_size=1, pad_token_id=1,
                                                           layer_norm_eps=1e-5), "xlmr", "mean", False, 128, None),
    "e5-large-v2": ("bert", dict(vocab_size=30522, hidden_size=1024, num_hidden_layers=24, num_attention_heads=16,
                                 intermediate_size=4096), "bert", "mean", True, 512, None),
    "LaBSE": ("bert", dict(vocab_size=501153, hidden_size=768, num_hidden_layers=12, num_attention_heads=12,
                           intermediate_size=3072), "bert", "cls", True, 256, 768),
    "bge-m3": ("xlmr", dict(vocab_size=250002, hidden_size=1024, num_hidden_layers=24, num_attention_heads=16,
                            intermediate_size=4096, max_position_embeddings=8194, type_vocab_size=1, pad_token_id=1,
                            layer_norm_eps=1e-5), "xlmr", "cls", True, 512, None),
    "sentence-camembert-large": ("camembert", dict(vocab_size=32005, hidden_size=1024, num_hidden_layers=24,
                                                   num_attention_heads=16, intermediate_size=4096,
                                                   max_position_embeddings=514, type_vocab_size=1, pad_token_id=1,
                                                   layer_norm_eps=1e-5), "xlmr", "mean", False, 512, None),
}


def tokenizer(kind):
    from transformers import AutoTokenizer, PreTrainedTokenizerFast
    if kind == "xlmr":  # a multilingual Unigram tokenizer (fixture), XLM-R's special tokens
        return PreTrainedTokenizerFast(tokenizer_file=os.path.join(FIX, "tokenizer/spm_ref/unigram_multi.tokenizer.json"),
                                       bos_token="<s>", eos_token="</s>", unk_token="<unk>", pad_token="<pad>",
                                       cls_token="<s>", sep_token="</s>", mask_token="<mask>")
    return AutoTokenizer.from_pretrained(os.path.join(FIX, "models_hf", "bert_mean" if kind == "bert" else "mpnet_mean"))


def make_model(name, work):
    """Builds SHAPES[name] with random weights; returns (folder, parameter count)."""
    import torch, transformers
    from sentence_transformers import SentenceTransformer, models as st
    family, kw, tok_kind, pooling, normalize, max_len, dense = SHAPES[name]
    cfg = {"bert": transformers.BertConfig, "mpnet": transformers.MPNetConfig, "xlmr": transformers.XLMRobertaConfig,
           "camembert": transformers.CamembertConfig}[family](**kw)
    d = os.path.join(work, name)
    if os.path.exists(os.path.join(d, "modules.json")):
        return d, json.load(open(os.path.join(d, "params.json")))["parameters"]
    torch.manual_seed(0)
    with torch.device("cuda" if torch.cuda.is_available() else "cpu"):  # random init is much faster there
        model = transformers.AutoModel.from_config(cfg)
    with torch.no_grad():  # LayerNorm weights of 1 make deep random nets wash out; spread them
        for n, p in model.named_parameters():
            if "LayerNorm.weight" in n:
                p.normal_(1.0, 0.2)
    model = model.cpu()
    hf = d + "_hf"
    model.save_pretrained(hf, safe_serialization=True)
    tokenizer(tok_kind).save_pretrained(hf)
    word = st.Transformer(hf, max_seq_length=max_len)
    mods = [word, st.Pooling(cfg.hidden_size, pooling_mode=pooling)]
    if dense:
        mods.append(st.Dense(cfg.hidden_size, dense, activation_function=torch.nn.Tanh()))
    if normalize:
        mods.append(st.Normalize())
    SentenceTransformer(modules=mods, device="cpu").save(d)
    params = sum(p.numel() for p in model.parameters())
    json.dump({"parameters": params}, open(os.path.join(d, "params.json"), "w"))
    return d, params


def corpus_sentences():
    data = json.load(open(os.path.join(REPO, "data", "nsm-dataset.json"), encoding="utf-8"))
    return [s["text"] for lang in data["corpora"].values() for s in lang]


def mixed_texts(n, seed=0, min_words=3, max_words=140):
    """n texts of 5-200 tokens: the corpus sentences as they are, and longer texts made of
    several of them, lengths spread evenly."""
    rng = random.Random(seed)
    sents = corpus_sentences()
    words = " ".join(sents).split()
    out = []
    for i in range(n):
        if i % 4 == 0:
            out.append(rng.choice(sents))
        else:
            k = rng.randint(min_words, max_words)
            start = rng.randrange(0, len(words) - k)
            out.append(" ".join(words[start:start + k]))
    return out


def write_lines(path, texts):
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(texts) + "\n")
