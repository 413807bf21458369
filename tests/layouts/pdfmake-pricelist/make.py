#!/usr/bin/python3
"""Data and truth for the pdfmake-pricelist layout family (no product photos).

    make.py prepare TMPDIR   logo PNG and TMPDIR/data.json
    make.py truth TMPDIR     po.csv check, pages found with pdftotext, truth.json

make.sh runs `prepare`, then make.mjs (pdfmake price list + po.csv), then
`truth`. The page of each product is read back from the rendered PDF
(pdfmake breaks the table where it runs out of room).
"""
import json
import subprocess
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import common  # noqa: E402

FAMILY = "pdfmake-pricelist"
FONT_DIR = "/usr/share/fonts/truetype/dejavu/"

# (art. no., name, composition, colours, sizes as printed, wholesale, retail)
SECTIONS = [
    ("Coats & Jackets", [
        ("BR-26101", "Double-Faced Wool Coat", "100% laine vierge", ["Noir", "Camel"], "34–42", 289.00, 695.00),
        ("BR-26102", "Belted Cotton Trench", "100% coton", ["Sable", "Marine"], "34–44", 214.50, 520.00),
        ("BR-26103", "Shearling Aviator Jacket", "100% agneau retourné", ["Cognac"], "36–42", 1234.56, 2950.00),
        ("BR-26104", "Quilted Liner Jacket", "100% polyamide recyclé", ["Kaki", "Noir"], "XS–L", 98.00, 235.00),
        ("BR-26105", "Cocoon Alpaca Coat", "60% alpaga, 40% laine", ["Écru"], "Taille unique", 318.00, 760.00),
        ("BR-26106", "Waxed Field Parka", "100% coton ciré", ["Olive", "Marine"], "S–XL", 176.00, 420.00),
    ]),
    ("Knitwear", [
        ("BR-26201", "Merino Crew Neck Sweater", "100% mérinos extra-fin", ["Gris chiné", "Marine", "Bordeaux"], "XS–XL", 64.00, 155.00),
        ("BR-26202", "Cashmere Roll Neck", "100% cachemire", ["Camel", "Noir"], "XS–L", 142.00, 340.00),
        ("BR-26203", "Fisherman Rib Cardigan", "80% laine, 20% alpaga", ["Écru"], "S–XL", 96.00, 230.00),
        ("BR-26204", "Breton Stripe Jumper", "100% coton", ["Marine/Écru", "Rouge/Écru"], "XS–XL", 52.00, 125.00),
        ("BR-26205", "Mohair Blend V-Neck", "70% mohair, 30% soie", ["Rose poudré", "Sauge"], "S, M, L", 88.00, 210.00),
        ("BR-26206", "Lambswool Vest", "100% laine d'agneau", ["Moutarde", "Gris chiné"], "XS–L", 46.00, 110.00),
        ("BR-26207", "Chunky Zip Cardigan", "100% laine", ["Anthracite"], "S–XL", 104.00, 250.00),
    ]),
    ("Dresses & Skirts", [
        ("BR-26301", "Silk Slip Dress", "100% soie", ["Champagne", "Noir"], "34–40", 118.00, 285.00),
        ("BR-26302", "Wrap Midi Dress", "100% viscose", ["Imprimé fleurs"], "34–42", 84.00, 199.00),
        ("BR-26303", "Pleated Maxi Skirt", "100% polyester recyclé", ["Marine", "Vert bouteille"], "34–42", 72.00, 175.00),
        ("BR-26304", "Denim A-Line Skirt", "100% coton bio", ["Bleu brut"], "34–40", 58.00, 139.00),
        ("BR-26305", "Knitted Column Dress", "100% mérinos", ["Gris chiné"], "XS–L", 96.00, 230.00),
        ("BR-26306", "Poplin Shirt Dress", "100% coton", ["Blanc", "Rayé bleu"], "34–44", 76.00, 180.00),
    ]),
    ("Tops & Trousers", [
        ("BR-26401", "Oversized Poplin Shirt", "100% coton", ["Blanc", "Bleu ciel"], "XS–XL", 48.00, 115.00),
        ("BR-26402", "Silk Blouse", "100% soie", ["Ivoire", "Noir"], "34–42", 92.00, 220.00),
        ("BR-26403", "Ribbed Tank", "95% coton, 5% élasthanne", ["Blanc", "Noir", "Taupe"], "XS–L", 18.50, 45.00),
        ("BR-26404", "Wide Leg Wool Trousers", "100% laine", ["Anthracite", "Camel"], "34–44", 94.00, 225.00),
        ("BR-26405", "Straight Selvedge Jeans", "100% coton", ["Bleu brut", "Noir délavé"], "34–42", 78.00, 185.00),
        ("BR-26406", "Corduroy Culottes", "100% coton", ["Tabac"], "34–40", 62.00, 149.00),
        ("BR-26407", "Linen Drawstring Trousers", "100% lin", ["Naturel", "Kaki"], "XS–XL", 54.00, 130.00),
        ("BR-26408", "Jersey Long Sleeve Tee", "100% coton bio", ["Blanc", "Marine", "Gris chiné"], "XS–XL", 22.00, 55.00),
        ("BR-26409", "Tailored Wool Blazer", "100% laine", ["Anthracite", "Marine"], "34–44", 168.00, 399.00),
        ("BR-26410", "Pleated Chinos", "98% coton, 2% élasthanne", ["Sable", "Olive"], "34–42", 66.00, 159.00),
    ]),
    ("Accessories", [
        ("BR-26501", "Cashmere Beanie", "100% cachemire", ["Gris chiné", "Noir"], "Taille unique", 32.00, 79.00),
        ("BR-26502", "Oversized Wool Scarf", "100% laine", ["Camel", "Carreaux"], "Taille unique", 44.00, 105.00),
        ("BR-26503", "Leather Belt", "100% cuir de vachette", ["Noir", "Cognac"], "75, 80, 85, 90", 36.00, 85.00),
        ("BR-26504", "Canvas Market Tote", "100% coton", ["Naturel/Noir"], "Taille unique", 38.00, 89.00),
        ("BR-26505", "Leather Gloves", "100% cuir d'agneau", ["Noir", "Bordeaux"], "S, M, L", 42.00, 99.00),
        ("BR-26506", "Felt Beret", "100% laine", ["Noir", "Rouge"], "Taille unique", 24.00, 59.00),
        ("BR-26507", "Croc-Effect Clutch", "100% cuir", ["Noir", "Vert forêt"], "Taille unique", 86.00, 205.00),
        ("BR-26508", "Silk Twill Square Scarf", "100% soie", ["Imprimé chaînes"], "Taille unique", 48.00, 115.00),
        ("BR-26509", "Leather Weekender Bag", "100% cuir de vachette", ["Cognac"], "Taille unique", 1049.00, 2490.00),
        ("BR-26510", "Wool Flat Cap", "100% laine", ["Carreaux"], "56, 58, 60", 29.00, 69.00),
        ("BR-26511", "Ribbed Knit Socks", "80% laine, 20% polyamide", ["Gris chiné", "Écru", "Marine"], "Taille unique", 9.50, 22.00),
    ]),
]

# The PO the European order system exported: semicolon-separated, decimal
# commas, UTF-8 with BOM, CRLF. (style as written, colour, size, qty, unit cost)
PO = [
    ("BR-26101", "noir", "36", 2, 289.00), ("BR-26101", "noir", "38", 3, 289.00), ("BR-26101", "noir", "40", 2, 289.00),
    ("br 26103", "Cognac", "38", 1, 1234.56), ("br 26103", "Cognac", "40", 1, 1234.56),
    ("BR26105", "ÉCRU", "OS", 4, 318.00),
    ("BR-26.201", "Gris Chiné", "S", 3, 64.00), ("BR-26.201", "Gris Chiné", "M", 5, 64.00),
    ("BR-26.201", "Gris Chiné", "L", 3, 64.00), ("BR-26.201", "MARINE", "M", 4, 64.00),
    ("BR-26204", "marine/écru", "XS", 2, 50.00), ("BR-26204", "marine/écru", "S", 4, 50.00),
    ("BR-26204", "marine/écru", "M", 4, 50.00), ("BR-26204", "marine/écru", "L", 2, 50.00),
    ("br-26205", "Sauge", "S", 2, 88.00), ("br-26205", "Sauge", "M", 2, 88.00),
    ("BR 26301", "Champagne", "36", 2, 118.00), ("BR 26301", "Champagne", "38", 3, 118.00),
    ("BR26303", "Vert Bouteille", "38", 3, 72.00), ("BR26303", "Vert Bouteille", "40", 3, 72.00),
    ("BR-26403", "blanc", "XS", 6, 18.50), ("BR-26403", "blanc", "S", 8, 18.50), ("BR-26403", "blanc", "M", 6, 18.50),
    ("BR-26404", "Camel", "38", 2, 94.00), ("BR-26404", "Camel", "40", 2, 94.00),
    ("BR-26499", "Noir", "M", 4, 39.00), ("BR-26499", "Noir", "L", 2, 39.00),
    ("BR 26501", "NOIR", "", 10, 32.00),
    ("BR26503", "Cognac", "80", 3, 36.00), ("BR26503", "Cognac", "85", 3, 36.00),
    ("br-26.509", "Cognac", "OS", 1, 1049.00),
    ("BR-26511", "Écru", "O/S", 12, 9.50),
]
PO_DESCRIPTIONS = {"BR26499": "Jersey Turtleneck Top"}


def font(name, size):
    return ImageFont.truetype(FONT_DIR + name, size)


def expand_sizes(written):
    letters = common.LETTER_SIZES
    if written == "Taille unique":
        return ["One Size"]  # the truth rule: one-size goods are ["One Size"]
    if "," in written:
        return [s.strip() for s in written.split(",")]
    a, b = written.split("–")
    if a in letters:
        return letters[letters.index(a):letters.index(b) + 1]
    return [str(n) for n in range(int(a), int(b) + 1, 2)]


def logo_png(path):
    # RGB on white (no alpha): pdfkit embeds an alpha PNG asynchronously, and
    # the object order of the header logos then changes from run to run.
    img = Image.new("RGB", (420, 110), (255, 255, 255))
    d = ImageDraw.Draw(img)
    d.rectangle([4, 14, 86, 96], outline=(30, 40, 62), width=5)
    d.text((20, 18), "B", font=font("DejaVuSerif-Bold.ttf", 58), fill=(30, 40, 62))
    d.text((104, 18), "BRUME", font=font("DejaVuSerif.ttf", 46), fill=(30, 40, 62))
    d.text((106, 74), "& CO. · PARIS", font=font("DejaVuSans.ttf", 20), fill=(120, 120, 130))
    img.save(path, "PNG")


def prepare(tmp):
    out = common.prepare(FAMILY)
    (out / "images").rmdir()  # a price list without photos: no images/ folder
    logo_png(Path(tmp) / "logo.png")
    sections = [{"title": t, "products": [
        {"style": s, "name": n, "composition": c, "colours": col, "sizes": sz, "whs": w, "rrp": r}
        for s, n, c, col, sz, w, r in items]} for t, items in SECTIONS]
    names = {common.norm(p[0]): p[1] for _t, items in SECTIONS for p in items}
    names.update(PO_DESCRIPTIONS)
    po = [{"style": s, "name": names[common.norm(s)], "colour": c, "size": z, "qty": q, "cost": u}
          for s, c, z, q, u in PO]
    data = {"out": str(out), "logo": str(Path(tmp) / "logo.png"), "sections": sections, "po": po}
    (Path(tmp) / "data.json").write_text(json.dumps(data, indent=1, ensure_ascii=False))


def pages_of(pdf, styles):
    n = int(next(l for l in subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout.splitlines()
                 if l.startswith("Pages:")).split()[1])
    found = {}
    for p in range(1, n + 1):
        text = subprocess.run(["pdftotext", "-f", str(p), "-l", str(p), "-layout", pdf, "-"],
                              capture_output=True, text=True).stdout
        for s in styles:
            if s in text and s not in found:
                found[s] = p
    missing = [s for s in styles if s not in found]
    if missing:
        raise SystemExit("not found in the PDF: %s" % missing)
    return found


def truth(tmp):
    out = common.LAYOUTS / FAMILY
    styles = [p[0] for _t, items in SECTIONS for p in items]
    page = pages_of(str(out / "linesheet.pdf"), styles)
    products = []
    for title, items in SECTIONS:
        category = title
        for style, name, _comp, colours, sizes, whs, rrp in items:
            products.append({
                "style_number": style, "name": name, "colors": colours,
                "sizes": common.human_order(expand_sizes(sizes)),
                "wholesale_price": whs, "retail_price": rrp, "category": category,
                "page": page[style], "image": None})
    po_lines = [{"style_number": s, "color": c, "size": z, "quantity": q, "unit_cost": u} for s, c, z, q, u in PO]
    common.write_truth(out, FAMILY, "table", "EUR", products, po_lines)


if __name__ == "__main__":
    {"prepare": prepare, "truth": truth}[sys.argv[1]](sys.argv[2])
