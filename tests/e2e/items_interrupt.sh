#!/usr/bin/env bash
# Item generation under SIGINT and kill -9 at every step: SIGINT exits 130
# with status cancelled and no items left; kill -9 then `recover` finishes
# with an export byte-identical to an uninterrupted run.
source "$(dirname "$0")/lib.bash"

COLLPROC_STATE=$WORK/reference.db stage grid-basic ss26
COLLPROC_STATE=$WORK/reference.db "$COLLPROC" -q --progress none process ss26
COLLPROC_STATE=$WORK/reference.db "$COLLPROC" -q --progress none generate-items ss26
COLLPROC_STATE=$WORK/reference.db "$COLLPROC" export ss26 >"$WORK/reference.json"

items_in_export() {
  "$COLLPROC" export ss26 | /usr/bin/python3 -c "import json,sys; print(len(json.load(sys.stdin)['items']))"
}

stage grid-basic ss26
"$COLLPROC" -q --progress none process ss26
for step in fetch-po parse-po identify-columns extract-skus enrich build-items save-items; do
  COLLPROC_TEST_DELAY_MS=150 "$COLLPROC" --progress jsonl generate-items ss26 --force 2>"$WORK/log" &
  pid=$!
  wait_for_phase "$WORK/log" "$step"
  kill -INT "$pid"
  code=0; wait "$pid" || code=$?
  [ "$code" -eq 130 ] || fail "$step: SIGINT gave exit $code"
  [ "$(status_of ss26 item_generation)" = cancelled ] || fail "$step: status not cancelled"
  [ "$(items_in_export)" -eq 0 ] || fail "$step: items left after cancel"
done
expect_code 0 "$COLLPROC" --progress none retry ss26 --job items
"$COLLPROC" export ss26 >"$WORK/after.json"
cmp -s "$WORK/reference.json" "$WORK/after.json" || fail "export after retry differs from an uninterrupted run"

for step in fetch-po parse-po identify-columns extract-skus enrich build-items save-items; do
  COLLPROC_TEST_DELAY_MS=150 "$COLLPROC" --progress jsonl generate-items ss26 --force 2>"$WORK/log" &
  pid=$!
  wait_for_phase "$WORK/log" "$step"
  kill -9 "$pid"
  wait "$pid" 2>/dev/null || true
  expect_code 0 "$COLLPROC" --progress none recover
  "$COLLPROC" export ss26 >"$WORK/after.json"
  cmp -s "$WORK/reference.json" "$WORK/after.json" || fail "$step: export after kill -9 and recover differs"
done
