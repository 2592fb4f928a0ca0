#!/usr/bin/python3
"""Agreement of Winnow's near-duplicate groups and outliers with a peer's on the same rows.

Usage: bench/curation_peer_compare.py DUMPDIR PEERDIR
DUMPDIR: what `WINNOW_BENCH_DUMP=DUMPDIR curation_bench N D` wrote (meta.json, winnow_groups.json,
winnow_outlier.u8/.f32). PEERDIR: the peer's near_duplicate_sets.json ({row: [rows]}),
is_near_duplicate.u8, outlier.u8, outlier_score.f32 (lower = more outlying, as cleanlab scores)
and timing.json. Prints one JSON object: planted copies and outliers found by each, the Jaccard
index of the flagged rows and of the duplicate pairs, and the overlap of the top outliers.
"""
import json
import os
import sys

import numpy as np

dump, peer = sys.argv[1], sys.argv[2]
meta = json.load(open(os.path.join(dump, "meta.json")))
n, n_out, n_copies = meta["n"], meta["outliers"], meta["planted_copies"]
planted_pairs = {(n_out + p, n - n_copies + p) for p in range(n_copies)}
planted_outliers = set(range(n_out))


def jaccard(a, b):
    return len(a & b) / len(a | b) if a | b else 1.0


# Duplicate pairs: every pair inside a Winnow group; every (row, other) of the peer's sets.
groups = json.load(open(os.path.join(dump, "winnow_groups.json")))
w_pairs = {(min(a, b), max(a, b)) for g in groups for i, a in enumerate(g) for b in g[i + 1:]}
w_rows = {r for g in groups for r in g}
sets = json.load(open(os.path.join(peer, "near_duplicate_sets.json")))
p_pairs = {(min(int(r), o), max(int(r), o)) for r, others in sets.items() for o in others}
p_flag = np.fromfile(os.path.join(peer, "is_near_duplicate.u8"), dtype=np.uint8)
p_rows = set(np.flatnonzero(p_flag).tolist())

w_out_flag = np.fromfile(os.path.join(dump, "winnow_outlier.u8"), dtype=np.uint8)
w_out_score = np.fromfile(os.path.join(dump, "winnow_outlier.f32"), dtype=np.float32)
p_out_flag = np.fromfile(os.path.join(peer, "outlier.u8"), dtype=np.uint8)
p_out_score = np.fromfile(os.path.join(peer, "outlier_score.f32"), dtype=np.float32)
w_out = set(np.flatnonzero(w_out_flag).tolist())
p_out = set(np.flatnonzero(p_out_flag).tolist())
top = n_out
w_top = set(np.argsort(-np.nan_to_num(w_out_score, nan=np.inf), kind="stable")[:top].tolist())
p_top = set(np.argsort(p_out_score, kind="stable")[:top].tolist())

print(json.dumps({
    "n": n,
    "planted_copy_pairs": len(planted_pairs),
    "winnow": {"groups": len(groups), "rows_in_groups": len(w_rows), "pairs": len(w_pairs),
               "planted_pairs_found": len(planted_pairs & w_pairs), "outliers_flagged": len(w_out),
               "planted_outliers_flagged": len(planted_outliers & w_out),
               "planted_outliers_in_top": len(planted_outliers & w_top)},
    "peer": {"rows_flagged": len(p_rows), "pairs": len(p_pairs),
             "planted_pairs_found": len(planted_pairs & p_pairs), "outliers_flagged": len(p_out),
             "planted_outliers_flagged": len(planted_outliers & p_out),
             "planted_outliers_in_top": len(planted_outliers & p_top)},
    "agreement": {"duplicate_rows_jaccard": jaccard(w_rows, p_rows), "duplicate_pairs_jaccard": jaccard(w_pairs, p_pairs),
                  "outlier_flags_jaccard": jaccard(w_out, p_out), "top_outliers_overlap": len(w_top & p_top) / top},
    "peer_timing": json.load(open(os.path.join(peer, "timing.json"))),
}, indent=1))
