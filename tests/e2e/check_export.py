#!/usr/bin/python3
"""Compare an `export --out DIR` of a sample collection with its truth.json.

Usage: check_export.py TESTDATA_CASE_DIR EXPORT_DIR [--products-only]
Prints one line per mismatch and exits 1 if there is any; prints a summary
line "case: N/M products exact, photos right K/M, items exact I/J" either way.
SPEC §8 says how to compare: style numbers normalised (upper case, letters
and digits), colours with case and spaces folded, sizes as sets, prices to
the cent, photos by their bytes (JPEG is passed through untouched) or, when
a generator re-encoded them, by appearance: the exported image's nearest true
photo (16x16 thumbnails) must be the product's own, and near enough.
A product whose truth has no image ("image": null, a table-only linesheet)
must get none.

With --metrics FILE it also writes the rates SPEC section 8's scorer reports:
recall (true products found exactly once), style and both prices exact, right
first photo, images that are no product photo, items exact, all fields exact.
"""
import hashlib
import json
import functools
import re
import sys
from pathlib import Path


def norm_style(s):
    return re.sub(r"[^A-Z0-9]", "", (s or "").upper())


def fold(s):
    return re.sub(r"\s+", "", (s or "").lower())


def cents(v):
    return None if v is None else round(float(v) * 100)


def sha(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


# Mean absolute difference of two 16x16 thumbnails (0..255) under which two
# images are the same photo re-encoded: WeasyPrint's and wkhtmltopdf's copies
# differ from their sources by 0.2 at most, the closest two distinct photos of
# the layout corpus by 4.3.
SAME_PHOTO = 2.0


@functools.lru_cache(maxsize=None)
def thumb(path):
    from PIL import Image
    with Image.open(path) as im:
        return tuple(im.convert("RGB").resize((16, 16), Image.BILINEAR).getdata())


def distance(a, b):
    ta, tb = thumb(str(a)), thumb(str(b))
    return sum(abs(x - y) for pa, pb in zip(ta, tb) for x, y in zip(pa, pb)) / (3.0 * len(ta))


def same_photo(exported, truth_photo, all_truth_photos):
    """Whether an exported image is truth_photo: the same bytes, or the
    nearest true photo by appearance and near enough."""
    if sha(exported) == sha(truth_photo):
        return True
    d = distance(exported, truth_photo)
    return d < SAME_PHOTO and all(d <= distance(exported, o) for o in all_truth_photos)


def is_product_photo(exported, all_truth_photos, true_shas):
    if sha(exported) in true_shas:
        return True
    return any(distance(exported, o) < SAME_PHOTO for o in all_truth_photos)


def main():
    args = [a for a in sys.argv[1:]]
    metrics_path = None
    if "--metrics" in args:
        at = args.index("--metrics")
        metrics_path = args[at + 1]
        del args[at:at + 2]
    case_dir, export_dir = Path(args[0]), Path(args[1])
    products_only = "--products-only" in args
    truth = json.loads((case_dir / "truth.json").read_text())
    export = json.loads((export_dir / "collection.json").read_text())
    problems = []

    exported = {}
    for doc in export["documents"]:
        for p in doc["structured_products"]:
            exported.setdefault(norm_style(p["style_number"]), []).append((doc["filename"], p))
    truth_photos = [case_dir / p["image"] for p in truth["products"] if p.get("image")]
    true_photos = {sha(p) for p in truth_photos}

    exact = photos = found_once = core_exact = not_photos = 0
    for t in truth["products"]:
        found = exported.get(norm_style(t["style_number"]), [])
        if "linesheet" in t:
            found = [f for f in found if f[0] == t["linesheet"]]
        if len(found) != 1:
            problems.append(f"{t['style_number']}: found {len(found)} times, expected once")
            continue
        _, p = found[0]
        found_once += 1
        wrong = []
        if p["style_number"] != t["style_number"]:
            wrong.append(f"style_number {p['style_number']!r}")
        for key in ("wholesale_price", "retail_price"):
            if cents(p[key]) != cents(t[key]):
                wrong.append(f"{key} {p[key]} != {t[key]}")
        core_exact += 0 if wrong else 1
        if [fold(c) for c in p["colors"]] != [fold(c) for c in t["colors"]]:
            wrong.append(f"colors {p['colors']} != {t['colors']}")
        if set(p["sizes"]) != set(t["sizes"]):
            wrong.append(f"sizes {p['sizes']} != {t['sizes']}")
        if fold(p["category"]) != fold(t["category"]):
            wrong.append(f"category {p['category']!r} != {t['category']!r}")
        if fold(p["name"]) != fold(t["name"]):
            wrong.append(f"name {p['name']!r} != {t['name']!r}")
        if p["page"] != t["page"]:
            wrong.append(f"page {p['page']} != {t['page']}")
        if wrong:
            problems.append(f"{t['style_number']}: " + "; ".join(wrong))
        else:
            exact += 1
        if not t.get("image"):
            if p["images"]:
                problems.append(f"{t['style_number']}: has {len(p['images'])} images, its entry has no photo")
            else:
                photos += 1
        elif p["images"] and same_photo(export_dir / p["images"][0]["path"], case_dir / t["image"],
                                        truth_photos):
            photos += 1
        else:
            problems.append(f"{t['style_number']}: first image is not its photo {t['image']}"
                            f" ({len(p['images'])} images)")
        for image in p["images"]:
            if not is_product_photo(export_dir / image["path"], truth_photos, true_photos):
                not_photos += 1
                problems.append(f"{t['style_number']}: image {image['path']} is no product photo")
    extra = set(exported) - {norm_style(t["style_number"]) for t in truth["products"]}
    for s in sorted(extra):
        problems.append(f"unexpected product {s}")

    items_exact = 0
    if not products_only:
        items = export["items"]
        for e in truth["expected_items"]:
            if e["style_number"] is None:
                cands = [i for i in items if not i["on_linesheet"] and fold(i["color"]) == fold(e["color"])]
            else:
                cands = [i for i in items if norm_style(i["style_number"]) == norm_style(e["style_number"])
                         and fold(i["color"]) == fold(e["color"])]
            label = f"item {e['style_number']}/{e['color']}"
            if len(cands) != 1:
                problems.append(f"{label}: found {len(cands)} times, expected once")
                continue
            i = cands[0]
            wrong = []
            if e["style_number"] is not None and i["style_number"] != e["style_number"]:
                wrong.append(f"style_number {i['style_number']!r}")
            if i["color"] != e["color"]:
                wrong.append(f"color {i['color']!r}")
            if i["sizes"] != e["sizes"]:
                wrong.append(f"sizes {i['sizes']} != {e['sizes']}")
            if i["total_quantity"] != e["total_quantity"]:
                wrong.append(f"total {i['total_quantity']} != {e['total_quantity']}")
            if cents(i["unit_cost"]) != cents(e["unit_cost"]):
                wrong.append(f"unit_cost {i['unit_cost']} != {e['unit_cost']}")
            if i["on_linesheet"] != e["on_linesheet"]:
                wrong.append(f"on_linesheet {i['on_linesheet']}")
            if wrong:
                problems.append(f"{label}: " + "; ".join(wrong))
            else:
                items_exact += 1
        if len(items) != len(truth["expected_items"]):
            problems.append(f"{len(items)} items exported, {len(truth['expected_items'])} expected")

    for p in problems:
        print(p)
    n = len(truth["products"])
    print(f"{truth['case']}: {exact}/{n} products exact, photos right {photos}/{n}, "
          f"items exact {items_exact}/{len(truth['expected_items'])}")
    if metrics_path:
        n_items = len(truth["expected_items"])
        metrics = {"case": truth["case"], "products": n, "recall": found_once / n if n else 1.0,
                   "style_prices_exact": core_exact / n if n else 1.0,
                   "photos_right": photos / n if n else 1.0, "not_photos": not_photos,
                   "all_fields_exact": exact / n if n else 1.0,
                   "unexpected_products": len(extra),
                   "items": n_items, "items_exact": (items_exact / n_items if n_items else 1.0)
                   if not products_only else None}
        Path(metrics_path).write_text(json.dumps(metrics, indent=1) + "\n")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
