# Shared by tests/e2e/*.sh (sourced, not run; not itself a test). Each test gets a fresh state
# file in a temporary directory that is removed on exit.
set -euo pipefail
: "${COLLPROC:?set COLLPROC to the collproc binary}"
: "${SOURCE_DIR:?set SOURCE_DIR to the checkout}"
TESTDATA=$SOURCE_DIR/testdata
WORK=$(mktemp -d)
trap 'jobs -p | xargs -r kill -9 2>/dev/null; rm -rf "$WORK"' EXIT
export COLLPROC_STATE=$WORK/collproc.db
unset COLLPROC_TEST_DELAY_MS

fail() { echo "FAIL: $*" >&2; exit 1; }

# under_asan: true when collproc is built with AddressSanitizer, whose shadow memory rules out
# an address-space limit. ldd's output is taken whole first: `ldd | grep -q` under pipefail
# fails at random when grep exits before ldd has written everything (SIGPIPE).
under_asan() {
  local libs
  libs=$(ldd "$COLLPROC")
  [[ $libs == *libasan* ]]
}

# expect_code N cmd...: runs cmd, fails unless it exits N. Output in $WORK/out, $WORK/err.
expect_code() {
  local want=$1; shift
  local got=0
  "$@" >"$WORK/out" 2>"$WORK/err" || got=$?
  if [ "$got" -ne "$want" ]; then
    echo "--- stdout"; cat "$WORK/out"; echo "--- stderr"; cat "$WORK/err"
    fail "'$*' exited $got, expected $want"
  fi
}

# stage CASE [COLLECTION]: add a sample collection's linesheets and PO.
stage() {
  local case_dir=$TESTDATA/$1 collection=${2:-$1} args=()
  for f in "$case_dir"/linesheet*.pdf; do args+=(--linesheet "$f"); done
  for f in "$case_dir"/po.*; do args+=(--po "$f"); done
  "$COLLPROC" -q add "$collection" "${args[@]}"
}

# wait_for_phase FILE NAME: waits until a --progress jsonl log shows NAME started.
wait_for_phase() {
  for _ in $(seq 1 600); do
    grep -q "\"event\":\"phase_started\".*\"name\":\"$2\"" "$1" 2>/dev/null && return 0
    sleep 0.05
  done
  fail "phase $2 never started (log: $(cat "$1"))"
}

status_of() { # status_of COLLECTION documents|items
  "$COLLPROC" --json status "$1" | /usr/bin/python3 -c "import json,sys; d=json.load(sys.stdin); print(d['$2']['status'])"
}
