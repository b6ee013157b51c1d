#!/usr/bin/python3
"""nsmlab's scikit-learn KMeans mode against scikit-learn itself, label for label.

    /usr/bin/python3 tests/sklearn_check/kmeans_labels.py build/tests/nsmlab_kmeans_probe [--many N]

Makes float32 data sets shaped like the experiment's (54 to 61 primes, 384 to 768
dimensions, 8 to 16 clusters; well separated, overlapping and structureless), runs
KMeans(n_clusters=k, n_init=20, random_state=seed) and the probe with the version family of
the scikit-learn found, and fails on any differing label. --many N adds N random data sets
(the default run stays short). Exit 77 (skipped) without scikit-learn.
"""
import json
import os
import subprocess
import sys
import tempfile

try:
    import numpy as np
    import sklearn
    from sklearn.cluster import KMeans
except ImportError:
    print("scikit-learn not found: skipped")
    sys.exit(77)


def family(version):
    major, minor = (int(p) for p in version.split(".")[:2])
    if (major, minor) < (1, 3):
        return "sklearn-1.2"
    return "sklearn" if (major, minor) < (1, 8) else "sklearn-1.8"


def blobs(rng, n, d, groups, spread):
    centres = rng.normal(size=(groups, d))
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    labels = rng.integers(0, groups, size=n)
    X = centres[labels] + spread * rng.normal(size=(n, d)) / np.sqrt(d)
    return (X / np.linalg.norm(X, axis=1, keepdims=True)).astype(np.float32)


def cases(extra):
    rng = np.random.default_rng(20261128)
    out = [
        ("separated 54x384", blobs(rng, 54, 384, 11, 0.5), [11, 8, 16], [42]),
        ("overlapping 54x768", blobs(rng, 54, 768, 11, 2.5), [11], [42, 0, 7]),
        ("overlapping 61x384", blobs(rng, 61, 384, 12, 3.0), [12, 5], [42]),
        ("structureless 40x16", rng.normal(size=(40, 16)).astype(np.float32), [6, 2], [42, 3]),
        # k above the number of distinct rows is left out: which empty cluster takes which
        # sample then rests on numpy's argpartition order among equal distances.
        ("duplicated rows 30x8", np.repeat(rng.normal(size=(10, 8)), 3, axis=0).astype(np.float32), [6], [42]),
    ]
    for i in range(extra):
        n = int(rng.integers(20, 120))
        d = int(rng.integers(2, 400))
        k = int(rng.integers(2, min(n, 20)))
        out.append((f"random {i} {n}x{d}", blobs(rng, n, d, k, float(rng.uniform(0.2, 4))), [k], [int(rng.integers(0, 1000))]))
    return out


def main():
    probe = sys.argv[1]
    extra = int(sys.argv[sys.argv.index("--many") + 1]) if "--many" in sys.argv else 0
    fam = family(sklearn.__version__)
    print(f"scikit-learn {sklearn.__version__}: nsmlab mode {fam}")
    failures = 0
    checked = 0
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "X.npy")
        for name, X, ks, seeds in cases(extra):
            np.save(path, X)
            for k in ks:
                for seed in seeds:
                    km = KMeans(n_clusters=k, n_init=20, random_state=seed).fit(X)
                    got = json.loads(subprocess.run([probe, path, str(k), fam, "20", str(seed)], check=True,
                                                    capture_output=True, text=True).stdout)
                    checked += 1
                    same = got["labels"] == km.labels_.tolist()
                    close = abs(got["inertia"] - km.inertia_) <= 1e-5 * max(1.0, abs(km.inertia_))
                    if not (same and close):
                        failures += 1
                        diff = sum(a != b for a, b in zip(got["labels"], km.labels_.tolist()))
                        print(f"MISMATCH {name} k={k} seed={seed}: {diff} labels differ, inertia "
                              f"{got['inertia']} vs {km.inertia_}")
    print(f"{checked - failures}/{checked} clusterings identical to scikit-learn's")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
