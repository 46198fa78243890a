#!/usr/bin/env python3
"""Read a reco artifact bundle with numpy and xgboost only.

    python3 reco_bundle.py ARTIFACTS USER_ID MOVIE_ID [USER_ID MOVIE_ID ...] [--model xgb-baseline] [--at UNIX]

prints one JSON line: the like probability of each (userId, movieId) pair, computed here from the
bundle's .npy arrays (declared in manifest.json `arrays`) and its saved model, the way `reco` computes it. See
docs/python.md for the formulas; packages/study/src/python-bundle.test.ts checks the numbers against
reco's own to 1e-5.
"""

import datetime
import hashlib
import json
import math
import os
import sys

import numpy as np

# The feature families this reader reproduces; baseline, taste and time (opt-in) are not.
SUPPORTED_FAMILIES = {"user", "movie", "interaction", "content", "cf"}


class Bundle:
    """A bundle folder: the manifest (with its `arrays` section) and the feature pipeline's scalars."""

    def __init__(self, path, verify=True):
        self.path = os.path.realpath(path)
        self.verify = verify
        with open(os.path.join(self.path, "manifest.json"), encoding="utf-8") as f:
            self.manifest = json.load(f)
        if self.manifest.get("format") != "reco.artifacts":
            raise ValueError(f"{path}: not a reco bundle (manifest format {self.manifest.get('format')!r})")
        # name -> {file, dtype, shape, description, columns?}; reco checks each .npy header against it.
        self.arrays = self.manifest.get("arrays")
        if self.arrays is None:
            raise ValueError(f"{path}: manifest.json declares no arrays (written by an older reco train: rerun it)")
        # Scalars only: options, feature names, genres, globals; the arrays come from .npy files.
        self.pipeline = self.json("features/pipeline.json")

    def bytes(self, rel):
        """A bundle file's bytes, checked against the manifest's size and SHA-256."""
        entry = self.manifest["files"].get(rel)
        if entry is None:
            raise KeyError(f"the manifest lists no {rel}")
        with open(os.path.join(self.path, *rel.split("/")), "rb") as f:
            data = f.read()
        if self.verify and (len(data) != entry["bytes"] or hashlib.sha256(data).hexdigest() != entry["sha256"]):
            raise ValueError(f"{rel}: size or SHA-256 differs from the manifest (edited or truncated)")
        return data

    def json(self, rel):
        return json.loads(self.bytes(rel))

    def array(self, name):
        """A named array of the manifest's `arrays`, with the dtype and shape the manifest declares."""
        entry = self.arrays[name]
        data = self.bytes(entry["file"])
        # np.load reads the .npy header; the bytes were verified above.
        import io

        a = np.load(io.BytesIO(data), allow_pickle=False)
        if a.dtype.str != entry["dtype"] or list(a.shape) != entry["shape"]:
            raise ValueError(
                f"{entry['file']}: {a.dtype.str} {a.shape}, manifest.json arrays[{name!r}] says {entry['dtype']} {entry['shape']}"
            )
        return a

    def columns(self, rel):
        """A reco.columns .bin file (e.g. data/ratings: user, movie, rating, timestamp) as numpy arrays."""
        header = self.json(f"{rel}.json")
        data = self.bytes(f"{rel}.bin")
        types = {"uint8": "<u1", "uint32": "<u4", "int32": "<i4", "float32": "<f4"}
        return {
            c["name"]: np.frombuffer(data, dtype=types[c["type"]], count=c["length"], offset=c["offset"])
            for c in header["columns"]
        }


def utc_year(timestamp):
    """Calendar year (UTC) of a unix time, as reco's yearOfDay table: by the day the second falls on."""
    day = math.floor(timestamp / 86400)
    return (datetime.datetime(1970, 1, 1) + datetime.timedelta(days=day)).year


def feature_rows(bundle, user_ids, movie_ids, at=None):
    """reco's serving feature rows (`transformPairs`) for known users, as a float32 matrix.

    Every value is computed in float64 from the float32 tables and rounded to float32 once, as
    reco's kernel does: z = (x - mean) / std with the saved StandardScaler (mean 0, std 1 on flags
    and one-hots). `at` (unix seconds) dates the pairs, default the end of the training window.
    """
    p = bundle.pipeline
    families = {f for f, on in p["options"]["families"].items() if on}
    if families - SUPPORTED_FAMILIES:
        raise NotImplementedError(f"families {sorted(families - SUPPORTED_FAMILIES)} are not reproduced here")
    names = p["featureNames"]
    col = {name: j for j, name in enumerate(names)}
    mean = bundle.array("pipeline/scaler_mean")  # float64
    std = bundle.array("pipeline/scaler_std")
    u = index_of(bundle.array("pipeline/user_ids"), user_ids, "userId")
    m = index_of(bundle.array("pipeline/movie_ids"), movie_ids, "movieId")
    n = len(u)
    x = np.zeros((n, len(names)), dtype=np.float64)

    def put(name, values):
        j = col.get(name)
        if j is not None:
            x[:, j] = (np.asarray(values, dtype=np.float64) - mean[j]) / std[j]

    # User and movie blocks: the unscaled full-training statistic tables, column by name.
    user_table = bundle.array("pipeline/user_table")
    user_cols = bundle.arrays["pipeline/user_table"]["columns"]
    for k, name in enumerate(user_cols):
        put(name, user_table[u, k])
    movie_table = bundle.array("pipeline/movie_table")
    movie_cols = bundle.arrays["pipeline/movie_table"]["columns"]
    for k, name in enumerate(movie_cols):
        put(name, movie_table[m, k])

    # Movie age when scored: the UTC year of `at` minus the (imputed) release year.
    when = p["countGlobals"]["windowEnd"] if at is None else at
    years = np.array([utc_year(t) for t in np.broadcast_to(when, (n,))], dtype=np.float64)
    put("movie_age_at_rating", years - movie_table[m, movie_cols.index("movie_year")].astype(np.float64))

    # Interaction: the mean of the user's shrunk genre preferences over the movie's genres, in
    # genre order (a movie without genres gets the user's mean).
    masks = bundle.array("pipeline/movie_genre_masks")[m]
    pref_at = [user_cols.index(c) for c in user_cols if c.startswith("pref_")]
    total = np.zeros(n)
    count = np.zeros(n)
    for g, k in enumerate(pref_at):
        has = ((masks >> np.uint32(g)) & 1).astype(bool)
        total += np.where(has, user_table[u, k].astype(np.float64), 0.0)
        count += has
    user_mean = user_table[u, user_cols.index("user_mean")].astype(np.float64)
    put("user_genre_affinity", np.where(count > 0, total / np.maximum(count, 1), user_mean))

    # Content embedding: the movie's unscaled vector, scaled per dimension.
    content = bundle.array("pipeline/content_vectors")
    for d in range(content.shape[1]):
        put(f"content_{d}", content[m, d])

    # CF score: clip(mu + b_u + b_i + p_u . q_i) of the pipeline's own MF model, rounded to float32.
    if "cf" in families:
        params = p["cf"]["header"]["params"]
        pu = bundle.array("pipeline/cf_user_factors")[u].astype(np.float64)
        qi = bundle.array("pipeline/cf_item_factors")[m].astype(np.float64)
        k = pu.shape[1]
        # @reco/cf-svd's dot: four running sums by position mod 4 (the tail into the first),
        # added as s0 + s1 + (s2 + s3); the same order gives the same float64 bits.
        lanes = np.zeros((4, n))
        for f in range(k):
            lanes[f % 4 if f < k - k % 4 else 0] += pu[:, f] * qi[:, f]
        dot = lanes[0] + lanes[1] + (lanes[2] + lanes[3])
        raw = params["globalMean"] + bundle.array("pipeline/cf_user_bias")[u].astype(np.float64)
        raw = raw + bundle.array("pipeline/cf_item_bias")[m].astype(np.float64) + dot
        clipped = np.minimum(params["ratingMax"], np.maximum(params["ratingMin"], raw))
        put("cf_score", clipped.astype(np.float32))
    return x.astype(np.float32)


def index_of(ids, wanted, what):
    """Dense indices of external ids (the id arrays are sorted)."""
    wanted = np.asarray(wanted, dtype=ids.dtype)
    at = np.searchsorted(ids, wanted)
    bad = (at >= len(ids)) | (ids[np.minimum(at, len(ids) - 1)] != wanted)
    if bad.any():
        raise KeyError(f"unknown {what} {wanted[bad][:5].tolist()} (not in training)")
    return at


def like_probabilities(bundle, features, model=None):
    """P(like) of each feature row with the bundle's best model, or `model` ('xgb-baseline')."""
    if model is None:
        best = bundle.manifest["bestModel"]
        model = f"{best['model']}-{best['variant']}"
    document = bundle.bytes(f"models/{model}.json")
    parsed = json.loads(document)
    if parsed.get("format") == "reco-logistic":
        return logistic(parsed, features)
    import xgboost as xgb

    booster = xgb.Booster()
    booster.load_model(bytearray(document))
    matrix = xgb.DMatrix(features, missing=np.nan, feature_names=booster.feature_names)
    return booster.predict(matrix)


def logistic(document, features):
    """reco's logistic regression: sigmoid(b + sum_j beta_j (x_j - mean_j)), NaN cells skipped."""
    beta = document["coefficients"]
    means = document["means"]
    centred = document["intercept"]
    for b, mu in zip(beta, means):
        centred += b * mu
    out = np.empty(len(features), dtype=np.float32)
    for i, row in enumerate(features.astype(np.float64)):
        margin = centred
        for b, mu, v in zip(beta, means, row):
            if not math.isnan(v):
                margin += b * (v - mu)
        out[i] = 1 / (1 + math.exp(-margin))
    return out


def main(argv):
    args = list(argv)
    model = at = None
    if "--model" in args:
        k = args.index("--model")
        model = args[k + 1]
        del args[k : k + 2]
    if "--at" in args:
        k = args.index("--at")
        at = int(args[k + 1])
        del args[k : k + 2]
    if len(args) < 3 or len(args) % 2 == 0:
        print(__doc__, file=sys.stderr)
        return 2
    bundle = Bundle(args[0])
    users = [int(a) for a in args[1::2]]
    movies = [int(a) for a in args[2::2]]
    p = like_probabilities(bundle, feature_rows(bundle, users, movies, at), model)
    rows = [{"userId": u, "movieId": m, "probability": float(q)} for u, m, q in zip(users, movies, p)]
    print(json.dumps(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
