# long_text: a warning when texts are longer than max_seq_length, and chunk's document vectors
# equal `nsmlab embed --long-text chunk` bit for bit (the CLI is checked against a PyTorch
# reference in tests/cli/embed_long_text.sh).
import warnings

import numpy as np
import pytest

import nsmlab
from conftest import ROOT, cli_embed, fixture_model

TEXTS = (ROOT / "tests" / "fixtures" / "long_text" / "texts.txt").read_text().splitlines()


def test_truncation_warns():
    m = nsmlab.SentenceModel(fixture_model("bert-mean"))
    with pytest.warns(UserWarning, match="4 of 6 texts were longer than the 30 tokens"):
        m.encode(TEXTS)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        m.encode(TEXTS[:2])  # nothing long: nothing said


def test_chunk_equals_cli(tmp_path):
    m = nsmlab.SentenceModel(fixture_model("mpnet-mean-normalize"))
    m.long_text = "chunk"
    m.chunk_overlap = 5
    with pytest.warns(UserWarning, match="split into windows"):
        rows = m.encode(TEXTS)
    want = cli_embed(fixture_model("mpnet-mean-normalize"), TEXTS, tmp_path, "--long-text", "chunk", "--chunk-overlap", "5")
    assert np.array_equal(rows, want)
    with pytest.raises(Exception, match="must be less than"):
        m.chunk_overlap = 28
    with pytest.raises(Exception, match="expected truncate or chunk"):
        m.long_text = "window"
