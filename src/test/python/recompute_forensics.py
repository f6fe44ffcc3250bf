#!/usr/bin/env python3
"""Independent re-computation of the forensic figures (docs/figures.md, section `forensics`):
Shpilkin's turnout slopes with their HC0 standard errors and shares, nationally and per district; the turnout and
leader-share histograms in tenth-of-a-point bins; and the count of stations with turnout and leader share both
>= 95 %. Written from docs/figures.md with the standard library only (no code shared with the Java application).

    python3 src/test/python/recompute_forensics.py <package> <figures.csv>

It reads every official station-level release with votes (sources.csv: kind official, level station, values
votes), resolves the candidate columns by candidate_id, name or alias (case-insensitive), keeps the first row of a
(district_id, station_id) pair, and uses the rows whose registered, ballots_cast and valid are all given (the leader's
votes too). Exit status 0 when every figure matches (relative 1e-9; counts are whole numbers, so exactly), 1 otherwise.
"""
import csv
import gzip
import math
import os
import sys


def open_text(path):
    if not os.path.exists(path) and os.path.exists(path + ".gz"):
        path += ".gz"
    if path.endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8-sig", newline="")
    return open(path, encoding="utf-8-sig", newline="")


def read(path):
    with open_text(path) as f:
        return list(csv.reader(f))


def number(cell):
    cell = cell.strip()
    return float(cell) if cell else None


def ols_hc0(x, y):
    """Slope of y on x, White's HC0 SE: sqrt(sum (x - mean x)^2 e^2) / Sxx."""
    n = len(x)
    if n < 3:
        return None, None
    mx = math.fsum(x) / n
    my = math.fsum(y) / n
    sxx = math.fsum((a - mx) ** 2 for a in x)
    if sxx <= 0:
        return None, None
    b = math.fsum((a - mx) * (c - my) for a, c in zip(x, y)) / sxx
    a0 = my - b * mx
    meat = math.fsum((a - mx) ** 2 * (c - a0 - b * a) ** 2 for a, c in zip(x, y))
    return b, math.sqrt(meat) / sxx


def tenth(a, b):
    """Bin k of 100 a / b, centred on the tenths: floor(1000 a / b + 1/2), exact for whole numbers."""
    if a == int(a) and b == int(b):
        k = (2000 * int(a) + int(b)) // (2 * int(b))
    else:
        k = math.floor(1000 * a / b + 0.5)
    return max(0, min(1000, k))


def slopes(stations, candidates, leader):
    """{(candidate or '', metric): value} for one set of stations (registered >= 100)."""
    use = [s for s in stations if s["registered"] >= 100]
    out = {("", "turnout_slope_stations"): float(len(use))}
    x = [s["ballots"] / s["registered"] for s in use]
    ballots = math.fsum(s["ballots"] for s in use)
    others_share = 0.0
    for c in candidates:
        if not any(c in s["votes"] for s in use):
            continue
        y = [s["votes"].get(c, 0.0) / s["registered"] for s in use]
        b, se = ols_hc0(x, y)
        share = math.fsum(s["votes"].get(c, 0.0) for s in use) / ballots if ballots > 0 else None
        out[(c, "turnout_slope")] = b
        out[(c, "turnout_slope_se")] = se
        out[(c, "turnout_slope_share")] = share
        if c == leader:
            out[("", "turnout_slope_leader_excess")] = None if b is None else b - share
        else:
            others_share += share
    y = [math.fsum(v / s["registered"] for c, v in s["votes"].items() if c != leader) for s in use]
    b, se = ols_hc0(x, y)
    out[("", "turnout_slope_others")] = b
    out[("", "turnout_slope_others_se")] = se
    out[("", "turnout_slope_others_share")] = others_share
    return out


def main():
    package, figures_csv = sys.argv[1], sys.argv[2]
    cands = read(os.path.join(package, "candidates.csv"))
    h = cands[0]
    names = {}
    order = []
    for r in cands[1:]:
        cid = r[h.index("candidate_id")]
        order.append(cid)
        keys = [cid, r[h.index("name")]] + [a for a in r[h.index("aliases")].split("|") if a]
        for k in keys:
            names[k.strip().lower()] = cid
    src = read(os.path.join(package, "sources.csv"))
    sh = src[0]
    expected = {}
    for r in src[1:]:
        row = dict(zip(sh, r))
        if row["kind"] != "official" or row["level"] != "station" or row["values"] != "votes":
            continue
        rows = read(os.path.join(package, row["file"]))
        head = rows[0]
        col = {c: i for i, c in enumerate(head)}
        cand_cols = {names[c.strip().lower()]: i for i, c in enumerate(head) if c.strip().lower() in names}
        seen = set()
        stations = []
        for r2 in rows[1:]:
            key = (r2[col["district_id"]], r2[col["station_id"]])
            if key in seen or not any(cell.strip() for cell in r2):
                continue
            seen.add(key)
            reg, bal, val = (number(r2[col[c]]) for c in ("registered", "ballots_cast", "valid"))
            inv = number(r2[col["invalid"]]) if "invalid" in col else None
            votes = {c: number(r2[i]) for c, i in cand_cols.items() if number(r2[i]) is not None}
            stations.append({"district": key[0], "registered": reg, "ballots": bal, "valid": val,
                             "found": (val or 0) + (inv or 0), "votes": votes})
        totals = {c: math.fsum(s["votes"].get(c, 0.0) for s in stations) for c in order}
        leader = max(order, key=lambda c: totals[c])
        full = [s for s in stations if s["registered"] is not None and s["ballots"] is not None
                and s["valid"] is not None and leader in s["votes"]]
        sid = row["source_id"]
        for (c, m), v in slopes(full, order, leader).items():
            expected[(sid, "national", "", c, m)] = v
        districts = {}
        for s in full:
            if s["district"]:
                districts.setdefault(s["district"], []).append(s)
        for d, ss in districts.items():
            for (c, m), v in slopes(ss, order, leader).items():
                expected[(sid, "district", d, c, m)] = v
        turnout = [0] * 1001
        share = [0] * 1001
        both95 = 0
        for s in full:
            if s["registered"] > 0 and s["found"] > 0:
                turnout[tenth(s["ballots"], s["registered"])] += 1
                share[tenth(s["votes"][leader], s["found"])] += 1
            if s["registered"] >= 100 and s["ballots"] / s["registered"] >= 0.95 and s["found"] > 0 \
                    and s["votes"][leader] / s["found"] >= 0.95:
                both95 += 1
        for k in range(1001):
            label = "%d.%d" % (k // 10, k % 10)
            expected[(sid, "national", label, "", "turnout_histogram_tenths")] = float(turnout[k])
            expected[(sid, "national", label, "", "leader_share_histogram_tenths")] = float(share[k])
        expected[(sid, "national", "", "", "stations_turnout_and_leader_95")] = float(both95)
    actual = {}
    with open(figures_csv, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            if r["section"] == "forensics":
                actual[(r["source"], r["level"], r["unit"], r["candidate"], r["metric"])] = \
                    float(r["value"]) if r["value"] else None
    mismatches = 0
    for key, want in expected.items():
        got = actual.get(key, "missing")
        ok = (want is None and got is None) or (isinstance(got, float) and want is not None
                                                 and abs(got - want) <= 1e-9 * abs(want) + 1e-15)
        if not ok:
            mismatches += 1
            if mismatches <= 20:
                print("MISMATCH", key, "expected", want, "figures.csv", got)
    print("checked %d forensic figures: %d mismatches" % (len(expected), mismatches))
    national = {k[3]: v for k, v in expected.items() if k[1] == "national" and k[4] == "turnout_slope"}
    for c, v in national.items():
        print("  national slope %-12s %.6f" % (c, v))
    sys.exit(1 if mismatches else 0)


if __name__ == "__main__":
    main()
