#!/usr/bin/python3
# Build time (bench/RESULTS.md, "Build time"): compiles each named source file with its command
# from BUILD/compile_commands.json, without ccache, once with its precompiled header
# (-include .../cmake_pch.hxx) and once without, RUNS times each, and prints the medians in seconds.
# Usage: bench/pch_compare.py BUILD RUNS FILE...   (FILE: a path ending, e.g. core/store/project.cpp)
import json, shlex, statistics, subprocess, sys, tempfile, time
build, runs, files = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
commands = json.load(open(build + '/compile_commands.json'))
out = tempfile.NamedTemporaryFile(suffix='.o').name
def timed(args):
    t = time.monotonic()
    subprocess.run(args, cwd=build, check=True)
    return time.monotonic() - t
for f in files:
    entry = next((e for e in commands if e['file'].endswith(f)), None)
    if entry is None:
        sys.exit(f'{f}: not in {build}/compile_commands.json')
    args = shlex.split(entry['command'])
    if args[0].endswith('ccache'):
        args = args[1:]
    args[args.index('-o') + 1] = out
    if '-include' not in args:
        print(f'{f}: compiled without a precompiled header in this build')
        continue
    i = args.index('-include')
    plain = args[:i] + args[i + 2:]
    with_pch = statistics.median(timed(args) for _ in range(runs))
    without = statistics.median(timed(plain) for _ in range(runs))
    print(f'{f}\twith {with_pch:.2f}\twithout {without:.2f}\tratio {with_pch / without:.2f}')
