# encode gives `nsmlab embed`'s rows bit for bit, in sentence-transformers' shapes.
import numpy as np
import pytest

import nsmlab
from conftest import SENTENCES, cli_embed, fixture_model

MODELS = ["bert-mean", "bert-v5-prompt", "mpnet-mean-normalize", "xlm-roberta-mean-normalize", "roberta-max",
          "labse-like-cls-dense", "camembert-multi-pooling"]


@pytest.mark.parametrize("name", MODELS)
def test_encode_equals_cli_embed_bit_for_bit(name, tmp_path):
    model = nsmlab.SentenceModel(fixture_model(name))
    got = model.encode(SENTENCES)
    want = cli_embed(fixture_model(name), SENTENCES, tmp_path)
    assert got.dtype == np.float32 and got.shape == want.shape
    assert got.tobytes() == want.tobytes()


def test_options_map_to_the_cli_flags(tmp_path):
    path = fixture_model("bert-v5-prompt")
    model = nsmlab.SentenceModel(path)
    got = model.encode(SENTENCES, normalize_embeddings=True, prompt="passage: ", batch_tokens=64)
    want = cli_embed(path, SENTENCES, tmp_path, "--normalize", "--prompt", "passage: ", "--batch-tokens", "64")
    assert got.tobytes() == want.tobytes()
    # The model's default prompt (config_sentence_transformers.json) unless told otherwise.
    assert model.default_prompt_name == "query"
    assert model.encode(SENTENCES).tobytes() == model.encode(SENTENCES, prompt_name="query").tobytes()
    no_prompt = cli_embed(path, SENTENCES, tmp_path, "--no-default-prompt")
    assert model.encode(SENTENCES, prompt="").tobytes() == no_prompt.tobytes()
    assert model.encode(SENTENCES, prompt_name="document").tobytes() == no_prompt.tobytes()


def test_shapes_as_sentence_transformers(bert):
    dim = bert.get_sentence_embedding_dimension()
    one = bert.encode("Je pense.")
    assert one.shape == (dim,) and one.dtype == np.float32
    many = bert.encode(["Je pense.", "Tu sais."])
    assert many.shape == (2, dim)
    assert one.tobytes() == bert.encode(["Je pense."])[0].tobytes()
    rows = bert.encode(["Je pense.", "Tu sais."], convert_to_numpy=False)
    assert isinstance(rows, list) and len(rows) == 2 and rows[1].shape == (dim,)
    assert bert.encode([]).shape == (0, dim)
    assert bert.encode(("Je pense.", "Tu sais.")).shape == (2, dim)


def test_normalize_embeddings(bert):
    v = bert.encode(SENTENCES, normalize_embeddings=True)
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-6)


def test_array_owns_the_engine_buffer(bert):
    v = bert.encode(SENTENCES)
    # No copy into a numpy-allocated buffer: the array's memory belongs to the C++ vector,
    # kept alive by a capsule as the array's base.
    assert not v.flags.owndata
    assert type(v.base).__name__ == "PyCapsule"
    assert v.flags.c_contiguous and v.flags.writeable


def test_tokenize_and_max_seq_length(bert):
    t = bert.tokenize(["Je pense.", "Quelqu'un sait quelque chose de bon."])
    assert set(t) == {"input_ids", "token_type_ids", "attention_mask"}
    assert t["input_ids"].shape == t["attention_mask"].shape and t["input_ids"].dtype == np.int64
    assert t["attention_mask"][0].sum() < t["attention_mask"][1].sum()
    assert bert.max_seq_length == 30
    long_text = " ".join(["mot"] * 100)
    assert bert.tokenize([long_text])["input_ids"].shape[1] == 30
    full = bert.encode(long_text)
    bert.max_seq_length = 8
    try:
        assert bert.tokenize([long_text])["input_ids"].shape[1] == 8
        assert bert.encode(long_text).tobytes() != full.tobytes()
    finally:
        bert.max_seq_length = 30
    assert bert.encode(long_text).tobytes() == full.tobytes()
