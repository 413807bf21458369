#!/usr/bin/env bash
# What a person at a terminal sees, and what a shell script gets back from a pipe: the
# progress bar fits the terminal (and follows a resize), file names cannot send escape
# sequences, a mistyped command gets a suggestion, `help CMD` and the completion scripts
# come from the command table, and stdout that cannot be written is a clean error.
source "$(dirname "$0")/lib.bash"

stage grid-basic ss26

# --- The progress bar in a real pseudo-terminal, 50 columns, resized to 30 mid-run. -------
/usr/bin/python3 - "$COLLPROC" <<'PY'
import fcntl, os, pty, struct, sys, termios, time

def set_columns(fd, columns):
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))

collproc = sys.argv[1]
pid, fd = pty.fork()
if pid == 0:
    set_columns(0, 50)  # before exec: the first line drawn already sees 50 columns
    os.environ["COLLPROC_TEST_DELAY_MS"] = "400"
    os.environ.pop("COLUMNS", None)
    os.execv(collproc, [collproc, "--progress", "bar", "process", "ss26"])

def read_for(seconds):
    out, end = b"", time.time() + seconds
    while time.time() < end:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # the child has gone and the terminal is closed
            return out, True
        if not chunk:
            return out, True
        out += chunk
    return out, False

import select
def read_until_exit():
    out = b""
    while True:
        r, _, _ = select.select([fd], [], [], 60)
        if not r:
            sys.exit("process never finished")
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            return out
        if not chunk:
            return out
        out += chunk

def redrawn(data):
    """Lines the bar redraws in place: pieces after \\r\\e[K that no newline ends."""
    lines = []
    for piece in data.decode("utf-8").split("\r\x1b[K"):
        if piece and "\n" not in piece:
            lines.append(piece)
    return lines

# Read until the bar has drawn (a loaded machine may take a while to start), then resize.
before, done = b"", False
deadline = time.time() + 60
while not redrawn(before) and not done and time.time() < deadline:
    more, done = read_for(0.2)
    before += more
more, done = read_for(1.0)
before += more
assert not done, "the job ended before the terminal was resized; slow it down"
set_columns(fd, 30)  # the kernel sends SIGWINCH to the job
settling, _ = read_for(1.5)  # what was drawn before the new width took effect
after = read_until_exit()
_, status = os.waitpid(pid, 0)
assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, (status, after[-500:])

wide, narrow = redrawn(before), redrawn(after)
assert wide and narrow, ("no redrawn lines to check", before, after)
for line in wide:
    assert len(line) <= 49, f"line wider than 50 columns: {line!r}"
for line in narrow:
    assert len(line) <= 29, f"line wider than 30 columns after the resize: {line!r}"
assert any(l.startswith("Phase ") and "%" in l for l in narrow), narrow
PY

# --- Mistyped commands, help of one command. -------------------------------------------------
expect_code 2 "$COLLPROC" proces ss26
grep -q "'proces' is not a collproc command" "$WORK/err" || fail "unknown command: $(cat "$WORK/err")"
grep -q "did you mean 'collproc process'" "$WORK/err" || fail "no suggestion: $(cat "$WORK/err")"
expect_code 2 "$COLLPROC" --json statsu
grep -q "did you mean 'collproc status'" "$WORK/err" || fail "no suggestion: $(cat "$WORK/err")"
expect_code 2 "$COLLPROC" xyzzy
grep -q "did you mean" "$WORK/err" && fail "a suggestion for a word like no command: $(cat "$WORK/err")"
expect_code 0 "$COLLPROC" help process
grep -q -- "--from" "$WORK/out" || fail "help process does not show process's options: $(cat "$WORK/out")"
grep -q -- "--linesheet" "$WORK/out" && fail "help process shows another command's options"
expect_code 0 "$COLLPROC" help
grep -q "generate-items" "$WORK/out" || fail "help lists no commands: $(cat "$WORK/out")"
expect_code 2 "$COLLPROC" help proces
grep -q "did you mean 'collproc process'" "$WORK/err" || fail "help of a typo: $(cat "$WORK/err")"

# --- Completion: bash, driven as bash drives it. ---------------------------------------------
"$COLLPROC" completion bash >"$WORK/collproc.bash"
complete_words() { # complete_words WORD... : what bash offers for the last word
  COLLPROC_BIN=$COLLPROC bash -c '
    source "$1"; shift
    COMP_WORDS=("$COLLPROC_BIN" "$@"); COMP_CWORD=$#
    _collproc
    printf "%s\n" "${COMPREPLY[@]}"' _ "$WORK/collproc.bash" "$@"
}
complete_words proc | grep -qx process || fail "bash: 'proc' does not complete to process"
complete_words phase extract-t | grep -qx extract-text || fail "bash: phase names"
complete_words show extract-products '' | grep -qx ss26 || fail "bash: collections: $(complete_words show extract-products '')"
complete_words --state "$COLLPROC_STATE" export '' | grep -qx ss26 || fail "bash: --state's collections"
complete_words add ss26 --l | grep -qx -- --linesheet || fail "bash: add's options"
complete_words --progress '' | grep -qx jsonl || fail "bash: --progress choices"
complete_words help gen | grep -qx generate-items || fail "bash: help's command names"
complete_words process --from extract-p | grep -qx extract-products || fail "bash: --from takes phase names"
[ "$(complete_words process --fr)" = "--from" ] || fail "bash: process's options"

# zsh: the script parses, defines the function, and names every command of --help.
if command -v zsh >/dev/null; then
  "$COLLPROC" completion zsh >"$WORK/_collproc"
  zsh -n "$WORK/_collproc" || fail "zsh completion does not parse"
  zsh -fc "fpath=($WORK \$fpath); autoload -Uz compinit; compinit -u -d $WORK/zcompdump; autoload -Uz _collproc; whence -w _collproc" \
    | grep -q function || fail "zsh completion does not load"
  for c in add documents process generate-items phase show status history cancel retry recover batch export sync help completion; do
    grep -q "'$c:" "$WORK/_collproc" || fail "zsh completion lacks $c"
  done
else
  fail "zsh is not installed (scripts/bootstrap installs it)"
fi

# --- File names cannot send escape sequences. -------------------------------------------------
evil=$WORK/$'\e[2J\e]0;owned\a'look.pdf
cp "$TESTDATA/grid-basic/linesheet.pdf" "$evil"
expect_code 0 "$COLLPROC" add ss26b --linesheet "$evil"
grep -q $'\e' "$WORK/out" && fail "add printed a raw escape: $(od -c "$WORK/out" | head)"
grep -qF '\e[2J\e]0;owned\x07look.pdf' "$WORK/out" || fail "add: name not shown escaped: $(cat "$WORK/out")"
expect_code 0 "$COLLPROC" documents ss26b
grep -q $'\e' "$WORK/out" && fail "documents printed a raw escape"
bad=$WORK/$'\e[31m'bad.pdf
printf 'not a pdf' >"$bad"
expect_code 65 "$COLLPROC" add ss26b --linesheet "$bad"
grep -q $'\e' "$WORK/err" && fail "an error printed a raw escape: $(od -c "$WORK/err" | head)"
grep -qF '\e[31mbad.pdf' "$WORK/err" || fail "error: name not shown escaped: $(cat "$WORK/err")"

# --- export --out into a folder an earlier export filled. ------------------------------------
"$COLLPROC" -q --progress none process ss26
"$COLLPROC" export ss26 --out "$WORK/out1"
stale=$(printf 'f%.0s' $(seq 64)).jpg
echo stale >"$WORK/out1/images/$stale"
echo mine >"$WORK/out1/images/notes.txt"
"$COLLPROC" export ss26 --out "$WORK/out1"
[ -e "$WORK/out1/images/$stale" ] && fail "export --out left an image the export does not name"
[ -e "$WORK/out1/images/notes.txt" ] || fail "export --out removed a file it did not write"
/usr/bin/python3 - "$WORK/out1" <<'PY'
import json, os, sys
d = sys.argv[1]
c = json.load(open(os.path.join(d, "collection.json")))
named = {p["path"] for doc in c["documents"] for pr in doc["structured_products"] for p in pr["images"]}
named |= {p for item in c["items"] for p in item["images"]}
present = {"images/" + f for f in os.listdir(os.path.join(d, "images")) if f != "notes.txt"}
assert named and named == present, (named ^ present)
PY

# --- stdout that cannot be written. ----------------------------------------------------------
code=0
"$COLLPROC" export ss26 >/dev/full 2>"$WORK/err" || code=$?
[ "$code" = 1 ] || fail "export >/dev/full exited $code"
grep -q "cannot write to standard output: No space left on device" "$WORK/err" || fail "export >/dev/full: $(cat "$WORK/err")"
grep -q "bug" "$WORK/err" && fail "export >/dev/full called itself a bug"
# A reader that has gone: the read end is closed before collproc writes, so this is certain.
/usr/bin/python3 - "$COLLPROC" <<'PY'
import os, signal, subprocess, sys
r, w = os.pipe()
os.close(r)
p = subprocess.run([sys.argv[1], "export", "ss26"], stdout=w, stderr=subprocess.PIPE)
assert p.returncode == -signal.SIGPIPE, (p.returncode, p.stderr)
assert p.stderr == b"", p.stderr
PY
echo "terminal: ok"
