# Shared by tests/e2e/llm_*.sh (sourced after lib.bash; not itself a test):
# starts tests/support/llm_server.py on 127.0.0.1 and points collproc's
# `--ai openai` engine at it with a test key, short timeouts and backoff.

LLM_KEY=sk-test-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')
LLM_LOG=$WORK/llm.log

# start_llm [server options...]: (re)starts the server; sets LLM_PID.
start_llm() {
  [ -n "${LLM_PID:-}" ] && kill "$LLM_PID" 2>/dev/null && wait "$LLM_PID" 2>/dev/null || true
  rm -f "$WORK/llm.port"
  /usr/bin/python3 "$SOURCE_DIR/tests/support/llm_server.py" --testdata "$TESTDATA" --port-file "$WORK/llm.port" \
    --log "$LLM_LOG" --api-key "$LLM_KEY" "$@" &
  LLM_PID=$!
  for _ in $(seq 1 100); do [ -f "$WORK/llm.port" ] && break; sleep 0.05; done
  [ -f "$WORK/llm.port" ] || fail "llm_server did not start"
  export COLLPROC_LLM_BASE_URL="http://127.0.0.1:$(cat "$WORK/llm.port")/v1"
}

export COLLPROC_AI=openai COLLPROC_LLM_API_KEY=$LLM_KEY COLLPROC_LLM_MODEL=test-model
export COLLPROC_LLM_TIMEOUT=2 COLLPROC_TEST_LLM_BACKOFF_MS=20
unset OPENAI_API_KEY

# requests [SCHEMA]: how many requests (of that schema) reached the server.
requests() {
  if [ -z "${1:-}" ]; then grep -c . "$LLM_LOG" 2>/dev/null || true; else grep -c "\"schema\": \"$1\"" "$LLM_LOG" 2>/dev/null || true; fi
}

# no_key FILE...: fails if the API key appears in any of the files.
no_key() {
  for f in "$@"; do
    if grep -aqF "$LLM_KEY" "$f"; then fail "the API key appears in $f"; fi
  done
}
