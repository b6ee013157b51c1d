"""The NSM-Greimas experiments on any embeddings, computed by nsmlab's C++ code (the same
functions `nsmlab run` calls). Each returns the experiment's section of results.json as a dict
(docs/RESULTS.md). Options, with the original notebook's defaults:

  every experiment: permutations=1000, bootstrap=1000, level=0.95, significance_seed=42,
                    jackknife=True (H1's leave-one-out intervals)
  h1: n_init=20, seed=42 (k-means and t-SNE), tsne_perplexity=20, tsne_iter=1000,
      purity_threshold=0.7, silhouette_threshold=0.5
  h2: rate_threshold=0.70
  h3: max_components=10, r_threshold=0.6, rate_threshold=0.6, min_occurrences=3
"""
from . import _native


def h1(embeddings, labels, *, categories=None, ids=None, category_colors=None, **options):
    """H1: do the rows cluster by their labels? embeddings: (n, d) array; labels: n category
    names; categories: their order in charts (default: order of appearance); ids: row names;
    category_colors: {category: "#RRGGBB"} for plots."""
    return _native.h1(embeddings, list(labels), list(categories or []), list(ids or []),
                      dict(category_colors or {}), options)


def h2(embeddings, ids, squares, **options):
    """H2: are semiotic squares geometric? ids: the name of each row; squares: dicts with s1, s2,
    non_s1, non_s2 (and name, rationale), or tuples (s1, s2, non_s1, non_s2[, name]) of ids."""
    return _native.h2(embeddings, list(ids), list(squares), options)


def h3(embeddings, sentences, lexicons, *, synonyms=None, targets=None, groups=None, language="und", **options):
    """H3: are isotopies visible in the geometry of a corpus? sentences: the n texts the rows
    encode; lexicons: {isotopy: [forms]} (the exponents and their inflections: whole words,
    case-insensitive); synonyms: {isotopy: [forms]} that are not exponents (detected too, and
    the detection by exponents alone reported apart, as `nsmlab run` does); targets: the
    isotopies counted in the rate (default: every lexicon key); groups: each sentence's label;
    language: recorded in the result (ISO 639-1; "und": undetermined)."""
    return _native.h3(embeddings, list(sentences), dict(lexicons), dict(synonyms or {}), list(targets or []), list(groups or []),
                      language, options)


def synthesis(h1=None, h2=None, h3=None):
    """The synthesis of three results as `nsmlab run` prints it: {"rows": [...], "table": str}."""
    return _native.synthesis(h1, h2, h3)
