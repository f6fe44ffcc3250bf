#!/bin/sh
# Back-to-back rounds of the pandas peer and the job on one package, alternating which goes first, so that each
# ratio compares two runs made under the same load (a shared machine's single timings are meaningless).
#
#   benchmarks/rounds.sh <package folder> [rounds, default 3] [launcher, default target/app/exit-poll-audit]
#
# The peer reads the benchmark's synthetic packages (it does not implement all of the input format, such as a results
# file whose candidate columns are not named by the candidates' ids); where it or the job fails, the rounds stop with
# its error.
# Prints per round the runs (wall seconds and peak RSS from /usr/bin/time) and the job's time over the mean of the
# peer's runs around it, then over all rounds the ratio's median, range and geometric mean with a 95 % confidence
# interval (benchmarks/ratios.awk). Needs Debian's python3 with pandas, SciPy and openpyxl (see docs/benchmark.md) and a
# built jar with its class-data archive and launcher (mvn package). The job runs as the launcher starts it, with -Xmx1g.
# To measure another build, give its launcher where mvn package put it (a git worktree of its own): a target/app copied
# elsewhere cannot use its class-data archive, which records the jars' paths, and starts about 1.2 s slower.
set -eu
here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
pkg=$1
rounds=${2:-3}
launcher=${3:-target/app/exit-poll-audit}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# each prints "<wall seconds> <peak RSS KB>"; a run that fails stops the rounds with its error (in a command
# substitution, the exit leaves the subshell, and set -e the script)
peer() {
    if ! /usr/bin/time -f "%e %M" -o "$work/t" /usr/bin/python3 benchmarks/pandas_peer.py "$pkg" "$work/peer" \
            >/dev/null 2>"$work/err"; then
        echo "the pandas peer failed on $pkg:" >&2
        tail -5 "$work/err" >&2
        exit 1
    fi
    cat "$work/t"
}
job() {
    rm -rf "$work/job"
    if ! JAVA_OPTS=-Xmx1g /usr/bin/time -f "%e %M" -o "$work/t" "$launcher" run --input="$pkg" --output="$work/job" \
            --quiet >/dev/null 2>"$work/err"; then
        echo "the job failed on $pkg:" >&2
        tail -5 "$work/err" >&2
        exit 1
    fi
    cat "$work/t"
}
i=1
while [ "$i" -le "$rounds" ]; do
    if [ $((i % 2)) -eq 1 ]; then
        a=$(peer); b=$(job); c=$(peer)
    else
        c=$(peer); b=$(job); a=$(peer)
    fi
    ratio=$(awk -v a="${a% *}" -v b="${b% *}" -v c="${c% *}" 'BEGIN { printf "%.6f", b / ((a + c) / 2) }')
    echo "$ratio" >>"$work/ratios"
    echo "round $i: peer ${a% *} s (${a#* } KB), job ${b% *} s (${b#* } KB), peer ${c% *} s" \
        "-> job / peer = $(awk -v r="$ratio" 'BEGIN { printf "%.2f", r }')"
    i=$((i + 1))
done
awk -f "$here/tquantile.awk" -f "$here/ratios.awk" "$work/ratios"
