# Sourced by tests/e2e/sync*.sh after lib.bash: starts tests/support/firestore_server.py
# on a free loopback port and points collproc at it in emulator mode.
FS_SERVER=$SOURCE_DIR/tests/support/firestore_server.py
FS_CHECK=$SOURCE_DIR/tests/support/firestore_check.py
export COLLPROC_TEST_BACKOFF_MS=20
unset GOOGLE_APPLICATION_CREDENTIALS COLLPROC_FIRESTORE_ENDPOINT COLLPROC_STORAGE_ENDPOINT

# start_server [server options]: sets PORT and BASE; emulator mode unless told otherwise.
start_server() {
  rm -f "$WORK/port"
  /usr/bin/python3 "$FS_SERVER" --port-file "$WORK/port" --lifetime 280 "$@" &
  for _ in $(seq 1 200); do [ -s "$WORK/port" ] && break; sleep 0.05; done
  [ -s "$WORK/port" ] || fail "firestore_server.py did not start"
  PORT=$(cat "$WORK/port")
  BASE=http://127.0.0.1:$PORT
  export FIRESTORE_EMULATOR_HOST=127.0.0.1:$PORT STORAGE_EMULATOR_HOST=$BASE
  export GOOGLE_CLOUD_PROJECT=demo-test COLLPROC_BUCKET=demo-test.appspot.com
}

# fault JSON: queue a fault on the server (see firestore_server.py).
fault() { curl -sf -X POST --data "$1" "$BASE/_test/fault" >/dev/null || fail "cannot queue fault $1"; }
dump() { curl -sf "$BASE/_test/dump"; }
# check ARGS...: tests/support/firestore_check.py against this server.
check() { /usr/bin/python3 "$FS_CHECK" "$BASE" "$@"; }

# process_case CASE: stage, process and generate items for a sample collection.
process_case() {
  stage "$1"
  expect_code 0 "$COLLPROC" --progress none process "$1"
  expect_code 0 "$COLLPROC" --progress none generate-items "$1"
}
