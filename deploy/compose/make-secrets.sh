#!/usr/bin/env bash
# Writes the files compose.yaml reads its secrets from (./secrets/, git-ignored), each a fresh random
# token; an existing file is kept, so running it again changes nothing. hf_token starts empty: put a
# Hugging Face token there only for gated models (compose.vllm.yaml).
set -euo pipefail
cd "$(dirname "$0")"
# The folder is the operator's alone; the files are readable by all, because Compose bind-mounts
# them as they are and the services run as the image's non-root user (uid 1000), not as their owner.
mkdir -p secrets
chmod 700 secrets
umask 022
token() { od -An -N24 -tx1 /dev/urandom | tr -d ' \n'; }
write() { [ -e "secrets/$1" ] || printf '%s\n' "$2" >"secrets/$1"; }
write postgres_password "$(token)"
password=$(cat secrets/postgres_password)
write registry_database_url "postgres://mmskills:${password}@postgres:5432/mmskills_registry"
write host_database_url "postgres://mmskills:${password}@postgres:5432/mmskills_host"
write registry_admin_token "$(token)"
write host_api_keys "$(token)"
write lmm_api_key "$(token)"
[ -e secrets/hf_token ] || : >secrets/hf_token
echo "secrets in $(pwd)/secrets; the host's API key: $(cat secrets/host_api_keys)"
