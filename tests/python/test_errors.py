# Every failure is a Python exception carrying nsmlab's message, never a crash.
import json
import shutil

import numpy as np
import pytest

import nsmlab
from conftest import fixture_model


def test_error_is_a_runtime_error():
    assert issubclass(nsmlab.Error, RuntimeError)


def test_missing_model_names_it_and_where_it_looked(tmp_path):
    with pytest.raises(nsmlab.Error, match="model 'no-such-org/no-such-model': no such folder"):
        nsmlab.SentenceModel("no-such-org/no-such-model")


def test_damaged_model_names_the_file(tmp_path):
    broken = tmp_path / "broken"
    shutil.copytree(fixture_model("bert-mean"), broken)
    good_config = (broken / "config.json").read_text(encoding="utf-8")
    (broken / "config.json").write_text('{"hidden_size": "big"', encoding="utf-8")
    with pytest.raises(nsmlab.Error, match="config.json"):
        nsmlab.SentenceModel(str(broken))
    config = json.loads(good_config)
    config["hidden_size"] = -4
    (broken / "config.json").write_text(json.dumps(config), encoding="utf-8")
    with pytest.raises(nsmlab.Error, match="hidden_size"):
        nsmlab.SentenceModel(str(broken))
    (broken / "config.json").write_text(good_config, encoding="utf-8")
    (broken / "model.safetensors").write_bytes(b"\xff" * 16)
    with pytest.raises(nsmlab.Error, match="model.safetensors"):
        nsmlab.SentenceModel(str(broken))


@pytest.mark.parametrize("kwargs, fragment", [({"device": "tpu"}, "device"), ({"precision": "fp64"}, "precision"),
                                              ({"precision": "fp16", "device": "cpu"}, "fp16")])
def test_bad_backend_requests(kwargs, fragment):
    with pytest.raises(nsmlab.Error, match=fragment):
        nsmlab.SentenceModel(fixture_model("bert-mean"), **kwargs)


def test_bad_sentences(bert):
    with pytest.raises(TypeError, match=r"sentences\[1\]"):
        bert.encode(["ok", 3])
    with pytest.raises(TypeError):
        nsmlab.SentenceModel(42)


def test_invalid_utf8_is_refused_not_crashed(bert):
    with pytest.raises(ValueError, match=r"sentences\[1\]: not valid Unicode"):
        bert.encode(["ok", "\udcff surrogate"])


def test_max_seq_length_bounds(bert):
    with pytest.raises(nsmlab.Error, match="max_seq_length"):
        bert.max_seq_length = 0
    with pytest.raises(nsmlab.Error, match="max_seq_length"):
        bert.max_seq_length = 10**9


def test_experiment_inputs_are_checked():
    x = np.ones((4, 3), dtype=np.float32)
    with pytest.raises(nsmlab.Error, match="labels: 3 labels for 4 embeddings"):
        nsmlab.experiments.h1(x, ["a", "b", "a"])
    with pytest.raises(nsmlab.Error, match="2-D"):
        nsmlab.experiments.h1(np.ones(4), ["a", "b", "a", "b"])
    bad = x.copy()
    bad[2, 1] = np.nan
    with pytest.raises(nsmlab.Error, match="row 2, column 1"):
        nsmlab.experiments.h2(bad, ["a", "b", "c", "d"], [("a", "b", "c", "d")])
    with pytest.raises(nsmlab.Error, match="unknown option"):
        nsmlab.experiments.h2(x, ["a", "b", "c", "d"], [("a", "b", "c", "d")], permutationz=3)
    with pytest.raises(nsmlab.Error, match="squares\\[0\\]"):
        nsmlab.experiments.h2(x, ["a", "b", "c", "d"], [("a", "b")])
    with pytest.raises(nsmlab.Error, match="'n_init' expects an integer"):
        nsmlab.experiments.h1(x, ["a", "b", "a", "b"], n_init="many")
    with pytest.raises(nsmlab.Error, match="dtype"):
        nsmlab.experiments.h1(np.array([["a", "b"]] * 4), ["a", "b", "a", "b"])


def test_run_errors(tmp_path):
    with pytest.raises(nsmlab.Error, match="language 'xx'"):
        nsmlab.run(lexical=True, language="xx", output=str(tmp_path / "out"), plots=False)
    with pytest.raises(nsmlab.Error):
        nsmlab.run(dataset=str(tmp_path / "missing.json"), lexical=True, output=str(tmp_path / "out2"))
