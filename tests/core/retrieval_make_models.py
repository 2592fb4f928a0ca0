#!/usr/bin/python3
"""Writes small CLIP-shaped TorchScript dual encoders for tst_retrieval_torchscript and the CLI
tests, and the embeddings PyTorch itself computes for known inputs (the tests' independent
expectation).

usage: retrieval_make_models.py OUTDIR GOLDEN_TOKENS_JSONL

OUTDIR receives:
  good.pt            encode_image(x, normalize=False) / encode_text(ids), D = 16, preprocessing
                     JSON inside the archive (winnow_preprocessing.json)
  plain.pt           the same weights without the extra file; preprocessing.json beside it
  float64.pt         outputs float64 (Winnow converts to float32)
  half_weights.pt    float16 weights (not exported after model.float())
  no_text.pt         no encode_text
  dim_mismatch.pt    image D = 16, text D = 8
  int_output.pt      encode_image returns int64
  nan_output.pt      encode_image returns NaN
  zero_output.pt     encode_text returns zero rows
  cuda_const.pt      encode_text builds a tensor on "cuda" (as the original OpenAI archives)
  version_bumped.pt  good.pt with its archive version record set to 99
  weights_only.pt    torch.save(state_dict): weights, not a TorchScript module
  corrupt.pt         bytes that are not a zip archive
  expected.json      inputs and the embeddings of good.pt for them (L2-normalised in float64);
                     grey_image_embeddings: grey images 0..11 (tst_curation_torchscript_search)
Images are given by formula: pixel(x, y, c) = (x * 7 + y * 13 + c * 29 + k * 31) % 256 for image k
(grey images: c = 0), 8x8, so squash preprocessing leaves their size unchanged.
"""
import hashlib
import json
import os
import re
import sys
import zipfile

import torch
from torch import nn, Tensor

SIZE = 8
CONTEXT = 24
D = 16
GREY_IMAGES = 12  # grey images 0..11 for the curation search test
MEAN = [0.5, 0.4, 0.3]
STD = [0.2, 0.25, 0.3]
PREPROCESSING = {"image_size": SIZE, "resize": "squash", "mean": MEAN, "std": STD,
                 "context_length": CONTEXT, "start_id": 49406, "end_id": 49407, "pad_id": 0}


class Good(nn.Module):
    def __init__(self, text_dim: int = D):
        super().__init__()
        torch.manual_seed(7)
        self.conv = nn.Conv2d(3, 4, 3, padding=1)
        self.proj = nn.Linear(4 * SIZE * SIZE, D)
        self.tok = nn.Embedding(997, text_dim)
        self.scale = nn.Parameter(torch.tensor(1.5))

    @torch.jit.export
    def encode_image(self, image: Tensor, normalize: bool = False) -> Tensor:
        x = self.proj(torch.relu(self.conv(image)).flatten(1))
        if normalize:
            x = x / torch.linalg.vector_norm(x, 2.0, [-1], True)
        return x

    @torch.jit.export
    def encode_text(self, text: Tensor) -> Tensor:
        mask = (text != 0).to(torch.float32).unsqueeze(-1)
        e = self.tok(torch.remainder(text, 997)) * mask
        return self.scale * e.sum(1) / mask.sum(1).clamp(min=1.0)


class Float64(Good):
    @torch.jit.export
    def encode_image(self, image: Tensor, normalize: bool = False) -> Tensor:
        return self.proj(torch.relu(self.conv(image)).flatten(1)).double()

    @torch.jit.export
    def encode_text(self, text: Tensor) -> Tensor:
        mask = (text != 0).to(torch.float32).unsqueeze(-1)
        e = self.tok(torch.remainder(text, 997)) * mask
        return (self.scale * e.sum(1) / mask.sum(1).clamp(min=1.0)).double()


class NoText(nn.Module):
    def __init__(self):
        super().__init__()
        self.proj = nn.Linear(3 * SIZE * SIZE, D)

    @torch.jit.export
    def encode_image(self, image: Tensor) -> Tensor:
        return self.proj(image.flatten(1))

    def forward(self, image: Tensor) -> Tensor:
        return self.encode_image(image)


class IntOutput(Good):
    @torch.jit.export
    def encode_image(self, image: Tensor, normalize: bool = False) -> Tensor:
        return (self.proj(torch.relu(self.conv(image)).flatten(1)) * 100).to(torch.int64)


class NanOutput(Good):
    @torch.jit.export
    def encode_image(self, image: Tensor, normalize: bool = False) -> Tensor:
        x = self.proj(torch.relu(self.conv(image)).flatten(1))
        return x * float("nan")


class ZeroOutput(Good):
    @torch.jit.export
    def encode_text(self, text: Tensor) -> Tensor:
        return torch.zeros(text.size(0), 16)


class CudaConst(Good):
    @torch.jit.export
    def encode_text(self, text: Tensor) -> Tensor:
        mask = (text != 0).to(torch.float32).unsqueeze(-1)
        e = self.tok(torch.remainder(text, 997)) * mask
        return e.sum(1) + torch.zeros(1, device=torch.device("cuda"))


def save(module, path, extra=True):
    files = {"winnow_preprocessing.json": json.dumps(PREPROCESSING)} if extra else {}
    torch.jit.save(torch.jit.script(module.eval()), path, _extra_files=files)


def normalise_caption(t):
    s = re.sub(r'[.!"()*#:;~]', " ", t.lower())
    s = re.sub(r"\s{2,}", " ", s).strip()
    return " ".join(s.split(" ")[:30])


def pixel_image(k, channels):
    img = torch.zeros(3, SIZE, SIZE, dtype=torch.float64)
    for c in range(3):
        for y in range(SIZE):
            for x in range(SIZE):
                cc = c if channels == 3 else 0
                v = (x * 7 + y * 13 + cc * 29 + k * 31) % 256
                img[c, y, x] = (v / 255.0 - MEAN[c]) / STD[c]
    return img.to(torch.float32)


def unit_rows(t):
    t = t.double()
    return (t / t.norm(dim=1, keepdim=True)).tolist()


def main():
    out, golden = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    good = Good()
    save(good, os.path.join(out, "good.pt"))
    save(good, os.path.join(out, "plain.pt"), extra=False)
    with open(os.path.join(out, "preprocessing.json"), "w") as f:
        json.dump(PREPROCESSING, f)
    save(Float64(), os.path.join(out, "float64.pt"))
    save(Good().half(), os.path.join(out, "half_weights.pt"))
    save(NoText(), os.path.join(out, "no_text.pt"))
    save(Good(text_dim=8), os.path.join(out, "dim_mismatch.pt"))
    save(IntOutput(), os.path.join(out, "int_output.pt"))
    save(NanOutput(), os.path.join(out, "nan_output.pt"))
    save(ZeroOutput(), os.path.join(out, "zero_output.pt"))
    save(CudaConst(), os.path.join(out, "cuda_const.pt"))
    torch.save(good.state_dict(), os.path.join(out, "weights_only.pt"))
    with open(os.path.join(out, "corrupt.pt"), "wb") as f:
        f.write(b"this is not a zip archive\n" * 40)
    with zipfile.ZipFile(os.path.join(out, "good.pt")) as src, \
            zipfile.ZipFile(os.path.join(out, "version_bumped.pt"), "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename.endswith("/version") and info.filename.count("/") == 1:
                data = b"99\n"
            dst.writestr(info.filename, data)

    # Captions: CLIP's own ids from the golden file, for texts normaliseCaption leaves as they
    # are (so Winnow's input equals CLIP's); the last one is longer than the context.
    short, long_ = [], None
    for line in open(golden, encoding="utf-8"):
        d = json.loads(line)
        t = d["text"]
        if t != normalise_caption(t) or not t.isascii():
            continue
        if len(d["ids"]) <= CONTEXT and len(short) < 5:
            short.append(d)
        elif len(d["ids"]) > CONTEXT and long_ is None:
            long_ = d
        if len(short) == 5 and long_ is not None:
            break
    texts = short + [long_]
    packed = []
    for d in texts:
        ids = d["ids"]
        if len(ids) > CONTEXT:
            ids = ids[:CONTEXT - 1] + [49407]
        packed.append(ids + [0] * (CONTEXT - len(ids)))
    with torch.no_grad():
        text_emb = good.encode_text(torch.tensor(packed, dtype=torch.int64))
        images = torch.stack([pixel_image(0, 3), pixel_image(1, 3), pixel_image(2, 1)])
        image_emb = good.encode_image(images)
        grey_emb = good.encode_image(torch.stack([pixel_image(k, 1) for k in range(GREY_IMAGES)]))
    expected = {
        "captions": [d["text"] for d in texts],
        "truncated": 1,
        "caption_embeddings": unit_rows(text_emb),
        "images": [{"index": 0, "channels": 3}, {"index": 1, "channels": 3}, {"index": 2, "channels": 1}],
        "image_embeddings": unit_rows(image_emb),
        "grey_image_embeddings": unit_rows(grey_emb),
        "dim": D,
        "sha256": {name: hashlib.sha256(open(os.path.join(out, name), "rb").read()).hexdigest()
                   for name in sorted(os.listdir(out)) if name.endswith(".pt")},
    }
    with open(os.path.join(out, "expected.json"), "w") as f:
        json.dump(expected, f)


if __name__ == "__main__":
    main()
