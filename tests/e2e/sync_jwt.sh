#!/usr/bin/env bash
# Service-account auth against a non-emulator endpoint: the server verifies the RS256 JWT
# against the key's public half and refuses "Bearer owner"; one token serves the whole
# sync; neither token nor key appears in output or the state file; a wrong key exits 2.
source "$(dirname "$0")/lib.bash"
source "$SOURCE_DIR/tests/support/firestore.bash"
openssl genrsa -out "$WORK/key.pem" 2048 2>/dev/null
openssl rsa -in "$WORK/key.pem" -pubout -out "$WORK/pub.pem" 2>/dev/null
email=collproc-sync@demo-jwt.iam.gserviceaccount.com
start_server --public-key "$WORK/pub.pem" --client-email "$email" --require-token
unset FIRESTORE_EMULATOR_HOST STORAGE_EMULATOR_HOST GOOGLE_CLOUD_PROJECT
export COLLPROC_FIRESTORE_ENDPOINT=$BASE COLLPROC_STORAGE_ENDPOINT=$BASE
make_key() { # make_key PEM OUT
  /usr/bin/python3 -c 'import json,sys; print(json.dumps({"type": "service_account", "project_id": "demo-jwt",
    "private_key_id": "k1", "private_key": open(sys.argv[1]).read(), "client_email": sys.argv[2],
    "token_uri": sys.argv[3]}))' "$1" "$email" "$BASE/token" >"$2"
}
make_key "$WORK/key.pem" "$WORK/key.json"
export GOOGLE_APPLICATION_CREDENTIALS=$WORK/key.json

case=sections
process_case "$case"
"$COLLPROC" export "$case" >"$WORK/export.json"
expect_code 0 "$COLLPROC" -v sync "$case"
check compare demo-jwt demo-test.appspot.com "$WORK/export.json" || fail "remote differs from export"
[ "$(dump | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["tokens_issued"])')" = 1 ] \
  || fail "expected one token for the whole sync"
token=ya29.test-
secret=$(sed -n 2p "$WORK/key.pem")
for f in "$WORK/out" "$WORK/err" "$COLLPROC_STATE"; do
  ! grep -aq -e "$token" -e "$secret" "$f" || fail "a token or the key leaked into $f"
done

# A key the server does not know: refused with the token endpoint's message.
openssl genrsa -out "$WORK/other.pem" 2048 2>/dev/null
make_key "$WORK/other.pem" "$WORK/other.json"
expect_code 0 "$COLLPROC" --progress none generate-items "$case" --force
expect_code 2 env GOOGLE_APPLICATION_CREDENTIALS="$WORK/other.json" "$COLLPROC" sync "$case"
grep -q "Invalid JWT Signature" "$WORK/err" || fail "$(cat "$WORK/err")"
! grep -q "PRIVATE KEY" "$WORK/err" || fail "the key leaked into an error"
# TLS is always verified: a self-signed certificate is refused at once, nothing is sent.
openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=127.0.0.1 -days 1 -keyout "$WORK/tls.key" -out "$WORK/tls.crt" 2>/dev/null
rm -f "$WORK/port"
/usr/bin/python3 "$FS_SERVER" --port-file "$WORK/port" --lifetime 60 --tls-cert "$WORK/tls.crt" --tls-key "$WORK/tls.key" &
for _ in $(seq 1 200); do [ -s "$WORK/port" ] && break; sleep 0.05; done
tls=https://127.0.0.1:$(cat "$WORK/port")
expect_code 1 env COLLPROC_FIRESTORE_ENDPOINT="$tls" COLLPROC_STORAGE_ENDPOINT="$tls" "$COLLPROC" sync "$case"
grep -qi "certificate" "$WORK/err" || fail "$(cat "$WORK/err")"
[ "$(curl -sfk "$tls/_test/dump" | /usr/bin/python3 -c 'import json,sys; print(len(json.load(sys.stdin)["requests"]))')" = 0 ] \
  || fail "a request reached the server with the unverified certificate"

# Tokens go only over TLS or to this machine.
expect_code 2 env COLLPROC_FIRESTORE_ENDPOINT=http://firestore.example.com "$COLLPROC" sync "$case"
grep -q "is not https" "$WORK/err" || fail "$(cat "$WORK/err")"
