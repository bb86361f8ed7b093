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


def median_stages(iteration, budget_ms):
    """Runs `iteration(lap)` once to warm up, then as median_ms does; `lap(stage)` ends a stage.
    Returns each stage's median time in ms, in the order the stages came, and the number of runs."""
    iteration(lambda _stage: None)
    laps = {}
    start = time.perf_counter()
    reps = 0
    while True:
        last = time.perf_counter()

        def lap(stage):
            nonlocal last
            laps.setdefault(stage, []).append(time.perf_counter() - last)
            last = time.perf_counter()  # the bookkeeping is no stage's time

        iteration(lap)
        reps += 1
        if (time.perf_counter() - start) * 1000 >= budget_ms and reps >= 5:
            break
    return {"ms": {k: sorted(v)[len(v) // 2] * 1000 for k, v in laps.items()}, "reps": reps}


def serve(bench, default_budget_ms, info):
    """Answers `info`, `train_iter` and `train_stages` requests (the last where the bench has
    `stages`); `bench(dtype_name)` gives the object to time."""
    for line in sys.stdin:
        req = json.loads(line)
        if req["op"] == "info":
            res = {"numpy": np.__version__, **info()}
        elif req["op"] == "train_iter":
            res = bench(req["dtype"]).time(req.get("budget_ms", default_budget_ms))
        elif req["op"] == "train_stages":
            res = bench(req["dtype"]).stages(req.get("budget_ms", default_budget_ms))
        else:
            res = {"error": f"unknown op {req['op']}"}
        sys.stdout.write(json.dumps(res) + "\n")
        sys.stdout.flush()
