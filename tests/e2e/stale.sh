#!/usr/bin/env bash
# A live owner is never taken over; one whose heartbeat stopped (SIGSTOP) is,
# by `recover --stale-after`, and the old owner then leaves the job alone.
source "$(dirname "$0")/lib.bash"

stage grid-basic ss26
COLLPROC_TEST_DELAY_MS=300 "$COLLPROC" --progress jsonl process ss26 2>"$WORK/log" &
pid=$!
wait_for_phase "$WORK/log" extract-text
expect_code 0 "$COLLPROC" recover --stale-after 2
grep -q "no stale jobs" "$WORK/out" || fail "recover took over a live job"
kill -STOP "$pid"
sleep 3
expect_code 0 "$COLLPROC" --progress plain recover --stale-after 2
grep -q "Restarting processing" "$WORK/err" || fail "stale job not restarted: $(cat "$WORK/err")"
[ "$(status_of ss26 document_processing)" = completed ] || fail "recovered job did not complete"
kill -CONT "$pid"
code=0; wait "$pid" || code=$?
[ "$code" -eq 75 ] || fail "the stopped owner exited $code after losing its lease, expected 75"
[ "$(status_of ss26 document_processing)" = completed ] || fail "the old owner changed the status"
