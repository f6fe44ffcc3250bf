# Student's t quantile for the 95 % intervals of benchmarks/paired.awk and benchmarks/ratios.awk (awk -f tquantile.awk
# -f <the other>); checked by ops/PairedSummaryTest and ops/RatioSummaryTest.

function tquantile(df) {
    # t(0.975, df): the table of any statistics text for df <= 30 (to three decimals); beyond, the first terms of the
    # Cornish-Fisher expansion about the normal quantile z = 1.959964 (Abramowitz & Stegun 1964, 26.7.5),
    # z + (z^3 + z) / (4 df) + (5 z^5 + 16 z^3 + 3 z) / (96 df^2), within 1e-4 of the exact value for every df above 30
    if (df > 30) return 1.959964 + 2.372271 / df + 2.822499 / (df * df)
    split("12.706 4.303 3.182 2.776 2.571 2.447 2.365 2.306 2.262 2.228 2.201 2.179 2.160 2.145 2.131 " \
          "2.120 2.110 2.101 2.093 2.086 2.080 2.074 2.069 2.064 2.060 2.056 2.052 2.048 2.045 2.042", t, " ")
    return t[df] + 0
}
