# Shared by the Python module's tests (run by ctest as python.<file>, see python/CMakeLists.txt):
# the nsmlab CLI to compare with, the fixture models, and an environment without the models
# that happen to be installed on this machine (as tests/cli/lib.bash).
import os
import subprocess
import tempfile
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "models"
CLI = os.environ.get("NSMLAB_CLI", str(ROOT / "build" / "nsmlab"))

_isolated = tempfile.mkdtemp(prefix="nsmlab-pytest-")
for var in ("NSMLAB_MODELS", "HF_HOME", "HF_HUB_CACHE", "XDG_CACHE_HOME"):
    os.environ[var] = os.path.join(_isolated, "no-" + var.lower())
os.environ["HOME"] = os.path.join(_isolated, "home")
os.environ.pop("SENTENCE_TRANSFORMERS_HOME", None)
os.environ["NSMLAB_NO_PROGRESS"] = "1"

import nsmlab  # noqa: E402  (after the environment above)

SENTENCES = ["Je pense donc je suis.", "Quelqu'un sait quelque chose de bon.",
             "Hello world", "Un", "Les enfants veulent voir la mer, mais il fait froid et il pleut depuis ce matin.",
             "ça été très bien, n'est-ce pas ?", "2024: 3.5 % — ok!"]


def fixture_model(name):
    return str(FIXTURES / name)


def cli_embed(model, texts, tmp_path, *extra):
    """`nsmlab embed` on texts (one per line): the float32 matrix it writes."""
    src = tmp_path / "in.txt"
    src.write_text("\n".join(texts) + "\n", encoding="utf-8")
    out = tmp_path / "out.npy"
    subprocess.run([CLI, "embed", "--model", model, "--input", str(src), "--output", str(out), "--force", *extra],
                   check=True, capture_output=True)
    return np.load(out)


@pytest.fixture(scope="session")
def bert():
    return nsmlab.SentenceModel(fixture_model("bert-mean"))
