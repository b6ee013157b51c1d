# nsmlab.run from Python, and H1/H2/H3 on a matrix give what the runner computes.
import json
import os

import numpy as np
import pytest

import nsmlab

QUICK = {"permutations": 20, "bootstrap": 20, "jackknife": False}


@pytest.fixture(scope="module")
def lexical_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("run") / "out"
    return nsmlab.run(lexical=True, output=str(out), plots=False, **QUICK)


def test_run_returns_results_and_paths(lexical_run):
    r = lexical_run
    assert set(r) == {"results", "output_dir", "files", "warnings", "summary"}
    assert os.path.isabs(r["output_dir"]) and all(os.path.isfile(f) for f in r["files"])
    with open(os.path.join(r["output_dir"], "results.json"), encoding="utf-8") as f:
        assert json.load(f) == r["results"]
    assert r["results"]["metadata"]["model"]["kind"] == "lexical"
    assert r["results"]["metadata"]["parameters"]["significance"]["permutations"] == 20


def test_experiments_on_the_runs_embeddings_agree(lexical_run):
    results, out = lexical_run["results"], lexical_run["output_dir"]
    d = nsmlab.load_dataset(language="fr")
    primes = np.load(os.path.join(out, "primes.npy"))
    corpus = np.load(os.path.join(out, "corpus.npy"))
    ids = [p["id"] for p in d["primes"]]
    assert primes.shape[0] == len(ids) and corpus.shape[0] == len(d["corpus"])
    h1 = nsmlab.experiments.h1(primes, [p["category"] for p in d["primes"]], categories=d["categories"], ids=ids,
                               category_colors=d["category_colors"], **QUICK)
    assert h1 == results["h1"]
    assert nsmlab.experiments.h2(primes, ids, d["squares"], **QUICK) == results["h2"]
    h3 = nsmlab.experiments.h3(corpus, [s["text"] for s in d["corpus"]], d["lexicon"], synonyms=d["synonyms"],
                               targets=d["isotopy_targets"],
                               groups=[s["isotopy_group"] for s in d["corpus"]], language="fr", **QUICK)
    assert h3 == results["h3"]


def test_experiments_on_any_matrix():
    rng = np.random.default_rng(0)
    centres = rng.normal(size=(3, 8))
    x = np.repeat(centres, 5, axis=0) + 0.01 * rng.normal(size=(15, 8))  # float64 is fine
    labels = [c for c in "abc" for _ in range(5)]
    h1 = nsmlab.experiments.h1(x, labels, n_init=3, tsne_perplexity=5, **QUICK)
    assert h1["purity"] == 1.0
    ids = [f"p{i}" for i in range(15)]
    h2 = nsmlab.experiments.h2(x, ids, [("p0", "p1", "p5", "p10", "close contraries")], **QUICK)
    assert h2["squares"][0]["valid"] is True
    sentences = ["je pense", "je sais", "tu vois", "il pense", "je veux", "nous voyons"]
    h3 = nsmlab.experiments.h3(rng.normal(size=(6, 4)), sentences, {"JE": ["je"], "VOIR": ["vois", "voyons"]},
                               min_occurrences=2, **QUICK)
    assert [i["target"] for i in h3["isotopies"]] == ["JE", "VOIR"]
