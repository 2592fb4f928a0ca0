#!/usr/bin/python3
"""Synthetic COCO-sized retrieval embeddings for bench/retrieval_metrics.sh (issue 11).

5,000 images (the first 10 with 6 ground-truth captions, the rest 5: 25,010 captions),
four caption attacks of 25,000 adversarial captions (adversarial i derives from ground truth
i of its image) and two image attacks of 5,000 altered images; D = 512; unit vectors.
Captions and adversarial captions are noisy copies of their image, altered images a blend with
a partner image plus noise, so that recall, drops and fooling rates are neither 0 nor 1.
Writes DIR/meta.json and raw little-endian float32 / int32 files.
Usage: /usr/bin/python3 bench/retrieval_make_data.py DIR [seed]
"""
import json
import sys

import numpy as np

out = sys.argv[1]
rng = np.random.default_rng(int(sys.argv[2]) if len(sys.argv) > 2 else 0)
N, D = 5000, 512


def unit(x):
    return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)


def noise(n, scale):
    return scale * unit(rng.standard_normal((n, D)))


images = unit(rng.standard_normal((N, D)))
owner = np.array([i for i in range(N) for _ in range(6 if i < 10 else 5)], np.int32)
captions = unit(images[owner] + noise(len(owner), 6.0))
# Ground-truth caption index of adversarial caption j of image i (the first five of each image).
first = np.concatenate([[0], np.cumsum(np.bincount(owner))[:-1]])
source = np.array([first[i] + j for i in range(N) for j in range(5)], np.int64)
# Adversarial captions: as noisy copies of the image as ground truth, a little noisier per attack.
caption_attacks = {"same_concept": 6.5, "diff_concept": 7.0, "rand_voca": 7.5, "danger": 8.0}
image_attacks = {"mix": 0.3, "patch": 0.5}
meta = {"images": N, "dim": D, "captions": int(len(owner)), "caption_attacks": [], "image_attacks": []}
images.tofile(f"{out}/images.f32")
captions.tofile(f"{out}/captions.f32")
owner.tofile(f"{out}/caption_image.i32")
for name, s in caption_attacks.items():
    unit(images[owner[source]] + noise(len(source), s)).tofile(f"{out}/{name}.f32")
    meta["caption_attacks"].append({"name": name, "count": int(len(source))})
for name, s in image_attacks.items():
    partner = rng.permutation(N)
    unit(0.9 * images + 0.1 * images[partner] + noise(N, s)).tofile(f"{out}/{name}.f32")
    meta["image_attacks"].append({"name": name, "count": N})
json.dump(meta, open(f"{out}/meta.json", "w"), indent=1)
print(f"wrote {N} images, {len(owner)} captions, {len(caption_attacks)} x {len(source)} adversarial captions, "
      f"{len(image_attacks)} x {N} altered images (D = {D}) to {out}")
