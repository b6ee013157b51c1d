"""SentenceModel: sentence-transformers' SentenceTransformer API (argument names, defaults,
return shapes) over nsmlab's engine. What is computed lives in C++ (nsmlab._native)."""
import logging
import warnings

import numpy as np

from . import _native

logger = logging.getLogger("nsmlab")

# What `nsmlab embed --batch-tokens` defaults to: the same batches give the same rows, bit for bit.
DEFAULT_BATCH_TOKENS = 8192


class SentenceModel:
    """A sentence-embedding model run by nsmlab.

    model: a model folder (sentence-transformers layout), or the repo id ("org/name"), the
        name without the organisation, or a short name of a model already on this machine
        (hub cache, $NSMLAB_MODELS, sentence-transformers' cache). Nothing is downloaded.
    device: "auto", "cpu", "cuda" or "cuda:N" (None means "auto").
    precision: "auto", "fp32", "bf16", "fp16" or "int8" ("auto": fp32 on a CPU).
    threads: CPU threads, 0 for every core.
    """

    def __init__(self, model, device="auto", precision="auto", threads=0):
        if not isinstance(model, str):
            raise TypeError(f"model: expected a folder or a model id (str), got {type(model).__name__}")
        self._native = _native.SentenceModel(model, "auto" if device is None else device, precision, threads)

    # -- sentence-transformers' encode -----------------------------------------------------
    def encode(self, sentences, prompt_name=None, prompt=None, batch_size=32, show_progress_bar=None,
               output_value="sentence_embedding", precision="float32", convert_to_numpy=True,
               convert_to_tensor=False, device=None, normalize_embeddings=False, *,
               batch_tokens=DEFAULT_BATCH_TOKENS):
        """Embeds a sentence (str: a 1-D array) or a list of sentences (a 2-D array, one row each).

        Arguments as sentence-transformers' SentenceTransformer.encode. nsmlab plans its batches
        by a token budget (batch_tokens, as `nsmlab embed --batch-tokens`), not by a count of
        sentences: batch_size is checked and accepted for compatibility, and does not change
        the batches. The result is a float32 numpy array that owns the engine's buffer.
        """
        if not isinstance(batch_size, int) or isinstance(batch_size, bool) or batch_size < 1:
            raise ValueError(f"batch_size: expected a positive integer, got {batch_size!r}")
        if output_value != "sentence_embedding":
            raise ValueError(f"output_value: nsmlab computes 'sentence_embedding' only, got {output_value!r}")
        if precision != "float32":
            raise ValueError(f"precision: nsmlab returns 'float32' embeddings only, got {precision!r}"
                             " (quantise the result yourself, or set the model's precision=)")
        if device is not None:
            raise ValueError(f"device: choose the device when loading, SentenceModel(..., device={device!r})")
        input_was_string = isinstance(sentences, str) or not hasattr(sentences, "__len__")
        texts = [sentences] if input_was_string else list(sentences)
        for i, t in enumerate(texts):
            if not isinstance(t, str):
                raise TypeError(f"sentences[{i}]: expected str, got {type(t).__name__}")
        if prompt is None:
            if prompt_name is not None:
                if prompt_name not in self.prompts:
                    raise ValueError(f"Prompt name '{prompt_name}' not found in the configured prompts dictionary"
                                     f" with keys {list(self.prompts.keys())!r}.")
                prompt = self.prompts[prompt_name]
            elif self.default_prompt_name is not None:
                prompt = self.prompts.get(self.default_prompt_name)
        elif prompt_name is not None:
            logger.warning("Encode with either a `prompt`, a `prompt_name`, or neither, but not both. "
                           "Ignoring the `prompt_name` in favor of `prompt`.")
        if show_progress_bar is None:
            show_progress_bar = logger.getEffectiveLevel() in (logging.INFO, logging.DEBUG)
        if not isinstance(batch_tokens, int) or isinstance(batch_tokens, bool) or batch_tokens < 1:
            raise ValueError(f"batch_tokens: expected a positive integer, got {batch_tokens!r}")

        try:
            rows = self._native.encode(texts, prompt or "", bool(normalize_embeddings), batch_tokens,
                                       bool(show_progress_bar))
        except TypeError:
            _refuse_non_utf8(texts, "sentences")
            raise
        if self._native.last_long_text:  # texts longer than max_seq_length: truncated, or windows with long_text
            warnings.warn(self._native.last_long_text, UserWarning, stacklevel=2)
        if convert_to_tensor:
            import torch  # only when asked: nsmlab itself does not need torch
            out = torch.from_numpy(rows)
            return out[0] if input_was_string else out
        if convert_to_numpy:
            return rows[0] if input_was_string else rows
        out = list(rows)
        return out[0] if input_was_string else out

    # -- the rest of sentence-transformers' model surface nsmlab has ----------------------
    def tokenize(self, texts):
        """input_ids, token_type_ids and attention_mask (int64, padded to the longest text)."""
        texts = [texts] if isinstance(texts, str) else list(texts)
        for i, t in enumerate(texts):
            if not isinstance(t, str):
                raise TypeError(f"texts[{i}]: expected str, got {type(t).__name__}")
        try:
            return self._native.tokenize(texts)
        except TypeError:
            _refuse_non_utf8(texts, "texts")
            raise

    def get_sentence_embedding_dimension(self):
        return self._native.dimension

    @property
    def max_seq_length(self):
        return self._native.max_seq_length

    @max_seq_length.setter
    def max_seq_length(self, value):
        if not isinstance(value, int) or isinstance(value, bool):
            raise TypeError(f"max_seq_length: expected an integer, got {type(value).__name__}")
        self._native.max_seq_length = value

    @property
    def long_text(self):
        """Texts longer than max_seq_length: "truncate" (sentence-transformers' behaviour) or "chunk"
        (windows of tokens encoded apart, their vectors averaged weighted by their tokens: docs/EMBED.md)."""
        return self._native.long_text

    @long_text.setter
    def long_text(self, value):
        self._native.long_text = value

    @property
    def chunk_overlap(self):
        """Tokens each window shares with the previous one (long_text = "chunk")."""
        return self._native.chunk_overlap

    @chunk_overlap.setter
    def chunk_overlap(self, value):
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ValueError(f"chunk_overlap: expected a non-negative integer, got {value!r}")
        self._native.chunk_overlap = value

    @property
    def prompts(self):
        return dict(self._native.prompts)

    @property
    def default_prompt_name(self):
        return self._native.default_prompt_name or None

    @property
    def device(self):
        """What computes the embeddings, e.g. "cpu fp32 (avx512)"."""
        return self._native.backend

    @property
    def path(self):
        return self._native.path

    def __repr__(self):
        return f"SentenceModel({self._native.description})"


def _refuse_non_utf8(texts, what):
    """Why a list of str could not cross into C++: a lone surrogate has no UTF-8 form."""
    for i, t in enumerate(texts):
        try:
            t.encode("utf-8")
        except UnicodeEncodeError as e:
            raise ValueError(f"{what}[{i}]: not valid Unicode text ({e.reason} at character {e.start})") from None
