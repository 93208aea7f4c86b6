#!/usr/bin/env bash
# Packs what bench/gpu/run.ts needs on the GPU machine into .device/ (git-ignored, under 64 MiB):
# a stripped, xz-compressed node; llama.node with its CPU and Vulkan builds and sharp with its
# libvips; the driver bundled by esbuild with the host's llama backend, prompt builder and the
# test-model generator; the host bin and the image skill bin, each bundled whole; the Vulkan/GL
# loader .debs. Prints the total size.
# Usage: bench/gpu/pack.sh [--fresh]   (--fresh rebuilds node.xz and modules.tar.xz too)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
dev="$root/.device"
kit="$root/tools/test-models/.device"
cd "$root"
[ "${1:-}" = "--fresh" ] && rm -f "$dev/node.xz" "$dev/modules.tar.xz"
mkdir -p "$dev/bench"

if [ ! -f "$dev/node.xz" ]; then
  tmp=$(mktemp -d)
  cp "$(command -v node)" "$tmp/node"
  strip "$tmp/node"
  xz -9 -T0 -c "$tmp/node" > "$dev/node.xz"
  rm -rf "$tmp"
fi
node --version > "$dev/node.version"

if [ ! -f "$dev/modules.tar.xz" ]; then
  fugood=node_modules/@fugood
  tar -cf - \
    "$fugood/llama.node/package.json" "$fugood"/llama.node/lib/*.js \
    "$fugood/node-llama-linux-x64" "$fugood/node-llama-linux-x64-vulkan" \
    node_modules/sharp node_modules/@img/sharp-linux-x64 node_modules/@img/sharp-libvips-linux-x64 \
    node_modules/@img/colour node_modules/detect-libc node_modules/semver \
    | xz -9 -T0 > "$dev/modules.tar.xz"
fi

# sharp is unpacked beside the bundles (the backend decodes pictures with core's image code, the
# image skill draws with it); core's ONNX loader, a dynamic import none of them reaches, stays out.
esbuild=(npx --no-install esbuild --bundle --platform=node --format=esm --target=node20 --log-level=warning
  --conditions=@mmskills/source "--external:@fugood/*" --external:sharp "--external:@img/*"
  --external:onnxruntime-node
  "--banner:js=import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);")
"${esbuild[@]}" bench/gpu/run.ts --outfile="$dev/bench/run.mjs"
# The generator's worker pool starts ./encode-worker.js beside the bundle.
"${esbuild[@]}" tools/test-models/src/gguf/encode-worker.ts --outfile="$dev/bench/encode-worker.js"
# The real host and image skill, as the device runs them.
"${esbuild[@]}" host/src/bin.ts --outfile="$dev/bench/host.mjs"
"${esbuild[@]}" skills/image/src/bin.ts --outfile="$dev/bench/image-skill.mjs"

debs=(libvulkan1 libglvnd0 libegl1 libopengl0 libgl1 libglx0 libgles2 libgomp1)
for name in "${debs[@]}"; do
  ls "$dev/${name}"_*.deb > /dev/null 2>&1 && continue
  if ls "$kit/${name}"_*.deb > /dev/null 2>&1; then
    cp "$kit/${name}"_*.deb "$dev/"
  else
    (cd "$dev" && apt-get -oAPT::Architecture=amd64 download "$name")
  fi
done

du -ab "$dev" | sort -n | tail -20
total=$(du -sb "$dev" | cut -f1)
echo "total: $total bytes ($((total / 1024 / 1024)) MiB of 64)"
[ "$total" -lt $((64 * 1024 * 1024)) ] || { echo "over 64 MiB" >&2; exit 1; }
