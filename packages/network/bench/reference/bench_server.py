"""Shared by train_iter.py and convnet_iter.py: how an iteration is timed, and the line-per-request
server the TypeScript benchmarks talk to (one JSON request per line on stdin, one JSON answer per
line on stdout)."""

import json
import sys
import time

import numpy as np


def median_ms(iteration, budget_ms):
    """Runs `iteration` once to warm up, then until `budget_ms` has passed and at least 5 runs are
    timed; returns the median time in ms and the number of timed runs."""
    iteration()
    times = []
    start = time.perf_counter()
    while True:
        t0 = time.perf_counter()
        iteration()
        times.append(time.perf_counter() - t0)
        if (time.perf_counter() - start) * 1000 >= budget_ms and len(times) >= 5:
            break
    times.sort()
    return {"ms": times[len(times) // 2] * 1000, "reps": len(times)}


def serve(bench, default_budget_ms, info):
    """Answers `info` and `train_iter` requests; `bench(dtype_name)` gives the object to time."""
    for line in sys.stdin:
        req = json.loads(line)
        if req["op"] == "info":
            res = {"numpy": np.__version__, **info()}
        elif req["op"] == "train_iter":
            res = bench(req["dtype"]).time(req.get("budget_ms", default_budget_ms))
        else:
            res = {"error": f"unknown op {req['op']}"}
        sys.stdout.write(json.dumps(res) + "\n")
        sys.stdout.flush()
