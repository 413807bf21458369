#!/usr/bin/env bash
# A second run of a job a live process owns exits 75 naming the owner;
# `cancel` from another shell stops the owner (exit 130).
source "$(dirname "$0")/lib.bash"

stage grid-basic ss26
COLLPROC_TEST_DELAY_MS=300 "$COLLPROC" --progress jsonl process ss26 2>"$WORK/log" &
pid=$!
wait_for_phase "$WORK/log" extract-text
expect_code 75 "$COLLPROC" process ss26
grep -q "pid $pid" "$WORK/err" || fail "duplicate run does not name the owner: $(cat "$WORK/err")"
expect_code 0 "$COLLPROC" batch   # a job another process owns is not pending work
expect_code 0 "$COLLPROC" cancel ss26
code=0; wait "$pid" || code=$?
[ "$code" -eq 130 ] || fail "cancel from another shell gave exit $code"
[ "$(status_of ss26 document_processing)" = cancelled ] || fail "status not cancelled"
expect_code 0 "$COLLPROC" cancel ss26
grep -q "nothing to cancel" "$WORK/out" || fail "cancel of an idle job: $(cat "$WORK/out")"
