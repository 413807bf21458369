"""Shared by the layout-corpus generators under tests/layouts/<family>/.

Each generator invents a collection, renders it with somebody else's tool or
template, and writes testdata/layouts/<family>/ in the SPEC section 8 format.
This module gives every generator the same synthetic product photos, the same
size order and the same rules for expected items, so the truths agree.

    import sys, pathlib
    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
    import common
"""
import hashlib
import importlib.machinery
import importlib.util
import json
import os
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LAYOUTS = ROOT / "testdata" / "layouts"


def _make_testdata():
    loader = importlib.machinery.SourceFileLoader("make_testdata", str(ROOT / "scripts" / "make-testdata"))
    spec = importlib.util.spec_from_loader("make_testdata", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


_mt = _make_testdata()

LETTER_SIZES = ["XXS", "XS", "S", "M", "L", "XL", "XXL", "XXXL"]


def size_key(s):
    """Human order: letter sizes XXS..XXXL, then numbers ascending, then the rest as written."""
    u = s.strip().upper()
    if u in LETTER_SIZES:
        return (0, LETTER_SIZES.index(u), "")
    try:
        return (1, float(u.replace(",", ".")), "")
    except ValueError:
        return (2, 0, u)


def human_order(sizes):
    return sorted(sizes, key=size_key)


class _PhotoSubject:
    """What make-testdata's photo painter reads from a product."""

    def __init__(self, style, name, colours):
        self.style = style
        self.name = name
        self.description = None
        try:
            self.kind = _mt.kind_of(name)[0]
        except ValueError:
            # Jewellery, home goods, shoes...: any silhouette will do; the
            # photo is unique per style through its seed.
            kinds = ["bag", "hat", "belt", "scarf", "gloves"]
            self.kind = kinds[int(hashlib.sha256(style.encode()).hexdigest(), 16) % len(kinds)]
        self.colours = []
        for c in colours or ["Black"]:
            if c not in _mt.COLOURS:
                h = hashlib.sha256(c.encode()).digest()
                _mt.COLOURS[c] = (h[0], h[1], h[2])
            self.colours.append(c)


def make_photo(style, name, colours, path, width=360, height=450):
    """A deterministic synthetic studio photo of one product, saved as JPEG (quality 80)."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    _mt.W, _mt.H = width, height
    try:
        _mt.make_photo(_PhotoSubject(style, name, colours), str(path))
    finally:
        _mt.W, _mt.H = 360, 450


def image_rel(style):
    """Where a product's true photo lives in its case folder."""
    return "images/%s.jpg" % style.replace("/", "-")


def norm(s):
    return "".join(ch for ch in (s or "").upper() if ch.isalnum())


def fold(s):
    return "".join((s or "").lower().split())


def expected_items(products, po_lines, one_size_labels=("OS", "O/S", "ONE SIZE", "")):
    """Expected items per SPEC section 5, one per style+colour in PO order.

    products: truth products (dicts with style_number, colors, sizes,
    wholesale_price). po_lines: dicts with style_number, color, size,
    quantity, unit_cost (None when the PO has no cost column).
    """
    by_style = {norm(p["style_number"]): p for p in products}
    items, index = [], {}
    for ln in po_lines:
        p = by_style.get(norm(ln["style_number"]))
        size = ln["size"] or ""
        if p:
            colour = next((c for c in p["colors"] if fold(c) == fold(ln["color"])), None)
            if colour is None:
                colour = ln["color"]
            key = (p["style_number"], fold(colour))
            if len(p["sizes"]) == 1 and size.upper() in one_size_labels:
                size = p["sizes"][0]
            unit = ln["unit_cost"] if ln["unit_cost"] is not None else p["wholesale_price"]
        else:
            colour = ln["color"]
            key = (norm(ln["style_number"]), fold(colour))
            unit = ln["unit_cost"]
        if key not in index:
            index[key] = {"style_number": p["style_number"] if p else None, "color": colour,
                          "sizes": {}, "total_quantity": 0, "unit_cost": unit, "on_linesheet": bool(p)}
            items.append(index[key])
        it = index[key]
        it["sizes"][size] = it["sizes"].get(size, 0) + ln["quantity"]
        it["total_quantity"] += ln["quantity"]
    return items


def prepare(family):
    """An empty testdata/layouts/<family>/ with images/ (and its SOURCE.md); returns its path."""
    d = LAYOUTS / family
    # SOURCE.md is written by hand, not generated: it survives a rerun.
    source = (d / "SOURCE.md").read_bytes() if (d / "SOURCE.md").is_file() else None
    if d.is_dir():
        shutil.rmtree(d)
    (d / "images").mkdir(parents=True)
    if source is not None:
        (d / "SOURCE.md").write_bytes(source)
    return d


def write_truth(d, case, layout, currency, products, po_lines):
    """truth.json (SPEC section 8). products: dicts with style_number, name,
    colors, sizes, wholesale_price, retail_price, category, page, image, and
    "linesheet" when the case has several linesheet files."""
    truth = {"case": case, "layout": layout, "currency": currency, "products": products,
             "po_lines": po_lines, "expected_items": expected_items(products, po_lines)}
    with open(os.path.join(d, "truth.json"), "w", encoding="utf-8") as f:
        json.dump(truth, f, indent=1, ensure_ascii=False)
        f.write("\n")
