#!/usr/bin/env python3
"""Writes the first N training and M test samples of Debian's Fashion-MNIST IDX files
into OUT (same file names, gzip), so the screenshot demo project stays small."""
import gzip
import struct
import sys
from pathlib import Path

src, out, n_train, n_test = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
out.mkdir(parents=True, exist_ok=True)
for prefix, n in (("train", n_train), ("t10k", n_test)):
    for kind, header_len in (("images-idx3-ubyte", 16), ("labels-idx1-ubyte", 8)):
        name = f"{prefix}-{kind}.gz"
        data = gzip.open(src / name, "rb").read()
        header = bytearray(data[:header_len])
        count = struct.unpack(">I", header[4:8])[0]
        if n > count:
            sys.exit(f"{src / name}: asked for {n} samples, it holds {count}")
        item = 28 * 28 if kind.startswith("images") else 1
        header[4:8] = struct.pack(">I", n)
        # mtime=0: the same bytes every run
        with gzip.GzipFile(out / name, "wb", mtime=0) as f:
            f.write(bytes(header) + data[header_len:header_len + n * item])
