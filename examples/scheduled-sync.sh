#!/usr/bin/env bash
# For operators: a full sync as a scheduler runs it, with the exit codes a scheduler acts on.
#
#   crontab:  0 2 * * *  cd /opt/trialsync && examples/scheduled-sync.sh >> /var/log/trialsync-sync.log 2>&1
#
# Configuration comes from the environment or .env: CC_API_BASE_URL, CC_API_KEY (the key is never
# printed), DATABASE_URL (unset: the embedded PGlite warehouse under TRIALSYNC_DATA_DIR, default
# .trialsync in the repository), ETL_* and LOG_FORMAT=json for log shippers.
# Without CC_API_BASE_URL (to try the script) it starts `trialsync sandbox` for the duration.
#
# Exit codes, passed through from `trialsync run`: 0 every job succeeded; 1 a job failed even
# after one resume (alert someone); 2 usage or configuration error (fix the settings);
# 130/143 stopped by SIGINT/SIGTERM (the next run, or `trialsync resume`, continues).
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
log() { printf '%s scheduled-sync: %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*"; }

# `pnpm trialsync ...` without pnpm in between, so a scheduler's SIGTERM reaches the CLI (which
# then cancels cleanly): the CLI runs as this script's child, and the traps below forward signals.
child=""
start_trialsync() { (cd "$root" && exec node --max-semi-space-size=8 --conditions=source --import tsx packages/runner-cli/src/bin.ts "$@") & }
trialsync() {
  start_trialsync "$@"
  child=$!
  local status
  while :; do
    wait "$child"
    status=$?
    # `wait` returns early when a trapped signal arrives; the CLI is still cleaning up.
    kill -0 "$child" 2>/dev/null || break
  done
  child=""
  return "$status"
}
forward() { [ -n "$child" ] && kill -"$1" "$child" 2>/dev/null; true; }
trap 'forward INT' INT
trap 'forward TERM' TERM

sandbox_pid=""
stop_sandbox() { [ -n "$sandbox_pid" ] && kill -TERM "$sandbox_pid" 2>/dev/null && wait "$sandbox_pid" 2>/dev/null; true; }
trap stop_sandbox EXIT

if [ -z "${CC_API_BASE_URL:-}" ]; then
  # Try-out mode: a small sandbox on a free port; its URL and throwaway key come from its output.
  sandbox_out="$(mktemp)"
  start_trialsync sandbox --port 0 --scale "${SANDBOX_SCALE:-0.001}" >"$sandbox_out" 2>&1
  sandbox_pid=$!
  for _ in $(seq 1 120); do
    grep -q '^  export CC_API_BASE_URL=' "$sandbox_out" && break
    kill -0 "$sandbox_pid" 2>/dev/null || { cat "$sandbox_out"; exit 2; }
    sleep 0.5
  done
  eval "$(grep -m1 '^  export CC_API_BASE_URL=' "$sandbox_out")"
  export ETL_RATE_LIMIT_RPS="${ETL_RATE_LIMIT_RPS:-0}" # our own server: no rate limit needed
  log "CC_API_BASE_URL is not set: using a sandbox at $CC_API_BASE_URL"
fi

# 1. Create or upgrade the warehouse and seed the job catalog (idempotent, cheap when up to date).
trialsync migrate || exit $?

# 2. Sync every active job. Keep the output: it names the run to resume if something failed.
run_out="$(mktemp)"
trialsync run --all > >(tee "$run_out")
status=$?

# 3. A failed job (exit 1) gets one resume: transient trouble (a 5xx storm, a timeout) heals,
#    committed pages are not fetched again. Usage/config errors (2) and signals (130/143) do not.
if [ "$status" -eq 1 ]; then
  run_id="$(grep -o 'resume --run-id [0-9]*' "$run_out" | head -n1 | grep -o '[0-9]*$')"
  if [ -n "$run_id" ]; then
    log "some jobs did not succeed: resuming run $run_id once"
    trialsync resume --run-id "$run_id"
    status=$?
  fi
fi

# 4. The last run of every job, for the log (not after a signal: the scheduler wants us gone).
[ "$status" -lt 128 ] && trialsync status

case "$status" in
  0) log "sync succeeded" ;;
  1) log "ALERT: jobs failed after one resume (exit 1): see the table above and \`trialsync history\`" ;;
  2) log "ALERT: usage or configuration error (exit 2): fix the settings named above" ;;
  *) log "stopped by a signal (exit $status): the next run continues from the checkpoints" ;;
esac
exit "$status"
