#!/usr/bin/env bash
# kill -9 at crash points spread over both jobs (blob writes, page and phase commits, the job's
# outcome) and over `sync`, then `recover` (or sync again): the state passes integrity checks, every named blob is whole, and
# the export is byte-identical to an uninterrupted run. scripts/stress tries every point.
source "$(dirname "$0")/lib.bash"
source "$SOURCE_DIR/tests/support/crash.bash"
source "$SOURCE_DIR/tests/support/firestore.bash"
start_server

crash_case grid-basic process 5
crash_case two-linesheets items 3
crash_sync grid-basic 4
# The checker itself must see a missing blob.
state=$WORK/crash-grid-basic-process/trial.db
rm -f "$(find "$state.blobs" -type f | head -1)"
if /usr/bin/python3 "$CHECK_STATE" "$state" >/dev/null; then fail "check_state missed a deleted blob"; fi
echo "$CRASH_SURVIVED of $CRASH_TRIALS kill points survived"
