"""`nsmlab run` and the dataset from Python."""
from . import _native


def run(dataset=None, model=None, language="fr", output=None, *, lexical=False, prompt=None, device="auto",
        precision="auto", threads=0, plots=True, **options):
    """Runs H1, H2 and H3 as `nsmlab run` does and writes the same outputs.

    dataset: a dataset file (nsmlab or the original panini JSON), None for the built-in one.
    model: a folder or a model id on this machine; None: the best one found, else the lexical
        baseline (lexical=True forces it). output: the output folder (None: a new folder under
        nsmlab-out/). Options: batch_tokens, max_seq_len, normalize, seed, n_init, tsne_perplexity,
        tsne_iter, purity_threshold, silhouette_threshold, square_rate_threshold, max_components,
        r_threshold, isotopy_rate_threshold, min_occurrences, permutations, bootstrap, level,
        significance_seed, jackknife (`nsmlab run --help` says what each does).

    Returns {"results": results.json as a dict, "output_dir": absolute path, "files": absolute
    paths of what was written, "warnings": [...], "summary": the terminal summary}.
    """
    return _native.run(dataset or "", model or "", language, output or "", lexical, prompt, device, precision,
                       threads, plots, options)


def load_dataset(path=None, language="fr"):
    """The dataset as `run` uses it for `language`: {"primes": [{"id", "category", "text"}],
    "squares": [{"name", "s1", "s2", "non_s1", "non_s2", "rationale"}], "corpus": [{"text", "isotopy_group"}],
    "categories", "category_colors", "isotopy_targets", "lexicon", "synonyms", ...}. path None: the built-in dataset."""
    return _native.dataset(path or "", language)
