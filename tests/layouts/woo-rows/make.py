#!/usr/bin/python3
"""woo-rows: a WooCommerce-style PDF product catalogue in rows, rendered by Chromium (headless print to PDF).

Layout followed (re-expressed, not copied):
- mg-gouda/e-catalogue-for-woocommerce (GPL-2.0+), templates/pdf-template.php and
  templates/cover-template.php: a cover page (cover image, title, date), then a
  header line with the catalogue title, a list of `li.product-item` bands
  (image column on the left with a 1px #eee frame and 5px padding, product
  details on the right, 1px #eee rule between bands) and a footer
  "Page N of M".
- WooCommerce core single-product/product-attributes.php (GPL-3.0): product
  facts as a `shop_attributes` table, label cell (th) then value cell (td).
- Tiered Pricing Table for WooCommerce (GPL-2.0+, seen in
  nathanrdodson/tpt_premium views/frontend/tiered-pricing-table.php): the
  quantity tiers "10 - 24 pieces", "25 - 49 pieces", "50+ pieces" with a
  wc_price()-formatted price ("£1,195.00").

Run with /usr/bin/python3 (PIL, openpyxl) and Debian's chromium.
"""
import html
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import common  # noqa: E402

from PIL import Image, ImageDraw, ImageFont  # noqa: E402
import openpyxl  # noqa: E402
from openpyxl.styles import Font, Alignment, Border, Side, PatternFill  # noqa: E402

FAMILY = "woo-rows"
HERE = Path(__file__).resolve().parent
PER_PAGE = 3
TIERS = ["10 - 24 pieces", "25 - 49 pieces", "50+ pieces"]

DESCRIPTIONS = {
    "FH-2201": "Double-faced brushed wool with a notch collar and horn buttons.",
    "FH-2202": "Heavy cotton jersey in a classic mariner stripe.",
    "FH-2203": "12oz cotton canvas with leather handles and an inner zip pocket.",
    "FH-2204": "Soft lambswool yoke pattern knitted in Scotland.",
    "FH-2205": "Hand-woven leather with a brushed brass buckle.",
    "FH-2206": "8-wale corduroy, high rise, pressed front crease.",
    "FH-2207": "Lightweight recycled fill with diamond quilting.",
    "FH-2208": "Chunky cable knit with a faux-fur pom.",
    "FH-2209": "Fluid cotton lawn with a ditsy floral print and tie waist.",
    "FH-2210": "Brushed-back 400gsm cotton fleece.",
    "FH-2211": "Extra-fine merino rib, 180 x 30 cm.",
    "FH-2212": "British waxed cotton with a cord collar and four patch pockets.",
}


def gbp(v):
    return "\u00a3{:,.2f}".format(v)


def make_cover_image(path):
    """Cover image the plugin's settings point at (a non-product JPEG)."""
    w, h = 600, 360
    im = Image.new("RGB", (w, h), (222, 214, 198))
    dr = ImageDraw.Draw(im)
    for i in range(0, h, 6):
        dr.line([(0, i), (w, i)], fill=(214 - i // 30, 204 - i // 40, 186 - i // 50))
    dr.ellipse([200, 60, 400, 260], outline=(90, 70, 50), width=6)
    try:
        f = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf", 46)
    except OSError:
        f = ImageFont.load_default()
    dr.text((w // 2, h // 2 - 40), "F&Co", fill=(90, 70, 50), font=f, anchor="mm")
    dr.text((w // 2, h // 2 + 20), "EST. 1998", fill=(90, 70, 50), font=f.font_variant(size=18), anchor="mm")
    im.save(path, "JPEG", quality=80)


def make_logo(path):
    """Small store logo PNG for the header line."""
    im = Image.new("RGBA", (180, 48), (0, 0, 0, 0))
    dr = ImageDraw.Draw(im)
    try:
        f = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf", 16)
    except OSError:
        f = ImageFont.load_default()
    dr.rounded_rectangle([1, 1, 178, 46], radius=8, outline=(51, 51, 51, 255), width=2)
    dr.text((90, 24), "FERNHILL & CO", fill=(51, 51, 51, 255), font=f, anchor="mm")
    im.save(path, "PNG")


CSS = """
@page { size: A4; margin: 0; }
html, body { margin: 0; padding: 0; }
body { font-family: 'DejaVu Sans', sans-serif; font-size: 12px; color: #666666; line-height: 1.6; }
.page { position: relative; width: 794px; height: 1122px; overflow: hidden; page-break-after: always; box-sizing: border-box; padding: 100px 50px; }
.page.last { page-break-after: auto; }
header { position: absolute; top: 30px; left: 50px; right: 50px; height: 50px; text-align: center;
         line-height: 35px; border-bottom: 1px solid #eee; font-size: 14.4px; color: #333333; }
header img { position: absolute; left: 0; top: 4px; height: 30px; }
footer { position: absolute; bottom: 30px; left: 50px; right: 50px; height: 50px; text-align: center;
         line-height: 35px; border-top: 1px solid #eee; font-size: 10.8px; color: #666666; }
ul.product-list { list-style: none; padding: 0; margin: 0; }
li.product-item { border-bottom: 1px solid #eee; padding: 20px 0; height: 252px; }
li.product-item.final { border-bottom: none; }
table.band { width: 100%; border-collapse: collapse; }
td.product-image { width: 380px; vertical-align: top; text-align: left; padding: 0; }
td.product-image img { width: 150px; height: 188px; border: 1px solid #eee; padding: 5px; background: #fff; }
td.product-details { vertical-align: top; padding: 0; }
table.shop_attributes { border-collapse: collapse; margin: 0 0 6px 0; }
table.shop_attributes th { text-align: left; font-weight: bold; color: #333333; width: 72px; padding: 1px 0; vertical-align: top; }
table.shop_attributes td { padding: 1px 0; vertical-align: top; font-style: normal; }
.product-short-description { font-style: italic; margin: 0 0 6px 0; font-size: 11px; }
.retail-title { font-weight: bold; color: #333333; margin: 0; }
.product-price { font-size: 15.6px; font-weight: bold; color: #007bff; display: block; margin: 0 0 4px 0; }
.tiered-title { font-weight: bold; color: #333333; margin: 0; }
table.tiered-pricing-table { border-collapse: collapse; }
table.tiered-pricing-table td { padding: 0 26px 0 0; }
.cover { text-align: center; padding-top: 230px; }
.cover-image img { width: 450px; height: 270px; border: 1px solid #eee; padding: 10px; }
.cover-title { color: #333333; font-size: 36px; margin: 40px 0 20px 0; line-height: 1.2; }
.cover-date { font-size: 14.4px; }
"""


def product_li(p, final):
    title = p["name"] + (" \u2013 " + p["title_suffix"] if p.get("title_suffix") else "")
    rows = [("Name:", title), ("SKU:", p["sku"])]
    if p["colours_printed"]:
        rows.append(("Colours:", p["colours_printed"]))
    rows.append(("Sizes:", p["sizes_written"]))
    rows.append(("Category:", p["category"]))
    attr = "".join("<tr><th>%s</th><td>%s</td></tr>" % (html.escape(k), html.escape(v)) for k, v in rows)
    tiers = "".join("<tr><td>%s</td><td>%s</td></tr>" % (t, gbp(v)) for t, v in zip(TIERS, p["tiers"]))
    return """
<li class="product-item%s">
 <table class="band"><tr>
  <td class="product-image"><img src="../images/%s.jpg" alt="%s"></td>
  <td class="product-details">
   <table class="woocommerce-product-attributes shop_attributes">%s</table>
   <div class="product-short-description">%s</div>
   <p class="retail-title">Retail Price</p>
   <span class="product-price">%s</span>
   <p class="tiered-title">Wholesale Price:</p>
   <table class="tiered-pricing-table">%s</table>
  </td>
 </tr></table>
</li>""" % (" final" if final else "", p["sku"], html.escape(title), attr,
            html.escape(DESCRIPTIONS[p["sku"]]), gbp(p["retail"]), tiers)


def build_html(data, out_html):
    prods = data["products"]
    pages = [prods[i:i + PER_PAGE] for i in range(0, len(prods), PER_PAGE)]
    total = len(pages) + 1
    parts = ["<!DOCTYPE html><html lang='en'><head><meta charset='UTF-8'><title>%s</title><style>%s</style></head><body>"
             % (html.escape(data["title"]), CSS)]
    parts.append("""<div class="page"><div class="cover">
<div class="cover-image"><img src="cover.jpg" alt="cover"></div>
<h1 class="cover-title">%s</h1><p class="cover-date">1 September 2025</p></div></div>""" % html.escape(data["title"]))
    placement = {}
    for n, group in enumerate(pages, start=2):
        cls = "page last" if n == total else "page"
        parts.append('<div class="%s"><header><img src="logo.png" alt="logo">%s</header><main><ul class="product-list">'
                     % (cls, html.escape(data["title"])))
        for i, p in enumerate(group):
            parts.append(product_li(p, i == len(group) - 1))
            placement[p["sku"]] = n
        parts.append("</ul></main><footer>Page %d of %d</footer></div>" % (n, total))
    parts.append("</body></html>")
    out_html.write_text("".join(parts), encoding="utf-8")
    return placement


def write_po(path, data):
    """A WooCommerce order exported to XLSX (one line per variation)."""
    lines = [
        # (written style, product name, colour, size, qty, unit)
        ("FH-2201", "Brushed Wool Overcoat", "Camel", "S", 4, 96.00),
        ("FH-2201", "Brushed Wool Overcoat", "Camel", "M", 6, 96.00),
        ("FH-2201", "Brushed Wool Overcoat", "charcoal", "M", 4, 96.00),
        ("fh2202", "Breton Stripe Long Sleeve Top", "Navy", "XS", 8, 20.90),
        ("fh2202", "Breton Stripe Long Sleeve Top", "Navy", "S", 10, 20.90),
        ("fh2202", "Breton Stripe Long Sleeve Top", "Navy", "M", 10, 20.90),
        ("FH 2203", "Canvas Market Tote - Black", "BLACK", "", 12, 15.20),
        ("FH-2205", "Woven Leather Belt", "Natural/Black", "M", 6, 18.00),
        ("FH-2205", "Woven Leather Belt", "Natural/Black", "L", 6, 18.00),
        ("FH.2206", "Corduroy Wide Leg Trousers", "Rust", "8", 3, 35.60),
        ("FH.2206", "Corduroy Wide Leg Trousers", "Rust", "10", 4, 35.60),
        ("FH.2206", "Corduroy Wide Leg Trousers", "Rust", "12", 3, 35.60),
        ("FH-2208", "Cable Knit Bobble Hat", "Mustard", "One Size", 30, 10.60),
        ("fh-2210", "Heavyweight Cotton Hoodie", "natural/black", "L", 5, 30.00),
        ("fh-2210", "Heavyweight Cotton Hoodie", "natural/black", "XL", 5, 30.00),
        ("FH-2212", "Waxed Cotton Field Jacket", "Olive", "M", 2, 478.00),
        ("FH-2212", "Waxed Cotton Field Jacket", "Olive", "L", 2, 478.00),
        ("FH-2290", "Shearling Trapper Hat", "Tan", "One Size", 6, 24.00),
    ]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Order 10482"
    bold = Font(bold=True)
    pre = [("Order", "#10482"), ("Order date", "2025-09-12"), ("Customer", "The Linen Cupboard Ltd (wholesale)"),
           ("Billing", "14 Castle Street, Ludlow SY8 1AT"), ("Payment method", "Bank transfer (BACS) - 30 days"),
           ("Currency", "GBP")]
    for r, (k, v) in enumerate(pre, start=1):
        ws.cell(r, 1, k).font = bold
        ws.cell(r, 2, v)
    hdr_row = 8
    headers = ["SKU", "Item", "Colour", "Size", "Quantity", "Item Cost", "Line Total"]
    thin = Side(style="thin", color="999999")
    for c, h in enumerate(headers, start=1):
        cell = ws.cell(hdr_row, c, h)
        cell.font = bold
        cell.fill = PatternFill("solid", fgColor="EEEEEE")
        cell.border = Border(bottom=thin)
    r = hdr_row + 1
    po_lines = []
    total = 0.0
    for st, name, col, size, q, unit in lines:
        ws.cell(r, 1, st)
        ws.cell(r, 2, name)
        ws.cell(r, 3, col)
        ws.cell(r, 4, size if size else None)
        ws.cell(r, 5, q)
        ws.cell(r, 6, unit).number_format = '"£"#,##0.00'
        ws.cell(r, 7, round(q * unit, 2)).number_format = '"£"#,##0.00'
        total += q * unit
        po_lines.append({"style_number": st, "color": col, "size": size, "quantity": q, "unit_cost": unit})
        r += 1
    r += 1
    ship = 25.00
    for label, val in (("Subtotal:", total), ("Shipping:", ship), ("VAT (20%):", round((total + ship) * 0.2, 2)),
                       ("Order Total:", round((total + ship) * 1.2, 2))):
        ws.cell(r, 6, label).font = bold
        ws.cell(r, 6).alignment = Alignment(horizontal="right")
        ws.cell(r, 7, round(val, 2)).number_format = '"£"#,##0.00'
        r += 1
    for col, w in zip("ABCDEFG", (12, 34, 16, 10, 10, 12, 12)):
        ws.column_dimensions[col].width = w
    wb.save(path)
    return po_lines


def main():
    data = json.loads((HERE / "products.json").read_text(encoding="utf-8"))
    out = common.prepare(FAMILY)
    for p in data["products"]:
        colours = p["colours"]
        common.make_photo(p["sku"], p["name"], colours, out / common.image_rel(p["sku"]), 320, 400)
    with tempfile.TemporaryDirectory() as td:
        work = Path(td) / "html"
        work.mkdir()
        make_cover_image(work / "cover.jpg")
        make_logo(work / "logo.png")
        shutil.copytree(out / "images", Path(td) / "images")
        placement = build_html(data, work / "catalogue.html")
        subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                        "--allow-file-access-from-files", "--run-all-compositor-stages-before-draw",
                        "--print-to-pdf=" + str(out / "linesheet.pdf"), (work / "catalogue.html").as_uri()],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    po_lines = write_po(out / "po.xlsx", data)
    products = []
    for p in data["products"]:
        products.append({"style_number": p["sku"], "name": p["name"], "colors": p["colours"],
                         "sizes": common.human_order(p["sizes"]), "wholesale_price": p["tiers"][0],
                         "retail_price": p["retail"], "category": p["category"], "page": placement[p["sku"]],
                         "image": common.image_rel(p["sku"])})
    common.write_truth(out, FAMILY, "rows", "GBP", products, po_lines)
    shutil.copy(HERE / "SOURCE.md", out / "SOURCE.md")


if __name__ == "__main__":
    main()
