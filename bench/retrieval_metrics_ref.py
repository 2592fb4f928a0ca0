#!/usr/bin/python3
"""RoCOCO's own evaluation approach in NumPy, for bench/retrieval_metrics.sh (issue 11): for
each attack the full similarity matrix (float32), then per row a full argsort and the position
of the ground truth in it (as ALBEF/BLIP-style itm_eval code that RoCOCO's evaluation uses).
Reads the data of retrieval_make_data.py, prints JSON metrics like retrieval_metrics_bench.
Usage: /usr/bin/python3 bench/retrieval_metrics_ref.py DIR [repeats]
"""
import json
import sys
import time

import numpy as np

d = sys.argv[1]
repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 1
meta = json.load(open(f"{d}/meta.json"))
N, D = meta["images"], meta["dim"]


def load(name, rows):
    return np.fromfile(f"{d}/{name}.f32", np.float32).reshape(rows, D)


images = load("images", N)
captions = load("captions", meta["captions"])
owner = np.fromfile(f"{d}/caption_image.i32", np.int32)
adv = {a["name"]: load(a["name"], a["count"]) for a in meta["caption_attacks"]}
alt = {a["name"]: load(a["name"], a["count"]) for a in meta["image_attacks"]}
img2txt = [[] for _ in range(N)]
for c, i in enumerate(owner):
    img2txt[i].append(c)


def summary(ranks, fooled):
    n = len(ranks)
    return {"r1": float(np.sum(ranks < 1) / n), "r5": float(np.sum(ranks < 5) / n),
            "r10": float(np.sum(ranks < 10) / n), "fr1": float(np.sum(fooled) / n)}


def i2t(gallery, n_clean):
    scores = images @ gallery.T  # full matrix
    ranks = np.zeros(N)
    fooled = np.zeros(N, bool)
    for index, score in enumerate(scores):
        inds = np.argsort(score)[::-1]
        rank = 1e20
        for i in img2txt[index]:
            tmp = np.where(inds == i)[0][0]
            if tmp < rank:
                rank = tmp
        ranks[index] = rank
        fooled[index] = inds[0] >= n_clean
    return summary(ranks, fooled)


def t2i(gallery):
    scores = captions @ gallery.T
    ranks = np.zeros(len(captions))
    fooled = np.zeros(len(captions), bool)
    for index, score in enumerate(scores):
        inds = np.argsort(score)[::-1]
        ranks[index] = np.where(inds == owner[index])[0][0]
        fooled[index] = inds[0] >= N
    return summary(ranks, fooled)


times, cpu = [], []
for _ in range(repeats):
    t0 = time.perf_counter()
    c0 = time.process_time()
    result = {"i2t": {"clean": i2t(captions, len(captions))}, "t2i": {"clean": t2i(images)}}
    for name, a in adv.items():
        result["i2t"][name] = i2t(np.concatenate([captions, a]), len(captions))
    for name, a in alt.items():
        result["t2i"][name] = t2i(np.concatenate([images, a]))
    times.append(time.perf_counter() - t0)
    cpu.append(time.process_time() - c0)
result["seconds"] = times
result["cpu_seconds"] = cpu
result["median_seconds"] = float(np.median(times))
print(json.dumps(result))
