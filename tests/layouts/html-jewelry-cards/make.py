#!/usr/bin/python3
"""html-jewelry-cards: a jewellery linesheet laid out as an HTML/CSS card grid,
paginated by Paged.js (npm `pagedjs`, MIT) in headless Chromium, and a PO
written by ExcelJS (npm `exceljs`, MIT) through make-po.mjs.

Run through make.sh (it installs the npm packages first). Deterministic: the
data below is fixed, photos come from common.make_photo, the PDF's dates and
ID are pinned after printing and the XLSX is written with a fixed timestamp.
"""
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[0]))
import common  # noqa: E402

FAMILY = "html-jewelry-cards"
BRAND = "LINNEA VALE"
SEASON = "Holiday 2026 Wholesale Collection"

# style, name, finishes (colours), sizes as printed, wholesale, retail, badge
PHOTO_COLOURS = {"LVB-404": ["Rose Gold Vermeil"]}

PRODUCTS = [
    ("LVR-101", "Celeste Pavé Stacking Ring", ["Sterling Silver", "14k Gold Vermeil"], ["6", "7", "8"], 48.00, 120, "NEW"),
    ("LVR-104", "Marguerite Signet Ring", ["14k Gold Vermeil"], ["6", "7", "8"], 62.00, 155, None),
    ("LVR-108", "Halcyon Twisted Band", ["Sterling Silver", "Rose Gold Vermeil"], ["5", "6", "7", "8", "9"], 33.50, 84, None),
    ("LVR-112", "Opaline Cocktail Ring with Rainbow Moonstone", ["Sterling Silver"], ["6", "7", "8"], 84.00, 210, "NEW"),
    ("LVN-201", "Soleil Disc Pendant Necklace", ["14k Gold Vermeil"], None, 56.00, 140, None),
    ("LVN-205", "Tidepool Freshwater Pearl Choker", ["Gold/Pearl"], None, 72.00, 180, None),
    ("LVN-209", "Constellation Charm Lariat", ["14k Gold Vermeil", "Sterling Silver"], None, 68.00, 170, "NEW"),
    ("LVN-213", "Aster Paperclip Chain", ["14k Gold Vermeil"], None, 38.00, 95, None),
    ("LVE-301", "Lumen Huggie Hoops", ["Sterling Silver", "14k Gold Vermeil"], None, 34.00, 85, None),
    ("LVE-304", "Cascade Threader Earrings", ["Rose Gold Vermeil"], None, 42.00, 105, None),
    ("LVE-308", "Petite Opal Studs", ["14k Gold Vermeil"], None, 28.00, 70, "NEW"),
    ("LVE-311", "Sculptural Wave Drop Earrings", ["Sterling Silver"], None, 52.00, 130, None),
    ("LVB-401", "Riviera Tennis Bracelet", ["Sterling Silver"], None, 96.00, 240, None),
    ("LVB-404", "Ondine Sculpted Cuff", ["14k Gold Vermeil"], ["S", "M", "L"], 78.00, 195, None),
    ("LVB-407", "Hammered Link Bracelet", ["Sterling Silver", "14k Gold Vermeil"], None, 46.00, 115, None),
]
PER_PAGE = 6
FIRST_PRODUCT_PAGE = 3  # page 1 cover, page 2 contents

# The retailer's order (PO rows as the order system wrote them):
# item number, description, metal, size, qty, unit cost
PO_ROWS = [
    ("lvr-101", "Celeste Pave Stacking Ring", "sterling silver", "6", 4, 48.00),
    ("lvr-101", "Celeste Pave Stacking Ring", "sterling silver", "7", 6, 48.00),
    ("lvr-101", "Celeste Pave Stacking Ring", "sterling silver", "8", 4, 48.00),
    ("LVR101", "Celeste Pave Stacking Ring", "14K GOLD VERMEIL", "7", 6, 48.00),
    ("LVR 108", "Halcyon Twisted Band", "Rose Gold Vermeil", "5", 2, 33.50),
    ("LVR 108", "Halcyon Twisted Band", "Rose Gold Vermeil", "7", 4, 33.50),
    ("LVR 108", "Halcyon Twisted Band", "Rose Gold Vermeil", "9", 2, 33.50),
    ("#LVR-112", "Opaline Cocktail Ring", "Sterling Silver", "6", 2, 80.00),
    ("#LVR-112", "Opaline Cocktail Ring", "Sterling Silver", "8", 2, 80.00),
    ("LVN.201", "Soleil Disc Pendant Necklace", "14k gold vermeil", "OS", 12, 56.00),
    ("lvn-205", "Tidepool Pearl Choker", "gold/pearl", "", 8, 72.00),
    ("LVN-209", "Constellation Charm Lariat", "Sterling Silver", "One Size", 6, 68.00),
    ("LVE 301", "Lumen Huggie Hoops", "STERLING SILVER", "OS", 12, 34.00),
    ("LVE 301", "Lumen Huggie Hoops", "14K GOLD VERMEIL", "OS", 12, 34.00),
    ("lve.308", "Petite Opal Studs", "14k Gold Vermeil", "OS", 18, 28.00),
    ("LVB404", "Ondine Sculpted Cuff", "14k Gold Vermeil", "S", 2, 78.00),
    ("LVB404", "Ondine Sculpted Cuff", "14k Gold Vermeil", "M", 4, 78.00),
    ("LVB404", "Ondine Sculpted Cuff", "14k Gold Vermeil", "L", 2, 78.00),
    ("LVR-130", "Ember Garnet Solitaire Ring", "14k Gold Vermeil", "7", 3, 58.00),
]

PHOTO_W, PHOTO_H = 300, 375
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
FONT_B = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
SWATCH = {"Sterling Silver": (196, 198, 204), "14k Gold Vermeil": (212, 175, 92),
          "Rose Gold Vermeil": (214, 150, 130), "Gold/Pearl": (236, 226, 200)}


def money(v):
    return "${:,.2f}".format(v)


def make_assets(d):
    """Non-product images the template places: brand logo (PNG, alpha), a
    NEW badge (PNG), metal swatch dots (PNG) and the cover background (JPEG)."""
    logo = Image.new("RGBA", (600, 120), (0, 0, 0, 0))
    dr = ImageDraw.Draw(logo)
    dr.polygon([(40, 60), (60, 30), (80, 60), (60, 90)], outline=(60, 52, 40, 255), width=5)
    dr.text((105, 28), BRAND, font=ImageFont.truetype(FONT, 52), fill=(60, 52, 40, 255))
    logo.save(d / "logo.png")
    badge = Image.new("RGBA", (120, 52), (0, 0, 0, 0))
    dr = ImageDraw.Draw(badge)
    dr.rounded_rectangle([0, 0, 119, 51], radius=10, fill=(24, 24, 24, 235))
    dr.text((22, 10), "NEW", font=ImageFont.truetype(FONT_B, 28), fill=(255, 255, 255, 255))
    badge.save(d / "badge-new.png")
    for name, rgb in SWATCH.items():
        sw = Image.new("RGBA", (40, 40), (0, 0, 0, 0))
        ImageDraw.Draw(sw).ellipse([2, 2, 37, 37], fill=rgb + (255,), outline=(120, 120, 120, 255), width=2)
        sw.save(d / ("swatch-%s.png" % re.sub(r"[^a-z0-9]+", "-", name.lower())))
    cover = Image.new("RGB", (850, 1100), (236, 228, 216))
    dr = ImageDraw.Draw(cover)
    for i in range(0, 1100, 4):
        shade = 236 - (i * 28) // 1100
        dr.line([(0, i), (850, i + 120)], fill=(shade, shade - 8, shade - 20), width=4)
    for k in range(9):
        r = 60 + k * 45
        dr.ellipse([425 - r, 620 - r, 425 + r, 620 + r], outline=(200, 184, 150), width=2)
    cover.save(d / "cover.jpg", quality=82)


def sizes_text(sizes):
    return "One Size" if not sizes else "Sizes " + ", ".join(sizes)


def card_html(p):
    style, name, finishes, sizes, ws, rt, badge = p
    img = "images/%s.jpg" % style
    swatches = "".join('<img class="swatch" src="assets/swatch-%s.png" alt="">'
                       % re.sub(r"[^a-z0-9]+", "-", f.lower()) for f in finishes)
    meta = " · ".join([" / ".join(finishes), sizes_text(sizes), "Retail $%d" % rt])
    badge_html = '<img class="badge" src="assets/badge-new.png" alt="New">' if badge else ""
    return f"""
      <article class="product-item" id="{style}">
        <div class="product-images">{badge_html}<img class="photo" src="{img}" alt="{html.escape(name)}"></div>
        <div class="product-details">
          <div class="detail-row name">{html.escape(name)}</div>
          <div class="detail-row code">{style}</div>
          <div class="detail-row meta">{swatches}<span>{html.escape(meta)}</span></div>
          <div class="detail-row price"><span class="moq">MOQ 3</span><span class="ws">{money(ws)}</span></div>
        </div>
      </article>"""


CSS = r"""
@page { size: letter; margin: 0.85in 0.55in 0.7in 0.55in;
  @top-left { content: element(brandhead); }
  @top-right { content: "Holiday 2026  |  Wholesale"; font: 8pt 'Lato', sans-serif; color: #6d6357; letter-spacing: .12em; }
  @bottom-left { content: "orders@linneavale.example  ·  +1 (503) 555-0148"; font: 7.5pt 'Lato', sans-serif; color: #8a8175; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 7.5pt 'Lato', sans-serif; color: #8a8175; }
}
@page cover { margin: 0;
  @top-left { content: none; } @top-right { content: none; }
  @bottom-left { content: none; } @bottom-right { content: none; } }
* { box-sizing: border-box; }
body { font-family: 'Lato', 'DejaVu Sans', sans-serif; color: #2b2622; margin: 0; }
.brandhead { position: running(brandhead); }
.brandhead img { height: 22px; }
.cover { page: cover; height: 11in; width: 8.5in; position: relative; overflow: hidden; }
.cover .bg { position: absolute; inset: 0; width: 8.5in; height: 11in; }
.cover .inner { position: absolute; left: 0; right: 0; top: 3.1in; text-align: center; }
.cover .inner img { width: 4.2in; }
.cover h1 { font: 300 26pt 'Lato', sans-serif; letter-spacing: .18em; margin: .35in 0 .1in; text-transform: uppercase; }
.cover p { font-size: 11pt; letter-spacing: .1em; color: #5b5248; }
.toc { break-before: page; }
.toc h2, .sheet h2 { font: 400 15pt 'DejaVu Serif', serif; letter-spacing: .08em; margin: 0 0 14px; text-transform: uppercase; }
.toc ol { list-style: none; padding: 0; margin: 0; font-size: 10pt; }
.toc li { display: flex; border-bottom: 1px dotted #b9b0a4; padding: 6px 0; }
.toc .t-style { width: 1.0in; font-weight: 700; letter-spacing: .04em; }
.toc .t-name { flex: 1; }
.toc .t-price { width: 0.9in; text-align: right; }
.toc .t-page { width: 0.55in; text-align: right; color: #6d6357; }
.toc .t-page a { color: inherit; text-decoration: none; }
.toc .t-page a::after { content: target-counter(attr(href), page); }
.toc .note { margin-top: 18px; font-size: 8.5pt; color: #6d6357; }
.sheet { break-before: page; }
.products-grid { display: grid; grid-template-columns: repeat(3, 1fr); gap: 15px; }
.product-item { border: 1px solid #aaa; background: #fff; break-inside: avoid; display: flex; flex-direction: column; font-size: 9pt; }
.product-images { position: relative; display: flex; justify-content: center; align-items: center; padding: 6px; background: #fff; }
.product-images .photo { display: block; width: 150px; height: 187.5px; }
.product-images .badge { position: absolute; top: 8px; right: 8px; width: 34px; }
.product-details { display: flex; flex-direction: column; flex-grow: 1; }
.detail-row { border-top: 1px solid #eee; padding: 4px 8px; font-size: 8pt; }
.detail-row.name { font: 700 10pt 'DejaVu Serif', serif; min-height: 3.1em; line-height: 1.3; }
.detail-row.code { color: #6d6357; letter-spacing: .03em; font-size: 7.5pt; }
.detail-row.meta { line-height: 1.4; min-height: 3.4em; }
.detail-row.meta .swatch { width: 8px; height: 8px; margin-right: 3px; vertical-align: -1px; }
.detail-row.price { display: flex; justify-content: space-between; margin-top: auto; font-size: 7.5pt; color: #8a8175; }
.detail-row.price .ws { font-size: 11pt; font-weight: 700; color: #2b2622; }
"""


def build_html(work):
    pages = [PRODUCTS[i:i + PER_PAGE] for i in range(0, len(PRODUCTS), PER_PAGE)]
    toc = "\n".join(
        f'<li><span class="t-style">{p[0]}</span><span class="t-name">{html.escape(p[1])}</span>'
        f'<span class="t-price">{money(p[4])}</span><span class="t-page"><a href="#{p[0]}"></a></span></li>'
        for p in PRODUCTS)
    sheets = "\n".join(
        f'<section class="sheet"><div class="products-grid">{"".join(card_html(p) for p in chunk)}</div></section>'
        for chunk in pages)
    doc = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{BRAND} — {SEASON}</title>
<style>{CSS}</style>
<script src="paged.polyfill.js"></script>
</head><body>
<section class="cover"><img class="bg" src="assets/cover.jpg" alt="">
  <div class="inner"><img src="assets/logo.png" alt="{BRAND}"><h1>Holiday 2026</h1>
  <p>Fine &amp; demi-fine jewelry · Wholesale line sheet</p><p>Orders ship from October 1, 2026</p></div></section>
<section class="toc"><div class="brandhead"><img src="assets/logo.png" alt="{BRAND}"></div><h2>Contents</h2>
  <ol>{toc}</ol>
  <p class="note">All prices are wholesale in USD. Minimum opening order $500; reorders $250. Sterling silver is .925; vermeil is 2.5 micron 14k gold over sterling silver.</p>
</section>
{sheets}
</body></html>"""
    (work / "linesheet.html").write_text(doc, encoding="utf-8")
    return pages


def chromium_pdf(src, out):
    prof = tempfile.mkdtemp(prefix="chromium-prof-")
    try:
        subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                        "--user-data-dir=" + prof, "--virtual-time-budget=30000",
                        "--run-all-compositor-stages-before-draw",
                        "--print-to-pdf=" + str(out), src.as_uri()],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
    finally:
        shutil.rmtree(prof, ignore_errors=True)
    pin_pdf(out)


def pin_pdf(path):
    """Chromium stamps the print time into the PDF; pin it (same byte length,
    so the xref offsets stay valid) so reruns give the same file."""
    data = Path(path).read_bytes()
    data = re.sub(rb"D:\d{14}", b"D:20260301120000", data)
    Path(path).write_bytes(data)


def main():
    out = common.prepare(FAMILY)
    work = Path(tempfile.mkdtemp(prefix="jewelry-"))
    try:
        (work / "assets").mkdir()
        (work / "images").mkdir()
        make_assets(work / "assets")
        for p in PRODUCTS:
            dest = out / common.image_rel(p[0])
            # The photo painter would give the cuff the signet ring's photo (same
            # metal, same fallback shape): shot on a rose-gold piece instead.
            common.make_photo(p[0], p[1], PHOTO_COLOURS.get(p[0], p[2]), dest, PHOTO_W, PHOTO_H)
            shutil.copy(dest, work / "images" / dest.name)
        shutil.copy(HERE / "node_modules" / "pagedjs" / "dist" / "paged.polyfill.js", work)
        pages = build_html(work)
        chromium_pdf(work / "linesheet.html", out / "linesheet.pdf")
    finally:
        shutil.rmtree(work, ignore_errors=True)

    products = []
    for n, chunk in enumerate(pages):
        for style, name, finishes, sizes, ws, rt, badge in chunk:
            products.append({
                "style_number": style, "name": name, "colors": finishes,
                "sizes": common.human_order(sizes) if sizes else ["One Size"],
                "wholesale_price": ws, "retail_price": float(rt), "category": "Jewellery",
                "page": FIRST_PRODUCT_PAGE + n, "image": common.image_rel(style)})
    po_lines = [{"style_number": s, "color": c, "size": z, "quantity": q, "unit_cost": u}
                for s, _d, c, z, q, u in PO_ROWS]
    common.write_truth(out, FAMILY, "grid", "USD", products, po_lines)

    # The PO: ExcelJS writes it from this JSON (make-po.mjs).
    spec = {"out": str(out / "po.xlsx"), "rows": PO_ROWS}
    subprocess.run(["node", str(HERE / "make-po.mjs")], input=json.dumps(spec).encode(), check=True, cwd=HERE)


if __name__ == "__main__":
    main()
