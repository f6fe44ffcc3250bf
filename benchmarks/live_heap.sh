#!/bin/sh
# The job's live heap through a whole run: the data it keeps, garbage aside. Runs the job on a package as the launcher
# starts it (-Xmx1g unless JAVA_OPTS says otherwise) and samples the heap with `jcmd <pid> GC.class_histogram`, which
# runs a full collection first, so that each sample is the live data alone; prints every sample's total and, at the
# end, the peak with its largest classes. Sampling slows the run (a full collection each time): it measures memory,
# not time. A peak between two samples is missed, so sample often (the ninth round of docs/benchmark.md used 0.2 s at
# 1M, 0.5 s at 10M).
#
#   benchmarks/live_heap.sh <package folder> [seconds between samples, default 0.5] [launcher, default target/app/exit-poll-audit]
#
# Needs a built launcher (mvn package) and the JDK's jcmd on PATH.
set -eu
pkg=$1
interval=${2:-0.5}
launcher=${3:-target/app/exit-poll-audit}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
JAVA_OPTS=${JAVA_OPTS:--Xmx1g} "$launcher" run --input="$pkg" --output="$work/out" --quiet >"$work/job.log" 2>&1 &
launched=$!
# the JVM is the launcher's child (or the launcher itself once it has exec'd java)
pid=
for _ in $(seq 1 100); do
    pid=$(pgrep -f -n "exit-poll-audit.jar run --input=$pkg --output=$work/out" || true)
    [ -n "$pid" ] && break
    sleep 0.05
done
if [ -z "$pid" ]; then
    echo "the job did not start:" >&2
    cat "$work/job.log" >&2
    exit 1
fi
i=0
peak=0
while kill -0 "$pid" 2>/dev/null; do
    if jcmd "$pid" GC.class_histogram >"$work/h" 2>/dev/null && tail -1 "$work/h" | grep -q '^Total'; then
        bytes=$(tail -1 "$work/h" | awk '{print $3}')
        echo "$(date +%H:%M:%S.%N | cut -c1-12) $(echo "$bytes" | awk '{printf "%.1f", $1 / 1048576}') MiB"
        if [ "$bytes" -gt "$peak" ]; then
            peak=$bytes
            cp "$work/h" "$work/peak"
        fi
    fi
    i=$((i + 1))
    sleep "$interval"
done
wait "$launched" || { echo "the job failed:" >&2; tail -20 "$work/job.log" >&2; exit 1; }
echo "samples: $i; live peak: $(echo "$peak" | awk '{printf "%.1f", $1 / 1048576}') MiB, its largest classes:"
head -13 "$work/peak" | tail -10 | awk '{printf "  %-60s %8.1f MiB\n", $4, $3 / 1048576}'
