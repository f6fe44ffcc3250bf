#!/usr/bin/python3
"""The analyst's version of the audit, in pandas + SciPy: the peer the job's speed is measured against
(docs/benchmark.md, "The peer: the analyst's pandas + SciPy script").

What a competent analyst with a notebook would do with a package of station-level releases and exit polls, written
as one script so that it can be timed beside the job on the same package:

1. read sources.csv and candidates.csv; read every official station-level release (votes) and every exit poll
   (a national topline in percent, or station counts of respondents);
2. validate each release row by row: every figure a non-negative integer, no duplicate station, valid equal to the
   sum of the candidates, invalid + valid equal to the ballots cast, ballots cast not above registered; rows that
   fail are listed with their line and reason and left out;
3. aggregate each release per candidate (nationally) and per district;
4. compare each poll nationally with the final release: the difference per candidate, its z-score under simple
   random sampling of the poll's sample size, and a chi-square goodness-of-fit test of the poll's counts;
5. district deviations: each district's share of every candidate against the national share (z-scores), and the
   largest;
6. the integer-percentage test (turnout and the leader's share a whole percentage: observed count against the
   expected count under a uniform numerator, with a binomial test) and the last-digit test (last digits of the
   candidates' counts at stations with at least 100 votes against uniform, chi-square);
7. write an .xlsx workbook of the figures (national comparison, districts, tests, rejected rows) and figures.csv.

It is not the job: no restart, no provenance, no calibration, no per-station flags sheet. It is the yardstick.

Run it with Debian's Python (the pyenv python3 that may be first on PATH has no pandas):

    apt-get install -y python3-pandas python3-scipy python3-openpyxl
    /usr/bin/python3 benchmarks/pandas_peer.py <package folder> <output folder>

It prints its wall time per step, the total, and its peak resident set size (ru_maxrss).
"""

import math
import os
import resource
import sys
import time

import numpy as np
import pandas as pd
from scipy import stats

T0 = time.perf_counter()
LAST = [T0]


def lap(what):
    now = time.perf_counter()
    print(f"  {what}: {now - LAST[0]:.2f} s", flush=True)
    LAST[0] = now


def read_release(path, candidates):
    """A station-level file as a frame; non-numeric figures become NaN (and the row is rejected below)."""
    frame = pd.read_csv(path, dtype={"district_id": str, "station_id": str}, keep_default_na=True,
                        engine="c", low_memory=False)
    numeric = ["registered", "ballots_cast", "invalid", "valid"] + candidates
    for c in numeric:
        if c in frame.columns and frame[c].dtype == object:
            frame[c] = pd.to_numeric(frame[c], errors="coerce")
    frame["line"] = np.arange(2, len(frame) + 2)
    return frame


def validate(frame, candidates, file):
    """Rows that pass every check, and the rejected ones with their reasons."""
    reasons = pd.Series("", index=frame.index)
    figures = frame[["registered", "ballots_cast", "invalid", "valid"] + candidates]
    values = figures.to_numpy(dtype="float64")
    bad_number = np.isnan(values).any(axis=1) | (values < 0).any(axis=1) | (values != np.floor(values)).any(axis=1)
    reasons[bad_number] += "a figure missing, negative or not whole; "
    dup = frame["station_id"].duplicated(keep="first").to_numpy()
    reasons[dup] += "station listed twice; "
    cand_sum = frame[candidates].sum(axis=1).to_numpy()
    reasons[cand_sum != frame["valid"].to_numpy()] += "valid differs from the candidates' sum; "
    reasons[(frame["invalid"] + frame["valid"]).to_numpy() != frame["ballots_cast"].to_numpy()] += \
        "invalid + valid differs from ballots cast; "
    reasons[(frame["ballots_cast"] > frame["registered"]).to_numpy()] += "more ballots than registered; "
    rejected_mask = reasons.to_numpy() != ""
    rejected = pd.DataFrame({"file": file, "line": frame["line"][rejected_mask],
                             "station_id": frame["station_id"][rejected_mask],
                             "reason": reasons[rejected_mask].str.rstrip("; ")})
    return frame[~rejected_mask], rejected


def integer_percentage(num, den):
    """Observed and expected number of whole percentages num/den, and a two-sided binomial test of the excess.

    Under a numerator uniform on 0..den, 100 k / den is whole for gcd(den, 100) + 1 of the den + 1 values of k
    (k a multiple of den / gcd(den, 100)); the expected count is the sum of these probabilities over stations.
    """
    num = num.astype(np.int64)
    den = den.astype(np.int64)
    ok = den > 0
    num, den = num[ok], den[ok]
    whole = (100 * num) % den == 0
    p = (np.gcd(den, 100) + 1) / (den + 1)
    observed = int(whole.sum())
    expected = float(p.sum())
    mean_p = expected / len(den) if len(den) else 0.0
    pvalue = stats.binomtest(observed, len(den), mean_p).pvalue if len(den) else float("nan")
    return observed, expected, pvalue


def last_digits(counts):
    """Chi-square of the last digits of counts of at least 100 against uniform."""
    values = counts[counts >= 100] % 10
    observed = np.bincount(values.astype(np.int64), minlength=10)
    if observed.sum() == 0:
        return observed, float("nan"), float("nan")
    chi2, p = stats.chisquare(observed)
    return observed, chi2, p


def main(package, out):
    os.makedirs(out, exist_ok=True)
    sources = pd.read_csv(os.path.join(package, "sources.csv"), dtype=str, keep_default_na=False)
    candidates = pd.read_csv(os.path.join(package, "candidates.csv"), dtype=str)["candidate_id"].tolist()
    official = sources[(sources.kind == "official") & (sources.level == "station") & (sources["values"] == "votes")]
    polls = sources[(sources.kind == "exit_poll") & (sources.level == "national")]
    lap("sources read")

    figures = []  # (source, metric, candidate, district, value)
    rejected_all = []
    national = {}
    by_district = {}
    kept_final = None
    final_id = None
    for _, s in official.iterrows():
        frame = read_release(os.path.join(package, s.file), candidates)
        kept, rejected = validate(frame, candidates, s.file)
        rejected_all.append(rejected)
        totals = kept[["registered", "ballots_cast", "invalid", "valid"] + candidates].sum()
        national[s.source_id] = totals
        by_district[s.source_id] = kept.groupby("district_id", sort=True)[["valid"] + candidates].sum()
        for c in candidates:
            figures.append((s.source_id, "votes", c, "", totals[c]))
            figures.append((s.source_id, "share", c, "", 100 * totals[c] / totals["valid"]))
        figures.append((s.source_id, "rows_rejected", "", "", len(rejected)))
        # the forensic tests on each release
        leader = max(candidates, key=lambda c: totals[c])
        for name, num, den in (("turnout", kept["ballots_cast"], kept["registered"]),
                               ("leader_share", kept[leader], kept["valid"])):
            o, e, p = integer_percentage(num.to_numpy(), den.to_numpy())
            figures += [(s.source_id, f"integer_pct_{name}_observed", leader, "", o),
                        (s.source_id, f"integer_pct_{name}_expected", leader, "", e),
                        (s.source_id, f"integer_pct_{name}_p", leader, "", p)]
        obs, chi2, p = last_digits(kept[candidates].to_numpy().ravel())
        figures += [(s.source_id, "last_digit_chi2", "", "", chi2), (s.source_id, "last_digit_p", "", "", p)]
        if s.final == "true":
            kept_final, final_id = kept, s.source_id
        lap(f"{s.source_id}: read, validated, aggregated and screened ({len(frame):,} rows)")
        del frame

    final = national[final_id]
    final_shares = final[candidates] / final["valid"]
    comparison = []
    for _, s in polls.iterrows():
        topline = pd.read_csv(os.path.join(package, s.file)).iloc[0][candidates].astype(float) / 100
        n = float(s.sample_size)
        se = np.sqrt(final_shares * (1 - final_shares) / n)
        z = (topline - final_shares) / se
        chi2, p = stats.chisquare(topline / topline.sum() * n, final_shares / final_shares.sum() * n)
        for c in candidates:
            comparison.append((s.source_id, c, 100 * topline[c], 100 * final_shares[c], 100 * (topline[c] -
                               final_shares[c]), z[c], 2 * stats.norm.sf(abs(z[c]))))
            figures.append((s.source_id, "z", c, "", z[c]))
        figures += [(s.source_id, "chi2", "", "", chi2), (s.source_id, "chi2_p", "", "", p)]
    comparison = pd.DataFrame(comparison, columns=["poll", "candidate", "poll %", "official %", "difference",
                                                   "z", "p"])
    lap("polls compared nationally")

    d = by_district[final_id]
    shares = d[candidates].div(d["valid"], axis=0)
    national_share = final_shares.to_numpy()
    dz = (shares - national_share) / np.sqrt(national_share * (1 - national_share) / d["valid"].to_numpy()[:, None])
    deviations = shares.mul(100).add_suffix(" %").join(dz.add_suffix(" z"))
    deviations["largest |z|"] = dz.abs().max(axis=1)
    for district, row in dz.iterrows():
        for c in candidates:
            figures.append((final_id, "district_z", c, district, row[c]))
    lap("district deviations")

    rejected = pd.concat(rejected_all, ignore_index=True)
    figures = pd.DataFrame(figures, columns=["source", "metric", "candidate", "district", "value"])
    figures.to_csv(os.path.join(out, "figures.csv"), index=False)
    with pd.ExcelWriter(os.path.join(out, "audit.xlsx"), engine="openpyxl") as xl:
        pd.DataFrame({c: [national[k][c] for k in national] for c in ["valid"] + candidates},
                     index=list(national)).to_excel(xl, sheet_name="Releases")
        comparison.to_excel(xl, sheet_name="Polls", index=False)
        deviations.to_excel(xl, sheet_name="Districts")
        figures[figures.metric.str.startswith(("integer", "last"))].to_excel(xl, sheet_name="Forensics", index=False)
        rejected.head(100_000).to_excel(xl, sheet_name="Rejected rows", index=False)
    lap("workbook and figures.csv written")

    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"total {time.perf_counter() - T0:.2f} s (in the interpreter, after imports); peak RSS {rss // 1024:,} MiB;"
          f" {len(kept_final):,} final stations kept, {len(rejected):,} rows rejected")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: /usr/bin/python3 benchmarks/pandas_peer.py <package folder> <output folder>")
    main(sys.argv[1], sys.argv[2])
