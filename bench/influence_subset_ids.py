#!/usr/bin/env python3
"""Writes the exclusion list that keeps a seeded random subset of a project's training split.

Usage: bench/influence_subset_ids.py PROJECT.winnow KEEP SEED OUT.txt
Train with `winnow-cli train --exclude-file OUT.txt` so the detectors know the exact rows
(a run trained with --subset cannot be scored: its rows are not recorded).
"""
import random
import sqlite3
import sys

project, keep, seed, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
db = sqlite3.connect(f"file:{project}?mode=ro", uri=True)
ids = [r[0] for r in db.execute(
    "SELECT id FROM samples WHERE split=0 AND label IS NOT NULL AND status=0 ORDER BY id")]
trusted = {r[0] for r in db.execute("SELECT id FROM samples WHERE split=0 AND trusted<>0")}
rng = random.Random(seed)
rest = [i for i in ids if i not in trusted]
rng.shuffle(rest)
kept = set(rest[:max(0, keep - len(trusted))]) | trusted  # the trusted set always stays
with open(out, "w") as f:
    f.write(f"# keep {len(kept)} of {len(ids)} training samples, seed {seed}\n")
    for i in ids:
        if i not in kept:
            f.write(f"{i}\n")
print(f"kept {len(kept)}, excluded {len(ids) - len(kept)} -> {out}")
