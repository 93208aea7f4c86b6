#!/usr/bin/env bash
# The README's first command, as a newcomer runs it on this fresh clone: `npm start` installs,
# builds and serves; CI waits for it to say it is running, checks what it serves, then stops it.
set -euo pipefail
log=$(mktemp)
setsid npm start >"$log" 2>&1 &
pid=$!
stop() { kill -INT -- "-$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
trap stop EXIT
for _ in $(seq 1 900); do
  grep -q 'Press Ctrl-C to stop.' "$log" && break
  if ! kill -0 "$pid" 2>/dev/null; then
    cat "$log"
    echo "ci: npm start exited before it served" >&2
    exit 1
  fi
  sleep 1
done
grep -q 'Press Ctrl-C to stop.' "$log" || { cat "$log"; echo "ci: npm start did not serve in 15 min" >&2; exit 1; }
grep -v '^{' "$log" | tail -5
node .ci/served.mjs 'http://127.0.0.1:8080/health="status":"ok"' 'http://127.0.0.1:8080/=<title>mmskills</title>' \
  'http://127.0.0.1:8090/health="status":"ok"' 'http://127.0.0.1:8080/v1/tools=image__crop'
npx mmskills --help | head -1
if grep -q 'npm warn' "$log"; then
  grep 'npm warn' "$log"
  echo "ci: npm start printed npm warnings" >&2
  exit 1
fi
stop
trap - EXIT
echo "ci: npm start served and stopped"
