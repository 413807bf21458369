#!/usr/bin/env bash
# kill -9 during each phase, then `recover`: the job resumes from its last
# checkpoint and the final export is byte-identical to an uninterrupted run.
source "$(dirname "$0")/lib.bash"

COLLPROC_STATE=$WORK/reference.db stage grid-basic ss26
COLLPROC_STATE=$WORK/reference.db "$COLLPROC" -q --progress none process ss26
COLLPROC_STATE=$WORK/reference.db "$COLLPROC" export ss26 >"$WORK/reference.json"

for phase in extract-images extract-text filter-images generate-categories extract-products match-images; do
  export COLLPROC_STATE=$WORK/$phase.db
  stage grid-basic ss26
  COLLPROC_TEST_DELAY_MS=300 "$COLLPROC" --progress jsonl process ss26 2>"$WORK/log" &
  pid=$!
  wait_for_phase "$WORK/log" "$phase"
  kill -9 "$pid"
  wait "$pid" 2>/dev/null || true
  [ "$(status_of ss26 document_processing)" = processing ] || fail "$phase: a killed job should still read processing"
  expect_code 0 "$COLLPROC" --progress plain recover
  grep -q "Restarting processing" "$WORK/err" || fail "$phase: recover did not say it restarted: $(cat "$WORK/err")"
  [ "$(sqlite3 "$COLLPROC_STATE" 'PRAGMA integrity_check')" = ok ] || fail "$phase: integrity check failed"
  "$COLLPROC" export ss26 >"$WORK/after.json"
  cmp -s "$WORK/reference.json" "$WORK/after.json" || fail "$phase: export after recover differs from an uninterrupted run"
done
expect_code 0 "$COLLPROC" recover
grep -q "no stale jobs" "$WORK/out" || fail "second recover found work"
