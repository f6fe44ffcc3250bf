#!/usr/bin/env python3
"""Independent re-computation of the national figures of exit-poll-audit.

Written from docs/figures.md alone, in Python with the standard library only (no code shared with the
Java application, no numerical library): it reads an election package, recomputes every `accuracy`
figure (each exit poll x each national official release), the `agreement` and the `sensitivity` figures, and compares them
with a `figures.csv` the job wrote.

    python3 src/test/python/recompute_figures.py input/az-2024-presidential output/az-2024-presidential/latest/figures.csv

Exit status 0 when every figure it recomputes matches (relative 1e-9, p-values 1e-7 relative or 1e-300
absolute), 1 otherwise. Parameters default to the job's defaults (deff 2.5, 40 respondents per station,
fallback n 1000, alpha 0.05, 95 % intervals); pass --deff etc. if the run used others.
"""
import argparse
import csv
import io
import math
import os
import re
import sys
import unicodedata
import zipfile
import xml.etree.ElementTree as ET


# ---------------------------------------------------------------- package reading

def norm(s):
    s = s.replace("ı", "i").replace("İ", "I")
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", s.strip().lower())


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def read_xlsx(path):
    """First worksheet of an XLSX file as a list of rows of strings (cached values)."""
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    with zipfile.ZipFile(path) as z:
        shared = []
        if "xl/sharedStrings.xml" in z.namelist():
            for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", ns):
                shared.append("".join(t.text or "" for t in si.iter("{%s}t" % ns["m"])))
        sheets = sorted(n for n in z.namelist() if re.match(r"xl/worksheets/sheet\d+\.xml$", n))
        root = ET.fromstring(z.read(sheets[0]))
        rows = []
        for r in root.iter("{%s}row" % ns["m"]):
            cells = {}
            for c in r.findall("m:c", ns):
                col = re.match(r"[A-Z]+", c.get("r")).group(0)
                idx = 0
                for ch in col:
                    idx = idx * 26 + (ord(ch) - 64)
                t = c.get("t")
                v = c.find("m:v", ns)
                if t == "s":
                    val = shared[int(v.text)]
                elif t == "inlineStr":
                    val = "".join(x.text or "" for x in c.iter("{%s}t" % ns["m"]))
                else:
                    val = v.text if v is not None else ""
                cells[idx - 1] = val
            rows.append([cells.get(i, "") for i in range(max(cells) + 1)] if cells else [])
        return rows


def read_table(path):
    return read_xlsx(path) if path.lower().endswith(".xlsx") else read_csv(path)


def decimal_places(text):
    """Decimal places of a number as written in its file: '2.0' has one."""
    t = text.strip()
    if "e" in t.lower():
        mant, exp = re.split(r"[eE]", t)
        return max(0, (len(mant.split(".")[1]) if "." in mant else 0) - int(exp))
    return len(t.split(".")[1]) if "." in t else 0


precision = {}


def load(package):
    cands = read_csv(os.path.join(package, "candidates.csv"))
    header = cands[0]
    order, spelling = [], {}
    for row in cands[1:]:
        rec = dict(zip(header, row))
        cid = rec["candidate_id"]
        order.append(cid)
        for s in [cid, rec["name"]] + [a for a in rec.get("aliases", "").split("|") if a.strip()]:
            spelling[norm(s)] = cid
    srows = read_csv(os.path.join(package, "sources.csv"))
    sources = [dict(zip(srows[0], r)) for r in srows[1:] if any(x.strip() for x in r)]
    data = {}
    for s in sources:
        if s["level"] != "national":
            continue
        t = read_table(os.path.join(package, s["file"]))
        head, row = t[0], t[1]
        values = {}
        extra = {}
        places = 0
        for h, cell in zip(head, row):
            key = norm(h)
            if key in spelling:
                values[spelling[key]] = float(cell)
            elif key in ("other", "invalid"):
                extra[key] = float(cell) if cell.strip() else None
            else:
                continue
            places = max(places, decimal_places(cell))
        data[s["source_id"]] = (values, extra)
        precision[s["source_id"]] = 10.0 ** -places / 100 if s["values"] == "percent" else 0.0
    return order, sources, data


def published_shares(source, values, extra):
    if source["values"] == "percent":
        scale = 100.0
    else:
        scale = sum(values.values()) + (extra.get("other") or 0) + (extra.get("invalid") or 0)
    return {c: v / scale for c, v in values.items()}, {k: (v / scale if v is not None else None)
                                                      for k, v in extra.items()}


# ---------------------------------------------------------------- distributions (written out, no libraries)

def normal_two_sided(z):
    return math.erfc(abs(z) / math.sqrt(2))


def normal_quantile(p):
    """Inverse standard normal CDF by bisection on erfc (plenty for a 95 % interval)."""
    lo, hi = -40.0, 40.0
    for _ in range(200):
        mid = (lo + hi) / 2
        if 0.5 * math.erfc(-mid / math.sqrt(2)) < p:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def chi2_sf(x, df):
    """Upper tail of chi-square: regularized upper incomplete gamma Q(df/2, x/2)
    (series for x < a + 1, Lentz continued fraction otherwise; Numerical Recipes 6.2)."""
    a, x = df / 2.0, x / 2.0
    if x <= 0:
        return 1.0
    lg = math.lgamma(a)
    if x < a + 1:
        term = total = 1.0 / a
        ap = a
        for _ in range(100000):
            ap += 1
            term *= x / ap
            total += term
            if abs(term) < abs(total) * 1e-17:
                break
        return 1.0 - total * math.exp(-x + a * math.log(x) - lg)
    b = x + 1 - a
    c = 1 / 1e-300
    d = 1 / b
    h = d
    for i in range(1, 100000):
        an = -i * (i - a)
        b += 2
        d = an * d + b
        d = 1e-300 if abs(d) < 1e-300 else d
        c = b + an / c
        c = 1e-300 if abs(c) < 1e-300 else c
        d = 1 / d
        delta = d * c
        h *= delta
        if abs(delta - 1) < 1e-17:
            break
    return math.exp(-x + a * math.log(x) - lg) * h


def chi2_critical(df, alpha):
    lo, hi = 0.0, 1000.0
    for _ in range(300):
        mid = (lo + hi) / 2
        if chi2_sf(mid, df) > alpha:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


# ---------------------------------------------------------------- figures

def holm(ps):
    m = len(ps)
    idx = sorted(range(m), key=lambda i: ps[i])
    out = [0.0] * m
    running = 0.0
    for rank, i in enumerate(idx):
        running = max(running, min(1.0, (m - rank) * ps[i]))
        out[i] = running
    return out


def wilson(p, n, conf):
    z = normal_quantile(1 - (1 - conf) / 2)
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return max(0.0, centre - half), min(1.0, centre + half)


def logit(x):
    return math.log(x / (1 - x))


def sample_size(src, rps, fallback):
    if src.get("sample_size", "").strip():
        return float(src["sample_size"]), 0.0
    if src.get("assumed_sample_size", "").strip():
        return float(src["assumed_sample_size"]), 1.0
    if src.get("stations_sampled", "").strip():
        return float(src["stations_sampled"]) * rps, 1.0
    return float(fallback), 1.0


def accuracy(poll, pub_p, extra_p, pub_v, order, n, n_assumed, deff, alpha, conf, tolerance):
    cands = [c for c in order if c in pub_p and c in pub_v]
    sp = sum(pub_p[c] for c in cands)
    sv = sum(pub_v[c] for c in cands)
    p = [pub_p[c] / sp for c in cands]
    v = [pub_v[c] / sv for c in cands]
    k = len(cands)
    f = {}
    z = [(p[i] - v[i]) / math.sqrt(deff * v[i] * (1 - v[i]) / n) for i in range(k)]
    pv = [normal_two_sided(x) for x in z]
    ph = holm(pv)
    ap = [logit(p[i]) - logit(v[i]) for i in range(k)]
    n_eff = n / deff
    for i, c in enumerate(cands):
        lo, hi = wilson(p[i], n_eff, conf)
        f[(c, "poll_share_published")] = pub_p[c]
        f[(c, "poll_share")] = p[i]
        f[(c, "official_share")] = v[i]
        f[(c, "deviation_pp")] = 100 * (p[i] - v[i])
        f[(c, "relative_deviation")] = (p[i] - v[i]) / v[i]
        f[(c, "se")] = math.sqrt(deff * p[i] * (1 - p[i]) / n)
        f[(c, "ci_low")] = lo
        f[(c, "ci_high")] = hi
        f[(c, "z")] = z[i]
        f[(c, "p_value")] = pv[i]
        f[(c, "p_holm")] = ph[i]
        f[(c, "log_odds_ratio")] = ap[i]
        f[(c, "log_odds_ratio_se")] = math.sqrt(deff / (n * p[i] * (1 - p[i])))
    chi2 = sum((p[i] * n - v[i] * n) ** 2 / (v[i] * n) for i in range(k))
    rs = chi2 / deff
    a = max(range(k), key=lambda i: (v[i], -i))
    b = max((i for i in range(k) if i != a), key=lambda i: (v[i], -i))
    f[("", "n")] = n
    f[("", "n_assumed")] = n_assumed
    f[("", "deff")] = deff
    f[("", "n_eff")] = n_eff
    f[("", "k")] = k
    f[("", "residual_share")] = 1 - sum(pub_p.values()) - sum(x for x in extra_p.values() if x is not None)
    f[("", "chi2")] = chi2
    f[("", "chi2_rs")] = rs
    f[("", "chi2_df")] = k - 1
    f[("", "chi2_p")] = chi2_sf(rs, k - 1)
    f[("", "g2")] = 2 * sum(p[i] * n * math.log(p[i] / v[i]) for i in range(k) if p[i] > 0)
    f[("", "b")] = sum(abs(x) for x in ap) / k
    f[("", "b_w")] = sum(v[i] * abs(ap[i]) for i in range(k))
    f[("", "mosteller_m3")] = sum(abs(100 * (p[i] - v[i])) for i in range(k)) / k
    f[("", "mosteller_m5")] = abs((p[a] - p[b]) - (v[a] - v[b])) * 100
    f[("", "mtk_a")] = math.log((p[a] / p[b]) / (v[a] / v[b]))
    f[("", "mtk_a_se")] = math.sqrt(deff * (1 / (n * p[a]) + 1 / (n * p[b])))
    f[("", "max_abs_deviation_pp")] = max(abs(100 * (p[i] - v[i])) for i in range(k))
    f[("", "winner_agrees")] = 1.0 if max(range(k), key=lambda i: (p[i], -i)) == a else 0.0
    f[("", "n_critical")] = n * chi2_critical(k - 1, alpha) / rs
    f[("", "verdict_consistent")] = 1.0 if f[("", "chi2_p")] >= alpha else 0.0
    f.update(uncertainty(cands, pub_p, extra_p, p, v, n, deff, alpha, tolerance, precision.get(poll, 0.0), chi2))
    return f


def uncertainty(cands, pub_p, extra_p, p, v, n, deff, alpha, delta, u, chi2):
    """The figures of the spec's section "Uncertainty, margin and pooled figures", from its definitions."""
    k = len(cands)
    f = {}
    z975 = normal_quantile(0.975)
    z95 = normal_quantile(0.95)
    # admissible readings: the lowest true value of each published column, the rest open to any candidate
    lo = [max(0.0, pub_p[c] - u / 2) for c in cands]
    rest = [x for c, x in pub_p.items() if c not in cands] + [x for x in extra_p.values() if x is not None]
    room = max(1.0 - sum(max(0.0, x - u / 2) for x in rest), sum(lo))  # the most the compared candidates can hold
    low = [x / room for x in lo]
    open_share = max(0.0, 1.0 - sum(low))
    inside = True
    for i, c in enumerate(cands):
        se = math.sqrt(deff * p[i] * (1 - p[i]) / n)
        dev = 100 * (p[i] - v[i])
        f[(c, "deviation_ci_low")] = dev - z975 * 100 * se
        f[(c, "deviation_ci_high")] = dev + z975 * 100 * se
        f[(c, "deviation_min")] = 100 * (low[i] - v[i])
        f[(c, "deviation_max")] = 100 * (low[i] + open_share - v[i])
        inside = inside and -delta <= dev - z95 * 100 * se and dev + z95 * 100 * se <= delta

    def x2(q):
        return n * sum((q[i] - v[i]) ** 2 / v[i] for i in range(k)) / deff

    # largest X² at a vertex: one candidate takes all that is open
    worst = max(x2([low[j] + (open_share if j == i else 0.0) for j in range(k)]) for i in range(k))
    # smallest X²: every KKT candidate (candidates at their lower bound in B, the rest c·v_i), keep the feasible best
    best = float("inf")
    for mask in range(1 << k):
        bound = [(mask >> i) & 1 == 1 for i in range(k)]
        free_v = sum(v[i] for i in range(k) if not bound[i])
        if free_v <= 0:
            continue
        c = (1 - sum(low[i] for i in range(k) if bound[i])) / free_v
        q = [low[i] if bound[i] else c * v[i] for i in range(k)]
        if all(q[i] >= low[i] - 1e-15 for i in range(k)):
            best = min(best, x2(q))
    crit = chi2_critical(k - 1, alpha)
    f[("", "chi2_rs_min")] = best
    f[("", "chi2_rs_max")] = worst
    f[("", "verdict")] = 1.0 if worst <= crit else (0.0 if best > crit else -1.0)
    f[("", "deff_critical")] = chi2 / crit
    # where the three-valued verdict turns, from the lowest and highest X² / deff over the readings
    f[("", "n_critical_low")] = n * crit / worst
    f[("", "n_critical_high")] = n * crit / best
    f[("", "deff_critical_low")] = best * deff / crit
    f[("", "deff_critical_high")] = worst * deff / crit
    a = max(range(k), key=lambda i: (v[i], -i))
    b = max((i for i in range(k) if i != a), key=lambda i: (v[i], -i))
    me = 100 * ((p[a] - p[b]) - (v[a] - v[b]))
    me_se = 100 * math.sqrt(deff * (p[a] + p[b] - (p[a] - p[b]) ** 2) / n)
    f[("", "margin_error")] = me
    f[("", "margin_error_se")] = me_se
    f[("", "margin_error_ci_low")] = me - z975 * me_se
    f[("", "margin_error_ci_high")] = me + z975 * me_se
    f[("", "tolerance")] = delta
    inside = inside and -delta <= me - z95 * me_se and me + z95 * me_se <= delta
    f[("", "coincides")] = 1.0 if inside else 0.0
    return f


def pooled(polls, order, shares, sizes, deffs, pub_final):
    """Stouffer's pooled z per candidate over the polls, each z against the final release."""
    f = {}
    for c in order:
        zs = []
        for pid in polls:
            cands = [x for x in order if x in shares[pid] and x in pub_final]
            if c not in cands or len(cands) < 2:
                continue
            sp = sum(shares[pid][x] for x in cands)
            sv = sum(pub_final[x] for x in cands)
            p, v = shares[pid][c] / sp, pub_final[c] / sv
            zs.append((p - v) / math.sqrt(deffs[pid] * v * (1 - v) / sizes[pid]))
        if zs:
            z = sum(zs) / math.sqrt(len(zs))
            f[(c, "pooled_z")] = z
            f[(c, "pooled_p")] = normal_two_sided(z)
    return f


def agreement(polls, order, shares, sizes, deff):
    cands = [c for c in order if all(c in shares[p] for p in polls)]
    table = []
    for p in polls:
        s = sum(shares[p][c] for c in cands)
        table.append([shares[p][c] / s * sizes[p] / deff for c in cands])
    rows = [sum(r) for r in table]
    cols = [sum(table[i][j] for i in range(len(polls))) for j in range(len(cands))]
    tot = sum(rows)
    chi2 = sum((table[i][j] - rows[i] * cols[j] / tot) ** 2 / (rows[i] * cols[j] / tot)
               for i in range(len(polls)) for j in range(len(cands)))
    df = (len(polls) - 1) * (len(cands) - 1)
    f = {("", "homogeneity_chi2"): chi2, ("", "homogeneity_df"): df, ("", "homogeneity_p"): chi2_sf(chi2, df),
         ("", "polls"): len(polls)}
    for j, c in enumerate(cands):
        fr = [table[i][j] / rows[i] for i in range(len(polls))]
        f[(c, "poll_spread_pp")] = 100 * (max(fr) - min(fr))
    return f


def sensitivity(pub_p, pub_v, order, src, n_used, alpha):
    """The verdict grid of docs/figures.md, section sensitivity."""
    cands = [c for c in order if c in pub_p and c in pub_v]
    p = [pub_p[c] / sum(pub_p[x] for x in cands) for c in cands]
    v = [pub_v[c] / sum(pub_v[x] for x in cands) for c in cands]
    k = len(cands)
    if not src.get("sample_size", "").strip() and not src.get("assumed_sample_size", "").strip() \
            and src.get("stations_sampled", "").strip():
        ns = {float(src["stations_sampled"]) * r for r in (10, 20, 30, 40, 60, 80, 100)}
    else:
        ns = {float(math.floor(n_used * m + 0.5)) for m in (0.1, 0.25, 0.5, 1, 2, 4)}
    ns.add(n_used)
    f = {}
    for n in sorted(ns):
        for deff in (1.0, 1.5, 1.7, 2.0, 2.5, 3.0, 4.0, 5.0):
            unit = "n=%s|deff=%s" % (fmt(n), fmt(deff))
            chi2 = sum((p[i] * n - v[i] * n) ** 2 / (v[i] * n) for i in range(k)) / deff
            chi2_p = chi2_sf(chi2, k - 1)
            f[(unit, "n")] = n
            f[(unit, "deff")] = deff
            f[(unit, "chi2_p")] = chi2_p
            f[(unit, "verdict_consistent")] = 1.0 if chi2_p >= alpha else 0.0
    return f


def fmt(x):
    return str(int(x)) if x == int(x) else repr(x)


def close(expected, actual, metric):
    if expected == actual:
        return True
    if metric in ("p_value", "p_holm", "chi2_p", "homogeneity_p", "pooled_p"):
        return abs(expected - actual) <= max(1e-7 * abs(expected), 1e-300)
    return abs(expected - actual) <= 1e-9 * max(1.0, abs(expected))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("package")
    ap.add_argument("figures")
    ap.add_argument("--deff", type=float, default=2.5)
    ap.add_argument("--respondents-per-station", type=float, default=40)
    ap.add_argument("--fallback-sample-size", type=float, default=1000)
    ap.add_argument("--alpha", type=float, default=0.05)
    ap.add_argument("--confidence", type=float, default=0.95)
    ap.add_argument("--tolerance", type=float, default=2.0)
    args = ap.parse_args()

    order, sources, data = load(args.package)
    expected = {}
    shares, sizes, deffs, polls = {}, {}, {}, []
    releases = [s for s in sources if s["kind"] == "official" and s["source_id"] in data]
    for poll in (s for s in sources if s["kind"] == "exit_poll" and s["source_id"] in data):
        pid = poll["source_id"]
        pub_p, extra_p = published_shares(poll, *data[pid])
        n, assumed = sample_size(poll, args.respondents_per_station, args.fallback_sample_size)
        deff = float(poll["deff"]) if poll.get("deff", "").strip() else args.deff
        polls.append(pid)
        shares[pid], sizes[pid], deffs[pid] = pub_p, n, deff
        for rel in releases:
            pub_v, _ = published_shares(rel, *data[rel["source_id"]])
            for (c, m), val in accuracy(pid, pub_p, extra_p, pub_v, order, n, assumed, deff,
                                        args.alpha, args.confidence, args.tolerance).items():
                expected[("accuracy", pid, rel["source_id"], "", c, m)] = val
            if rel.get("final", "").strip().lower() == "true":
                for (unit, m), val in sensitivity(pub_p, pub_v, order, poll, n, args.alpha).items():
                    expected[("sensitivity", pid, rel["source_id"], unit, "", m)] = val
    if len(polls) >= 2:
        for (c, m), val in agreement(polls, order, shares, sizes, args.deff).items():
            expected[("agreement", "", "", "", c, m)] = val
    final = [r for r in releases if r.get("final", "").strip().lower() == "true"]
    if polls and final:
        pub_final, _ = published_shares(final[0], *data[final[0]["source_id"]])
        for (c, m), val in pooled(polls, order, shares, sizes, deffs, pub_final).items():
            expected[("agreement", "", final[0]["source_id"], "", c, m)] = val

    actual = {}
    with open(args.figures, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            if r["section"] in ("accuracy", "agreement", "sensitivity") and r["level"] == "national" \
                    and not r["metric"].startswith(("pair_", "re_")):
                key = (r["section"], r["source"], r["reference"], r["unit"], r["candidate"], r["metric"])
                actual[key] = float(r["value"]) if r["value"] != "" else None

    bad = 0
    for key, val in sorted(expected.items()):
        if key not in actual:
            print("MISSING in figures.csv:", key)
            bad += 1
        elif actual[key] is None or not close(val, actual[key], key[5]):
            print("MISMATCH", key, "expected", repr(val), "got", repr(actual[key]))
            bad += 1
    print("checked %d figures (%d exit polls x %d releases + agreement): %d mismatches"
          % (len(expected), len(polls), len(releases), bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
