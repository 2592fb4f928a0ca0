#!/usr/bin/python3
"""Straightforward PyTorch reference of one Influential Rank scoring (OSM and OSD, METHODS.md
§1-3): per-sample gradients by autograd, the Hessian of the mean loss by autograd, and
torch.linalg.solve. Reads the inputs bench/influence_bench writes with --dump DIR, times
itself, and compares its OSM/OSD with the C++ engine's.

Usage: /usr/bin/python3 bench/influence_reference.py DIR [--damping 0.01]
(Debian's python3-torch; run it with /usr/bin/python3.)
"""
import json
import sys
import time

import numpy as np
import torch

torch.set_default_dtype(torch.float64)
d = sys.argv[1]
damping = float(sys.argv[sys.argv.index("--damping") + 1]) if "--damping" in sys.argv else 0.01
n, L, K, cpp_s, cpp_cpu = open(f"{d}/meta.txt").read().split()
n, L, K, cpp_s, cpp_cpu = int(n), int(L), int(K), float(cpp_s), float(cpp_cpu)
feat = torch.from_numpy(np.fromfile(f"{d}/features.f32", np.float32).reshape(n, L)).double()
logits = torch.from_numpy(np.fromfile(f"{d}/logits.f32", np.float32).reshape(n, K)).double()
labels = torch.from_numpy(np.fromfile(f"{d}/labels.i32", np.int32).astype(np.int64))
trusted = torch.from_numpy(np.fromfile(f"{d}/trusted_rows.i64", np.int64))
cpp_osm = np.fromfile(f"{d}/osm.f32", np.float32)
cpp_osd = np.fromfile(f"{d}/osd.f32", np.float32).reshape(n, K)

# The last layer theta = [W | b] that produced the logits (the bench's logits are linear in
# the features), recovered by least squares.
h = torch.cat([feat, torch.ones(n, 1)], 1)
theta0 = torch.linalg.lstsq(h, logits).solution.T.contiguous()  # K x (L+1)
assert torch.allclose(h @ theta0.T, logits, atol=1e-3), "logits are not linear in the features"

t0 = time.perf_counter()
c0 = time.process_time()
theta = theta0.clone().requires_grad_(True)


def loss_i(i):
    return torch.nn.functional.cross_entropy((h[i:i + 1] @ theta.T), labels[i:i + 1])


# Per-sample gradients, one autograd call each.
G = torch.empty(n, K * (L + 1))
for i in range(n):
    G[i] = torch.autograd.grad(loss_i(i), theta)[0].reshape(-1)
t_grad = time.perf_counter() - t0


def mean_loss(th):
    return torch.nn.functional.cross_entropy(h @ th.reshape(K, L + 1).T, labels)


H = torch.autograd.functional.hessian(mean_loss, theta0.reshape(-1))
H = H + damping * torch.eye(H.shape[0])
t_hess = time.perf_counter() - t0 - t_grad
X = torch.linalg.solve(H, G.T).T  # n x P: H^-1 g_i
s = X.norm(dim=1)
osm = (s - s.mean()) / s.std(unbiased=False)
ID = -(X @ G[trusted].T)  # n x M
ty = labels[trusted]
dm = osm >= 0
osd = torch.full((n, K), float("nan"))
for k in range(K):
    sig = ID[:, ty == k].std(dim=1, unbiased=False)[dm]
    osd[dm, k] = (sig - sig.mean()) / sig.std(unbiased=False)
total = time.perf_counter() - t0
cpu_total = time.process_time() - c0

osm_err = float(np.max(np.abs(osm.numpy() - cpp_osm)))
both = dm.numpy() & (cpp_osm >= 0)
osd_err = float(np.nanmax(np.abs(osd.numpy()[both] - cpp_osd[both])))
print(json.dumps({
    "n": n, "reference_s": round(total, 3), "reference_cpu_s": round(cpu_total, 3), "reference_grad_s": round(t_grad, 3),
    "reference_hessian_s": round(t_hess, 3), "cpp_median_s": cpp_s,
    "cpp_median_cpu_s": cpp_cpu, "speedup_wall": round(total / cpp_s, 1),
    "speedup_cpu": round(cpu_total / cpp_cpu, 1), "max_abs_diff_osm": osm_err,
    "max_abs_diff_osd": osd_err, "dm_agree": float(np.mean(dm.numpy() == (cpp_osm >= 0))),
}))
