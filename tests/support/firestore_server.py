#!/usr/bin/python3
"""A loopback stand-in for the Google services `collproc sync` talks to, for tests.

Google's own emulators cannot run on the test machines (firebase-tools needs Java 21 and
downloads its jars at start), so this server implements, from Google's REST references,
exactly the surface collproc uses, and is strict where Google is strict:

  Firestore v1   POST /v1/projects/P/databases/D/documents:commit
                 GET  /v1/projects/P/databases/D/documents/PATH[?mask.fieldPaths=F...]
  Storage JSON   POST /upload/storage/v1/b/BUCKET/o?uploadType=media|resumable&name=N[&ifGenerationMatch=0]
                 PUT  <resumable session URI>      (Content-Range chunks, 308 Resume Incomplete)
                 GET  /storage/v1/b/BUCKET/o/NAME[?alt=media]
  OAuth2         POST /token   (RFC 7523 JWT bearer grant; RS256 checked against --public-key)

Commits are validated (Value encoding, field paths, update masks, preconditions, the
500-write limit, the 1 MiB document size as Google computes it, document IDs) and applied
atomically; errors use Google's status codes and {"error": {code, message, status}} bodies.

Test control (no auth): POST /_test/fault {"match", "kind": status|reset|timeout|delay,
"status", "retry_after", "count", "apply", "seconds"} queues a fault for the next
requests whose path contains `match` (POST /_test/clear-faults drops them); GET /_test/dump returns documents, objects, the
request log and token count; POST /_test/reset clears everything.

Usage: firestore_server.py --port-file FILE [--public-key PEM] [--client-email E] [--require-token]
                           [--tls-cert PEM --tls-key PEM] [--token-lifetime S] [--lifetime S]
"""

import argparse
import base64
import hashlib
import json
import os
import re
import socket
import struct
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MAX_WRITES = 500
MAX_DOCUMENT_BYTES = 1048576
MAX_DEPTH = 20
CHUNK_MULTIPLE = 256 * 1024
VALUE_KINDS = {"nullValue", "booleanValue", "integerValue", "doubleValue", "timestampValue", "stringValue",
               "bytesValue", "referenceValue", "geoPointValue", "arrayValue", "mapValue"}
TIMESTAMP_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$")
SIMPLE_SEGMENT = re.compile(r"^[A-Za-z_][A-Za-z_0-9]*$")


class ApiError(Exception):
    def __init__(self, code, status, message):
        super().__init__(message)
        self.code, self.status, self.message = code, status, message


def invalid(message):
    return ApiError(400, "INVALID_ARGUMENT", message)


# ---- Firestore values, field paths, sizes ------------------------------------------

def check_value(v, where, depth=0, in_array=False):
    if depth > MAX_DEPTH:
        raise invalid(f"{where}: maps and arrays nest deeper than {MAX_DEPTH} levels")
    if not isinstance(v, dict) or len(v) != 1 or next(iter(v)) not in VALUE_KINDS:
        raise invalid(f"Invalid value at '{where}': a Value must set exactly one of {sorted(VALUE_KINDS)}")
    kind, x = next(iter(v.items()))
    if kind == "nullValue":
        ok = x is None or x == "NULL_VALUE"
    elif kind == "booleanValue":
        ok = isinstance(x, bool)
    elif kind == "integerValue":
        ok = isinstance(x, str) and re.fullmatch(r"-?\d+", x) is not None and -2**63 <= int(x) < 2**63
    elif kind == "doubleValue":
        ok = (isinstance(x, (int, float)) and not isinstance(x, bool)) or x in ("NaN", "Infinity", "-Infinity")
    elif kind == "timestampValue":
        ok = isinstance(x, str) and TIMESTAMP_RE.match(x) is not None
    elif kind in ("stringValue", "referenceValue"):
        ok = isinstance(x, str) and len(x.encode()) <= 1048487
    elif kind == "bytesValue":
        ok = isinstance(x, str) and re.fullmatch(r"[A-Za-z0-9+/=_-]*", x) is not None
    elif kind == "geoPointValue":
        ok = isinstance(x, dict) and set(x) <= {"latitude", "longitude"}
    elif kind == "arrayValue":
        if in_array:
            raise invalid(f"Invalid value at '{where}': Cannot have nested arrays (an array value directly inside an array)")
        ok = isinstance(x, dict) and set(x) <= {"values"} and isinstance(x.get("values", []), list)
        if ok:
            for i, e in enumerate(x.get("values", [])):
                check_value(e, f"{where}[{i}]", depth + 1, True)
    else:  # mapValue
        ok = isinstance(x, dict) and set(x) <= {"fields"} and isinstance(x.get("fields", {}), dict)
        if ok:
            for k, e in x.get("fields", {}).items():
                check_value(e, f"{where}.{k}", depth + 1, False)
    if not ok:
        raise invalid(f"Invalid value at '{where}' ({kind}): {json.dumps(x)[:80]}")


def parse_field_path(path):
    """Splits a field path into segments; simple names, or backtick-quoted with \\ escapes."""
    segments, i = [], 0
    if not isinstance(path, str) or not path:
        raise invalid(f"Invalid field path: {path!r}")
    while i < len(path):
        if path[i] == "`":
            j, seg = i + 1, ""
            while j < len(path) and path[j] != "`":
                if path[j] == "\\" and j + 1 < len(path):
                    j += 1
                seg += path[j]
                j += 1
            if j >= len(path) or not seg:
                raise invalid(f"Invalid field path: {path}")
            segments.append(seg)
            i = j + 1
        else:
            j = path.find(".", i)
            j = len(path) if j < 0 else j
            seg = path[i:j]
            if not SIMPLE_SEGMENT.match(seg):
                raise invalid(f"Invalid field path: {path}. Paths must not contain '~', '*', '/', '[', or ']', "
                              "and non-simple segments must be quoted with backticks")
            segments.append(seg)
            i = j
        if i < len(path):
            if path[i] != ".":
                raise invalid(f"Invalid field path: {path}")
            i += 1
            if i == len(path):
                raise invalid(f"Invalid field path: {path}")
    return segments


def string_size(s):
    return len(s.encode()) + 1


def value_size(v):
    kind, x = next(iter(v.items()))
    if kind == "stringValue":
        return string_size(x)
    if kind in ("integerValue", "doubleValue", "timestampValue"):
        return 8
    if kind in ("booleanValue", "nullValue"):
        return 1
    if kind == "geoPointValue":
        return 16
    if kind == "bytesValue":
        return len(base64.b64decode(x + "=" * (-len(x) % 4)))
    if kind == "referenceValue":
        return string_size(x) + 16
    if kind == "arrayValue":
        return sum(value_size(e) for e in x.get("values", []))
    return sum(string_size(k) + value_size(e) for k, e in x.get("fields", {}).items())


def document_size(relative_path, fields):
    """Google's 'storage size calculations': name + field names + values + 32."""
    name = 16 + sum(string_size(p) for p in relative_path.split("/"))
    return name + sum(string_size(k) + value_size(v) for k, v in fields.items()) + 32


def get_path(fields, segments):
    cur = fields
    for i, s in enumerate(segments):
        if s not in cur:
            return None
        v = cur[s]
        if i == len(segments) - 1:
            return v
        if "mapValue" not in v:
            return None
        cur = v["mapValue"].get("fields", {})
    return None


def set_path(fields, segments, value):
    cur = fields
    for s in segments[:-1]:
        v = cur.get(s)
        if v is None or "mapValue" not in v:
            v = {"mapValue": {"fields": {}}}
            cur[s] = v
        v["mapValue"].setdefault("fields", {})
        cur = v["mapValue"]["fields"]
    if value is None:
        cur.pop(segments[-1], None)
    else:
        cur[segments[-1]] = value


def covered(path_segments, mask):
    return any(path_segments[:len(m)] == m for m in mask)


def leaf_paths(fields, prefix=()):
    """Every field path that ends at a non-map value (or an empty map)."""
    for k, v in fields.items():
        inner = v.get("mapValue", {}).get("fields") if isinstance(v, dict) else None
        if inner:
            yield from leaf_paths(inner, prefix + (k,))
        else:
            yield prefix + (k,)


class Store:
    def __init__(self):
        self.lock = threading.Lock()
        self.reset()

    def reset(self):
        self.documents = {}  # full name -> {"fields", "createTime", "updateTime"}
        self.objects = {}    # (bucket, name) -> {"data", "contentType", "generation"}
        self.sessions = {}   # upload_id -> {"bucket", "name", "total", "contentType", "data", "done"}
        self.faults = []
        self.requests = []
        self.tokens = {}     # token -> expiry
        self.tokens_issued = 0
        self.clock = 0.0

    def now(self):
        t = max(time.time(), self.clock + 1e-6)
        self.clock = t
        return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(t)) + ".%06dZ" % int((t % 1) * 1e6)


STORE = Store()
ARGS = None


def check_document_name(name, project, database):
    prefix = f"projects/{project}/databases/{database}/documents/"
    if not isinstance(name, str) or not name.startswith(prefix):
        raise invalid(f"Document name \"{name}\" lacks \"{prefix}\" (the project or database of the request)")
    rel = name[len(prefix):]
    parts = rel.split("/")
    if len(parts) % 2 != 0:
        raise invalid(f"Document name \"{name}\" has odd number of segments")
    for p in parts:
        if not p or p in (".", "..") or re.fullmatch(r"__.*__", p) or len(p.encode()) > 1500:
            raise invalid(f"Document name \"{name}\" has invalid segment \"{p}\"")
    return rel


def commit(project, database, body):
    if not isinstance(body, dict):
        raise invalid("Invalid JSON payload received.")
    for k in body:
        if k not in ("writes", "transaction"):
            raise invalid(f"Invalid JSON payload received. Unknown name \"{k}\": Cannot find field.")
    writes = body.get("writes", [])
    if not isinstance(writes, list):
        raise invalid("Invalid JSON payload received. writes must be a list")
    if len(writes) > MAX_WRITES:
        raise invalid(f"A maximum of {MAX_WRITES} writes allowed per request")
    with STORE.lock:
        docs = {k: json.loads(json.dumps(v)) for k, v in STORE.documents.items()}
        results = []
        touched = []
        now = STORE.now()
        for n, w in enumerate(writes):
            if not isinstance(w, dict):
                raise invalid(f"writes[{n}]: not an object")
            for k in w:
                if k not in ("update", "delete", "transform", "updateMask", "updateTransforms", "currentDocument"):
                    raise invalid(f"Invalid JSON payload received. Unknown name \"{k}\" at 'writes[{n}]': Cannot find field.")
            ops = [k for k in ("update", "delete", "transform") if k in w]
            if len(ops) != 1:
                raise invalid(f"writes[{n}]: a write must set exactly one of update, delete, transform")
            if "transform" in ops or "updateTransforms" in w:
                raise invalid(f"writes[{n}]: transforms are not supported by this test server")
            name = w["update"].get("name") if "update" in w and isinstance(w["update"], dict) else w.get("delete")
            rel = check_document_name(name, project, database)
            existing = docs.get(name)
            pre = w.get("currentDocument")
            if pre is not None:
                if not isinstance(pre, dict) or len(pre) != 1 or next(iter(pre)) not in ("exists", "updateTime"):
                    raise invalid(f"writes[{n}].currentDocument: set exactly one of exists, updateTime")
                if "exists" in pre:
                    if pre["exists"] is True and existing is None:
                        raise ApiError(404, "NOT_FOUND", f"No document to update: {name}")
                    if pre["exists"] is False and existing is not None:
                        raise ApiError(409, "ALREADY_EXISTS", f"Document already exists: {name}")
                else:
                    if not isinstance(pre["updateTime"], str) or not TIMESTAMP_RE.match(pre["updateTime"]):
                        raise invalid(f"writes[{n}].currentDocument.updateTime: not an RFC 3339 timestamp")
                    if existing is None or existing["updateTime"] != pre["updateTime"]:
                        raise ApiError(400, "FAILED_PRECONDITION",
                                       f"the stored version ({existing['updateTime'] if existing else 'none'}) does "
                                       f"not match the required base version ({pre['updateTime']}) of {name}")
            if "delete" in w:
                if "updateMask" in w:
                    raise invalid(f"writes[{n}]: updateMask is only for update writes")
                docs.pop(name, None)
                results.append({})
                continue
            update = w["update"]
            for k in update:
                if k not in ("name", "fields", "createTime", "updateTime"):
                    raise invalid(f"Invalid JSON payload received. Unknown name \"{k}\" at 'writes[{n}].update'")
            fields = update.get("fields", {})
            if not isinstance(fields, dict):
                raise invalid(f"writes[{n}].update.fields: not a map")
            for k, v in fields.items():
                if not k or re.fullmatch(r"__.*__", k):
                    raise invalid(f"writes[{n}]: field name \"{k}\" is reserved or empty")
                check_value(v, f"writes[{n}].update.fields.{k}")
            if "updateMask" in w:
                mask_obj = w["updateMask"]
                if not isinstance(mask_obj, dict) or set(mask_obj) - {"fieldPaths"}:
                    raise invalid(f"writes[{n}].updateMask: must be {{\"fieldPaths\": [...]}}")
                mask = [parse_field_path(p) for p in mask_obj.get("fieldPaths", [])]
                for p in leaf_paths(fields):
                    if not covered(list(p), mask):
                        raise invalid(f"writes[{n}]: field \"{'.'.join(p)}\" is in the document but not in the update mask")
                result = json.loads(json.dumps(existing["fields"])) if existing else {}
                for m in mask:
                    set_path(result, m, get_path(fields, m))
            else:
                result = fields
            size = document_size(rel, result)
            if size > MAX_DOCUMENT_BYTES:
                raise invalid(f"Document '{name}' cannot be written because its size ({size:,} bytes) exceeds "
                              f"the maximum allowed size of {MAX_DOCUMENT_BYTES:,} bytes.")
            docs[name] = {"fields": result, "createTime": existing["createTime"] if existing else now, "updateTime": now}
            touched.append(name)
            results.append({"updateTime": now})
        STORE.documents = docs
        return {"writeResults": results, "commitTime": now}


# ---- HTTP ------------------------------------------------------------------------

class Reset(Exception):
    pass


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send_json(self, code, obj, headers=None):
        data = json.dumps(obj).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json; charset=UTF-8")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(data)
        self.close_connection = True

    def send_error_body(self, e):
        self.send_json(e.code, {"error": {"code": e.code, "message": e.message, "status": e.status}})

    def body(self):
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n) if n else b""

    def take_fault(self, path):
        with STORE.lock:
            for f in STORE.faults:
                if f.get("match", "") in path and f.get("count", 1) > 0:
                    f["count"] = f.get("count", 1) - 1
                    return dict(f)
        return None

    def reset_connection(self):
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        raise Reset()

    def auth(self):
        header = self.headers.get("Authorization", "")
        if header == "Bearer owner" and not ARGS.require_token:
            return "owner"
        if header.startswith("Bearer "):
            with STORE.lock:
                expiry = STORE.tokens.get(header[7:])
            if expiry and expiry > time.time():
                return "token"
        raise ApiError(401, "UNAUTHENTICATED", "Request had invalid authentication credentials. "
                       "Expected OAuth 2 access token, login cookie or other valid authentication credential.")

    def handle_one_request(self):
        try:
            super().handle_one_request()
        except Reset:
            self.close_connection = True
        except (ConnectionError, BrokenPipeError):
            self.close_connection = True

    def do_GET(self):
        self.route("GET")

    def do_POST(self):
        self.route("POST")

    def do_PUT(self):
        self.route("PUT")

    def do_PATCH(self):
        self.route("PATCH")

    def do_DELETE(self):
        self.route("DELETE")

    def route(self, method):
        url = urllib.parse.urlsplit(self.path)
        path = urllib.parse.unquote(url.path)
        query = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        raw = self.body()
        if path.startswith("/_test/"):
            return self.control(method, path, raw)
        entry = {"method": method, "path": path, "query": url.query, "time": time.time(), "bytes": len(raw),
                 "auth": self.headers.get("Authorization", "")[:7] + ("owner" if "owner" in self.headers.get("Authorization", "") else "")}
        if path.endswith(":commit"):
            try:
                entry["writes"] = len(json.loads(raw).get("writes", []))
            except Exception:
                entry["writes"] = -1
        with STORE.lock:
            STORE.requests.append(entry)
        fault = self.take_fault(path + "?" + url.query)
        apply_first = False
        if fault:
            kind = fault.get("kind")
            if kind == "status":
                code = int(fault.get("status", 503))
                names = {429: "RESOURCE_EXHAUSTED", 500: "INTERNAL", 503: "UNAVAILABLE", 504: "DEADLINE_EXCEEDED",
                         400: "INVALID_ARGUMENT", 403: "PERMISSION_DENIED"}
                headers = {"Retry-After": str(fault["retry_after"])} if "retry_after" in fault else {}
                return self.send_json(code, {"error": {"code": code, "message": fault.get("message", "injected fault"),
                                                       "status": names.get(code, "UNKNOWN")}}, headers)
            if kind == "reset" and not fault.get("apply"):
                self.reset_connection()
            if kind == "reset":
                apply_first = True
            if kind in ("timeout", "delay"):
                time.sleep(float(fault.get("seconds", 3)))
        try:
            status, obj, headers, data = self.dispatch(method, path, query, raw)
        except ApiError as e:
            entry["status"] = e.code
            if apply_first:
                self.reset_connection()
            return self.send_error_body(e)
        entry["status"] = status
        if apply_first:
            self.reset_connection()
        if data is not None:
            self.send_response(status)
            self.send_header("Content-Type", headers.pop("Content-Type", "application/octet-stream"))
            self.send_header("Content-Length", str(len(data)))
            for k, v in headers.items():
                self.send_header(k, v)
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(data)
            self.close_connection = True
        else:
            self.send_json(status, obj, headers)

    def control(self, method, path, raw):
        if path == "/_test/fault" and method == "POST":
            with STORE.lock:
                STORE.faults.append(json.loads(raw))
            return self.send_json(200, {})
        if path == "/_test/clear-faults" and method == "POST":
            with STORE.lock:
                STORE.faults = []
            return self.send_json(200, {})
        if path == "/_test/reset" and method == "POST":
            with STORE.lock:
                STORE.reset()
            return self.send_json(200, {})
        if path == "/_test/dump":
            with STORE.lock:
                objects = {f"{b}/{n}": {"size": len(o["data"]), "sha256": hashlib.sha256(o["data"]).hexdigest(),
                                        "contentType": o["contentType"], "generation": o["generation"]}
                           for (b, n), o in STORE.objects.items()}
                return self.send_json(200, {"documents": STORE.documents, "objects": objects,
                                            "requests": STORE.requests, "tokens_issued": STORE.tokens_issued})
        self.send_json(404, {"error": {"code": 404, "message": "unknown control path", "status": "NOT_FOUND"}})

    def dispatch(self, method, path, query, raw):
        if path == "/token" and method == "POST":
            return self.token(raw)
        m = re.fullmatch(r"/v1/projects/([^/]+)/databases/([^/]+)/documents:commit", path)
        if m and method == "POST":
            self.auth()
            try:
                body = json.loads(raw)
            except ValueError:
                raise invalid("Invalid JSON payload received.")
            return 200, commit(m.group(1), m.group(2), body), {}, None
        m = re.fullmatch(r"/v1/(projects/([^/]+)/databases/([^/]+)/documents/.+)", path)
        if m and method == "GET":
            self.auth()
            name = m.group(1)
            check_document_name(name, m.group(2), m.group(3))
            with STORE.lock:
                doc = STORE.documents.get(name)
                doc = json.loads(json.dumps(doc)) if doc else None
            if doc is None:
                raise ApiError(404, "NOT_FOUND", f"Document \"{name}\" not found.")
            fields = doc["fields"]
            if "mask.fieldPaths" in query:
                masked = {}
                for p in query["mask.fieldPaths"]:
                    segs = parse_field_path(p)
                    v = get_path(fields, segs)
                    if v is not None:
                        set_path(masked, segs, v)
                fields = masked
            return 200, {"name": name, "fields": fields, "createTime": doc["createTime"],
                         "updateTime": doc["updateTime"]}, {}, None
        m = re.fullmatch(r"/upload/storage/v1/b/([^/]+)/o", path)
        if m and method == "POST":
            self.auth()
            return self.upload_start(m.group(1), query, raw)
        if m and method == "PUT":
            return self.upload_chunk(query, raw)
        m = re.fullmatch(r"/storage/v1/b/([^/]+)/o/(.+)", path)
        if m and method == "GET":
            self.auth()
            with STORE.lock:
                o = STORE.objects.get((m.group(1), m.group(2)))
            if o is None:
                raise ApiError(404, "NOT_FOUND", f"No such object: {m.group(1)}/{m.group(2)}")
            if query.get("alt") == ["media"]:
                return 200, None, {"Content-Type": o["contentType"]}, o["data"]
            return 200, self.resource(m.group(1), m.group(2), o), {}, None
        raise ApiError(404, "NOT_FOUND", f"{method} {path}: not a method this server implements")

    def resource(self, bucket, name, o):
        return {"kind": "storage#object", "id": f"{bucket}/{name}/{o['generation']}", "name": name,
                "bucket": bucket, "generation": str(o["generation"]), "size": str(len(o["data"])),
                "contentType": o["contentType"],
                "md5Hash": base64.b64encode(hashlib.md5(o["data"]).digest()).decode()}

    def store_object(self, bucket, name, data, content_type, if_generation_match):
        with STORE.lock:
            if if_generation_match == "0" and (bucket, name) in STORE.objects:
                raise ApiError(412, "FAILED_PRECONDITION",
                               "At least one of the pre-conditions you specified did not hold.")
            o = {"data": data, "contentType": content_type, "generation": int(time.time() * 1e6)}
            STORE.objects[(bucket, name)] = o
        return self.resource(bucket, name, o)

    def upload_start(self, bucket, query, raw):
        kind = query.get("uploadType", [""])[0]
        name = query.get("name", [""])[0]
        match = query.get("ifGenerationMatch", [None])[0]
        if kind == "media":
            if not name:
                raise invalid("Required parameter: name")
            ctype = self.headers.get("Content-Type", "")
            if not ctype or ctype.startswith("application/x-www-form-urlencoded"):
                raise invalid("Content-Type of the object is required (got " + (ctype or "none") + ")")
            return 200, self.store_object(bucket, name, raw, ctype, match), {}, None
        if kind == "resumable":
            meta = json.loads(raw) if raw else {}
            name = name or meta.get("name", "")
            if not name:
                raise invalid("Required parameter: name")
            total = self.headers.get("X-Upload-Content-Length")
            ctype = self.headers.get("X-Upload-Content-Type") or meta.get("contentType") or ""
            if not ctype:
                raise invalid("Content-Type of the object is required")
            with STORE.lock:
                if match == "0" and (bucket, name) in STORE.objects:
                    raise ApiError(412, "FAILED_PRECONDITION",
                                   "At least one of the pre-conditions you specified did not hold.")
                upload_id = hashlib.sha256(f"{bucket}/{name}/{time.time()}".encode()).hexdigest()[:32]
                STORE.sessions[upload_id] = {"bucket": bucket, "name": name, "total": int(total) if total else None,
                                             "contentType": ctype, "data": b"", "done": None, "match": match}
            host = self.headers.get("Host")
            location = f"http://{host}/upload/storage/v1/b/{bucket}/o?uploadType=resumable&upload_id={upload_id}"
            return 200, {}, {"Location": location}, None
        raise invalid(f"uploadType={kind}: this server implements media and resumable uploads")

    def upload_chunk(self, query, raw):
        upload_id = query.get("upload_id", [""])[0]
        with STORE.lock:
            s = STORE.sessions.get(upload_id)
        if s is None:
            raise ApiError(404, "NOT_FOUND", "No such upload session")
        rng = self.headers.get("Content-Range", "")
        m = re.fullmatch(r"bytes (\*|(\d+)-(\d+))/(\*|\d+)", rng)
        if not m:
            raise invalid(f"Invalid Content-Range: {rng!r}")
        total = None if m.group(4) == "*" else int(m.group(4))
        if s["done"] is not None:
            return 200, s["done"], {}, None
        if m.group(1) != "*":
            start, end = int(m.group(2)), int(m.group(3))
            if end - start + 1 != len(raw):
                raise invalid("Content-Range does not match the body's length")
            if start > len(s["data"]):
                raise invalid(f"Content-Range starts at {start}, but only {len(s['data'])} bytes were received")
            final = total is not None and end + 1 == total
            if not final and len(raw) % CHUNK_MULTIPLE != 0:
                raise invalid("Invalid request. The chunk size must be a multiple of 256 KiB (262144 bytes) "
                              "except for the last chunk")
            s["data"] = s["data"][:start] + raw
            if final:
                s["done"] = self.store_object(s["bucket"], s["name"], s["data"], s["contentType"], s["match"])
                return 200, s["done"], {}, None
        headers = {"Range": f"bytes=0-{len(s['data']) - 1}"} if s["data"] else {}
        return 308, {}, headers, None

    def token(self, raw):
        form = urllib.parse.parse_qs(raw.decode(), keep_blank_values=True)

        def refuse(why):
            return 400, {"error": "invalid_grant", "error_description": why}, {}, None
        if form.get("grant_type") != ["urn:ietf:params:oauth:grant-type:jwt-bearer"]:
            return 400, {"error": "unsupported_grant_type", "error_description": "Invalid grant_type"}, {}, None
        assertion = form.get("assertion", [""])[0]
        parts = assertion.split(".")
        if len(parts) != 3:
            return refuse("Invalid JWT: Token must be a short-lived token and in a reasonable timeframe")

        def b64(s):
            if "=" in s or "+" in s or "/" in s:
                raise ValueError("not base64url without padding")
            return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))
        try:
            header, claims, signature = json.loads(b64(parts[0])), json.loads(b64(parts[1])), b64(parts[2])
        except ValueError:
            return refuse("Invalid JWT: not base64url JSON")
        if header.get("alg") != "RS256":
            return refuse("Invalid JWT: alg must be RS256")
        if ARGS.public_key:
            from cryptography.exceptions import InvalidSignature
            from cryptography.hazmat.primitives import hashes, serialization
            from cryptography.hazmat.primitives.asymmetric import padding
            with open(ARGS.public_key, "rb") as f:
                key = serialization.load_pem_public_key(f.read())
            try:
                key.verify(signature, f"{parts[0]}.{parts[1]}".encode(), padding.PKCS1v15(), hashes.SHA256())
            except InvalidSignature:
                return refuse("Invalid JWT Signature.")
        now = time.time()
        host = self.headers.get("Host")
        if claims.get("aud") != f"http://{host}/token":
            return refuse(f"Invalid JWT: aud must be the token URI")
        if ARGS.client_email and claims.get("iss") != ARGS.client_email:
            return refuse("Invalid JWT: iss is not the service account")
        scopes = str(claims.get("scope", "")).split()
        if "https://www.googleapis.com/auth/datastore" not in scopes or \
                "https://www.googleapis.com/auth/devstorage.read_write" not in scopes:
            return refuse("Invalid JWT: scope lacks datastore or devstorage.read_write")
        iat, exp = claims.get("iat"), claims.get("exp")
        if not isinstance(iat, int) or not isinstance(exp, int) or iat > now + 60 or exp <= now or exp - iat > 3600:
            return refuse("Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe")
        token = "ya29.test-" + hashlib.sha256(f"{assertion}{now}".encode()).hexdigest()[:40]
        with STORE.lock:
            STORE.tokens[token] = now + ARGS.token_lifetime
            STORE.tokens_issued += 1
        return 200, {"access_token": token, "expires_in": ARGS.token_lifetime, "token_type": "Bearer"}, {}, None


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 64

    def handle_error(self, request, client_address):
        pass


def main():
    global ARGS
    p = argparse.ArgumentParser()
    p.add_argument("--port-file", required=True)
    p.add_argument("--public-key")
    p.add_argument("--client-email")
    p.add_argument("--require-token", action="store_true", help="refuse 'Bearer owner' (real-service mode)")
    p.add_argument("--token-lifetime", type=int, default=3600)
    p.add_argument("--lifetime", type=float, default=600, help="exit after this many seconds")
    p.add_argument("--tls-cert", help="serve HTTPS with this certificate (PEM) ...")
    p.add_argument("--tls-key", help="... and this key")
    ARGS = p.parse_args()
    server = Server(("127.0.0.1", 0), Handler)
    if ARGS.tls_cert:
        import ssl
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(ARGS.tls_cert, ARGS.tls_key)
        server.socket = context.wrap_socket(server.socket, server_side=True)
    with open(ARGS.port_file + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    os.rename(ARGS.port_file + ".tmp", ARGS.port_file)
    # Never outlive a test that forgot to stop us.
    threading.Timer(ARGS.lifetime, server.shutdown).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
