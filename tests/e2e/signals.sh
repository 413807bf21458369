#!/usr/bin/env bash
# SIGINT during each phase: exit 130, status cancelled, no partial products,
# extraction checkpoints kept; `retry` then completes the job.
source "$(dirname "$0")/lib.bash"

stage grid-basic ss26
for phase in extract-images extract-text filter-images generate-categories extract-products match-images; do
  COLLPROC_TEST_DELAY_MS=400 "$COLLPROC" --progress jsonl process ss26 --force 2>"$WORK/log" &
  pid=$!
  wait_for_phase "$WORK/log" "$phase"
  kill -INT "$pid"
  code=0; wait "$pid" || code=$?
  [ "$code" -eq 130 ] || fail "$phase: SIGINT gave exit $code, expected 130"
  [ "$(status_of ss26 document_processing)" = cancelled ] || fail "$phase: status not cancelled"
  products=$("$COLLPROC" export ss26 | /usr/bin/python3 -c "import json,sys; print(sum(len(d['structured_products']) for d in json.load(sys.stdin)['documents']))")
  [ "$products" -eq 0 ] || fail "$phase: $products partial products left after cancel"
done
# Cancelled in match-images: phases 1-3 were complete and stay checkpointed.
expect_code 0 "$COLLPROC" show filter-images ss26
expect_code 0 "$COLLPROC" --progress plain retry ss26
grep -q "Phase 3 of 6: Filtering product images: skipped" "$WORK/err" || fail "retry redid extraction: $(cat "$WORK/err")"
[ "$(status_of ss26 document_processing)" = completed ] || fail "retry did not complete"
