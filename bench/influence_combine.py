#!/usr/bin/python3
"""Rank-averaged combination of two stored detectors on a self-test project, against the
injected truth: average precision of each alone and of the mean of their rank percentiles.

Usage: /usr/bin/python3 bench/influence_combine.py PROJECT.winnow SCORING_A SCORING_B
(scoring ids as listed by `winnow-cli eval`; both must score the same run's working set).
"""
import json
import os
import sqlite3
import sys

import numpy as np


def load(project, sid):
    db = sqlite3.connect(f"file:{project}?mode=ro", uri=True)
    rel, det = db.execute("SELECT result_file, detector FROM scorings WHERE id=?", (sid,)).fetchone()
    d = os.path.join(os.path.splitext(project)[0] + ".winnow-cache", rel)
    n = json.load(open(os.path.join(d, "meta.json")))["n"]
    ids = np.fromfile(os.path.join(d, "sample_ids.i64"), np.int64)
    score = np.fromfile(os.path.join(d, "score.f32"), np.float32)
    given = np.fromfile(os.path.join(d, "given_label.i32"), np.int32)
    assert len(ids) == n
    return det, ids, score, given


def average_precision(noisy, score):
    order = np.argsort(-score, kind="stable")
    hits = noisy[order]
    prec = np.cumsum(hits) / np.arange(1, len(hits) + 1)
    return float(prec[hits == 1].mean())


def percentile_rank(x):
    r = np.empty(len(x))
    r[np.argsort(x, kind="stable")] = np.arange(len(x))
    return r / (len(x) - 1)


project, a, b = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
db = sqlite3.connect(f"file:{project}?mode=ro", uri=True)
truth = dict(db.execute(
    "SELECT s.id, o.idx FROM samples s JOIN classes o ON o.id=s.original_label"))
da, ida, sa, ga = load(project, a)
db_, idb, sb, gb = load(project, b)
assert np.array_equal(ida, idb), "the two scorings cover different samples"
noisy = np.array([truth.get(int(i), g) != g for i, g in zip(ida, ga)], dtype=np.int64)
comb = (percentile_rank(sa) + percentile_rank(sb)) / 2
print(json.dumps({"n": len(ida), "noisy": int(noisy.sum()),
                  f"ap_{da}": average_precision(noisy, sa),
                  f"ap_{db_}": average_precision(noisy, sb),
                  "ap_rank_average": average_precision(noisy, comb)}))
