#!/usr/bin/env python3
"""Writes proofs/general/*.smt2: the paper's general results for small sizes with symbolic parameters
(MODEL.md §2-3). Each file states its claim and expected answer in its header; the claim holds for all
parameter values exactly when the negation asserted in the file is unsat. Run by proofs/regenerate.sh."""
import os
import sys

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "general")


def write(name, comments, logic, declarations, assertions, expected="unsat"):
    lines = [f"; {c}" for c in comments] + [f"; expected: {expected}", f"(set-logic {logic})"]
    lines += [f"(declare-fun {d} () Real)" for d in declarations]
    lines += [f"(assert {a})" for a in assertions] + ["(check-sat)", "(exit)"]
    with open(os.path.join(OUT, name + ".smt2.tmp"), "w") as f:
        f.write("\n".join(lines) + "\n")
    os.replace(os.path.join(OUT, name + ".smt2.tmp"), os.path.join(OUT, name + ".smt2"))


def add(terms):
    return terms[0] if len(terms) == 1 else "(+ " + " ".join(terms) + ")"


def theorem1(n, d, i):
    """Theorem 1: a unilateral change of x_i changes l_i and Phi by the same amount, for all weights,
    targets, background term, profiles and deviations (all symbolic)."""
    decl = []
    v = lambda *parts: "_".join(str(p) for p in parts)
    for k in range(n):
        decl.append(v("w", k))
        for j in range(d):
            decl += [v("t", k, j), v("x", k, j)]
    for j in range(d):
        decl += [v("b", j), v("y", j)]  # b: w0 x0, y: player i's deviation

    def receiver(j, dev):
        return add([v("b", j)] + [f"(* {v('w', k)} {v('y', j) if (dev and k == i) else v('x', k, j)})" for k in range(n)])

    def loss(dev):
        return add([f"(* (- {receiver(j, dev)} {v('t', i, j)}) (- {receiver(j, dev)} {v('t', i, j)}))" for j in range(d)])

    def potential(dev):
        square = [f"(* {receiver(j, dev)} {receiver(j, dev)})" for j in range(d)]
        linear = [f"(* 2.0 {v('w', k)} {v('t', k, j)} {v('y', j) if (dev and k == i) else v('x', k, j)})"
                  for k in range(n) for j in range(d)]
        return f"(- {add(square)} {add(linear)})"

    write(f"theorem1-n{n}-d{d}-player{i}",
          [f"Theorem 1 (exact potential), n = {n} players, d = {d}, deviating player {i}; all parameters symbolic.",
           "Phi(x) = |xhat|^2 - 2 sum_k w_k t_k.x_k, xhat = b + sum_k w_k x_k, l_i = |xhat - t_i|^2.",
           "negation: some parameters, profile and deviation y of player i with l_i(y) - l_i(x) != Phi(y) - Phi(x)."],
          "QF_NRA", decl, [f"(not (= (- {loss(True)} {loss(False)}) (- {potential(True)} {potential(False)})))"])


def equilibrium_1d(n, suffix, decl, asserts):
    """x_k (k < n) is an equilibrium of the 1-D game with symbolic intervals [lo_k, hi_k], weights, targets and
    background b: receiver r and, per player, the support-point condition of MODEL.md 3b (pull w_k (t_k - r) > 0
    forces hi, < 0 forces lo); by convexity of the loss in the own action this is exactly 'no deviation helps'."""
    r = "r" + suffix
    decl += [r] + [f"x{suffix}_{k}" for k in range(n)]
    asserts.append(f"(= {r} {add(['b'] + [f'(* w_{k} x{suffix}_{k})' for k in range(n)])})")
    for k in range(n):
        x, pull = f"x{suffix}_{k}", f"(* w_{k} (- t_{k} {r}))"
        asserts += [f"(<= lo_{k} {x})", f"(<= {x} hi_{k})", f"(=> (> {pull} 0.0) (= {x} hi_{k}))", f"(=> (< {pull} 0.0) (= {x} lo_{k}))"]
    return r


def parameters_1d(n):
    decl = ["b"] + [f"{p}_{k}" for k in range(n) for p in ("w", "t", "lo", "hi")]
    return decl, [f"(<= lo_{k} hi_{k})" for k in range(n)]


def theorem4(n):
    decl, asserts = parameters_1d(n)
    asserts += [f"(not (= w_{k} 0.0))" for k in range(n)]
    asserts += [f"(not (= t_{a} t_{b}))" for a in range(n) for b in range(a + 1, n)]
    r = equilibrium_1d(n, "", decl, asserts)
    inside = [f"(and (< lo_{k} x_{k}) (< x_{k} hi_{k}))" for k in range(n)]
    two = [f"(and {inside[a]} {inside[b]})" for a in range(n) for b in range(a + 1, n)]
    misplaced = [f"(and {inside[k]} (not (= {r} t_{k})))" for k in range(n)]
    asserts.append("(or " + " ".join(two + misplaced) + ")")
    write(f"theorem4-d1-n{n}",
          [f"Theorem 4, d = 1, n = {n}: symbolic targets, weights, intervals [lo_k, hi_k] and background b.",
           "premise: targets pairwise distinct and every weight nonzero (w_k != 0 is needed by the proof).",
           "negation: an equilibrium with two interior players, or one interior player whose target is not the receiver."],
          "QF_NRA", decl, asserts)


def receiver_unique(n):
    decl, asserts = parameters_1d(n)
    ra = equilibrium_1d(n, "a", decl, asserts)
    rb = equilibrium_1d(n, "b", decl, asserts)
    asserts.append(f"(not (= {ra} {rb}))")
    write(f"same-receiver-d1-n{n}",
          [f"MODEL.md 3a, d = 1, n = {n}: every equilibrium has the same receiver; all parameters symbolic (weights may be 0).",
           "negation: two equilibria of the same game with different receivers."],
          "QF_NRA", decl, asserts)


def identity(n, d):
    """docs/model.md "Checking every equilibrium from the certified structure": for all parameters and any two
    profiles x and s (the solver's x*), Phi(x) - Phi(s) = |xhat - shat|^2 - 2 sum_k g_k.(x_k - s_k) with
    g_k = w_k (t_k - shat); the background term b cancels."""
    decl = [f"b_{j}" for j in range(d)]
    for k in range(n):
        decl.append(f"w_{k}")
        for j in range(d):
            decl += [f"t_{k}_{j}", f"x_{k}_{j}", f"s_{k}_{j}"]

    def receiver(p, j):
        return add([f"b_{j}"] + [f"(* w_{k} {p}_{k}_{j})" for k in range(n)])

    def potential(p):
        square = [f"(* {receiver(p, j)} {receiver(p, j)})" for j in range(d)]
        linear = [f"(* 2.0 w_{k} t_{k}_{j} {p}_{k}_{j})" for k in range(n) for j in range(d)]
        return f"(- {add(square)} {add(linear)})"

    gap = [f"(* (- {receiver('x', j)} {receiver('s', j)}) (- {receiver('x', j)} {receiver('s', j)}))" for j in range(d)]
    pulls = [f"(* 2.0 w_{k} (- t_{k}_{j} {receiver('s', j)}) (- x_{k}_{j} s_{k}_{j}))" for k in range(n) for j in range(d)]
    write(f"identity-n{n}-d{d}",
          [f"The structure identity, n = {n} players, d = {d}; all parameters symbolic (weights, targets, background b).",
           "Phi(x) = |xhat|^2 - 2 sum_k w_k t_k.x_k, xhat = b + sum_k w_k x_k; s is a second profile (the solver's x*).",
           "negation: Phi(x) - Phi(s) != |xhat - shat|^2 - 2 sum_k w_k (t_k - shat).(x_k - s_k)."],
          "QF_NRA", decl, [f"(not (= (- {potential('x')} {potential('s')}) (- {add(gap)} {add(pulls)})))"])


def structure_1d(n):
    """The consequence, d = 1: if s is an equilibrium, every equilibrium x has the receiver of s and each x_k in
    F_k (w_k (t_k - shat) (x_k - s_k) = 0); conversely such an x is an equilibrium."""
    decl, asserts = parameters_1d(n)
    rs = equilibrium_1d(n, "s", decl, asserts)
    forward = list(asserts)
    rx = equilibrium_1d(n, "x", decl, forward)
    off_face = [f"(not (= (* w_{k} (- t_{k} {rs}) (- xx_{k} xs_{k})) 0.0))" for k in range(n)]
    forward.append("(or " + " ".join([f"(not (= {rx} {rs}))"] + off_face) + ")")
    write(f"structure-d1-n{n}",
          [f"docs/model.md structure, d = 1, n = {n}: symbolic intervals, weights (may be 0), targets, background b.",
           "s and x equilibria; negation: x has another receiver, or some x_k leaves the face F_k = argmax w_k (t_k - shat) y."],
          "QF_NRA", decl, forward)
    decl2, back = parameters_1d(n)
    rs = equilibrium_1d(n, "s", decl2, back)
    decl2 += [f"x_{k}" for k in range(n)] + ["rx"]
    back.append(f"(= rx {add(['b'] + [f'(* w_{k} x_{k})' for k in range(n)])})")
    back.append(f"(= rx {rs})")
    for k in range(n):
        back += [f"(<= lo_{k} x_{k})", f"(<= x_{k} hi_{k})", f"(= (* w_{k} (- t_{k} {rs}) (- x_{k} xs_{k})) 0.0)"]
    not_eq = [f"(and (> (* w_{k} (- t_{k} rx)) 0.0) (< x_{k} hi_{k}))" for k in range(n)]
    not_eq += [f"(and (< (* w_{k} (- t_{k} rx)) 0.0) (> x_{k} lo_{k}))" for k in range(n)]
    back.append("(or " + " ".join(not_eq) + ")")
    write(f"structure-converse-d1-n{n}",
          [f"docs/model.md structure, d = 1, n = {n}, converse: s an equilibrium, x_k in [lo_k, hi_k] on the face F_k and the",
           "receiver of x equal to that of s; negation: x is not an equilibrium (some player has a pull towards an end it is not at)."],
          "QF_NRA", decl2, back)


def main():
    os.makedirs(OUT, exist_ok=True)
    for n in range(1, 5):
        for d in range(1, 4):
            for i in range(n):
                theorem1(n, d, i)
    theorem4(2)
    theorem4(3)
    receiver_unique(2)
    for n in range(1, 4):
        for d in range(1, 4):
            identity(n, d)
    return 0


if __name__ == "__main__":
    sys.exit(main())
