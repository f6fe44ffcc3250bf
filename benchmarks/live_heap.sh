#!/bin/sh
# The job's live heap through a whole run: the data it keeps, garbage aside. Runs the job on a package as the launcher
# starts it (-Xmx1g unless JAVA_OPTS says otherwise) and samples the heap with `jcmd <pid> GC.class_histogram`, which
# runs a full collection first, so that each sample is the live data alone; prints every sample's total and, at the
# end, the peak with its largest classes. Sampling slows the run (a full collection each time): it measures memory,
# not time. Samples come every interval plus the time jcmd takes to start (0.2-0.4 s here), and a peak between two
# of them is missed, so repeated runs differ by a few MiB (docs/benchmark.md, "the same live heap at 10M as at 1M").
#
#   benchmarks/live_heap.sh <package folder> [seconds between samples, default 0.5] [launcher, default target/app/exit-poll-audit]
#
# Needs a built launcher (mvn package), the JDK's jcmd on PATH, and Linux (fractional sleep, mktemp -d, date +%N).
set -eu
pkg=$1
interval=${2:-0.5}
launcher=${3:-target/app/exit-poll-audit}
work=$(mktemp -d)
# the launcher execs java, so the background job is the JVM itself
JAVA_OPTS=${JAVA_OPTS:--Xmx1g} "$launcher" run --input="$pkg" --output="$work/out" --quiet >"$work/job.log" 2>&1 &
pid=$!
# an interrupted measurement takes the job with it
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
i=0
peak=0
while kill -0 "$pid" 2>/dev/null; do
    if jcmd "$pid" GC.class_histogram >"$work/h" 2>/dev/null && tail -1 "$work/h" | grep -q '^Total'; then
        bytes=$(tail -1 "$work/h" | awk '{print $3}')
        i=$((i + 1))
        echo "$(date +%H:%M:%S.%N | cut -c1-12) $(echo "$bytes" | awk '{printf "%.1f", $1 / 1048576}') MiB"
        if [ "$bytes" -gt "$peak" ]; then
            peak=$bytes
            cp "$work/h" "$work/peak"
        fi
    fi
    sleep "$interval"
done
if ! wait "$pid"; then
    echo "the job failed:" >&2
    tail -20 "$work/job.log" >&2
    exit 1
fi
if [ "$i" -eq 0 ]; then
    echo "the job ended before a sample could be taken (a shorter interval may catch it)" >&2
    exit 1
fi
echo "samples: $i; live peak: $(echo "$peak" | awk '{printf "%.1f", $1 / 1048576}') MiB, its largest classes:"
head -13 "$work/peak" | tail -10 | awk '{printf "  %-60s %8.1f MiB\n", $4, $3 / 1048576}'
