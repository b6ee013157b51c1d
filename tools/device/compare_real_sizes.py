"""nsmlab against sentence-transformers on random-weight models of the real sizes.

  python3 tools/device/compare_real_sizes.py SHARED_TOKENIZERS_DIR WORK_DIR OUT_DIR NSMLAB_BINARY

Builds each model with transformers (random weights, the real architecture and shapes),
saves it as a sentence-transformers folder, embeds the same sentences with
sentence-transformers (CPU fp32 = the reference; GPU fp32/fp16 for timing) and with
`nsmlab embed` on the CPU, and records agreement (max |diff|, min cosine) and timings
in OUT_DIR/real_sizes.json. Runs where the lent GPU machine has the Python stack.
"""
import json, os, subprocess, sys, time
import numpy as np
import torch
import transformers
from transformers import PreTrainedTokenizerFast, AutoTokenizer
from sentence_transformers import SentenceTransformer, models as st_models

shared, work, out, nsmlab = sys.argv[1:5]
os.makedirs(work, exist_ok=True); os.makedirs(out, exist_ok=True)
repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
data = json.load(open(os.path.join(repo, "data", "nsm-dataset.json"), encoding="utf-8"))
primes = [p["exponents"]["fr"][0] for p in data["primes"]]
corpus = [s["text"] for s in data["corpora"]["fr"]]
workload = (corpus * 10)[:1000]   # the guide's "encode 1000 sentences"
threads = os.cpu_count()
torch.set_num_threads(threads)
results = {"machine": {"cpu_threads": threads, "gpu": torch.cuda.get_device_name(0) if torch.cuda.is_available() else None,
                       "torch": torch.__version__, "transformers": transformers.__version__},
           "models": []}

def write_texts(path, texts):
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(texts) + "\n")

def timed(fn, repeat=1):
    best = None
    for _ in range(repeat):
        t = time.perf_counter(); r = fn(); dt = time.perf_counter() - t
        best = dt if best is None else min(best, dt)
    return r, best

def make_model(name, cfg, tok, pooling, normalize, max_len, prompts=None, dense=None):
    d = os.path.join(work, name)
    torch.manual_seed(0)
    model = transformers.AutoModel.from_config(cfg)
    with torch.no_grad():   # LayerNorm weights of 1 make deep random nets wash out; spread them.
        for n, p in model.named_parameters():
            if "LayerNorm.weight" in n or "layer_norm.weight" in n:
                p.normal_(1.0, 0.2)
    hf = d + "_hf"
    model.save_pretrained(hf, safe_serialization=True); tok.save_pretrained(hf)
    word = st_models.Transformer(hf, max_seq_length=max_len)
    mods = [word, st_models.Pooling(cfg.hidden_size, pooling_mode=pooling)]
    if dense:   # LaBSE: Dense(768 -> 768, tanh) after CLS pooling
        mods.append(st_models.Dense(cfg.hidden_size, dense, activation_function=torch.nn.Tanh()))
    if normalize:
        mods.append(st_models.Normalize())
    st = SentenceTransformer(modules=mods, device="cpu", prompts=prompts or {},
                             default_prompt_name=(next(iter(prompts)) if prompts else None))
    st.save(d)
    return d

def compare(name, d, texts, n_params):
    rec = {"name": name, "parameters": n_params, "sentences": len(texts)}
    inp = os.path.join(work, name + ".txt"); write_texts(inp, texts)
    st = SentenceTransformer(d, device="cpu")
    ref, rec["st_cpu_fp32_s"] = timed(lambda: st.encode(texts, batch_size=32, convert_to_numpy=True))
    env = dict(os.environ, LD_LIBRARY_PATH=os.path.join(os.path.dirname(nsmlab), "devlibs"), NSMLAB_NO_PROGRESS="1")
    npy = os.path.join(work, name + ".npy")
    cmd = [nsmlab, "embed", "--model", d, "--input", inp, "--output", npy, "--threads", str(threads), "--force"]
    p, rec["nsmlab_cpu_fp32_s"] = timed(lambda: subprocess.run(cmd, env=env, capture_output=True, text=True))
    rec["nsmlab_stderr"] = p.stderr.strip()[-400:]
    if p.returncode == 0:
        got = np.load(npy)
        diff = np.abs(got - ref).max()
        cos = (got * ref).sum(1) / np.linalg.norm(got, axis=1) / np.linalg.norm(ref, axis=1)
        rec.update(max_abs_diff=float(diff), min_cosine=float(cos.min()), mean_cosine=float(cos.mean()))
    if torch.cuda.is_available():
        g = SentenceTransformer(d, device="cuda")
        g.encode(texts[:64], batch_size=32)
        torch.cuda.synchronize()
        _, rec["st_gpu_fp32_s"] = timed(lambda: (g.encode(texts, batch_size=128), torch.cuda.synchronize()), 2)
        g.half()
        _, rec["st_gpu_fp16_s"] = timed(lambda: (g.encode(texts, batch_size=128), torch.cuda.synchronize()), 2)
        del g; torch.cuda.empty_cache()
    # The whole experiment run with this model (nsmlab on CPU).
    runout = os.path.join(work, name + "-run")
    p, rec["nsmlab_full_run_s"] = timed(lambda: subprocess.run([nsmlab, "run", "--model", d, "-o", runout, "--threads", str(threads)],
                                                              env=env, capture_output=True, text=True))
    if p.returncode == 0:
        rec["nsmlab_run_timings"] = json.load(open(os.path.join(runout, "results.json")))["metadata"]["timings_s"]
    else:
        rec["nsmlab_run_error"] = p.stderr[-400:]
    results["models"].append(rec)
    print(json.dumps(rec), flush=True)
    with open(os.path.join(out, os.environ.get("RESULTS", "real_sizes.json")), "w") as f:
        json.dump(results, f, indent=1)

xlmr_tok = PreTrainedTokenizerFast(tokenizer_file=os.path.join(repo, "tests/fixtures/tokenizer/spm_ref/unigram_multi.tokenizer.json"),
                                   bos_token="<s>", eos_token="</s>", unk_token="<unk>", pad_token="<pad>",
                                   cls_token="<s>", sep_token="</s>", mask_token="<mask>")
specs = [
    # paraphrase-multilingual-mpnet-base-v2: XLM-R base, 250002 tokens (tokenizer: the fixture Unigram one)
    ("paraphrase-multilingual-mpnet-base-v2", lambda: transformers.XLMRobertaConfig(
        vocab_size=250002, hidden_size=768, num_hidden_layers=12, num_attention_heads=12, intermediate_size=3072,
        max_position_embeddings=514, type_vocab_size=1, pad_token_id=1, layer_norm_eps=1e-5), lambda: xlmr_tok,
     "mean", False, 128, workload, None),
    ("all-MiniLM-L6-v2", lambda: transformers.AutoConfig.from_pretrained(os.path.join(shared, "all-MiniLM-L6-v2")),
     lambda: AutoTokenizer.from_pretrained(os.path.join(shared, "all-MiniLM-L6-v2")), "mean", True, 256, workload, None),
    ("all-mpnet-base-v2", lambda: transformers.AutoConfig.from_pretrained(os.path.join(shared, "all-mpnet-base-v2")),
     lambda: AutoTokenizer.from_pretrained(os.path.join(shared, "all-mpnet-base-v2")), "mean", True, 384, workload[:300], None),
    ("e5-large-v2-shape", lambda: transformers.BertConfig(
        vocab_size=30522, hidden_size=1024, num_hidden_layers=24, num_attention_heads=16, intermediate_size=4096),
     lambda: PreTrainedTokenizerFast(tokenizer_file=os.path.join(shared, "bert-base-uncased-tokenizer", "tokenizer.json"),
                                     unk_token="[UNK]", pad_token="[PAD]", cls_token="[CLS]", sep_token="[SEP]",
                                     mask_token="[MASK]"), "mean", True, 512,
     workload[:300], {"query": "query: "}),
    # bge-m3: XLM-R large, 8194 positions, CLS pooling + Normalize
    ("bge-m3-shape", lambda: transformers.XLMRobertaConfig(
        vocab_size=250002, hidden_size=1024, num_hidden_layers=24, num_attention_heads=16, intermediate_size=4096,
        max_position_embeddings=8194, type_vocab_size=1, pad_token_id=1, layer_norm_eps=1e-5), lambda: xlmr_tok,
     "cls", True, 512, workload[:300], None),
    # LaBSE: BERT base with a 501153-token vocabulary, CLS pooling, Dense(tanh), Normalize
    ("labse-shape", lambda: transformers.BertConfig(
        vocab_size=501153, hidden_size=768, num_hidden_layers=12, num_attention_heads=12, intermediate_size=3072),
     lambda: PreTrainedTokenizerFast(tokenizer_file=os.path.join(shared, "bert-base-uncased-tokenizer", "tokenizer.json"),
                                     unk_token="[UNK]", pad_token="[PAD]", cls_token="[CLS]", sep_token="[SEP]",
                                     mask_token="[MASK]"), "cls", True, 256, workload[:300], None, 768),
    # sentence-camembert-large: CamemBERT large, mean pooling (tokenizer: the real camembert-base one)
    ("sentence-camembert-large-shape", lambda: transformers.CamembertConfig(
        vocab_size=32005, hidden_size=1024, num_hidden_layers=24, num_attention_heads=16, intermediate_size=4096,
        max_position_embeddings=514, type_vocab_size=1, pad_token_id=1, layer_norm_eps=1e-5),
     lambda: PreTrainedTokenizerFast(tokenizer_file=os.path.join(shared, "camembert-base-tokenizer", "tokenizer.json"),
                                     bos_token="<s>", eos_token="</s>", unk_token="<unk>", pad_token="<pad>",
                                     cls_token="<s>", sep_token="</s>", mask_token="<mask>"), "mean", False, 514 - 2,
     workload[:300], None),
]
only = os.environ.get("ONLY")
for name, cfg, tok, pooling, norm, max_len, texts, prompts, *dense in specs:
    if only and name not in only.split(","):
        continue
    try:
        c = cfg()
        d = make_model(name, c, tok(), pooling, norm, max_len, prompts, dense[0] if dense else None)
        compare(name, d, texts, None)
    except Exception as e:
        print("FAILED", name, repr(e)[:500], flush=True)
