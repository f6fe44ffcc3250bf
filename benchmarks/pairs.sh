#!/bin/sh
# Two variants of the job compared run by run: two builds (each a launcher that mvn package made, in a git worktree
# of its own) or two sets of JVM options, on one package. The order alternates pair by pair (A then B, then B then A):
# on the project's machines the second of two runs made back to back was faster, A against A, by 0.05-0.26 s at 1M
# (0.16 s on average, five pairs; docs/benchmark.md, "The order of a pair matters"), so a comparison made in one
# order shows a gain that is not there. Give an even number of pairs, so that each variant runs first as often.
#
#   benchmarks/pairs.sh <package folder> <pairs> <launcher A> <launcher B> ["JVM options A"] ["JVM options B"]
#
# Each variant runs as `JAVA_OPTS="-Xmx1g <its options>" <launcher> run --input=<package> --quiet` with a fresh output
# folder; one run of A before the pairs, not counted, reads the package and the jars into the file cache. Prints a
# line per run (wall seconds, CPU seconds, user and system, and peak RSS in MiB from /usr/bin/time, and the steps' wall
# seconds from the job's timings file), then per variant the mean and range of its wall time and the mean of its CPU
# time, in how many pairs B was faster (with an exact sign test), and B's effect on the wall and the CPU time with a
# 95 % confidence interval that allows for the order's own effect (benchmarks/paired.awk says how). Needs GNU time at
# /usr/bin/time and awk.
set -eu
if [ $# -lt 4 ] || ! [ "$2" -ge 1 ] 2>/dev/null; then
    echo "usage: $0 <package folder> <pairs, 1 or more> <launcher A> <launcher B> [\"JVM options A\"] [\"JVM options B\"]" >&2
    exit 2
fi
here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
pkg=$1
pairs=$2
launcherA=$3
launcherB=$4
optsA=${5:-}
optsB=${6:-}
work=$(mktemp -d)
# an interrupted comparison leaves no output folder behind (dash runs the EXIT trap on exit only)
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
one() {
    variant=$1
    if [ "$variant" = A ]; then launcher=$launcherA; opts=$optsA; else launcher=$launcherB; opts=$optsB; fi
    rm -rf "$work/out" "$work/timings.tsv"
    # shellcheck disable=SC2086 # the options are words of their own
    JAVA_OPTS="-Xmx1g -Depa.timings=$work/timings.tsv $opts" /usr/bin/time -f "%e %U %S %M" -o "$work/time" \
        "$launcher" run --input="$pkg" --output="$work/out" --quiet >/dev/null 2>"$work/err" || {
        echo "variant $variant failed:" >&2
        cat "$work/err" >&2
        exit 1
    }
    steps=$(awk -F'\t' '$1 !~ /:/ && NR > 1 {printf " %s %.2f", $1, ($4 - $3) / 1000}' "$work/timings.tsv")
    set -- $(tail -1 "$work/time")
    cpu=$(echo "$2 $3" | awk '{printf "%.2f", $1 + $2}')
    if [ "$i" -gt 0 ]; then
        echo "$i $variant $1 $cpu" >>"$work/runs"
        label="pair $i $variant"
    else
        label="warm-up $variant (not counted)"
    fi
    echo "$label: ${1} s, $cpu s CPU, $(($4 / 1024)) MiB;$steps"
}
i=0
one A
i=1
while [ "$i" -le "$pairs" ]; do
    if [ $((i % 2)) -eq 1 ]; then one A; one B; else one B; one A; fi
    i=$((i + 1))
done
awk -f "$here/tquantile.awk" -f "$here/paired.awk" "$work/runs"
