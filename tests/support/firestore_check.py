#!/usr/bin/python3
"""Reads back what landed on tests/support/firestore_server.py and compares it with collproc.

  firestore_check.py BASE compare PROJECT BUCKET EXPORT_JSON
      the remote documents and objects of the export's collection equal the export, field by
      field, with image paths as gs://BUCKET/collections/ID/images/... URLs
  firestore_check.py BASE snapshot PROJECT
      canonical JSON of every document of PROJECT by path below .../documents (decoded
      fields, no server times)
  firestore_check.py BASE count METHOD PATH_SUBSTRING
      how many logged requests match
  firestore_check.py BASE writes
      total writes sent in commits
  firestore_check.py BASE field PROJECT DOC_PATH FIELD.PATH
      prints one decoded field
Exits 1 with the differences on a mismatch.
"""

import json
import sys
import urllib.request


def decode(v):
    kind, x = next(iter(v.items()))
    if kind == "nullValue":
        return None
    if kind == "integerValue":
        return int(x)
    if kind == "arrayValue":
        return [decode(e) for e in x.get("values", [])]
    if kind == "mapValue":
        return {k: decode(e) for k, e in x.get("fields", {}).items()}
    return x


def dump(base):
    with urllib.request.urlopen(base + "/_test/dump") as r:
        return json.load(r)


def documents(d, project):
    prefix = f"projects/{project}/databases/(default)/documents/"
    return {name[len(prefix):]: {k: decode(v) for k, v in doc["fields"].items()}
            for name, doc in d["documents"].items() if name.startswith(prefix)}


def relink(path, cid, bucket):
    return f"gs://{bucket}/collections/{cid}/{path}"


def compare(base, project, bucket, export_path):
    d = dump(base)
    docs = documents(d, project)
    with open(export_path) as f:
        exp = json.load(f)
    cid = exp["collection_id"]
    problems = []

    def same(what, got, want):
        if got != want:
            problems.append(f"{what}: remote {json.dumps(got)[:300]} != local {json.dumps(want)[:300]}")

    col = docs.get(f"collections/{cid}")
    if col is None:
        problems.append(f"collections/{cid} missing")
        col = {}
    same("categories", col.get("categories"), exp["categories"])
    ps = col.get("processing_status", {})
    for job in ("document_processing", "item_generation"):
        same(f"processing_status.{job}.status", ps.get(job, {}).get("status"), exp["processing_status"][job]["status"])
    want_images = set()
    for doc in exp["documents"]:
        products = json.loads(json.dumps(doc["structured_products"]))
        for p in products:
            for im in p["images"]:
                im["path"] = relink(im["path"], cid, bucket)
                want_images.add(im["path"])
        got = docs.get(f"collections/{cid}/documents/{doc['document_id']}", {}).get("structured_products")
        same(f"documents/{doc['document_id']}.structured_products", got, products)
    remote_items = {k.rsplit("/", 1)[1]: v for k, v in docs.items() if k.startswith(f"collections/{cid}/items/")}
    same("item ids", sorted(remote_items), sorted(i["item_id"] for i in exp["items"]))
    for item in exp["items"]:
        item = json.loads(json.dumps(item))
        item["images"] = [relink(p, cid, bucket) for p in item["images"]]
        want_images.update(item["images"])
        got = remote_items.get(item["item_id"], {})
        for k in sorted(set(item) | set(got)):
            same(f"items/{item['item_id']}.{k}", got.get(k), item.get(k))
    for url in sorted(want_images):
        key = url[len("gs://"):]
        o = d["objects"].get(key)
        if o is None:
            problems.append(f"{url}: no such object")
            continue
        name = key.rsplit("/", 1)[1]
        same(f"{url} sha256", o["sha256"], name.split(".")[0])
        same(f"{url} contentType", o["contentType"], "image/jpeg" if name.endswith(".jpg") else "image/png")
    if problems:
        print("\n".join(problems), file=sys.stderr)
        sys.exit(1)
    print(f"{cid}: {len(exp['documents'])} documents, {len(exp['items'])} items, {len(want_images)} images match")


def main():
    base, cmd, *args = sys.argv[1:]
    if cmd == "compare":
        compare(base, *args)
    elif cmd == "snapshot":
        d = dump(base)
        docs = documents(d, args[0])
        for fields in docs.values():
            for job in fields.get("processing_status", {}).values():
                for k in ("last_updated",):
                    job.pop(k, None)
        print(json.dumps(docs, sort_keys=True, indent=1))
    elif cmd == "count":
        d = dump(base)
        print(sum(1 for r in d["requests"] if r["method"] == args[0] and args[1] in r["path"]))
    elif cmd == "writes":
        print(sum(max(0, r.get("writes", 0)) for r in dump(base)["requests"]))
    elif cmd == "field":
        doc = documents(dump(base), args[0]).get(args[1], {})
        v = doc
        for part in args[2].split("."):
            v = v.get(part) if isinstance(v, dict) else None
        print(json.dumps(v))
    else:
        sys.exit(f"unknown command {cmd}")


if __name__ == "__main__":
    main()
