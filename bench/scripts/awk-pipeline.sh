#!/usr/bin/env bash
# The awk pipeline a user would script to count ACCEPT records per interface,
# destination port and protocol, on all cores: the .gz files under DIR split
# into JOBS lists, one `zcat | awk` pipeline per list in parallel, then one awk
# that adds up their counts.
# Usage: awk-pipeline.sh DIR JOBS OUT
set -euo pipefail
dir=$1 jobs=$2 out=$3
here=$(dirname "$0")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

find "$dir" -name '*.gz' > "$work/files"
split --number="r/$jobs" "$work/files" "$work/part."

pids=()
for part in "$work"/part.*; do
  xargs --delimiter='\n' zcat < "$part" | awk -f "$here/count-accepted.awk" > "$part.counts" &
  pids+=("$!")
done
for pid in "${pids[@]}"; do wait "$pid"; done

cat "$work"/part.*.counts |
  awk '{ count[$1 " " $2 " " $3] += $4 } END { for (key in count) print key, count[key] }' > "$out"
