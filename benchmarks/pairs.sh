#!/bin/sh
# Two variants of the job compared run by run: two builds (each a launcher that mvn package made, in a git worktree
# of its own) or two sets of JVM options, on one package. The order alternates pair by pair (A then B, then B then A):
# on the project's machines the second run of two made back to back is faster by some 0.1-0.3 s at 1M, A against A
# (docs/benchmark.md, eighteenth round), so a comparison made in one order shows a gain that is not there.
#
#   benchmarks/pairs.sh <package folder> <pairs> <launcher A> <launcher B> ["JVM options A"] ["JVM options B"]
#
# Each variant runs as `JAVA_OPTS="-Xmx1g <its options>" <launcher> run --input=<package> --quiet` with a fresh output
# folder. Prints a line per run (wall seconds, user CPU seconds and peak RSS in MiB from /usr/bin/time, and the steps'
# wall seconds from the job's timings file), then per variant the mean and range of its wall and CPU times, and in how
# many pairs B was faster. Needs GNU time at /usr/bin/time and awk.
set -eu
pkg=$1
pairs=$2
launcherA=$3
launcherB=$4
optsA=${5:-}
optsB=${6:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
one() {
    variant=$1
    if [ "$variant" = A ]; then launcher=$launcherA; opts=$optsA; else launcher=$launcherB; opts=$optsB; fi
    rm -rf "$work/out" "$work/timings.tsv"
    # shellcheck disable=SC2086 # the options are words of their own
    JAVA_OPTS="-Xmx1g -Depa.timings=$work/timings.tsv $opts" /usr/bin/time -f "%e %U %M" -o "$work/time" \
        "$launcher" run --input="$pkg" --output="$work/out" --quiet >/dev/null 2>"$work/err" || {
        echo "variant $variant failed:" >&2
        cat "$work/err" >&2
        exit 1
    }
    steps=$(awk -F'\t' '$1 !~ /:/ && NR > 1 {printf " %s %.2f", $1, ($4 - $3) / 1000}' "$work/timings.tsv")
    set -- $(tail -1 "$work/time")
    echo "$i $variant $1 $2" >>"$work/runs"
    echo "pair $i $variant: ${1} s, ${2} s CPU, $(($3 / 1024)) MiB;$steps"
}
i=1
while [ "$i" -le "$pairs" ]; do
    if [ $((i % 2)) -eq 1 ]; then one A; one B; else one B; one A; fi
    i=$((i + 1))
done
awk '
    { wall[$2] += $3; cpu[$2] += $4; n[$2]++
      if (!($2 in lo) || $3 < lo[$2]) lo[$2] = $3
      if ($3 > hi[$2]) hi[$2] = $3
      w[$1, $2] = $3 }
    END {
      for (v = 0; v < 2; v++) {
        x = v ? "B" : "A"
        printf "%s: wall %.2f s mean (%.2f-%.2f), CPU %.2f s mean, %d runs\n", x, wall[x] / n[x], lo[x], hi[x], cpu[x] / n[x], n[x]
      }
      faster = 0; pairs = 0
      for (k in w) { split(k, kk, SUBSEP); if (kk[2] == "A") { pairs++; if (w[kk[1], "B"] < w[kk[1], "A"]) faster++ } }
      printf "B faster in %d of %d pairs; B - A: wall %+.2f s, CPU %+.2f s (means)\n", faster, pairs,
          wall["B"] / n["B"] - wall["A"] / n["A"], cpu["B"] / n["B"] - cpu["A"] / n["A"]
    }' "$work/runs"
