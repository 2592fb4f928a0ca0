#!/usr/bin/env python3
"""Moves a seeded, class-stratified set of training samples to the validation split.

Usage: bench/influence_val_split.py PROJECT.winnow N SEED
For the regime-(b) round experiments: the demo project has no validation split, and the
rounds' acceptance needs one when the trusted samples are memorised. Run it before
`winnow-cli noise` so that the validation labels stay clean, as an imported split would be.
"""
import random
import sqlite3
import sys

project, n, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
db = sqlite3.connect(project)
if db.execute("SELECT count(*) FROM noise_injections").fetchone()[0]:
    sys.exit(f"{project}: noise was already injected; move the validation samples first")
rows = db.execute("SELECT id, label FROM samples WHERE split=0 AND label IS NOT NULL AND status=0 "
                  "ORDER BY id").fetchall()
by_class = {}
for i, lab in rows:
    by_class.setdefault(lab, []).append(i)
rng = random.Random(seed)
moved = []
for lab in sorted(by_class):
    ids = by_class[lab]
    rng.shuffle(ids)
    moved += ids[: n // len(by_class)]
with db:
    db.executemany("UPDATE samples SET split=1 WHERE id=?", [(i,) for i in moved])
print(f"moved {len(moved)} training samples to the validation split (seed {seed})")
