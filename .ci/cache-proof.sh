#!/usr/bin/env bash
# nx replays a cached test pass when a task's inputs are unchanged. This shows it never replays
# one whose inputs changed where the test reaches them indirectly: a skill the host's tests spawn
# by path, and the PostgreSQL URL the registry's store tests read from the environment. Each case
# runs one test file four times: first (cached afterwards), again (must come from the cache, or
# the proof would prove nothing), after the change (must run), after undoing it (cached again).
set -euo pipefail
cd "$(dirname "$0")/.."
export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false
log=$(mktemp)
failures=0

# first <what> <nx target> <test file>: a run that fills the cache, whatever it finds there.
first() {
  npx nx run "$2" --outputStyle=static -- "$3" >"$log" 2>&1 || { cat "$log"; echo "cache-proof: $2 $3 failed"; exit 1; }
}

# run <expect: cached|ran> <what> <nx target> <test file>
run() {
  first "$2" "$3" "$4"
  local got=ran
  grep -q 'Nx read the output from the cache' "$log" && got=cached
  if [[ "$got" == "$1" ]]; then
    echo "cache-proof: $2: $got, as it must"
  else
    echo "cache-proof: $2: $got, but it must be $1"
    failures=$((failures + 1))
  fi
}

spawned=skills/image/src/bin.ts
saved=$(mktemp)
cp "$spawned" "$saved"
first 'host test, first run' @mmskills/host:test test/tools-api.test.ts
run cached 'host test, nothing changed' @mmskills/host:test test/tools-api.test.ts
echo "// cache-proof: a change to a skill the host's tests spawn" >>"$spawned"
run ran "host test, after editing the image skill's $spawned" @mmskills/host:test test/tools-api.test.ts
cp "$saved" "$spawned"
run cached 'host test, edit undone' @mmskills/host:test test/tools-api.test.ts

if [[ -n "${MMSKILLS_TEST_DATABASE_URL:-}" ]]; then
  url=$MMSKILLS_TEST_DATABASE_URL
  first 'registry store test, first run' @mmskills/registry:test test/postgres-store.test.ts
  run cached 'registry store test, nothing changed' @mmskills/registry:test test/postgres-store.test.ts
  sep='?'; [[ "$url" == *\?* ]] && sep='&'
  MMSKILLS_TEST_DATABASE_URL="${url}${sep}application_name=cache-proof" \
    run ran 'registry store test, another database URL' @mmskills/registry:test test/postgres-store.test.ts
  run cached 'registry store test, URL as before' @mmskills/registry:test test/postgres-store.test.ts
fi

rm -f "$log" "$saved"
if ((failures > 0)); then
  echo "cache-proof: $failures case(s) wrong: nx would replay stale passes"
  exit 1
fi
