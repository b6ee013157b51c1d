"""nsmlab from Python: sentence embeddings with sentence-transformers' API, run by nsmlab's
C++ engine, and the NSM-Greimas experiments (H1, H2, H3) on any embeddings.

    import nsmlab
    model = nsmlab.SentenceModel("sentence-transformers/paraphrase-multilingual-mpnet-base-v2")
    embeddings = model.encode(["Je pense.", "Tu sais."])   # float32 numpy array, (2, 768)
"""
from . import experiments
from ._native import Error
from .runner import load_dataset, run
from .sentence_model import SentenceModel

# A drop-in name for code written against sentence-transformers.
SentenceTransformer = SentenceModel

__all__ = ["Error", "SentenceModel", "SentenceTransformer", "experiments", "load_dataset", "run"]
