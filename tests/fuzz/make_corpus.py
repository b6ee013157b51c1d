#!/usr/bin/env python3
"""Writes the seed corpora under tests/fuzz/corpus/<target>/ from the committed fixtures
(a few small, valid inputs per target; libFuzzer mutates from there). Deterministic:
re-running it gives the same files. Usage: tests/fuzz/make_corpus.py"""
import json
import os
import shutil
import struct

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIX = os.path.join(ROOT, "tests", "fixtures")
OUT = os.path.join(ROOT, "tests", "fuzz", "corpus")


def put(target, name, data):
    d = os.path.join(OUT, target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def read(rel):
    with open(os.path.join(FIX, rel), "rb") as f:
        return f.read()


# ---- safetensors: the tiny BERT of fuzz_safetensors.cpp (vocab 8, hidden 4, 1 layer, ffn 8)
def tiny_bert_tensors():
    H, I, V, P, T = 4, 8, 8, 8, 2
    t = {"embeddings.word_embeddings.weight": [V, H], "embeddings.position_embeddings.weight": [P, H],
         "embeddings.token_type_embeddings.weight": [T, H], "embeddings.LayerNorm.weight": [H],
         "embeddings.LayerNorm.bias": [H]}
    p = "encoder.layer.0."
    for n, shape in [("attention.self.query", [H, H]), ("attention.self.key", [H, H]), ("attention.self.value", [H, H]),
                     ("attention.output.dense", [H, H]), ("intermediate.dense", [I, H]), ("output.dense", [H, I])]:
        t[p + n + ".weight"] = shape
        t[p + n + ".bias"] = [shape[0]]
    for n in ["attention.output.LayerNorm", "output.LayerNorm"]:
        t[p + n + ".weight"] = [H]
        t[p + n + ".bias"] = [H]
    return t


def safetensors(tensors, dtype="F32", prefix="", metadata=None):
    width = {"F32": 4, "F16": 2, "BF16": 2}[dtype]
    header, data = {}, b""
    if metadata:
        header["__metadata__"] = metadata
    for i, (name, shape) in enumerate(sorted(tensors.items())):
        n = 1
        for s in shape:
            n *= s
        if dtype == "F32":
            blob = b"".join(struct.pack("<f", 0.01 * ((i + k) % 17 - 8)) for k in range(n))
        elif dtype == "F16":
            blob = b"".join(struct.pack("<e", 0.01 * ((i + k) % 17 - 8)) for k in range(n))
        else:  # BF16: the high half of the f32
            blob = b"".join(struct.pack("<f", 0.01 * ((i + k) % 17 - 8))[2:] for k in range(n))
        assert len(blob) == n * width
        header[prefix + name] = {"dtype": dtype, "shape": shape, "data_offsets": [len(data), len(data) + len(blob)]}
        data += blob
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * (-len(h) % 8)
    return struct.pack("<Q", len(h)) + h + data


t = tiny_bert_tensors()
put("fuzz_safetensors", "tiny_bert_f32.safetensors", safetensors(t, metadata={"format": "pt"}))
put("fuzz_safetensors", "tiny_bert_f16_prefixed.safetensors", safetensors(t, "F16", prefix="bert."))
put("fuzz_safetensors", "tiny_bert_bf16.safetensors", safetensors(t, "BF16"))
put("fuzz_safetensors", "one_tensor.safetensors", safetensors({"embeddings.word_embeddings.weight": [8, 4]}))

# ---- config.json of each family the fixtures hold
for m in ["bert-mean", "mpnet-mean-normalize", "roberta-max", "xlm-roberta-bf16", "camembert-multi-pooling/0_Transformer"]:
    put("fuzz_transformer_config", m.split("/")[0] + ".json", read(f"models/{m}/config.json"))

# ---- model folder: [which file][its content], indices as in fuzz_model_folder.cpp
files = ["modules.json", "config.json", "1_Pooling/config.json", "2_Dense/config.json", "sentence_bert_config.json",
         "config_sentence_transformers.json", "tokenizer_config.json"]
for i, f in enumerate(files):
    for m in ["labse-like-cls-dense", "bert-v5-prompt", "camembert-multi-pooling"]:
        p = os.path.join(FIX, "models", m, f)
        if os.path.exists(p):
            put("fuzz_model_folder", f"{i}_{m}_{f.replace('/', '_')}", bytes([i]) + read(f"models/{m}/{f}"))

# ---- tokenizer.json: the small fixtures (WordPiece, Unigram) and a few hand-made components
put("fuzz_tokenizer_json", "wordpiece_bert.json", read("models/bert-mean/tokenizer.json"))
put("fuzz_tokenizer_json", "unigram_metaspace.json", read("models/roberta-max/tokenizer.json"))
put("fuzz_tokenizer_json", "bpe_bytelevel.json", json.dumps({
    "added_tokens": [{"id": 12, "content": "<s>", "special": True}, {"id": 13, "content": "</s>", "special": True}],
    "normalizer": {"type": "Sequence", "normalizers": [{"type": "NFKC"}, {"type": "Lowercase"},
                                                        {"type": "Replace", "pattern": {"String": "  "}, "content": " "}]},
    "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": True, "use_regex": True},
    "model": {"type": "BPE", "vocab": {"h": 0, "e": 1, "l": 2, "o": 3, "he": 4, "ll": 5, "hell": 6, "hello": 7,
                                       "\u0120": 8, "\u0120h": 9, "w": 10, "!": 11},
              "merges": ["h e", "l l", "he ll", "hell o", "\u0120 h"]},
    "post_processor": {"type": "RobertaProcessing", "sep": ["</s>", 13], "cls": ["<s>", 12]}}))
put("fuzz_tokenizer_json", "bpe_unk_split_template.json", json.dumps({
    "normalizer": {"type": "Sequence", "normalizers": [{"type": "NFD"}, {"type": "StripAccents"}, {"type": "Strip"},
                                                        {"type": "Prepend", "prepend": "_"}]},
    "pre_tokenizer": {"type": "Sequence", "pretokenizers": [
        {"type": "Split", "pattern": {"Regex": "\\s+"}, "behavior": "Removed", "invert": False},
        {"type": "Punctuation", "behavior": "Isolated"}, {"type": "Digits", "individual_digits": True}]},
    "model": {"type": "BPE", "vocab": {"a": 0, "##b": 1, "ab": 2, "<unk>": 3, "[CLS]": 4, "[SEP]": 5},
              "merges": [["a", "##b"]], "unk_token": "<unk>", "continuing_subword_prefix": "##", "fuse_unk": True},
    "post_processor": {"type": "TemplateProcessing",
                       "single": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                                  {"SpecialToken": {"id": "[SEP]", "type_id": 0}}],
                       "special_tokens": {"[CLS]": {"id": "[CLS]", "ids": [4], "tokens": ["[CLS]"]},
                                          "[SEP]": {"id": "[SEP]", "ids": [5], "tokens": ["[SEP]"]}}}}))
put("fuzz_tokenizer_json", "unigram_byte_fallback.json", json.dumps({
    "added_tokens": [{"id": 6, "content": "[X]", "special": True}],
    "pre_tokenizer": {"type": "Metaspace", "replacement": "\u2581", "prepend_scheme": "first"},
    "model": {"type": "Unigram", "unk_id": 0, "byte_fallback": True,
              "vocab": [["<unk>", 0.0], ["ab", -1.0], ["a", -2.0], ["b", -2.0], ["<0xC3>", -5.0], ["<0xA9>", -5.0], ["[X]", 0.0]]}}))

# ---- tokenizers on text: [truncation/special byte][UTF-8 text]
sentences = read("tokenizer/sentences.txt").decode().splitlines()
for target in ["fuzz_encode_wordpiece", "fuzz_encode_unigram", "fuzz_encode_bpe"]:
    for i, s in enumerate(sentences[:12]):
        put(target, f"sentence_{i:02d}", bytes([0 if i % 3 else 8 | (0x80 if i % 2 else 0)]) + s.encode())


# ---- Precompiled charsmap: a hand-built darts double-array trie (the layout
# precompiled_charsmap.cpp reads) mapping a few strings to replacements.
def charsmap(mapping):
    strings, values = b"", {}
    for key, rep in mapping.items():
        values[key] = len(strings)
        strings += rep.encode() + b"\0"
    units = {0: 0}  # root: offset 0
    def unit(offset, label, leaf):  # offset < 2^21, no extension bit
        return (offset << 10) | (0x100 if leaf else 0) | label
    # Each key's bytes walk pos ^= byte, check label, pos ^= offset; a leaf's value sits at pos.
    for key in mapping:
        kb = key.encode()
        pos = 0  # offset(root) = 0
        for k, c in enumerate(kb):
            pos ^= c
            last = k == len(kb) - 1
            if pos in units:
                u = units[pos]
                assert u & 0xFF == c and not last, "collision in hand-built trie"
                pos ^= u >> 10
                continue
            off = 1
            while (pos ^ off) in units or any(((pos ^ off) ^ b) in units for b in range(256) if not last and b == kb[k + 1]):
                off += 1
            units[pos] = unit(off, c, last)
            pos ^= off
            if last:
                units[pos] = (1 << 31) | values[key]
    n = max(units) + 1
    arr = b"".join(struct.pack("<I", units.get(i, 0)) for i in range(n))  # 0: label 0, never matches
    return struct.pack("<I", len(arr)) + arr + strings


blob = charsmap({"A": "a", "B": "b", "\ufb01": "fi", "\u00e9": "e", "\u3000": " ", "\u212b": "\u00c5"})
for i, text in enumerate(["ABfi", "\ufb01 \u00e9t\u00e9", "A\u3000B", "\u212b"]):
    t = text.encode()
    put("fuzz_precompiled_charsmap", f"trie_{i}", bytes([len(t)]) + t + blob)
put("fuzz_precompiled_charsmap", "empty_blob", b"\x03abc")

# ---- datasets: a slice of the built-in dataset (native) and a small panini file
with open(os.path.join(ROOT, "data", "nsm-dataset.json"), encoding="utf-8") as f:
    full = json.load(f)
keep = {p["id"] for p in full["primes"][:8]}
native = dict(full)
native["primes"] = full["primes"][:8]
used = {p["category"] for p in native["primes"]}
native["categories"] = [c for c in full["categories"] if c["id"] in used]
native["squares"] = [s for s in full["squares"] if {s["s1"], s["s2"], s["non_s1"], s["non_s2"]} <= keep][:2] or full["squares"][:1]
native["corpora"] = {lang: v[:4] for lang, v in full["corpora"].items()}
native["isotopy_targets"] = [t for t in full["isotopy_targets"] if t in keep]
native["isotopy_lexicons"] = {lang: {t: v[t] for t in native["isotopy_targets"] if t in v} for lang, v in full["isotopy_lexicons"].items()}
native["description"] = "seed for fuzz_dataset: a slice of data/nsm-dataset.json"
native.pop("category_colors", None)
put("fuzz_dataset", "native_slice.json", json.dumps(native, ensure_ascii=False, indent=1))
panini = {"source": "seed for fuzz_dataset",
          "primitives": [{"name": p["id"], "fr": p["exponents"]["fr"][0], "category": p["category"]} for p in native["primes"]],
          "category_colors": {c["id"]: c["color"] for c in native["categories"]},
          "squares": [{"name": s["name"], "S1": s["s1"], "S2": s["s2"], "non_S1": s["non_s1"], "non_S2": s["non_s2"]} for s in native["squares"]],
          "corpus": native["corpora"].get("fr", []),
          "isotopy_targets": native["isotopy_targets"],
          "isotopy_lexicon_fr": native["isotopy_lexicons"].get("fr", {})}
put("fuzz_dataset", "panini_small.json", json.dumps(panini, ensure_ascii=False, indent=1))

# ---- text input: [extension selector][file]  (0 .txt, 1 .jsonl, 2 .ndjson, 3 none)
put("fuzz_text_input", "lines.txt", b"\x00" + "\n".join(sentences[:6]).encode() + b"\n")
put("fuzz_text_input", "crlf.txt", b"\x00" + "\r\n".join(sentences[6:9]).encode())
put("fuzz_text_input", "records.jsonl", b"\x01" + "".join(json.dumps({"text": s, "id": i}) + "\n" for i, s in enumerate(sentences[:5])).encode())
put("fuzz_text_input", "records.noext", b"\x03" + "\n".join(json.dumps({"text": s}) for s in sentences[5:8]).encode())


# ---- .npy: the small analysis fixture and each dtype the reader accepts
def npy(descr, shape, values, fmt, version=1):
    header = "{'descr': '%s', 'fortran_order': False, 'shape': %s, }" % (descr, "(" + ", ".join(map(str, shape)) + ("," if len(shape) == 1 else "") + ")")
    pad = -(len(header) + (10 if version == 1 else 12) + 1) % 64
    header = (header + " " * pad + "\n").encode()
    size = struct.pack("<H", len(header)) if version == 1 else struct.pack("<I", len(header))
    return b"\x93NUMPY" + bytes([version, 0]) + size + header + b"".join(struct.pack(fmt, v) for v in values)


put("fuzz_npy", "tiny_X.npy", read("analysis/tiny_X.npy"))
put("fuzz_npy", "f8_2x3.npy", npy("<f8", [2, 3], [0.5, 1, 2, 3, 4, -5], "<d"))
put("fuzz_npy", "i4_4.npy", npy("<i4", [4], [1, -2, 3, 4], "<i"))
put("fuzz_npy", "i8_v2.npy", npy("<i8", [2, 1], [7, -7], "<q", version=2))
put("fuzz_npy", "f4_scalar.npy", npy("<f4", [], [1.5], "<f"))


# ---- pytorch_model.bin: the data.pkl of the zip fixtures (mode 0), the legacy state pickle
# (mode 1) and whole small checkpoints (mode 2), from tools/fixtures/make_torch_checkpoints.py
def zip_pickle(rel):
    import zipfile
    with zipfile.ZipFile(os.path.join(FIX, rel)) as z:
        return z.read(next(n for n in z.namelist() if n.endswith("/data.pkl")))


def legacy_state_pickle(rel):
    import pickletools
    data, start = read(rel), 0
    for _ in range(3):  # magic number, protocol version, system info
        start += next(pos for op, _, pos in pickletools.genops(data[start:]) if op.name == "STOP") + 1
    stop = next(pos for op, _, pos in pickletools.genops(data[start:]) if op.name == "STOP") + 1
    return data[start:start + stop]


put("fuzz_torch_checkpoint", "zoo_zip.pkl", b"\x00" + zip_pickle("weights/zoo_zip.pt"))
put("fuzz_torch_checkpoint", "zoo_legacy.pkl", b"\x01" + legacy_state_pickle("weights/zoo_legacy.pt"))
put("fuzz_torch_checkpoint", "zoo_zip.pt", b"\x02" + read("weights/zoo_zip.pt"))
put("fuzz_torch_checkpoint", "zoo_legacy.pt", b"\x02" + read("weights/zoo_legacy.pt"))
put("fuzz_torch_checkpoint", "evil_os_system.pkl", b"\x00" + zip_pickle("weights/evil_os_system.bin"))

# ---- advise: the built-in offer catalogue and a one-offer file
with open(os.path.join(ROOT, "data", "offers.json"), "rb") as f:
    put("fuzz_offer_catalogue", "builtin_offers.json", f.read())
put("fuzz_offer_catalogue", "one_gpu.json", json.dumps({"format": "nsmlab-offers/1", "offers": [
    {"id": "gpu", "name": "A GPU", "kind": "gpu", "software": "sentence-transformers",
     "peak_gflops": {"fp32": 19500, "fp16": 312000}, "memory_bandwidth_gb_s": 1555, "memory_gb": 40,
     "price_per_hour_usd": 1.2, "efficiency": {"fp16": 0.2}, "availability": "on demand", "source": "a datasheet"}]},
    indent=1))


# ---- bench results: one random-weight model, fp32 and bf16 measured, int8 failed
def workload(name, sentences, batches, mean, seconds, gflop):
    return {"workload": name, "sentences": sentences, "batches": batches, "mean_tokens": mean,
            "mean_square_tokens": mean * mean * 1.2, "seconds": seconds, "gflop": gflop}


bench = {"format": "nsmlab-bench/1", "created": "2026-11-28T12:00:00Z", "cpu_model": "A CPU", "threads": 2,
         "load_average": 0.4, "gemm_peak_gflops": {"fp32": 395.0, "bf16": 1250.0}, "memory_bandwidth_gb_s": 20.5,
         "memory_gb": 23.4, "experiments_cpu_s": 1.7,
         "models": [{"name": "FacebookAI/xlm-roberta-base", "random_weights": True,
                     "shape": {"hidden": 768, "layers": 12, "heads": 12, "intermediate": 3072, "vocab": 250002,
                               "positions": 514, "type_vocab": 1},
                     "weights_file_bytes": 1112199000.0,
                     "backends": [
                         {"backend": "cpu-fp32", "precision": "fp32", "description": "avx512", "load_s": 1.3,
                          "peak_rss_mib": 1500.0,
                          "workloads": [workload("batch-overhead", 6, 3, 20.0, 0.09, 2.0),
                                        workload("sentences-1000", 1000, 4, 24.0, 12.5, 4100.0),
                                        workload("corpus", 120, 1, 30.0, 1.7, 610.0)]},
                         {"backend": "cpu-bf16", "precision": "bf16", "description": "avx512_bf16", "load_s": 1.6,
                          "peak_rss_mib": 900.0,
                          "workloads": [workload("sentences-1000", 1000, 4, 24.0, 6.6, 4100.0)]},
                         {"backend": "cpu-int8", "precision": "int8", "description": "", "load_s": 0,
                          "peak_rss_mib": 0, "error": "no VNNI", "workloads": []}]}]}
put("fuzz_bench_results", "one_model.json", json.dumps(bench, indent=1))

# ---- serve: request bodies of both APIs (the target tries each body on both parsers)
put("fuzz_serve_request", "tei.json", json.dumps({"inputs": ["le chat", "a dog"], "normalize": False,
                                                   "truncate": True, "prompt_name": "query"}))
put("fuzz_serve_request", "tei_one.json", json.dumps({"inputs": "one text", "truncation_direction": "Right"}))
put("fuzz_serve_request", "openai.json", json.dumps({"input": ["x", "y"], "model": "m", "encoding_format": "base64",
                                                      "dimensions": 128, "user": "u"}))
put("fuzz_serve_request", "openai_one.json", json.dumps({"input": "une phrase", "encoding_format": "float"}))

# ---- results.json: the metadata of a lexical run (as nsmlab run --lexical wrote it), and a neural one
lexical_metadata = {
    "backend": "cpu-lexical",
    "backend_detail": {"device": "cpu", "device_name": "A CPU", "instruction_set": "lexical", "libraries": {}, "name":
        "cpu-fp32", "notes": [], "precision": "fp32", "threads": 2},
    "cpu": {"compile_flags": "-O3 -DNDEBUG -march=x86-64-v3", "features": {"amx_bf16": False, "amx_int8": False,
        "amx_tile": False, "amx_usable": False, "avx2": True, "avx512_bf16": True, "avx512_vnni": True, "avx512bw":
        True, "avx512dq": True, "avx512f": True, "avx512vl": True, "avx_vnni": True, "fma": True}, "kernels_isa":
        "avx512", "onednn_isa": "avx512_core_bf16", "onednn_max_isa": "none", "requested": "native"},
    "created": "2026-11-28T12:00:00Z",
    "dataset": {"name": "nsmlab-nsm-v1", "origin": "builtin", "sha256":
        "b8942520736c05922f7d23ced5784e01bcd4868c5906dedcdff6f8dad0004216"},
    "device": "A CPU",
    "embedding_cache": None,
    "language": "fr",
    "long_text": {},
    "model": {"architecture": "lexical baseline: char 2-4-gram hashing TF-IDF + SVD-256 (no neural model)",
        "dimension": 256, "id": "", "kind": "lexical", "name": "lexical-baseline", "parameters": 0, "path": "",
        "revision": "", "sha256": ""},
    "nsmlab_version": "0.1.0",
    "parameters": {"batch_tokens": 8192, "h1": {"kmeans": "sklearn", "n_init": 20, "purity_threshold": 0.7, "seed":
        42, "silhouette_threshold": 0.5, "tsne_iter": 1000, "tsne_perplexity": 20.0}, "h2": {"rate_threshold": 0.7},
        "h3": {"max_components": 10, "min_occurrences": 3, "r_threshold": 0.6, "rate_threshold": 0.6}, "language":
        "fr", "max_seq_len": 0, "normalize": True, "report_language": "fr", "significance": {"bootstrap": 1000,
        "level": 0.95, "permutations": 1000, "seed": 42}},
    "precision": "fp32",
    "prompt": "",
    "threads": 2,
    "timings_s": {"encode_corpus": 0.116, "encode_primes": 0.049, "h1": 0.136, "h2": 0.001, "h3": 0.174,
        "load_dataset": 0.003, "load_model": 0.0, "plots_and_report": 0.398, "total": 0.899},
}
put("fuzz_run_metadata", "lexical.json", json.dumps({"metadata": lexical_metadata}, indent=1))
neural = json.loads(json.dumps(lexical_metadata))
neural.update({"backend": "cpu-bf16", "precision": "bf16", "prompt": "query: ",
               "embedding_cache": {"path": "/cache/embeddings.sqlite", "found": 40, "encoded": 25},
               "model": {"architecture": "XLMRobertaModel", "dimension": 768, "id": "org/model", "kind": "neural",
                         "name": "model", "parameters": 278043648, "path": "/models/model", "revision": "main",
                         "sha256": "ab" * 32, "weights": "real", "prompt": "query: ", "max_seq_length": 512,
                         "tokenizer": "tokenizer.json", "languages": "multilingual", "covers_language": True}})
neural["backend_detail"].update({"name": "cpu-bf16", "precision": "bf16", "instruction_set": "avx512_bf16",
                                 "libraries": {"oneDNN": "3.0"}, "notes": ["a note"]})
put("fuzz_run_metadata", "neural.json", json.dumps({"metadata": neural}, indent=1))
