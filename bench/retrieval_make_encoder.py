#!/usr/bin/python3
"""A CLIP-shaped TorchScript dual encoder with random weights for bench/retrieval_encode.sh, and
PyTorch's own throughput on it (the reference, same threads, same inputs' shapes).

usage: retrieval_make_encoder.py OUT.pt [images captions repeats]

Shapes ("CLIP-S/32"-like, smaller than ViT-B/32 so it runs in minutes on two cores):
  image: 224x224, 32x32 patches (49 + 1 tokens), width 384, 6 layers, 6 heads -> D 256
  text:  context 77, vocabulary 49,408, width 256, 6 layers, 4 heads, causal mask -> D 256
"""
import json
import os
import statistics
import sys
import time

import torch
from torch import nn, Tensor


class Tower(nn.Module):
    def __init__(self, width, layers, heads):
        super().__init__()
        layer = nn.TransformerEncoderLayer(width, heads, 4 * width, dropout=0.0, activation="gelu",
                                           batch_first=True, norm_first=True)
        self.blocks = nn.TransformerEncoder(layer, layers)
        self.norm = nn.LayerNorm(width)


class MiniClip(nn.Module):
    def __init__(self, d=256):
        super().__init__()
        torch.manual_seed(0)
        self.patch = nn.Conv2d(3, 384, 32, stride=32, bias=False)
        self.cls = nn.Parameter(torch.randn(384) * 0.02)
        self.img_pos = nn.Parameter(torch.randn(50, 384) * 0.01)
        self.image = Tower(384, 6, 6)
        self.img_proj = nn.Linear(384, d, bias=False)
        self.tok = nn.Embedding(49408, 256)
        self.txt_pos = nn.Parameter(torch.randn(77, 256) * 0.01)
        self.text = Tower(256, 6, 4)
        self.txt_proj = nn.Linear(256, d, bias=False)
        self.register_buffer("mask", torch.triu(torch.full((77, 77), float("-inf")), 1))

    @torch.jit.export
    def encode_image(self, image: Tensor) -> Tensor:
        x = self.patch(image).flatten(2).transpose(1, 2)
        x = torch.cat([self.cls.expand(x.size(0), 1, -1), x], 1) + self.img_pos
        x = self.image.norm(self.image.blocks(x))
        return self.img_proj(x[:, 0])

    @torch.jit.export
    def encode_text(self, text: Tensor) -> Tensor:
        x = self.tok(text) + self.txt_pos
        x = self.text.norm(self.text.blocks(x, mask=self.mask))
        eot = text.argmax(dim=-1)
        return self.txt_proj(x[torch.arange(x.size(0)), eot])

    def forward(self, image: Tensor, text: Tensor):
        return self.encode_image(image), self.encode_text(text)


def main():
    out = sys.argv[1]
    n_img, n_txt, repeats = (int(a) for a in sys.argv[2:5]) if len(sys.argv) >= 5 else (128, 256, 3)
    torch.set_num_threads(int(os.environ.get("OMP_NUM_THREADS", os.cpu_count())))
    model = MiniClip().eval()
    scripted = torch.jit.script(model)
    pre = {"image_size": 224, "resize": "short-side-center-crop", "context_length": 77}
    torch.jit.save(scripted, out, _extra_files={"winnow_preprocessing.json": json.dumps(pre)})
    # PyTorch's throughput on the same module (inputs already prepared: model time only).
    batch = 32
    images = torch.randn(batch, 3, 224, 224)
    ids = torch.zeros(batch, 77, dtype=torch.int64)
    ids[:, 0], ids[:, 1:12], ids[:, 12] = 49406, torch.randint(1, 49000, (batch, 11)), 49407
    img_s, txt_s = [], []
    with torch.no_grad():
        scripted.encode_image(images[:2]), scripted.encode_text(ids[:2])
        for _ in range(repeats):
            t = time.perf_counter()
            for _ in range(n_img // batch):
                scripted.encode_image(images)
            img_s.append(n_img / (time.perf_counter() - t))
            t = time.perf_counter()
            for _ in range(n_txt // batch):
                scripted.encode_text(ids)
            txt_s.append(n_txt / (time.perf_counter() - t))
    print(json.dumps({"pytorch_images_per_s": statistics.median(img_s), "pytorch_captions_per_s": statistics.median(txt_s),
                      "threads": torch.get_num_threads(), "torch": torch.__version__}))


if __name__ == "__main__":
    main()
