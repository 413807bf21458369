#!/usr/bin/python3
"""check_state.py STATE: the invariants a crash must never break.

- the SQLite file passes PRAGMA integrity_check and foreign_key_check;
- every blob's name is the SHA-256 of its bytes (nothing half-written under a final name);
- every blob a row names (documents, phase outputs, sync records) exists;
- no temporary blob file is left over (recover removes those of dead writers).
Exits 1 with one line per problem.
"""
import hashlib
import os
import re
import sqlite3
import sys

SHA = re.compile(r"\b[0-9a-f]{64}\b")


def main(state):
    problems = []
    db = sqlite3.connect(f"file:{state}?mode=ro", uri=True)
    integrity = db.execute("PRAGMA integrity_check").fetchall()
    if integrity != [("ok",)]:
        problems.append(f"integrity_check: {integrity}")
    if db.execute("PRAGMA foreign_key_check").fetchall():
        problems.append("foreign_key_check found dangling rows")

    root = state + ".blobs"
    present = set()
    for dirpath, _, files in os.walk(root):
        for name in files:
            path = os.path.join(dirpath, name)
            if name.startswith(".tmp-"):
                problems.append(f"temporary file left behind: {path}")
                continue
            with open(path, "rb") as f:
                digest = hashlib.sha256(f.read()).hexdigest()
            if digest != name:
                problems.append(f"blob {path} holds bytes hashing to {digest}")
            present.add(name)

    referenced = {row[0] for row in db.execute("SELECT sha256 FROM documents")}
    # Outputs name images by hash inside their JSON payloads; any 64-hex token
    # there that is a blob reference must resolve. Payloads also carry other
    # hashes (fingerprints), so only tokens under an image-ish key count.
    for (payload,) in db.execute("SELECT payload FROM outputs"):
        text = payload if isinstance(payload, str) else payload.decode("utf-8", "replace")
        for m in re.finditer(r'"(?:sha256|image|image_sha256|sha)"\s*:\s*"([0-9a-f]{64})"', text):
            referenced.add(m.group(1))
    for name in sorted(referenced - present):
        problems.append(f"a row names blob {name}, which is missing")
    for line in problems:
        print(f"check_state: {state}: {line}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
