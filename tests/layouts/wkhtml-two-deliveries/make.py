#!/usr/bin/python3
"""wkhtml-two-deliveries: two delivery linesheets rendered by wkhtmltopdf
(Debian package, 0.12.6 on Qt 5) from HTML that follows the "Premium Brochure"
custom template of twomatetechnologies/CatalogForge (MIT):
public/templates/custom/premium-brochure.html and
premium-brochure-product.html, with the banner of seasonal-promotion.html.

Run: /usr/bin/python3 tests/layouts/wkhtml-two-deliveries/make.py
"""
import datetime
import io
import zipfile
import html
import json
import os
import random
import re
import subprocess
import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from PIL import Image, ImageDraw, ImageFilter, ImageFont

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
import common  # noqa: E402

FAMILY = "wkhtml-two-deliveries"
LETTERS = ["XXS", "XS", "S", "M", "L", "XL", "XXL"]
PLAIN = {"Sandal": "Footwear", "Earrings": "Jewellery"}
PER_PAGE = 6          # 2 columns x 3 rows
FIRST_PAGE = 4        # the banner takes the first row


def expand(sizes):
    s = sizes.strip()
    if s == "One Size":
        return ["One Size"]
    m = re.fullmatch(r"(\w+)-(\w+)", s)
    if m:
        a, b = m.groups()
        if a in LETTERS:
            return LETTERS[LETTERS.index(a):LETTERS.index(b) + 1]
        return [str(n) for n in range(int(a), int(b) + 1, 2)]
    return common.human_order([x.strip() for x in s.split(",")])


def category(name):
    try:
        return common._mt.kind_of(name)[1]
    except ValueError:
        return PLAIN[name.split()[-1]]


def eur(v):
    """1.234,56 € (decimal comma, dot thousands, sign after)."""
    s = "{:,.2f}".format(v).replace(",", "X").replace(".", ",").replace("X", ".")
    return s + "\u00a0€"


def cover_photo(path, seed):
    """Large cover background: a soft beach/landscape abstract, not a product."""
    rng = random.Random(seed)
    w, h = 816, 1056
    img = Image.new("RGB", (w, h))
    d = ImageDraw.Draw(img)
    horizon = int(h * rng.uniform(0.45, 0.55))
    for y in range(h):
        t = y / h
        if y < horizon:
            c = (int(150 + 70 * t), int(170 + 50 * t), int(200 + 30 * t))
        else:
            c = (int(196 - 40 * t), int(180 - 40 * t), int(150 - 40 * t))
        d.line([(0, y), (w, y)], fill=c)
    for _ in range(40):
        x, y = rng.randint(0, w), rng.randint(horizon, h)
        r = rng.randint(20, 90)
        c = rng.randint(120, 170)
        d.ellipse([x - r, y - r // 3, x + r, y + r // 3], fill=(c, c - 10, c - 30))
    img = img.filter(ImageFilter.GaussianBlur(5))
    img.save(path, "JPEG", quality=70)


def logo(path):
    img = Image.new("RGBA", (360, 80), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    f = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf", 28)
    for k in range(5):
        d.line([(18 + k * 7, 62), (40, 14)], fill=(26, 35, 126, 255), width=3)
    d.text((70, 18), "ATELIER NORDLYS", font=f, fill=(26, 35, 126, 255))
    img.save(path, "PNG")


CSS = """
@page { margin: 0; size: letter; }
html { zoom: 1.302; }
body { font-family: 'DejaVu Serif', 'Palatino Linotype', Palatino, serif; margin: 0; padding: 0; color: #333; background-color: #fff; }
.page { position: relative; width: 8.5in; height: 10.96in; padding: 0.5in; box-sizing: border-box; overflow: hidden;
        page-break-after: always; }
.page.last { page-break-after: auto; }
.page.cover-page { padding: 0; }
.cover { background-color: #1a237e; background-image: url(cover.jpg); background-size: cover; background-position: center;
         color: white; height: 100%; text-align: center; position: relative; }
.cover .shade { position: absolute; top: 0; left: 0; width: 100%; height: 100%;
                background-color: rgba(26, 35, 126, 0.45); }
.cover-content { position: relative; z-index: 2; padding: 2.6in 1in 0 1in; }
.cover h1 { font-size: 48px; font-weight: normal; margin-bottom: 30px; letter-spacing: 4px; text-transform: uppercase; }
.cover p { font-size: 22px; max-width: 80%; margin: 0 auto 50px auto; line-height: 1.4; }
.cover .company-name { font-size: 24px; text-transform: uppercase; letter-spacing: 2px; margin: 60px auto 0 auto;
                       padding-top: 30px; border-top: 1px solid rgba(255,255,255,0.5); width: 80%; }
.header { text-align: center; margin-bottom: 22px; padding-bottom: 10px; border-bottom: 1px solid #e0e0e0; }
.header h2 { color: #1a237e; font-size: 28px; margin: 0 0 6px 0; font-weight: normal; letter-spacing: 1px; }
.header p { color: #777; font-size: 16px; font-style: italic; margin: 0; }
.table-of-contents { margin: 40px 0; }
.table-of-contents h3 { color: #1a237e; margin-bottom: 20px; text-transform: uppercase; letter-spacing: 1px; font-size: 16px; }
.toc-item { display: -webkit-box; display: flex; -webkit-box-pack: justify; justify-content: space-between;
            padding: 8px 0; border-bottom: 1px dotted #ccc; }
.toc-category { font-weight: bold; color: #333; }
.toc-page { color: #1a237e; }
.seasonal-banner { background-color: #E74C3C; color: white; padding: 0; height: 190px; margin-bottom: 22px;
                   border-radius: 5px; font-weight: bold; text-transform: uppercase; letter-spacing: 1px; overflow: hidden; }
.seasonal-banner img { float: right; height: 190px; width: 152px; }
.seasonal-banner .banner-text { padding: 55px 30px 0 30px; font-size: 22px; line-height: 1.35; }
.products-container { width: 100%; }
.row { display: -webkit-box; display: flex; margin-bottom: 18px; }
.product-card { display: -webkit-box; display: flex; background-color: white; overflow: hidden;
                box-shadow: 0 3px 6px rgba(0,0,0,0.1); border: 1px solid #eee; position: relative;
                height: 222px; width: 340px; margin-right: 40px; }
.row .product-card:last-child { margin-right: 0; }
.product-image { width: 40%; background-color: #f9f9f9; text-align: center; overflow: hidden; }
.product-image img { width: 136px; height: 170px; margin-top: 26px; }
.product-details { width: 60%; padding: 14px 12px 10px 14px; box-sizing: border-box; }
.product-name { font-weight: bold; font-size: 17px; margin-bottom: 6px; color: #1a237e; line-height: 1.2; }
.product-price { font-weight: bold; color: #c2185b; font-size: 17px; margin: 4px 0 2px 0; }
.product-rrp { font-size: 11px; color: #777; margin-bottom: 6px; }
.product-sku { font-size: 12px; color: #999; margin-bottom: 3px; }
.product-size, .product-colours { font-size: 12px; color: #555; margin-bottom: 3px; }
.product-description { font-size: 11px; color: #555; line-height: 1.4; font-style: italic; }
.footer { position: absolute; bottom: 0.5in; left: 0.5in; right: 0.5in; text-align: center; font-size: 12px;
          color: #999; padding-top: 8px; border-top: 1px solid #e0e0e0; }
.footer-logo img { height: 22px; }
.footer-contact { font-style: italic; }
.footer p { margin: 2px 0 0 0; }
.page-number { position: absolute; bottom: 0.25in; right: 0.5in; font-size: 10px; color: #999; }
"""


def footer(brand, n, logo_src):
    return ('<div class="footer"><div class="footer-logo"><img src="%s" alt="%s"></div>'
            '<div class="footer-contact">For more information, please contact us: orders@ateliernordlys.dk</div>'
            '<p>Generated on 12/1/2025, 10:30:00 AM</p></div><div class="page-number">%d</div>'
            % (logo_src, html.escape(brand), n))


def card(p, img_src):
    return ('<div class="product-card"><div class="product-image"><img src="%s" alt="%s"></div>'
            '<div class="product-details"><div class="product-name">%s</div>'
            '<div class="product-price">%s</div><div class="product-rrp">RRP %s</div>'
            '<div class="product-sku">SKU: %s</div>'
            '<div class="product-colours">Colours: %s</div>'
            '<div class="product-size">Size: %s</div>'
            '<div class="product-description">%s</div></div></div>'
            % (img_src, html.escape(p["name"]), html.escape(p["name"]), eur(p["whs"]), eur(p["rrp"]),
               html.escape(p["style"]), html.escape(", ".join(p["colours"])), html.escape(p["sizes"]),
               html.escape(p["desc"])))


def render(data, dl, out, build):
    brand, cat = data["brand"], data["catalog"]
    prods = dl["products"]
    chunks = [prods[:FIRST_PAGE]]
    rest = prods[FIRST_PAGE:]
    while rest:
        chunks.append(rest[:PER_PAGE])
        rest = rest[PER_PAGE:]
    pages = []
    pages.append('<div class="page cover-page"><div class="cover"><div class="shade"></div><div class="cover-content">'
                 '<h1>%s</h1><p>%s</p><p style="font-size:18px">%s</p><div class="company-name">%s</div></div></div></div>'
                 % (html.escape(cat + " " + dl["title"]), html.escape(dl["description"]), html.escape(dl["window"]),
                    html.escape(brand)))
    toc = [("Featured Style", 3), ("The Collection", 3)] + [("The Collection, continued", 3 + k)
                                                             for k in range(1, len(chunks))]
    toc.append(("Ordering Information", 2 + len(chunks)))
    pages.append('<div class="page"><div class="header"><h2>Contents</h2><p>%s | %s</p></div>'
                 '<div class="table-of-contents"><h3>Product Categories</h3>%s</div>'
                 '<div style="font-size:14px;color:#555;line-height:1.6"><p>Wholesale prices in euro, excluding VAT, '
                 'ex works Copenhagen. RRP is the recommended retail price in Denmark and the eurozone.</p></div>%s</div>'
                 % (html.escape(cat + " " + dl["title"]), html.escape(brand),
                    "".join('<div class="toc-item"><span class="toc-category">%s</span><span class="toc-page">%d</span></div>'
                            % (html.escape(a), b) for a, b in toc),
                    footer(brand, 2, "logo.png")))
    hero = next(p for p in prods if p["style"] == dl["hero"])
    page_of = {}
    for k, chunk in enumerate(chunks):
        n = 3 + k
        body = ['<div class="page%s"><div class="header"><h2>%s</h2><p>%s | %s</p></div>'
                % (" last" if k == len(chunks) - 1 else "", html.escape(dl["title"] + " · " + dl["window"]),
                   html.escape(cat), html.escape(brand))]
        if k == 0:
            body.append('<div class="seasonal-banner"><img src="%s" alt=""><div class="banner-text">%s<br>'
                        '<span style="font-size:15px;font-weight:normal">New this delivery</span></div></div>'
                        % (common.image_rel(hero["style"]), html.escape(dl["hero_text"])))
        body.append('<div class="products-container">')
        for r in range(0, len(chunk), 2):
            body.append('<div class="row">%s</div>' % "".join(card(p, common.image_rel(p["style"]))
                                                             for p in chunk[r:r + 2]))
        for p in chunk:
            page_of[p["style"]] = n
        body.append('</div>')
        if k == len(chunks) - 1:
            body.append('<div style="font-size:11px;color:#777;margin-top:6px"><b>Ordering Information.</b> '
                        'Minimum order 1.500,00 €. Payment 30 days net. Prices valid for %s.</div>'
                        % html.escape(cat + " " + dl["title"]))
        body.append(footer(brand, n, "logo.png") + '</div>')
        pages.append("".join(body))
    doc = ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>%s</title><style>%s</style></head><body>%s</body></html>'
           % (html.escape(cat + " " + dl["title"] + " - " + brand), CSS, "\n".join(pages)))
    src = build / (dl["file"].replace(".pdf", ".html"))
    src.write_text(doc, encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_RUNTIME_DIR=str(build), QT_HASH_SEED="0")
    subprocess.run(["wkhtmltopdf", "-q", "--enable-local-file-access", "--page-size", "Letter",
                    "-T", "0", "-B", "0", "-L", "0", "-R", "0", "--title", cat + " " + dl["title"],
                    str(src), str(out / dl["file"])], check=True, env=env, cwd=build)
    # wkhtmltopdf stamps the current time; pin it so that reruns give the same bytes.
    pdf = (out / dl["file"]).read_bytes()
    pdf = re.sub(rb"/CreationDate \(D:[0-9Z+\-']+\)", lambda m: (b"/CreationDate (D:20251201103000Z" +
                                                                b" " * (len(m.group(0)) - 33) + b")"), pdf)
    (out / dl["file"]).write_bytes(pdf)
    return page_of


def save_xlsx(wb, path, when):
    """Save with fixed document and zip-entry times, so that reruns give the same bytes."""
    wb.properties.created = wb.properties.modified = when
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    with zipfile.ZipFile(buf) as z:
        entries = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            zi = zipfile.ZipInfo(name, date_time=when.timetuple()[:6])
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            z.writestr(zi, data)


def main():
    data = json.loads((HERE / "products.json").read_text(encoding="utf-8"))
    out = common.prepare(FAMILY)
    build = Path("/tmp") / ("layout-" + FAMILY)
    subprocess.run(["rm", "-rf", str(build)], check=True)
    (build / "images").mkdir(parents=True)
    logo(build / "logo.png")

    products = []
    for dl in data["deliveries"]:
        cover_photo(build / "cover.jpg", "cover:" + dl["file"])
        for p in dl["products"]:
            rel = common.image_rel(p["style"])
            common.make_photo(p["style"], p["name"], p["colours"], out / rel, 272, 340)
            (build / rel).write_bytes((out / rel).read_bytes())
        page_of = render(data, dl, out, build)
        for p in dl["products"]:
            products.append({"style_number": p["style"], "name": p["name"], "colors": p["colours"],
                             "sizes": expand(p["sizes"]), "wholesale_price": p["whs"], "retail_price": p["rrp"],
                             "category": category(p["name"]), "page": page_of[p["style"]],
                             "image": common.image_rel(p["style"]), "linesheet": dl["file"]})

    # Check the pages against the rendered text.
    for p in products:
        pdf = out / p["linesheet"]
        t = subprocess.run(["pdftotext", "-f", str(p["page"]), "-l", str(p["page"]), str(pdf), "-"],
                           capture_output=True, text=True).stdout
        assert "SKU: " + p["style_number"] in t, p

    # The boutique's order: an Excel sheet with a merged title, a preamble and no cost column.
    lines = [
        ("an26-101", "Poplin Wrap Blouse", "WHITE", "36", 2), ("an26-101", "Poplin Wrap Blouse", "WHITE", "38", 3),
        ("an26-101", "Poplin Wrap Blouse", "WHITE", "40", 2),
        ("AN26 103", "Linen Shirt Dress", "sage", "S", 2), ("AN26 103", "Linen Shirt Dress", "sage", "M", 3),
        ("AN26 103", "Linen Shirt Dress", "ink", "M", 2), ("AN26 103", "Linen Shirt Dress", "ink", "L", 1),
        ("AN26105", "Wide Leg Linen Trousers", "NATURAL", "38", 2), ("AN26105", "Wide Leg Linen Trousers", "NATURAL", "40", 2),
        ("AN 26-108", "Longline Wool Coat", "Camel", "38", 1), ("AN 26-108", "Longline Wool Coat", "Camel", "40", 1),
        ("an26-109", "Woven Raffia Tote", "natural", "O/S", 5),
        ("AN26-150", "Cotton Gauze Kaftan", "White", "S/M", 3), ("AN26-150", "Cotton Gauze Kaftan", "White", "M/L", 3),
        ("AN26.202", "Ribbed Knit Tank", "ECRU", "XS", 3), ("AN26.202", "Ribbed Knit Tank", "ECRU", "S", 4),
        ("AN26.202", "Ribbed Knit Tank", "BLACK", "S", 4), ("AN26.202", "Ribbed Knit Tank", "BLACK", "M", 4),
        ("an26205", "Seersucker Camp Shirt", "blue stripe", "M", 3), ("an26205", "Seersucker Camp Shirt", "blue stripe", "L", 3),
        ("AN26-207", "Leather Strap Sandal", "Tan", "37", 2), ("AN26-207", "Leather Strap Sandal", "Tan", "38", 3),
        ("AN26-207", "Leather Strap Sandal", "Tan", "39", 2),
        ("AN26 208", "Gold Hoop Earrings", "GOLD", "", 2),
    ]
    wb = Workbook()
    ws = wb.active
    ws.title = "Order"
    ws.merge_cells("A1:F1")
    ws["A1"] = "ORDER – Atelier Nordlys Spring 2026 (Delivery 1 + 2)"
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center")
    pre = [("Customer", "Butik Havblik ApS, Strandvejen 112, 2900 Hellerup"), ("Customer no.", "DK-20417"),
           ("Order date", datetime.datetime(2025, 12, 3)), ("Agent", "Nordic Fashion Agency / M. Lund"),
           ("Remarks", "Delivery 1 and Delivery 2 ship separately. Prices as per linesheet.")]
    for i, (k, v) in enumerate(pre):
        ws.cell(row=3 + i, column=1, value=k).font = Font(bold=True)
        c = ws.cell(row=3 + i, column=2, value=v)
        if isinstance(v, datetime.datetime):
            c.number_format = "dd.mm.yyyy"
    hdr = 9
    thin = Side(style="thin", color="999999")
    for j, h in enumerate(["Article no.", "Article", "Colour", "Size", "Qty", "Delivery"], 1):
        c = ws.cell(row=hdr, column=j, value=h)
        c.font = Font(bold=True)
        c.fill = PatternFill("solid", fgColor="DDE3F0")
        c.border = Border(bottom=thin)
    delivery_of = {common.norm(p["style_number"]): ("1" if p["linesheet"] == "linesheet.pdf" else "2") for p in products}
    po_lines = []
    r = hdr + 1
    for st, nm, col, size, q in lines:
        for j, v in enumerate([st, nm, col, size, q, delivery_of.get(common.norm(st), "")], 1):
            ws.cell(row=r, column=j, value=v if v != "" else None)
        po_lines.append({"style_number": st, "color": col, "size": size, "quantity": q, "unit_cost": None})
        r += 1
    ws.cell(row=r, column=4, value="Total pcs").font = Font(bold=True)
    ws.cell(row=r, column=5, value=sum(x[4] for x in lines)).font = Font(bold=True)
    ws.cell(row=r + 2, column=1, value="Signed: ______________________   Date: __________")
    for col, wd in zip("ABCDEF", (13, 30, 14, 7, 6, 9)):
        ws.column_dimensions[col].width = wd
    wb.properties.creator = "Butik Havblik"
    save_xlsx(wb, out / "po.xlsx", datetime.datetime(2025, 12, 3, 14, 0, 0))

    common.write_truth(out, FAMILY, "grid", "EUR", products, po_lines)
    (out / "SOURCE.md").write_text((HERE / "SOURCE.md").read_text(encoding="utf-8"), encoding="utf-8")


if __name__ == "__main__":
    main()
