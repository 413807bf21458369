#!/usr/bin/env python3
"""A loopback test server for collproc's `--ai openai` engine.

It speaks OpenAI's chat-completions protocol as OpenAI documents it
(POST .../chat/completions, Bearer authentication, JSON body with model and
messages, `response_format` of type text, json_object or json_schema, no
streaming, unknown parameters rejected, replies with `choices[0].message`,
`finish_reason` and `usage` counts, errors as {"error": {"message", "type",
"code"}}), and answers collproc's three questions (categories, products,
columns) for the sample collections in testdata/.

The replies are CONSTRUCTED, not captured from a real model: the fixture
generator reads each sample's truth.json and the request's own content (the
page's words with their boxes, the PO header and rows) and writes the reply a
correct model would give, so they are keyed by request content. A real model
would be scored against the same truth.

Faults are injected on demand, in order, one per matching request:
  --fault KIND[:COUNT][@SCHEMA]   (repeatable), or POST /_faults {"faults": [...]}
KIND is 429 (with Retry-After: --retry-after seconds), 500, hang (no reply for
--hang seconds), reset (the connection is reset), malformed (a 200 whose body is
cut-off JSON), invalid (a reply that violates the schema). SCHEMA limits the fault
to categories, products or columns requests.

Usage: llm_server.py --testdata DIR --port-file FILE --log FILE [--api-key KEY]
                     [--no-response-format] [--fault ...]
The port is written to --port-file once listening on 127.0.0.1. Each request
is logged as one JSON line (schema, fault, status) without any header values.
"""
import argparse
import hashlib
import json
import re
import socket
import struct
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

KNOWN_PARAMS = {
    "model", "messages", "temperature", "top_p", "n", "stream", "stop", "max_tokens",
    "max_completion_tokens", "presence_penalty", "frequency_penalty", "logit_bias", "user",
    "response_format", "seed", "tools", "tool_choice", "parallel_tool_calls", "logprobs",
    "top_logprobs", "stream_options", "service_tier", "store", "metadata", "reasoning_effort",
    "modalities", "prediction", "audio",
}
ROLES = {"system", "developer", "user", "assistant", "tool"}
SCHEMA_NAME = re.compile(r"^[a-zA-Z0-9_-]{1,64}$")


def norm_style(s):
    return re.sub(r"[^A-Z0-9]", "", (s or "").upper())


def fold(s):
    return re.sub(r"\s+", "", (s or "").lower())


def number(text):
    t = re.sub(r"[^0-9.,-]", "", text or "")
    if not t:
        return None
    t = t.replace(",", ".") if t.count(",") == 1 and "." not in t else t.replace(",", "")
    try:
        return float(t)
    except ValueError:
        return None


class HttpError(Exception):
    def __init__(self, status, message, kind="invalid_request_error", code=None):
        super().__init__(message)
        self.status, self.message, self.kind, self.code = status, message, kind, code


# ---------------------------------------------------------------- fixtures

BOX = r"\[(-?[\d.]+), (-?[\d.]+), (-?[\d.]+), (-?[\d.]+)\]"
GROUP_RE = re.compile(r"^  " + BOX + r" ([\d.]+) (\".*\")$")
BLOCK_RE = re.compile(r"^block \d+ " + BOX + "$")
PHOTO_RE = re.compile(r"^  photo \d+ " + BOX + "$")
PAGE_RE = re.compile(r"^Linesheet page (\d+) \(([\d.]+) x ([\d.]+) points\)")


def union(a, b):
    return [min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3])]


def parse_page(text):
    """The page as describe_page() writes it: blocks of groups, photos."""
    page = {"page": 0, "blocks": [], "photos": []}
    for line in text.splitlines():
        if m := PAGE_RE.match(line):
            page["page"] = int(m.group(1))
        elif m := BLOCK_RE.match(line):
            page["blocks"].append({"bbox": [float(x) for x in m.groups()], "groups": []})
        elif m := GROUP_RE.match(line):
            page["blocks"][-1]["groups"].append(
                {"bbox": [float(x) for x in m.groups()[:4]], "text": json.loads(m.group(6))})
        elif m := PHOTO_RE.match(line):
            page["photos"].append([float(x) for x in m.groups()])
    return page


class Fixtures:
    def __init__(self, testdata):
        self.truths = [json.loads(p.read_text()) for p in sorted(Path(testdata).glob("*/truth.json"))]
        self.by_style = {}
        for t in self.truths:
            for p in t["products"]:
                self.by_style[norm_style(p["style_number"])] = (t, p)

    def categories(self, user):
        names = re.findall(r"^Product names: (.*)$", user, re.M)
        headings = re.findall(r"^Headings: (.*)$", user, re.M)
        words = set()
        for line in names + headings:
            for s in json.loads(line):
                words.add(s)
        # The case whose product names appear in the request.
        best, score = None, 0
        for t in self.truths:
            n = sum(1 for p in t["products"] if p["name"] in words)
            if n > score:
                best, score = t, n
        if best is None:
            return {"categories": []}
        out = []
        for p in best["products"]:
            if p["category"] not in out:
                out.append(p["category"])
        return {"categories": out}

    def products(self, user):
        page = parse_page(user)
        cats = json.loads(re.search(r"^Categories: (.*)$", user, re.M).group(1))
        found = []  # (truth, product, block, group)
        for block in page["blocks"]:
            for group in block["groups"]:
                for token in group["text"].split():
                    hit = self.by_style.get(norm_style(token))
                    if hit and hit[1]["page"] == page["page"] and not any(f[1] is hit[1] for f in found):
                        found.append((hit[0], hit[1], block, group))
        out = []
        used_photos = set()
        for truth, p, block, group in found:
            box = self.text_box(block, group, found)
            photo = self.photo_for(box, page["photos"], used_photos)
            if photo is not None:
                used_photos.add(photo)
                box = union(box, page["photos"][photo])
            out.append({
                "style_number": p["style_number"], "name": p["name"], "description": "",
                "category": p["category"] if (not cats or p["category"] in cats) else cats[0],
                "colors": p["colors"], "sizes": p["sizes"],
                "wholesale_price": p["wholesale_price"], "retail_price": p["retail_price"],
                "currency": truth["currency"],
                "bbox": {"x0": box[0], "y0": box[1], "x1": box[2], "y1": box[3]},
            })
        return {"products": out}

    @staticmethod
    def text_box(block, group, found):
        """The product's own text: its block, or its row when the block holds
        several products (a table)."""
        others = [f for f in found if f[2] is block]
        if len(others) <= 1:
            return list(block["bbox"])
        y0, y1 = group["bbox"][1], group["bbox"][3]
        box = list(group["bbox"])
        for g in block["groups"]:
            if g["bbox"][1] < y1 and g["bbox"][3] > y0:
                box = union(box, g["bbox"])
        return box

    @staticmethod
    def photo_for(box, photos, used):
        """The photo printed with the text: above it in the same column, or
        beside it in the same row; the closest such one."""
        best, best_d = None, None
        for i, ph in enumerate(photos):
            if i in used:
                continue
            ox = min(box[2], ph[2]) - max(box[0], ph[0])
            oy = min(box[3], ph[3]) - max(box[1], ph[1])
            if ox > 0.5 * min(box[2] - box[0], ph[2] - ph[0]):
                d = max(0.0, box[1] - ph[3], ph[1] - box[3])
            elif oy > 0.3 * min(box[3] - box[1], ph[3] - ph[1]):
                d = max(0.0, box[0] - ph[2], ph[0] - box[2])
            else:
                continue
            if best_d is None or d < best_d:
                best, best_d = i, d
        return best

    def columns(self, user):
        header = json.loads(re.search(r"^Header: (.*)$", user, re.M).group(1))
        rows = [json.loads(r) for r in re.findall(r"^Row \d+: (.*)$", user, re.M)]
        styles = {norm_style(s) for s in self.by_style}
        best, score = None, -1
        for t in self.truths:
            ts = {norm_style(l["style_number"]) for l in t["po_lines"]}
            n = sum(1 for r in rows for c in r if norm_style(c) in ts and norm_style(c))
            if n > score:
                best, score = t, n
        lines = best["po_lines"]
        styles |= {norm_style(l["style_number"]) for l in lines}
        colors = {fold(l["color"]) for l in lines}
        sizes = {fold(l["size"]) for l in lines}
        costs = {round(l["unit_cost"] * 100) for l in lines if l.get("unit_cost") is not None}
        retail = {round(p["retail_price"] * 100) for p in best["products"] if p.get("retail_price")}
        quantities = {l["quantity"] for l in lines}
        out, taken = [], set()
        size_runs = [j for j, h in enumerate(header) if fold(h) in sizes]

        def values(j):
            return [r[j] for r in rows if j < len(r) and r[j].strip()]

        names = {fold(p["name"]) for p in best["products"]}

        def mostly(vals, pred):
            # Notes and subtotal rows share the columns; most values decide.
            return bool(vals) and sum(1 for v in vals if pred(v)) >= 0.75 * len(vals)

        for j, h in enumerate(header):
            vals = values(j)
            field, label = "ignore", ""
            num = lambda v: number(v) is not None
            if mostly(vals, lambda v: norm_style(v) in styles) and "style_number" not in taken:
                field = "style_number"
            elif j in size_runs and (not vals or mostly(vals, lambda v: v.strip().isdigit())):
                field, label = "size_run", h.strip()
            elif mostly(vals, lambda v: fold(v) in colors) and "color" not in taken:
                field = "color"
            elif mostly(vals, lambda v: fold(v) in sizes) and "size" not in taken:
                field = "size"
            elif mostly(vals, lambda v: num(v) and round(number(v) * 100) in costs) and "unit_cost" not in taken:
                field = "unit_cost"
            elif retail and mostly(vals, lambda v: num(v) and round(number(v) * 100) in retail) \
                    and "retail_price" not in taken:
                field = "retail_price"
            elif not size_runs and mostly(vals, lambda v: num(v) and float(number(v)).is_integer()
                                          and int(number(v)) in quantities) and "quantity" not in taken:
                field = "quantity"
            elif mostly(vals, lambda v: re.fullmatch(r"\d{12,14}", v.strip()) is not None) and "upc" not in taken:
                field = "upc"
            elif mostly(vals, lambda v: fold(v) in names) and "description" not in taken:
                field = "description"
            if field != "size_run":
                taken.add(field)
            out.append({"column": j, "field": field, "size_label": label,
                        "evidence": f"values match the order's {field.replace('_', ' ')}s"
                        if field != "ignore" else "no field matches its values"})
        return {"columns": out}


def invalid_answer(schema_name):
    """A reply that parses but violates the schema."""
    if schema_name == "products":
        return {"products": [{"style_number": "X-1", "name": "Broken", "colors": "red"}]}
    if schema_name == "columns":
        return {"columns": [{"column": "zero", "field": "style"}]}
    return {"categories": "Dresses"}


# ---------------------------------------------------------------- server

class State:
    def __init__(self, args):
        self.args = args
        self.fixtures = Fixtures(args.testdata)
        self.faults = [parse_fault(f) for f in args.fault]
        self.lock = threading.Lock()
        self.log = open(args.log, "a", buffering=1) if args.log else None
        self.seq = 0

    def take_fault(self, schema_name):
        with self.lock:
            for f in self.faults:
                if f["count"] != 0 and f["schema"] in (None, schema_name):
                    f["count"] -= 1
                    return f["kind"]
        return None

    def record(self, entry):
        with self.lock:
            self.seq += 1
            entry["seq"] = self.seq
            entry["t"] = round(time.time(), 3)
            if self.log:
                self.log.write(json.dumps(entry, sort_keys=True) + "\n")


def parse_fault(text):
    m = re.fullmatch(r"(429|500|hang|reset|malformed|invalid|401)(?::(-?\d+))?(?:@(\w+))?", text)
    if not m:
        raise SystemExit(f"llm_server: bad --fault {text!r}")
    return {"kind": m.group(1), "count": int(m.group(2) or 1), "schema": m.group(3)}


def schema_of(body):
    """Which question this is: the json_schema name, else the schema written in
    the instructions (servers without response_format get only those)."""
    rf = body.get("response_format") or {}
    if rf.get("type") == "json_schema":
        return rf["json_schema"]["name"]
    system = next((m["content"] for m in body["messages"] if m["role"] == "system"), "")
    m = re.search(r"JSON schema:\n(\{.*\})\s*$", system, re.S)
    if m:
        props = json.loads(m.group(1)).get("properties", {})
        for name in ("categories", "products", "columns"):
            if name in props:
                return name
    return None


def validate(body, state):
    if not isinstance(body, dict):
        raise HttpError(400, "The request body must be a JSON object.")
    for key in body:
        if key not in KNOWN_PARAMS:
            raise HttpError(400, f"Unrecognized request argument supplied: {key}")
    if not isinstance(body.get("model"), str) or not body["model"]:
        raise HttpError(400, "you must provide a model parameter")
    msgs = body.get("messages")
    if not isinstance(msgs, list) or not msgs:
        raise HttpError(400, "'messages' must be a non-empty array", code="invalid_value")
    for i, m in enumerate(msgs):
        if not isinstance(m, dict) or m.get("role") not in ROLES:
            raise HttpError(400, f"Invalid value for 'messages[{i}].role'", code="invalid_value")
        if not isinstance(m.get("content"), str):
            raise HttpError(400, f"Invalid type for 'messages[{i}].content': expected a string")
    if body.get("stream"):
        raise HttpError(400, "stream: this server replies without streaming only")
    rf = body.get("response_format")
    if rf is not None:
        if state.args.no_response_format:
            raise HttpError(400, "response_format is not supported by this model")
        if not isinstance(rf, dict) or rf.get("type") not in ("text", "json_object", "json_schema"):
            raise HttpError(400, "Invalid value for 'response_format.type'", code="invalid_value")
        if rf["type"] == "json_schema":
            js = rf.get("json_schema")
            if not isinstance(js, dict) or not SCHEMA_NAME.match(str(js.get("name", ""))):
                raise HttpError(400, "Missing required parameter: 'response_format.json_schema.name'")
            if not isinstance(js.get("schema"), dict):
                raise HttpError(400, "Invalid type for 'response_format.json_schema.schema': expected an object")
    if "temperature" in body and not (isinstance(body["temperature"], (int, float)) and 0 <= body["temperature"] <= 2):
        raise HttpError(400, "Invalid value for 'temperature'", code="invalid_value")


def tokens(text):
    return max(1, len(text) // 4)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "llm-test-server/1"

    def log_message(self, *args):  # quiet; the JSON log says what happened
        pass

    def send_json(self, status, obj, headers=None):
        data = json.dumps(obj).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def send_error_json(self, e, headers=None):
        self.send_json(e.status, {"error": {"message": e.message, "type": e.kind, "param": None, "code": e.code}},
                       headers)

    def do_GET(self):
        state = self.server.state
        if self.path == "/_stats":
            self.send_json(200, {"requests": state.seq})
        else:
            self.send_error_json(HttpError(404, f"Unknown path {self.path}"))

    def do_POST(self):
        state = self.server.state
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        if self.path == "/_faults":
            with state.lock:
                state.faults.extend(parse_fault(f) for f in json.loads(raw)["faults"])
            self.send_json(200, {"ok": True})
            return
        entry = {"path": self.path}
        try:
            if not self.path.split("?")[0].endswith("/chat/completions"):
                raise HttpError(404, f"Unknown request URL: POST {self.path}", code="unknown_url")
            auth = self.headers.get("Authorization", "")
            if state.args.api_key is not None:
                given = auth[7:] if auth.startswith("Bearer ") else ""
                if given != state.args.api_key:
                    masked = given[:3] + "*" * 10 + given[-4:] if given else ""
                    raise HttpError(401, f"Incorrect API key provided: {masked}. You can find your API key at "
                                         "https://platform.openai.com/account/api-keys.", code="invalid_api_key")
            if "application/json" not in self.headers.get("Content-Type", ""):
                raise HttpError(400, "Content-Type must be application/json")
            try:
                body = json.loads(raw)
            except ValueError:
                raise HttpError(400, "We could not parse the JSON body of your request.")
            validate(body, state)
            name = schema_of(body)
            entry.update(schema=name, retry=any(m["role"] == "assistant" for m in body["messages"]),
                         response_format=(body.get("response_format") or {}).get("type"),
                         user_sha=hashlib.sha256(body["messages"][1]["content"].encode()).hexdigest()[:16])
            fault = state.take_fault(name)
            entry["fault"] = fault
            state.record(entry)
            if fault == "429":
                raise HttpError(429, "Rate limit reached for requests", kind="requests", code="rate_limit_exceeded")
            if fault == "500":
                raise HttpError(500, "The server had an error while processing your request.", kind="server_error")
            if fault == "401":
                raise HttpError(401, "Incorrect API key provided: sk-te**********beef.", code="invalid_api_key")
            if fault == "hang":
                time.sleep(state.args.hang)
                self.close_connection = True
                return
            if fault == "reset":
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                self.connection.close()
                self.close_connection = True
                return
            user = body["messages"][1]["content"]
            if fault == "invalid":
                answer = invalid_answer(name)
            elif name == "categories":
                answer = state.fixtures.categories(user)
            elif name == "products":
                answer = state.fixtures.products(user)
            elif name == "columns":
                answer = state.fixtures.columns(user)
            else:
                raise HttpError(400, "this test server answers collproc's questions only")
            content = json.dumps(answer)
            prompt = sum(tokens(m["content"]) for m in body["messages"])
            reply = {
                "id": f"chatcmpl-test{state.seq}", "object": "chat.completion", "created": int(time.time()),
                "model": body["model"], "system_fingerprint": "fp_test",
                "choices": [{"index": 0, "message": {"role": "assistant", "content": content, "refusal": None},
                             "logprobs": None, "finish_reason": "stop"}],
                "usage": {"prompt_tokens": prompt, "completion_tokens": tokens(content),
                          "total_tokens": prompt + tokens(content)},
            }
            if fault == "malformed":
                data = json.dumps(reply)[:60].encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
                return
            self.send_json(200, reply)
        except HttpError as e:
            if "fault" not in entry:
                entry["status"] = e.status
                state.record(entry)
            headers = {"Retry-After": str(state.args.retry_after)} if e.status == 429 else None
            self.send_error_json(e, headers)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--testdata", required=True)
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--log")
    ap.add_argument("--api-key")
    ap.add_argument("--no-response-format", action="store_true")
    ap.add_argument("--fault", action="append", default=[])
    ap.add_argument("--retry-after", type=int, default=1)
    ap.add_argument("--hang", type=float, default=30.0)
    args = ap.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.state = State(args)
    tmp = Path(args.port_file + ".tmp")
    tmp.write_text(str(server.server_address[1]))
    tmp.rename(args.port_file)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
