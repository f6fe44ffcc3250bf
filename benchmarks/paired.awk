# The summary of benchmarks/pairs.sh: reads one line per counted run,
#
#   <pair number> <A or B> <wall seconds> <CPU seconds>
#
# and prints each variant's mean and range, how many pairs B won, and B's effect on the wall time and on the CPU time
# with a 95 % confidence interval. Why a model and not the plain mean of the pairs' differences: the second run of a
# pair is faster whatever it runs (by about 0.16 s at 1M, docs/benchmark.md, "The order of a pair matters"), and
# pairs.sh alternates the order (A first in odd pairs, B first in even ones), the two-period crossover design (AB/BA)
# of clinical trials (Senn 2002, Cross-over Trials in Clinical Research, 2nd ed., ch. 3), so each pair's difference
# d = B - A is
#
#   d_i = delta + s_i * omega + e_i,   s_i = +1 when A ran first (B second), -1 when B ran first,
#
# with delta the variants' difference, -omega what a run gains by running second, and e_i the noise. Ordinary least
# squares on the regressors (1, s_i) gives delta's estimate, (mean d of the pairs A began + mean d of those B began) / 2,
# and its standard error from the residual variance on n - 2 degrees of freedom, and the interval
# delta +- t(0.975, n - 2) * SE (Student's t). For an even number of pairs, where the s_i sum to 0, the estimate is the
# mean of the d_i, and the order's effect is taken out of the interval rather than widening it. The interval assumes
# the e_i independent (no drift of the machine's speed over the series), of one variance in both orders and close to
# normal, and the gain from running second the same for A and B (if it is not, delta is B's effect averaged over both
# positions). With fewer than three pairs no degree of freedom is left and there is no interval; when every pair ran
# in one order, delta cannot be told from the order's effect. The pairs B won also get a two-sided exact sign test
# (ties left out): it assumes independent pairs but nothing about the noise's shape; the order's effect, which it does
# not allow for, makes it conservative for an even number of pairs.
# Run with benchmarks/tquantile.awk before it (awk -f tquantile.awk -f paired.awk). POSIX awk (mawk and gawk alike); a
# test runs it on recorded runs (ops/PairedSummaryTest).

function signtest(k, m,    j, c, lo, hi, p) {
    # two-sided exact p-value of k successes in m trials of probability 1/2: twice the smaller tail, at most 1
    if (m == 0) return 1
    c = 1; lo = 0; hi = 0
    for (j = 0; j <= m; j++) {
        p = c / 2 ^ m
        if (j <= k) lo += p
        if (j >= k) hi += p
        c = c * (m - j) / (j + 1)
    }
    p = 2 * (lo < hi ? lo : hi)
    return p > 1 ? 1 : p
}

# the effect of B on column col (3: wall, 4: CPU) by the model above, from the pairs with both runs; sets est, se (-1:
# no interval), df, order and complete (how many pairs)
function effect(col,    i, n, S, sd, ssd, s, d, den, r, rss) {
    n = 0; S = 0; sd = 0; ssd = 0; complete = 0
    for (i = 1; i <= last; i++) {
        if (!((i, "A") in run) || !((i, "B") in run)) continue
        s = i % 2 == 1 ? 1 : -1
        d = value[i, "B", col] - value[i, "A", col]
        n++; S += s; sd += d; ssd += s * d
        ds[n] = d; ss[n] = s
    }
    den = n * n - S * S
    df = n - 2
    complete = n
    if (den == 0 || df < 1) { est = n ? sd / n : 0; se = -1; return }
    est = (n * sd - S * ssd) / den
    order = (n * ssd - S * sd) / den
    rss = 0
    for (i = 1; i <= n; i++) { r = ds[i] - est - ss[i] * order; rss += r * r }
    se = sqrt(rss / df * n / den)
}

# x to two decimals, with no negative zero (a difference of -0.000001 s prints as +0.00, not -0.00)
function r2(x) {
    x = sprintf("%.2f", x) + 0
    return x == 0 ? 0 : x
}

function line(name, col, unit,    t, o) {
    effect(col)
    if (complete == 0) {
        printf "B - A, %s: no pair with both runs\n", name
        return
    }
    if (se < 0) {
        printf "B - A, %s: %+.2f %s (%s)\n", name, r2(est), unit, complete < 3 ? "too few pairs for an interval" \
            : "every pair ran in one order: the variants' difference cannot be told from the order's"
        return
    }
    t = tquantile(df)
    o = r2(order)
    printf "B - A, %s: %+.2f %s, 95 %% CI %+.2f to %+.2f %s%s (t on %d df, the order's own effect taken out: %s)\n",
        name, r2(est), unit, r2(est - t * se), r2(est + t * se), unit, se == 0 ? ", no spread" : "", df,
        o == 0 ? "none at two decimals" : sprintf("the second run of a pair %.2f %s %s", o < 0 ? -o : o, unit,
        o < 0 ? "faster" : "slower")
}

{
    run[$1, $2] = 1
    value[$1, $2, 3] = $3
    value[$1, $2, 4] = $4
    if ($1 + 0 > last) last = $1 + 0
    wall[$2] += $3; cpu[$2] += $4; count[$2]++
    if (!($2 in lo) || $3 < lo[$2]) lo[$2] = $3
    if ($3 > hi[$2]) hi[$2] = $3
}

END {
    for (v = 0; v < 2; v++) {
        x = v ? "B" : "A"
        if (count[x]) printf "%s: wall %.2f s mean (%.2f-%.2f), CPU %.2f s mean, %d runs\n", x, wall[x] / count[x],
            lo[x], hi[x], cpu[x] / count[x], count[x]
    }
    faster = 0; slower = 0; pairs = 0
    for (i = 1; i <= last; i++) {
        if (!((i, "A") in run) || !((i, "B") in run)) continue
        pairs++
        if (value[i, "B", 3] < value[i, "A", 3]) faster++
        else if (value[i, "B", 3] > value[i, "A", 3]) slower++
    }
    ties = pairs - faster - slower
    printf "B faster in %d of %d pairs%s (exact sign test%s: p = %.3f)\n", faster, pairs,
        ties ? sprintf(", %d tied", ties) : "", ties ? sprintf(" on the %d untied", faster + slower) : "",
        signtest(faster, faster + slower)
    line("wall", 3, "s")
    line("CPU", 4, "s")
}
