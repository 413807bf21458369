#!/usr/bin/env bash
# process --sync-status: processing_status reaches collections/{id} while the job runs;
# when the web app sets the job's status to "cancelled", the job stops within 2 s (exit
# 130) and the remote says cancelled; a cancel left from that run does not stop the next.
source "$(dirname "$0")/lib.bash"
source "$SOURCE_DIR/tests/support/firestore.bash"
start_server
case=grid-basic
stage "$case"
field() { check field demo-test "collections/$case" "processing_status.document_processing.$1"; }

COLLPROC_TEST_DELAY_MS=400 "$COLLPROC" --progress jsonl process "$case" --sync-status 2>"$WORK/log" &
pid=$!
wait_for_phase "$WORK/log" filter-images
for _ in $(seq 1 60); do
  [ "$(field status)" = '"processing"' ] && [ "$(field progress.phase)" -ge 3 ] && break
  sleep 0.05
done
[ "$(field status)" = '"processing"' ] || fail "remote status is $(field status)"
[ "$(field progress.phase)" -ge 3 ] || fail "remote phase is $(field progress.phase), local is past 3"
task=$(field task_id)
[ "$task" = "$("$COLLPROC" --json status "$case" | /usr/bin/python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)["document_processing"]["task_id"]))')" ] \
  || fail "remote task_id $task"

# The web app cancels, as it would: one masked field.
name="projects/demo-test/databases/(default)/documents/collections/$case"
curl -sf -H 'Authorization: Bearer owner' "$BASE/v1/projects/demo-test/databases/(default)/documents:commit" --data \
  "{\"writes\": [{\"update\": {\"name\": \"$name\", \"fields\": {\"processing_status\": {\"mapValue\": {\"fields\": {\"document_processing\": {\"mapValue\": {\"fields\": {\"status\": {\"stringValue\": \"cancelled\"}}}}}}}}}, \"updateMask\": {\"fieldPaths\": [\"processing_status.document_processing.status\"]}}]}" \
  >/dev/null || fail "web-app cancel refused"
start=$(date +%s%N)
code=0
wait "$pid" || code=$?
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
[ "$code" = 130 ] || fail "process exited $code after a remote cancel (log: $(tail -3 "$WORK/log"))"
[ "$elapsed_ms" -le 3000 ] || fail "remote cancel took $elapsed_ms ms"
[ "$(status_of "$case" document_processing)" = cancelled ] || fail "local status not cancelled"
[ "$(field status)" = '"cancelled"' ] || fail "remote status $(field status) after cancel"

# The next run is not stopped by the old "cancelled", and ends completed remotely.
expect_code 0 "$COLLPROC" --progress none process "$case" --sync-status
[ "$(field status)" = '"completed"' ] || fail "remote status $(field status) after completion"
[ "$(field progress.percentage)" = 100 ] || fail "remote percentage $(field progress.percentage)"
[ "$(check count POST :commit)" -ge 4 ] || fail "too few status pushes"
