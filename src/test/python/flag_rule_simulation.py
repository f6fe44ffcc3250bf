#!/usr/bin/env python3
"""Family-wise false-alarm rate of station flag rules for an exit poll compared station by station (docs/figures.md,
section `district`). Standard library only; independent of the Java code.

Design: 200 stations; official shares v_a ~ U(.45, .65), v_b = (1 - v_a) U(.5, .8), v_c the rest; the poll's true
odds of a over b at a station are the official odds times exp(u), u ~ N(0, sd^2) (honest over-dispersion: interviewer
and refusal effects, no fraud); n respondents drawn per station. A rule "fires" for a poll when any station has a
Holm-adjusted p < 0.05. Rules:
  robust_ln_alpha  robust z of ln alpha, (x - median) / (1.4826 MAD) (Iglewicz & Hoaglin 1993), normal p
  binomial_chi2    Pearson X^2 of the station's counts against its official shares, chi^2 on 2 df (pure binomial)
  phi_pair         z of the a:b split against v_a / (v_a + v_b), scaled by phi = mean z^2 (quasi-binomial), normal p
                   (the Java rule uses Student t on N df; at N = 200 the two agree to the precision shown)
Usage: python3 flag_rule_simulation.py [replications]   (default 300; about a minute)
"""
import math
import random
import statistics as st
import sys


def p2(z):
    return math.erfc(abs(z) / math.sqrt(2))


def holm_any(ps, alpha=0.05):
    ps = sorted(p for p in ps if p == p)
    m = len(ps)
    return bool(ps) and ps[0] * m < alpha


def poll(rnd, sd, n, stations=200):
    out = []
    for _ in range(stations):
        va = 0.45 + 0.2 * rnd.random()
        vb = (1 - va) * (0.5 + 0.3 * rnd.random())
        vc = 1 - va - vb
        odds = va / vb * math.exp(sd * rnd.gauss(0, 1))
        pa = (1 - vc) * odds / (1 + odds)
        probs = [pa, 1 - vc - pa, vc]
        c = [0, 0, 0]
        for _ in range(n):
            u = rnd.random()
            c[0 if u < probs[0] else 1 if u < probs[0] + probs[1] else 2] += 1
        out.append((c, (va, vb, vc)))
    return out


def rules(stations, n):
    ln, x2, z = [], [], []
    for c, v in stations:
        x2.append(n * sum((c[i] / n - v[i]) ** 2 / v[i] for i in range(3)))
        if c[0] and c[1]:
            ln.append(math.log((c[0] / c[1]) / (v[0] / v[1])))
        m, pi = c[0] + c[1], v[0] / (v[0] + v[1])
        if m:
            z.append((c[0] - m * pi) / math.sqrt(m * pi * (1 - pi)))
    med = st.median(ln)
    scale = 1.4826 * st.median([abs(x - med) for x in ln])
    phi = sum(q * q for q in z) / len(z)
    return (holm_any([p2((x - med) / scale) for x in ln]),
            holm_any([math.exp(-x / 2) for x in x2]),
            holm_any([p2(q / math.sqrt(phi)) for q in z]))


def main():
    reps = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    print("sd    n   robust_ln_alpha  binomial_chi2  phi_pair   (share of polls with any flag)")
    for sd in (0.0, 0.3, 0.6, 1.0):
        for n in (50, 100):
            fired = [0, 0, 0]
            for r in range(reps):
                for k, f in enumerate(rules(poll(random.Random(r * 7 + 1), sd, n), n)):
                    fired[k] += f
            print(f"{sd:.1f} {n:4d}   {fired[0] / reps:15.3f}  {fired[1] / reps:13.3f}  {fired[2] / reps:8.3f}")


if __name__ == "__main__":
    main()
