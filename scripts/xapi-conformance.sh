#!/usr/bin/env bash
# Runs the ADL LRS conformance test suite against a local Kembang server, for xAPI 2.0.0 and 1.0.3.
#
#   scripts/xapi-conformance.sh                 # embedded PGlite in a temporary directory
#   DATABASE_URL=postgres://… scripts/xapi-conformance.sh   # a PostgreSQL database (seeded with the demo if empty)
#
# The suite is not part of this repository. Get it once, outside the repository:
#   git clone https://github.com/adlnet/lrs-conformance-test-suite /tmp/lrs-suite
#   (cd /tmp/lrs-suite && git checkout 2ec25f2eb8ccfcb7cb63ec2679dbd965f9f6ffdc && npm install)
# and point LRS_SUITE_DIR at it (default /tmp/lrs-suite).
#
# The result of each version is read from the suite's final summary line ({"total":…,"passed":…,"failed":…}),
# not from its exit code. Exits non-zero when any test failed or a summary is missing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SUITE_DIR="${LRS_SUITE_DIR:-/tmp/lrs-suite}"
VERSIONS="${XAPI_VERSIONS:-2.0.0 1.0.3}"
SUITE_NODE="${SUITE_NODE:-node}"
GREP="${SUITE_GREP:-}"

if [[ ! -f "$SUITE_DIR/bin/console_runner.js" ]]; then
  echo "LRS conformance suite not found in $SUITE_DIR (set LRS_SUITE_DIR; see the comment at the top of this script)" >&2
  exit 2
fi

cd "$ROOT"
KEMBANG=(npx --no-install node src/main.ts)
PORT="$(npx --no-install node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
WORK="$(mktemp -d /tmp/kembang-xapi-conformance.XXXXXX)"
export PORT LOG_LEVEL="${LOG_LEVEL:-warn}" HOST=127.0.0.1 PUBLIC_URL="http://127.0.0.1:$PORT"
# The suite sends thousands of requests a minute from one credential.
export XAPI_RATE_LIMIT_PER_MINUTE=0
if [[ -z "${DATABASE_URL:-}" ]]; then
  export KEMBANG_DATA_DIR="$WORK/data"
  DB_LABEL="pglite ($KEMBANG_DATA_DIR)"
  "${KEMBANG[@]}" seed --demo >/dev/null
else
  DB_LABEL="postgres"
  "${KEMBANG[@]}" migrate >/dev/null
  "${KEMBANG[@]}" seed --demo --password "conformance-$RANDOM$RANDOM" >/dev/null 2>&1 || true
fi

CREDS="$("${KEMBANG[@]}" lrs credentials create --provider LAN --name "conformance-$(date +%s)")"
KEY="$(echo "$CREDS" | npx --no-install node -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>console.log(JSON.parse(s).key))")"
SECRET="$(echo "$CREDS" | npx --no-install node -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>console.log(JSON.parse(s).secret))")"

# Own session and process group (setsid), so cleanup stops npx and the node server under it too
# (killing only npx's pid left the server running).
setsid "${KEMBANG[@]}" serve >"$WORK/server.log" 2>&1 &
SERVER=$!
cleanup() {
  kill -- -"$SERVER" 2>/dev/null || kill "$SERVER" 2>/dev/null || true
  wait "$SERVER" 2>/dev/null || true
  [[ -n "${KEEP_WORK:-}" ]] || rm -rf "$WORK"
}
trap cleanup EXIT

for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$PORT/xapi/about" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$PORT/xapi/about" >/dev/null || { echo "server did not start:"; cat "$WORK/server.log"; exit 1; }

echo "Kembang LRS at http://127.0.0.1:$PORT/xapi on $DB_LABEL; suite $(git -C "$SUITE_DIR" rev-parse HEAD 2>/dev/null || echo '(unknown commit)')"
status=0
for version in $VERSIONS; do
  out="$WORK/suite-$version.out"
  args=(bin/console_runner.js -e "http://127.0.0.1:$PORT/xapi" -a -u "$KEY" -p "$SECRET" -x "$version" -z)
  [[ -n "$GREP" ]] && args+=(-g "$GREP")
  (cd "$SUITE_DIR" && "$SUITE_NODE" "${args[@]}") >"$out" 2>&1 || true
  summary="$(grep -E '^\{"total"' "$out" | tail -n 1 || true)"
  if [[ -z "$summary" ]]; then
    echo "xAPI $version: no summary line from the suite"; tail -n 30 "$out"; status=1; continue
  fi
  echo "xAPI $version: $summary"
  failed="$(echo "$summary" | npx --no-install node -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>console.log(JSON.parse(s).failed))")"
  if [[ "$failed" != "0" ]]; then
    status=1
    log="$(grep -oE 'Full run log written to .*' "$out" | sed 's/Full run log written to //' | tail -n 1)"
    if [[ -n "$log" && -f "$log" ]]; then
      # Names of the failing tests (leaves of the run log).
      npx --no-install node -e "
        const log = JSON.parse(require('fs').readFileSync(process.argv[1], 'utf8'));
        const walk = (n, trail) => { if (!n) return; const t = [...trail, n.title || n.name].filter(Boolean);
          if (n.status === 'failed' && !(n.tests && n.tests.length)) console.log('  FAIL ' + t.slice(-2).join(' > ') + (n.error ? ' — ' + String(n.error).split('\n')[0].slice(0, 200) : ''));
          (n.tests || []).forEach((c) => walk(c, t)); };
        (Array.isArray(log.log) ? log.log : [log.log]).forEach((n) => walk(n, []));" "$log"
    fi
  fi
done
exit $status
