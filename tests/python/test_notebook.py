# examples/nsm_experiment.ipynb runs headless from top to bottom (jupyter nbconvert), on a tiny
# fixture model and few permutations so it takes seconds.
import os
import subprocess
import sys

import nbformat

from conftest import ROOT, fixture_model


def test_notebook_executes(tmp_path):
    env = dict(os.environ, NSMLAB_NOTEBOOK_MODEL=fixture_model("xlm-roberta-mean-normalize"),
               NSMLAB_NOTEBOOK_OUTPUT=str(tmp_path / "out"), NSMLAB_NOTEBOOK_PERMUTATIONS="20",
               NSMLAB_NOTEBOOK_BOOTSTRAP="20")
    subprocess.run([sys.executable, "-m", "nbconvert", "--to", "notebook", "--execute",
                    "--ExecutePreprocessor.timeout=300", "--output-dir", str(tmp_path), "--output", "executed.ipynb",
                    str(ROOT / "examples" / "nsm_experiment.ipynb")], check=True, env=env, cwd=tmp_path,
                   capture_output=True)
    nb = nbformat.read(tmp_path / "executed.ipynb", as_version=4)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "".join(o.get("text", "") for o in outputs)
    for fragment in ("purity", "valid ->", "converge ->", "H1", "H2", "H3"):
        assert fragment in text
    assert any("image/png" in o.get("data", {}) for o in outputs)  # the plots are shown
    assert (tmp_path / "out" / "results.json").is_file()
