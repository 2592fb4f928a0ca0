#!/usr/bin/python3
"""PyTorch eager reference for the training-throughput benchmark (issue 3).

Same work as `winnow-cli train --model cnn-small` on Fashion-MNIST: cnn-small, SGD
(momentum 0.9, weight decay 5e-4), cross-entropy, batch B, random crop with 4 px zero padding
and horizontal flip, per-channel normalisation, pixels held in memory as one uint8 tensor.
Prints one JSON line with the training-loop throughput (samples/s), like Winnow's epoch line.
Run with Debian's /usr/bin/python3 (python3-torch, the same LibTorch 1.13).
"""
import argparse, gzip, json, struct, time
import torch
import torch.nn as nn
import torch.nn.functional as F


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic, = struct.unpack(">I", data[:4])
    dims = magic & 0xFF
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return torch.frombuffer(bytearray(data[4 + 4 * dims:]), dtype=torch.uint8).reshape(shape)


def cnn_small(c, h, w, k):
    return nn.Sequential(
        nn.Conv2d(c, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3, padding=1), nn.BatchNorm2d(64), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(64 * (h // 4) * (w // 4), 128), nn.ReLU(), nn.Linear(128, k))


def augment(xb, pad, gen):
    # Random crop of the zero-padded batch plus horizontal flip, vectorised with gather.
    n, c, h, w = xb.shape
    p = F.pad(xb, (pad, pad, pad, pad))
    oy = torch.randint(0, 2 * pad + 1, (n,), generator=gen)
    ox = torch.randint(0, 2 * pad + 1, (n,), generator=gen)
    rows = (oy[:, None] + torch.arange(h)[None, :])  # n x h
    cols = (ox[:, None] + torch.arange(w)[None, :])  # n x w
    flip = torch.rand(n, generator=gen) < 0.5
    cols = torch.where(flip[:, None], cols.flip(1), cols)
    idx_r = rows[:, None, :, None].expand(n, c, h, w + 2 * pad)
    p = p.gather(2, idx_r)
    idx_c = cols[:, None, None, :].expand(n, c, h, w)
    return p.gather(3, idx_c)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--samples", type=int, default=10000)
    ap.add_argument("--lr", type=float, default=0.05)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    x = read_idx(a.data + "/train-images-idx3-ubyte.gz")[: a.samples].unsqueeze(1).contiguous()
    y = read_idx(a.data + "/train-labels-idx1-ubyte.gz")[: a.samples].long()
    xf = x.float() / 255
    mean, std = xf.mean().item(), xf.std().item()
    model = cnn_small(1, 28, 28, 10)
    opt = torch.optim.SGD(model.parameters(), lr=a.lr, momentum=0.9, weight_decay=5e-4)
    gen = torch.Generator().manual_seed(a.seed)
    model.train()
    t0 = time.perf_counter()
    c0 = time.process_time()
    perm = torch.randperm(len(y), generator=gen)
    seen = 0
    for lo in range(0, len(y) - 1, a.batch):
        idx = perm[lo: lo + a.batch]
        xb = augment(x[idx], 4, gen).float().div_(255).sub_(mean).div_(std)
        yb = y[idx]
        loss = F.cross_entropy(model(xb), yb)
        if not torch.isfinite(loss):
            raise SystemExit("loss diverged")
        opt.zero_grad()
        loss.backward()
        opt.step()
        seen += len(idx)
    secs = time.perf_counter() - t0
    cpu = time.process_time() - c0
    print(json.dumps({"impl": "pytorch", "torch": torch.__version__, "threads": a.threads,
                      "batch": a.batch, "samples": seen, "seconds": secs,
                      "samples_per_s": seen / secs, "cpu_seconds": cpu,
                      "samples_per_cpu_s": seen / cpu}))


if __name__ == "__main__":
    main()
