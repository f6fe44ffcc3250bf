#!/bin/sh
# Back-to-back rounds of the pandas peer and the job on one package, alternating which goes first, so that each
# ratio compares two runs made under the same load (a shared machine's single timings are meaningless).
#
#   benchmarks/rounds.sh <package folder> [rounds, default 3] [launcher, default target/app/exit-poll-audit]
#
# Prints one line per run (wall seconds and peak RSS from /usr/bin/time) and per round the job's time over the mean
# of the peer's runs around it. Needs Debian's python3 with pandas, SciPy and openpyxl (see docs/benchmark.md) and a
# built jar with its class-data archive and launcher (mvn package). The job runs as the launcher starts it, with -Xmx1g.
# To measure another build, give its launcher where mvn package put it (a git worktree of its own): a target/app copied
# elsewhere cannot use its class-data archive, which records the jars' paths, and starts about 1.2 s slower.
set -eu
pkg=$1
rounds=${2:-3}
launcher=${3:-target/app/exit-poll-audit}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
peer() {
    /usr/bin/time -f "%e %M" -o "$work/t" /usr/bin/python3 benchmarks/pandas_peer.py "$pkg" "$work/peer" >/dev/null
    cat "$work/t"
}
job() {
    rm -rf "$work/job"
    JAVA_OPTS=-Xmx1g /usr/bin/time -f "%e %M" -o "$work/t" "$launcher" run --input="$pkg" --output="$work/job" \
        --quiet >/dev/null
    cat "$work/t"
}
i=1
while [ "$i" -le "$rounds" ]; do
    if [ $((i % 2)) -eq 1 ]; then
        a=$(peer); b=$(job); c=$(peer)
    else
        c=$(peer); b=$(job); a=$(peer)
    fi
    echo "round $i: peer ${a% *} s (${a#* } KB), job ${b% *} s (${b#* } KB), peer ${c% *} s" \
        "-> job / peer = $(echo "${b% *} / ((${a% *} + ${c% *}) / 2)" | bc -l | cut -c1-4)"
    i=$((i + 1))
done
