#!/usr/bin/env bash
# `--ai openai` against a loopback chat-completions server whose replies are
# constructed from each sample's truth: every sample's export matches its
# truth.json; a forced rerun is answered from the reply cache (no request
# reaches the server) and exports the same bytes; --ai-cache off asks again;
# the API key appears in no output, log or state file.
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/llm.bash"
start_llm

for case_dir in "$TESTDATA"/*/; do
  case=$(basename "$case_dir")
  [ -f "$case_dir/truth.json" ] || continue
  stage "$case"
  expect_code 0 "$COLLPROC" -vv --progress plain process "$case"
  cat "$WORK/out" "$WORK/err" >>"$WORK/all-output"
  expect_code 0 "$COLLPROC" -vv --progress plain generate-items "$case"
  cat "$WORK/out" "$WORK/err" >>"$WORK/all-output"
  expect_code 0 "$COLLPROC" export "$case" --out "$WORK/$case"
  /usr/bin/python3 "$SOURCE_DIR/tests/e2e/check_export.py" "$case_dir" "$WORK/$case" || fail "$case: export differs from truth.json"
done
[ "$(requests categories)" -ge 4 ] && [ "$(requests columns)" -ge 4 ] && [ "$(requests products)" -ge 4 ] ||
  fail "expected the three questions to reach the server: $(cat "$LLM_LOG")"

# Rerun everything: the cache answers, the server sees nothing, same export.
before=$(requests)
for case in grid-basic sections; do
  expect_code 0 "$COLLPROC" --progress none process "$case" --force
  expect_code 0 "$COLLPROC" --progress none generate-items "$case" --force
  "$COLLPROC" export "$case" >"$WORK/$case.again.json"
  cmp -s "$WORK/$case/collection.json" "$WORK/$case.again.json" || fail "$case: export changed on a cached rerun"
done
[ "$(requests)" -eq "$before" ] || fail "a cached rerun sent $(($(requests) - before)) requests"

# --ai-cache off pays again, and the closing summary says what it cost.
expect_code 0 "$COLLPROC" --ai-cache off --progress none process grid-basic --force
[ "$(requests)" -gt "$before" ] || fail "--ai-cache off sent no request"
grep -q "openai: [1-9][0-9]* requests" "$WORK/out" || fail "the summary shows no token usage: $(cat "$WORK/out")"

"$COLLPROC" --json show extract-products grid-basic >"$WORK/show.json"
"$COLLPROC" --json show identify-columns grid-basic >>"$WORK/show.json"
"$COLLPROC" history grid-basic >>"$WORK/show.json"
grep -q "openai:test-model" "$WORK/show.json" || fail "identify-columns does not name the openai engine"
grep -q '"prompt_tokens"' "$WORK/show.json" || fail "show records no token usage"
no_key "$WORK/all-output" "$WORK/show.json" "$COLLPROC_STATE" "$LLM_LOG"
find "$COLLPROC_STATE.blobs" -type f -exec grep -alF "$LLM_KEY" {} + && fail "the API key is in a blob" || true
