#!/usr/bin/env python3
"""A stand-in training pipeline for `bigcert align --receiver-cmd` (README "align").

Protocol: read one JSON object {"format": "bigcert-align-receiver/1", "dimension": d, "reports": [[...], ...]}
from stdin; print the receiver outcome as a JSON array of d numbers; exit 0.

This example *trains a model*: each reported ideal point labels PAIRS Bradley-Terry comparisons of responses
y, y' ~ U[-10, 10]^d under the reward r(y) = -|y - report|^2, and the receiver is the maximum-likelihood ideal
point, fitted by Newton's method on the logistic log-likelihood (pure Python, fixed seed per player so that
the outcome is a deterministic function of the reports).
"""
import json
import math
import random
import sys

PAIRS = 400  # per player; small so that the example runs quickly


def sigmoid(m):
    return 1 / (1 + math.exp(-m)) if m >= 0 else math.exp(m) / (1 + math.exp(m))


def samples(reports, d):
    rows = []  # (c, delta, label): P(label = 1) = sigmoid(c + 2 theta . delta)
    for i, theta in enumerate(reports):
        rng = random.Random(1000 + i)
        for _ in range(PAIRS):
            y = [rng.uniform(-10, 10) for _ in range(d)]
            y2 = [rng.uniform(-10, 10) for _ in range(d)]
            c = sum(a * a for a in y2) - sum(a * a for a in y)
            delta = [a - b for a, b in zip(y, y2)]
            m = c + 2 * sum(t * e for t, e in zip(theta, delta))
            rows.append((c, delta, 1 if rng.random() < sigmoid(m) else 0))
    return rows


def fit(rows, d):
    theta = [0.0] * d
    for _ in range(50):
        grad = [0.0] * d
        hess = [[0.0] * d for _ in range(d)]
        for c, delta, label in rows:
            p = sigmoid(c + 2 * sum(t * e for t, e in zip(theta, delta)))
            for k in range(d):
                grad[k] += (p - label) * 2 * delta[k]
                for l in range(d):
                    hess[k][l] += p * (1 - p) * 4 * delta[k] * delta[l]
        step = solve(hess, grad)
        theta = [t - s for t, s in zip(theta, step)]
        if max(abs(s) for s in step) < 1e-12:
            break
    return theta


def solve(a, b):
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[pivot] = m[pivot], m[col]
        for r in range(n):
            if r != col:
                f = m[r][col] / m[col][col]
                m[r] = [x - f * y for x, y in zip(m[r], m[col])]
    return [m[i][n] / m[i][i] for i in range(n)]


def main():
    request = json.load(sys.stdin)
    d = request["dimension"]
    print(json.dumps(fit(samples(request["reports"], d), d)))


if __name__ == "__main__":
    main()
