#!/usr/bin/python3
"""make_slow_pdf.py OUT N: a valid one-page PDF whose content stream shows text N times.

Small on disk (the stream compresses well) but slow to interpret: Poppler spends about a
second per million operations, so a large N stands in for the hostile files that keep
Poppler busy for minutes (tests/e2e/limits.sh)."""
import sys, zlib
n = int(sys.argv[2])
content = b"BT /F1 2 Tf " + b"1 0 0 1 10 10 Tm (ab) Tj " * n + b"ET"
data = zlib.compress(content)
objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
out = bytearray(b"%PDF-1.4\n")
offs = []
for i, o in enumerate(objs, 1):
    offs.append(len(out)); out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
x = len(out)
out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs)+1)
for o in offs: out += b"%010d 00000 n \n" % o
out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs)+1, x)
open(sys.argv[1], "wb").write(out)
