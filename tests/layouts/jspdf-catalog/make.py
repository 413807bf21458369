#!/usr/bin/python3
"""Data, thumbnails and truth for the jspdf-catalog layout family.

    make.py prepare TMPDIR   300 products (seeded), 160x200 photos, logo, TMPDIR/data.json
    make.py truth TMPDIR     truth.json, with the page of each row as
                             make.mjs recorded it (TMPDIR/pages.json)

make.sh runs `prepare`, then make.mjs (jsPDF + jspdf-autotable catalogue and
PO), then `truth`.
"""
import json
import random
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import common  # noqa: E402

FAMILY = "jspdf-catalog"
FONT_DIR = "/usr/share/fonts/truetype/dejavu/"
SEED = 4242

COLOURS = ["Black", "Navy", "Ivory", "Camel", "Charcoal", "Grey Marl", "Forest", "Burgundy", "Oatmeal", "Rust",
           "Sage", "Stone", "Chocolate", "Cobalt", "Ecru", "Olive", "Dusty Pink", "Mustard", "Tan", "Khaki",
           "Indigo", "Sky", "Plum", "Teal", "Cream", "Slate"]
TWO_TONE = ["Navy/Ivory", "Black/White", "Ecru/Navy", "Red/Cream"]

# department, category, garment nouns, size schemes, price band (trade)
LINES = [
    ("Women", "Knitwear", ["Jumper", "Cardigan", "Roll Neck", "Sweater", "Vest"], ["XS-XL", "S-XL", "XS-L"], (28, 140)),
    ("Women", "Dresses", ["Dress"], ["6-16", "8-18", "XS-L"], (30, 160)),
    ("Women", "Tops", ["Blouse", "Shirt", "Tee", "Cami"], ["XS-XL", "6-16", "S, M, L"], (12, 70)),
    ("Women", "Trousers", ["Trousers", "Jeans", "Culottes", "Joggers"], ["6-16", "8-18", "XS-XL"], (24, 95)),
    ("Women", "Coats & Jackets", ["Coat", "Parka", "Blazer", "Jacket", "Trench"], ["6-16", "XS-XL"], (60, 420)),
    ("Men", "Knitwear", ["Jumper", "Cardigan", "Crew Neck Sweater", "Vest"], ["S-XXL", "S-XL"], (30, 150)),
    ("Men", "Shirts", ["Shirt", "Overshirt"], ["S-XXL", "S-XL"], (22, 80)),
    ("Men", "Trousers", ["Chinos", "Trousers", "Jeans", "Shorts"], ["28-36", "30-38"], (24, 90)),
    ("Men", "Coats & Jackets", ["Overcoat", "Parka", "Jacket", "Blazer"], ["S-XXL", "36-44"], (70, 480)),
    ("Accessories", "Bags", ["Tote", "Clutch", "Weekender Bag", "Crossbody Bag"], ["One Size"], (18, 1250)),
    ("Accessories", "Hats & Scarves", ["Beanie", "Scarf", "Beret", "Cap"], ["One Size"], (8, 60)),
    ("Accessories", "Belts & Gloves", ["Belt", "Gloves"], ["One Size"], (10, 55)),
    ("Footwear", "Footwear", ["Chelsea Boots", "Loafers", "Trainers", "Ankle Boots"], ["3, 4, 5, 6, 7, 8", "6, 7, 8, 9, 10, 11"], (35, 190)),
]
ADJ = ["Relaxed", "Fitted", "Oversized", "Cropped", "Longline", "Classic", "Chunky", "Fine", "Brushed", "Ribbed",
       "Textured", "Washed", "Pleated", "Quilted", "Tailored", "Slim", "Boxy", "Soft", "Heritage", "Utility"]
MAT = ["Merino", "Cotton", "Linen", "Wool", "Cashmere", "Corduroy", "Denim", "Twill", "Jersey", "Velvet", "Suede",
       "Leather", "Canvas", "Tweed", "Alpaca", "Poplin", "Satin", "Moleskin", "Organic Cotton", "Lambswool"]
PREFIX = {"Women": "W", "Men": "M", "Accessories": "A", "Footwear": "F"}


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


def products():
    rng = random.Random(SEED)
    # 300 products spread over the lines in proportion
    counts = [32, 26, 30, 26, 22, 24, 20, 20, 18, 22, 22, 16, 22]
    assert sum(counts) == 300
    out, names = [], set()
    for (dept, cat, nouns, sizes, band), n in zip(LINES, counts):
        num = 100
        for _ in range(n):
            num += rng.choice([1, 1, 2, 3])
            while True:
                name = "%s %s %s" % (rng.choice(ADJ), rng.choice(MAT), rng.choice(nouns))
                if name not in names:
                    names.add(name)
                    break
            style = "%s%s-%d" % (PREFIX[dept], cat[0], 1000 + 200 * LINES.index((dept, cat, nouns, sizes, band)) + num)
            k = rng.choice([1, 1, 2, 2, 3])
            colours = rng.sample(COLOURS, k)
            if rng.random() < 0.08:
                colours[0] = rng.choice(TWO_TONE)
            lo, hi = band
            trade = round(rng.uniform(lo, hi) * 2) / 2
            if cat == "Bags" and rng.random() < 0.15:
                trade = float(rng.choice([1085, 1150, 1234]))
            rrp = round(trade * rng.choice([2.4, 2.5, 2.6, 2.8]))
            out.append({"style": style, "name": name, "dept": dept, "category": cat, "colours": colours,
                        "sizes": rng.choice(sizes), "trade": trade, "rrp": float(rrp)})
    return out


def logo_png(path):
    img = Image.new("RGBA", (300, 90), (255, 255, 255, 0))
    d = ImageDraw.Draw(img)
    d.polygon([(8, 80), (45, 8), (82, 80)], outline=(20, 60, 50, 255), width=6)
    d.text((98, 10), "HEATHCOTE", font=font("DejaVuSans-Bold.ttf", 30), fill=(20, 60, 50, 255))
    d.text((100, 52), "& MILLS · TRADE", font=font("DejaVuSans.ttf", 17), fill=(110, 120, 115, 255))
    img.save(path, "PNG")


def po_lines(prods):
    """The buyer's order: ~110 SKU lines over 30 styles, style numbers spelled
    as the buyer's system writes them, one style not in the catalogue."""
    rng = random.Random(SEED + 1)
    chosen = rng.sample(prods, 30)
    chosen.sort(key=lambda p: prods.index(p))
    lines = []
    for i, p in enumerate(chosen):
        spelled = [p["style"], p["style"].replace("-", ""), p["style"].lower(), p["style"].replace("-", " "),
                   p["style"].replace("-", ".")][i % 5]
        for colour in p["colours"][:rng.choice([1, 2])]:
            cspell = [colour, colour.upper(), colour.lower()][rng.randrange(3)]
            sizes = expand_sizes(p["sizes"])
            if sizes == ["One Size"]:
                size_labels = [rng.choice(["OS", "O/S", "One Size"])]
            else:
                start = rng.randrange(max(1, len(sizes) - 3))
                size_labels = sizes[start:start + rng.choice([3, 4])]
            cost = p["trade"] if rng.random() > 0.1 else round(p["trade"] * 0.95, 2)
            for sz in size_labels:
                lines.append({"style": spelled, "name": p["name"], "dept": p["dept"], "colour": cspell, "size": sz,
                              "qty": rng.choice([2, 3, 4, 4, 6, 8]) if sz not in ("OS", "O/S", "One Size") else rng.choice([6, 10, 12]),
                              "cost": cost})
    # a style that is in no catalogue (a carry-over from last season)
    for sz, q in (("S", 4), ("M", 6), ("L", 4)):
        lines.append({"style": "MK-1987", "name": "Fisherman Rib Jumper", "dept": "Men", "colour": "Ecru",
                      "size": sz, "qty": q, "cost": 44.0})
    order = ["Women", "Men", "Accessories", "Footwear"]
    lines.sort(key=lambda l: order.index(l["dept"]))
    return lines


def prepare(tmp):
    out = common.prepare(FAMILY)
    logo_png(Path(tmp) / "logo.png")
    prods = products()
    for p in prods:
        photo = out / common.image_rel(p["style"])
        common.make_photo(p["style"], p["name"], [c.split("/")[0] for c in p["colours"]], photo, 160, 200)
        p["photo"] = str(photo)
    data = {"out": str(out), "logo": str(Path(tmp) / "logo.png"), "products": prods, "po": po_lines(prods)}
    (Path(tmp) / "data.json").write_text(json.dumps(data, indent=1))


def truth(tmp):
    out = common.LAYOUTS / FAMILY
    data = json.loads((Path(tmp) / "data.json").read_text())
    pages = json.loads((Path(tmp) / "pages.json").read_text())
    products = [{
        "style_number": p["style"], "name": p["name"], "colors": p["colours"],
        "sizes": common.human_order(expand_sizes(p["sizes"])),
        "wholesale_price": p["trade"], "retail_price": p["rrp"], "category": p["category"],
        "page": pages[p["style"]], "image": common.image_rel(p["style"])} for p in data["products"]]
    lines = [{"style_number": l["style"], "color": l["colour"], "size": l["size"], "quantity": l["qty"],
              "unit_cost": l["cost"]} for l in data["po"]]
    common.write_truth(out, FAMILY, "table", "GBP", products, lines)


if __name__ == "__main__":
    {"prepare": prepare, "truth": truth}[sys.argv[1]](sys.argv[2])
