# Argument names, order and defaults as sentence-transformers' SentenceTransformer.encode
# (v3: prompts come right after the sentences), so calls written for it run unchanged.
import inspect

import pytest

import nsmlab

SENTENCE_TRANSFORMERS_ENCODE = [
    ("sentences", inspect.Parameter.empty), ("prompt_name", None), ("prompt", None), ("batch_size", 32),
    ("show_progress_bar", None), ("output_value", "sentence_embedding"), ("precision", "float32"),
    ("convert_to_numpy", True), ("convert_to_tensor", False), ("device", None), ("normalize_embeddings", False),
]


def test_encode_signature():
    params = list(inspect.signature(nsmlab.SentenceModel.encode).parameters.values())[1:]
    positional = [(p.name, p.default) for p in params if p.kind == p.POSITIONAL_OR_KEYWORD]
    assert positional == SENTENCE_TRANSFORMERS_ENCODE
    extra = [p.name for p in params if p.kind != p.POSITIONAL_OR_KEYWORD]
    assert extra == ["batch_tokens"]  # nsmlab's own, keyword-only


def test_constructor_and_alias():
    params = inspect.signature(nsmlab.SentenceModel.__init__).parameters
    assert params["device"].default == "auto" and params["precision"].default == "auto"
    assert nsmlab.SentenceTransformer is nsmlab.SentenceModel


def test_positional_call_as_sentence_transformers(bert):
    # encode(sentences, prompt_name, prompt, batch_size, show_progress_bar, ...) positionally.
    a = bert.encode(["Je pense."], None, None, 16, False)
    assert a.tobytes() == bert.encode(["Je pense."]).tobytes()


def test_batch_size_does_not_change_rows(bert):
    texts = ["Je pense.", "Tu sais.", "Il veut voir la mer."]
    assert bert.encode(texts, batch_size=1).tobytes() == bert.encode(texts, batch_size=64).tobytes()


@pytest.mark.parametrize("kwargs, fragment", [
    ({"batch_size": 0}, "batch_size"),
    ({"output_value": "token_embeddings"}, "output_value"),
    ({"precision": "int8"}, "precision"),
    ({"device": "cuda"}, "device"),
    ({"prompt_name": "nope"}, "Prompt name 'nope' not found"),
])
def test_unsupported_or_wrong_arguments_say_so(bert, kwargs, fragment):
    with pytest.raises(ValueError, match=fragment):
        bert.encode(["Je pense."], **kwargs)


def test_unknown_argument_is_a_type_error(bert):
    with pytest.raises(TypeError):
        bert.encode(["Je pense."], normalise=True)
