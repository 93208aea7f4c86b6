#!/usr/bin/env bash
# Runs the packed GPU benchmark (bench/gpu/pack.sh made .device/) from the repository root: unpacks
# node and llama.node under /tmp and runs the bundled driver; arguments go to it (--dry-run: tiny
# models on the CPU). Logs go to $OUT/log.txt; the table is printed last.
# On the GPU machine, run first:
#   for f in .device/*.deb; do dpkg -x $f /; done; ldconfig; export VK_DRIVER_FILES=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
set -uo pipefail
dev=${DEVICE_DIR:-.device}
dir=${BENCH_DIR:-/tmp/mmskills-gpu-bench}
out=${OUT:-/tmp/gpu-bench-out}
mkdir -p "$dir" "$out"
xz -dc "$dev/node.xz" > "$dir/node" && chmod +x "$dir/node"
tar -xJf "$dev/modules.tar.xz" -C "$dir"
cp "$dev"/bench/*.mjs "$dev/bench/encode-worker.js" "$dir/"
echo "unpacked: $("$dir/node" --version), $(du -sh "$dir" | cut -f1)"
"$dir/node" "$dir/run.mjs" --out "$out" "$@" > "$out/log.txt" 2>&1
rc=$?
grep -E '^\[gpu-bench' "$out/log.txt" | cut -c1-400 | tail -40
echo "driver exit code: $rc"
gzip -f "$out/log.txt"
cat "$out/table.txt" 2>/dev/null
exit $rc
