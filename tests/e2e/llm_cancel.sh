#!/usr/bin/env bash
# Cancelling while a request to the openai engine is in flight: SIGINT, and
# `collproc cancel` from another shell, both stop the job within a second
# (exit 130), and `retry` then finishes from the cache and the server.
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/llm.bash"
export COLLPROC_LLM_TIMEOUT=60
stage grid-basic g

# wait_for_request N: until the server has seen N requests.
wait_for_request() {
  for _ in $(seq 1 400); do [ "$(requests)" -ge "$1" ] && return 0; sleep 0.05; done
  fail "no request reached the server"
}

for how in sigint cancel; do
  start_llm --hang 60 --fault hang:-1@products
  n=$(requests)
  "$COLLPROC" --progress none process g --force >"$WORK/out" 2>"$WORK/err" &
  pid=$!
  wait_for_request $((n + 1))
  sleep 0.2
  # For `cancel` the clock starts when it has signalled the owner and returned.
  if [ "$how" = sigint ]; then t0=$(date +%s%N); kill -INT "$pid"; else "$COLLPROC" cancel g >/dev/null; t0=$(date +%s%N); fi
  code=0; wait "$pid" || code=$?
  ms=$((($(date +%s%N) - t0) / 1000000))
  [ "$code" -eq 130 ] || fail "$how: exit $code, expected 130: $(cat "$WORK/err")"
  echo "$how: stopped $ms ms after the request"
  [ "$ms" -lt 1000 ] || fail "$how: took $ms ms to stop an in-flight request"
  [ "$(status_of g document_processing)" = cancelled ] || fail "$how: status is not cancelled"
done

start_llm
expect_code 0 "$COLLPROC" --progress none retry g
[ "$(status_of g document_processing)" = completed ] || fail "retry did not complete"
