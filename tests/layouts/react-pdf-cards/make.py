#!/usr/bin/python3
"""Data, photos and truth for the react-pdf-cards layout family.

    make.py prepare TMPDIR   photos, logo/icons/barcodes, TMPDIR/data.json
    make.py truth TMPDIR     truth.json from the product data and the PO lines

make.sh runs `prepare`, then make.mjs (the @react-pdf/renderer linesheet and
the exceljs PO), then `truth`.
"""
import json
import sys
import zipfile
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import common  # noqa: E402

FAMILY = "react-pdf-cards"
FONT_DIR = "/usr/share/fonts/truetype/dejavu/"

# One category per product page, as in the template (a category starts a page).
# (style, NAME AS PRINTED, colours, sizes as printed, wholesale, retail)
CATEGORIES = [
    ("KNITWEAR", "Cashmere, merino and alpaca knits, spun and finished in Scotland.", [
        ("4471", "OVERSIZED CASHMERE CREW", ["Heather Grey", "Ecru"], "XS-XL", 98, 245),
        ("4472", "CABLE KNIT FISHERMAN SWEATER", ["Cream", "Navy"], "XS-XL", 84, 210),
        ("4474", "RIBBED MERINO ROLL NECK", ["Black", "Camel", "Bottle Green"], "S-XL", 62, 155),
        ("4476", "CHUNKY ALPACA BLEND CARDIGAN", ["Oatmeal"], "XS-L", 88, 220),
        ("4479", "BRUSHED MOHAIR V-NECK", ["Dusty Pink", "Sage"], "S, M, L", 72, 180),
        ("4481", "FINE GAUGE COTTON POLO KNIT", ["White", "Navy"], "XS-XL", 46, 115),
        ("4483", "SEED STITCH KNITTED VEST", ["Ecru/Black"], "XS-L", 44, 110),
        ("4485", "LOFTY WOOL ZIP CARDIGAN", ["Charcoal", "Rust"], "S-XL", 79, 198),
        ("4488", "STRIPED BRETON JUMPER", ["Navy/White", "Red/White"], "XS-XL", 52, 130),
        ("4490", "CROPPED BOUCLE KNIT", ["Lilac"], "XS-M", 58, 145),
        ("4492", "TEXTURED LINEN SWEATER", ["Sand", "Stone"], "XS-XL", 54, 135),
        ("4495", "LONGLINE CASHMERE CARDIGAN", ["Heather Grey"], "XS-XL", 128, 320),
    ]),
    ("TROUSERS & SKIRTS", "Tailoring and denim cut in EU sizing.", [
        ("5102", "WIDE LEG WOOL TROUSERS", ["Charcoal", "Camel"], "36-42", 86, 215),
        ("5104", "PLEATED MIDI SKIRT", ["Black", "Olive"], "34-40", 64, 160),
        ("5107", "TAPERED CIGARETTE TROUSERS", ["Black"], "36-44", 70, 175),
        ("5109", "HIGH WAISTED STRAIGHT JEANS", ["Indigo", "Washed Black"], "36-42", 58, 145),
        ("5111", "SATIN SLIP SKIRT", ["Champagne", "Ink"], "34-42", 52, 130),
        ("5113", "CORDUROY FLARES", ["Tobacco"], "36-42", 60, 150),
        ("5116", "LINEN DRAWSTRING TROUSERS", ["Natural", "Khaki"], "36-42", 48, 120),
        ("5118", "DENIM A-LINE SKIRT", ["Mid Blue"], "34-40", 50, 125),
    ]),
    ("ACCESSORIES", "Finishing pieces in the season's yarns and leathers.", [
        ("6201", "CASHMERE RIB BEANIE", ["Heather Grey", "Black"], "One Size", 28, 70),
        ("6203", "OVERSIZED WOOL SCARF", ["Camel", "Charcoal"], "One Size", 42, 105),
        ("6205", "BRAIDED LEATHER BELT", ["Black", "Tan"], "One Size", 34, 85),
        ("6207", "KNITTED TOUCHSCREEN GLOVES", ["Ecru"], "One Size", 22, 55),
        ("6209", "CANVAS MARKET TOTE", ["Natural/Black"], "One Size", 38, 95),
        ("6212", "BRUSHED WOOL BERET", ["Bordeaux", "Navy"], "One Size", 26, 65),
    ]),
]

# The buyer's PO: blocks of a size-run matrix. Style cells as the order
# system wrote them (a number cell, '#4472', ' 4479', ...).
# (style as written, description, colour as written, {size: qty}, unit cost)
PO_BLOCKS = [
    ("Tops · Knitwear", ["XS", "S", "M", "L", "XL"], [
        (4471, "Oversized Cashmere Crew", "HEATHER GREY", {"XS": 1, "S": 3, "M": 4, "L": 3, "XL": 1}, 98.0),
        (4471, "Oversized Cashmere Crew", "ecru", {"S": 2, "M": 3, "L": 2}, 98.0),
        ("#4472", "Cable Knit Fisherman Sweater", "NAVY", {"S": 2, "M": 2, "L": 2}, 84.0),
        ("4474", "Ribbed Merino Roll Neck", "Black", {"S": 2, "M": 4, "L": 4, "XL": 2}, 62.0),
        ("4474", "Ribbed Merino Roll Neck", "camel", {"M": 2, "L": 2}, 62.0),
        (" 4479", "Brushed Mohair V-Neck", "DUSTY PINK", {"S": 2, "M": 3, "L": 1}, 72.0),
        ("#4483", "Seed Stitch Knitted Vest", "ECRU/BLACK", {"XS": 2, "S": 2, "M": 2}, 44.0),
        ("4488", "Striped Breton Jumper", "navy/white", {"XS": 1, "S": 3, "M": 3, "L": 2, "XL": 1}, 52.0),
        ("4495 ", "Longline Cashmere Cardigan", "Heather Grey", {"S": 1, "M": 2, "L": 1}, 124.0),
        (4499, "Merino Crew Neck", "Forest", {"S": 2, "M": 2, "L": 2}, 48.0),
    ]),
    ("Bottoms", ["36", "38", "40", "42"], [
        (5102, "Wide Leg Wool Trousers", "CHARCOAL", {"36": 2, "38": 3, "40": 3, "42": 1}, 86.0),
        ("#5104", "Pleated Midi Skirt", "black", {"36": 2, "38": 2, "40": 2}, 64.0),
        ("5109", "High Waisted Straight Jeans", "INDIGO", {"36": 3, "38": 4, "40": 3, "42": 2}, 58.0),
        (5113, "Corduroy Flares", "Tobacco", {"38": 2, "40": 2}, 60.0),
    ]),
    ("Accessories", ["One Size"], [
        (6201, "Cashmere Rib Beanie", "BLACK", {"One Size": 6}, 28.0),
        ("#6203", "Oversized Wool Scarf", "camel", {"One Size": 4}, 42.0),
        ("6209", "Canvas Market Tote", "Natural/Black", {"One Size": 5}, 38.0),
    ]),
]


def font(name, size):
    return ImageFont.truetype(FONT_DIR + name, size)


def expand_sizes(written):
    letters = common.LETTER_SIZES
    if written == "One Size":
        return ["One Size"]
    if "," in written:
        return [s.strip() for s in written.split(",")]
    a, b = written.split("-")
    if a in letters:
        return letters[letters.index(a):letters.index(b) + 1]
    return [str(n) for n in range(int(a), int(b) + 1, 2)]


def ean13(body12):
    digits = [int(c) for c in body12]
    s = sum(d * (3 if i % 2 else 1) for i, d in enumerate(digits))
    return body12 + str((10 - s % 10) % 10)


EAN_L = ["0001101", "0011001", "0010011", "0111101", "0100011", "0110001", "0101111", "0111011", "0110111", "0001011"]
EAN_G = ["0100111", "0110011", "0011011", "0100001", "0011101", "0111001", "0000101", "0010001", "0001001", "0010111"]
EAN_R = ["1110010", "1100110", "1101100", "1000010", "1011100", "1001110", "1010000", "1000100", "1001000", "1110100"]
EAN_PARITY = ["LLLLLL", "LLGLGG", "LLGGLG", "LLGGGL", "LGLLGG", "LGGLLG", "LGGGLL", "LGLGLG", "LGLGGL", "LGGLGL"]


def barcode_png(code, path):
    """An EAN-13 bar pattern as a PNG, as JsBarcode draws it in the template (no digits)."""
    first, left, right = int(code[0]), code[1:7], code[7:]
    bits = "101"
    for d, p in zip(left, EAN_PARITY[first]):
        bits += (EAN_L if p == "L" else EAN_G)[int(d)]
    bits += "01010"
    for d in right:
        bits += EAN_R[int(d)]
    bits += "101"
    w = 2
    img = Image.new("L", (len(bits) * w, 50), 255)
    d = ImageDraw.Draw(img)
    for i, b in enumerate(bits):
        if b == "1":
            d.rectangle([i * w, 0, i * w + w - 1, 49], fill=0)
    img.save(path, "PNG")


def logo_png(path):
    img = Image.new("RGBA", (360, 120), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.ellipse([120, 4, 236, 120 - 4], outline=(255, 255, 255, 255), width=6)
    d.text((147, 22), "K", font=font("DejaVuSerif-Bold.ttf", 62), fill=(255, 255, 255, 255))
    img = img.crop((100, 0, 260, 120))
    canvas = Image.new("RGBA", (160, 170), (0, 0, 0, 0))
    canvas.paste(img, (0, 0))
    ImageDraw.Draw(canvas).text((12, 128), "KESTREL BAY", font=font("DejaVuSans-Bold.ttf", 17),
                                fill=(255, 255, 255, 255))
    canvas.save(path, "PNG")


def icon_png(kind, path, colour=(40, 40, 40)):
    img = Image.new("RGBA", (64, 64), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    c = colour + (255,)
    if kind == "palette":
        d.ellipse([4, 8, 60, 56], outline=c, width=5)
        for x, y in ((18, 22), (32, 16), (46, 24), (20, 38)):
            d.ellipse([x - 5, y - 5, x + 5, y + 5], fill=c)
    elif kind == "size":
        d.rectangle([2, 20, 62, 44], outline=c, width=4)
        for x in range(10, 60, 8):
            d.line([x, 20, x, 30 if x % 16 else 35], fill=c, width=3)
    elif kind == "tag":
        d.polygon([(4, 30), (26, 6), (60, 6), (60, 56), (26, 56)], outline=c, width=5)
        d.ellipse([14, 25, 24, 35], fill=c)
    elif kind == "knit":
        d.line([10, 10, 32, 54, 54, 10], fill=c, width=6)
        d.line([10, 30, 32, 60], fill=c, width=4)
        d.line([54, 30, 32, 60], fill=c, width=4)
    elif kind == "trousers":
        d.polygon([(14, 4), (50, 4), (58, 60), (40, 60), (32, 22), (24, 60), (6, 60)], outline=c, width=5)
    elif kind == "accessories":
        d.arc([8, 6, 56, 40], 180, 360, fill=c, width=6)
        d.rectangle([6, 24, 58, 60], outline=c, width=5)
    img.save(path, "PNG")


def prepare(tmp):
    out = common.prepare(FAMILY)
    assets = Path(tmp) / "assets"
    assets.mkdir(parents=True, exist_ok=True)
    logo_png(assets / "logo.png")
    for k in ("palette", "size", "tag", "knit", "trousers", "accessories"):
        icon_png(k, assets / ("icon_%s.png" % k))
        icon_png(k, assets / ("icon_%s_white.png" % k), colour=(255, 255, 255))
    pages = []
    for ci, (cat, desc, items) in enumerate(CATEGORIES):
        prods = []
        for i, (style, name, colours, sizes, whs, rrp) in enumerate(items):
            photo = out / common.image_rel(style)
            hint = {"KNITWEAR": " Sweater", "TROUSERS & SKIRTS": ""}.get(cat, "")
            common.make_photo(style, name.title() + hint, colours, photo, 300, 375)
            code = ean13("50%02d%04d%03d" % (ci + 17, int(style), i * 7 + 11))
            bc = assets / ("barcode_%s.png" % style)
            barcode_png(code, bc)
            prods.append({"style": style, "name": name, "colours": colours, "sizes": sizes,
                          "whs": whs, "rrp": rrp, "photo": str(photo), "barcode": str(bc), "ean": code})
        pages.append({"category": cat, "description": desc, "icon": ["knit", "trousers", "accessories"][ci],
                      "products": prods})
    blocks = []
    for title, sizes, lines in PO_BLOCKS:
        blocks.append({"title": title, "sizes": sizes,
                       "lines": [{"style": s, "description": d, "colour": c, "qty": q, "cost": u}
                                 for s, d, c, q, u in lines]})
    data = {"out": str(out), "assets": str(assets), "pages": pages, "po": blocks}
    (Path(tmp) / "data.json").write_text(json.dumps(data, indent=1))


def fix_zip_times(path):
    """exceljs stamps the zip entries with the time of the run; rewrite them
    with one fixed time (same entries, same order, same bytes) so reruns
    reproduce the file."""
    with zipfile.ZipFile(path) as z:
        entries = [(i, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, blob in entries:
            zi = zipfile.ZipInfo(info.filename, date_time=(2026, 1, 20, 10, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = info.external_attr
            z.writestr(zi, blob)


def truth(tmp):
    out = common.LAYOUTS / FAMILY
    fix_zip_times(out / "po.xlsx")
    products = []
    for ci, (cat, desc, items) in enumerate(CATEGORIES):
        for style, name, colours, sizes, whs, rrp in items:
            products.append({
                "style_number": style, "name": name, "colors": colours,
                "sizes": common.human_order(expand_sizes(sizes)),
                "wholesale_price": float(whs), "retail_price": float(rrp),
                "category": cat.title().replace("&", "&"), "page": ci + 2,
                "image": common.image_rel(style)})
    po_lines = []
    for title, sizes, lines in PO_BLOCKS:
        for style, _d, colour, qty, cost in lines:
            for s in sizes:
                if s in qty:
                    po_lines.append({"style_number": str(style), "color": colour, "size": s,
                                     "quantity": qty[s], "unit_cost": cost})
    common.write_truth(out, FAMILY, "grid", "USD", products, po_lines)


if __name__ == "__main__":
    {"prepare": prepare, "truth": truth}[sys.argv[1]](sys.argv[2])
