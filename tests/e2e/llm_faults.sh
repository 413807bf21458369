#!/usr/bin/env bash
# The openai engine's failure handling, against faults the loopback server
# injects: 429 with Retry-After, 500, a reset connection, a malformed body
# and a hang past the timeout are retried; an invalid reply is retried once
# with the problem quoted; a reply still invalid fails the phase (exit 1),
# or with --ai-fallback heuristic is answered by the embedded engine; a
# server that stays down fails with exit 69; a rejected key is never echoed.
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/llm.bash"
stage grid-basic g

# Transient faults: all retried, the job completes with the right products.
start_llm --hang 4 --fault 429@products --fault 500@products --fault reset@products \
  --fault malformed@categories --fault hang@products --fault invalid@products
expect_code 0 "$COLLPROC" --progress none process g
# The request after the 429 for the same page came Retry-After (1 s) later.
/usr/bin/python3 - "$LLM_LOG" <<'PY' || fail "Retry-After was not honoured: $(cat "$LLM_LOG")"
import json, sys
log = [json.loads(l) for l in open(sys.argv[1])]
first = next(e for e in log if e.get("fault") == "429")
again = next(e for e in log if e["seq"] > first["seq"] and e.get("user_sha") == first["user_sha"])
sys.exit(0 if again["t"] - first["t"] >= 0.95 else 1)
PY
for f in 429 500 reset malformed hang invalid; do
  grep -q "\"fault\": \"$f\"" "$LLM_LOG" || fail "fault $f was never injected"
done
grep -q '"retry": true' "$LLM_LOG" || fail "the invalid reply was not retried with the problem quoted"
expect_code 0 "$COLLPROC" export g --out "$WORK/g"
/usr/bin/python3 "$SOURCE_DIR/tests/e2e/check_export.py" "$TESTDATA/grid-basic" "$WORK/g" --products-only >/dev/null ||
  fail "products differ from truth after retried faults"

# Replies that stay invalid: the phase fails with the problem named...
start_llm --fault invalid:-1@products
expect_code 1 "$COLLPROC" --progress none process g --force
grep -q "extract-products: .*invalid after a retry: \$.products\[0\]" "$WORK/err" || fail "no clear error: $(cat "$WORK/err")"
grep -q "hint: .*--ai-fallback heuristic" "$WORK/err" || fail "no hint at the fallback: $(cat "$WORK/err")"
# ...or the heuristic engine answers when asked to.
expect_code 0 "$COLLPROC" --ai-fallback heuristic --progress none process g --force
expect_code 0 "$COLLPROC" export g --out "$WORK/g2"
/usr/bin/python3 "$SOURCE_DIR/tests/e2e/check_export.py" "$TESTDATA/grid-basic" "$WORK/g2" --products-only >/dev/null ||
  fail "the heuristic fallback's products differ from truth"
start_llm --fault invalid:-1@columns
expect_code 0 "$COLLPROC" --ai-fallback heuristic --progress none generate-items g
"$COLLPROC" --json show identify-columns g >"$WORK/cols.json"
grep -q "fallback from openai:test-model" "$WORK/cols.json" || fail "the fallback is not recorded: $(head -c 600 "$WORK/cols.json")"

# A server that stays down: exit 69 after the retries.
start_llm --fault 500:-1@products
expect_code 69 "$COLLPROC" --progress none process g --force
grep -q "HTTP 500.*after 5 attempts" "$WORK/err" || fail "no attempt count in: $(cat "$WORK/err")"

# A wrong key: refused, and neither key is echoed.
start_llm
expect_code 1 env COLLPROC_LLM_API_KEY=sk-wrong-0123456789abcdef "$COLLPROC" --progress none process g --force
grep -q "HTTP 401" "$WORK/err" || fail "no 401 in: $(cat "$WORK/err")"
grep -q "0123456789abcdef\|cdef\b" "$WORK/err" && fail "the wrong key is echoed: $(cat "$WORK/err")"
no_key "$WORK/err" "$WORK/out" "$COLLPROC_STATE"

# A server without response_format gets the schema in the instructions.
start_llm --no-response-format
expect_code 0 "$COLLPROC" --ai-cache off --progress none process g --force
grep -q '"response_format": null' "$LLM_LOG" || fail "no request without response_format"
