# The summary of benchmarks/rounds.sh: reads one ratio per line (a round's job time over the mean of the peer's two
# runs around it) and prints their number, median and range, and their geometric mean with a 95 % confidence interval:
# Student's t on the logarithms, exp(mean +- t(0.975, n - 1) * sd / sqrt(n)). The logarithms because a ratio's errors
# multiply (1.2 and 1 / 1.2 are as far from 1); the interval assumes the rounds independent (no drift of the
# machine's speed over the series, which the back-to-back design of each round is there to take out) and their
# logarithms close to normal. One round gives no interval.
# Run with benchmarks/tquantile.awk before it (awk -f tquantile.awk -f ratios.awk). POSIX awk; a test runs it on
# recorded ratios (ops/RatioSummaryTest).

{ n++; r[n] = $1 + 0; lg[n] = log($1) }

END {
    if (n == 0) { print "no rounds"; exit }
    mean = 0
    for (i = 1; i <= n; i++) mean += lg[i] / n
    # median: sorted by insertion (a few rounds)
    for (i = 2; i <= n; i++) { x = r[i]; for (j = i - 1; j >= 1 && r[j] > x; j--) r[j + 1] = r[j]; r[j + 1] = x }
    median = n % 2 ? r[(n + 1) / 2] : (r[n / 2] + r[n / 2 + 1]) / 2
    printf "job / peer over %d round%s: median %.2f, range %.2f-%.2f", n, n == 1 ? "" : "s", median, r[1], r[n]
    if (n < 2) { printf "\n"; exit }
    ss = 0
    for (i = 1; i <= n; i++) ss += (lg[i] - mean) ^ 2
    h = tquantile(n - 1) * sqrt(ss / (n - 1)) / sqrt(n)
    printf "; geometric mean %.2f, 95 %% CI %.2f-%.2f (t on %d df, on the logarithms)\n", exp(mean), exp(mean - h),
        exp(mean + h), n - 1
}
