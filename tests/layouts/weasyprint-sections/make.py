#!/usr/bin/python3
"""weasyprint-sections: a wholesale lookbook laid out like WeasyPrint's public
"report" sample (CourtBouillon/weasyprint-samples, report/report.css, public
domain) and rendered by the Debian `weasyprint` command.

What is followed from the sample (re-expressed, not copied): a full-bleed
cover photo on the :first page with a big yellow title and yellow address
bands at the foot; a contents page whose entries get their page numbers from
target-counter(); chapter headings (h2) that start a new page and feed the
running header through string-set; the page number in a yellow square in the
@top-left margin box, a thin yellow rule in @top-center and the current
chapter title in @top-right; content flowing in CSS `columns: 2`; the yellow
price band of the sample's "offers" boxes; a yellow icon square before each
section as in its "skills" part.

Run: /usr/bin/python3 tests/layouts/weasyprint-sections/make.py
"""
import csv
import html
import io
import json
import os
import random
import re
import subprocess
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
import common  # noqa: E402

FAMILY = "weasyprint-sections"
LETTERS = ["XXS", "XS", "S", "M", "L", "XL", "XXL"]


def expand(sizes):
    s = sizes.strip()
    if s == "One Size":
        return ["One Size"]
    m = re.fullmatch(r"(\w+)\s*[–-]\s*(\w+)", s)
    if m:
        a, b = m.groups()
        if a in LETTERS:
            return LETTERS[LETTERS.index(a):LETTERS.index(b) + 1]
        return [str(n) for n in range(int(a), int(b) + 1, 2)]
    return common.human_order([x.strip() for x in s.split(",")])


def cover_photo(path):
    """The cover background: a moody landscape-ish abstract, not a product."""
    rng = random.Random("tv-cover")
    w, h = 620, 877
    img = Image.new("RGB", (w, h))
    d = ImageDraw.Draw(img)
    for y in range(h):
        t = y / h
        d.line([(0, y), (w, y)], fill=(int(70 + 60 * t), int(78 + 40 * t), int(88 + 10 * t)))
    for _ in range(70):
        x, y, r = rng.randint(0, w), rng.randint(int(h * 0.45), h), rng.randint(30, 140)
        c = rng.randint(40, 90)
        d.ellipse([x - r, y - r // 2, x + r, y + r // 2], fill=(c, c + 18, c + 8))
    img = img.filter(ImageFilter.GaussianBlur(6))
    img.save(path, "JPEG", quality=72)


def icon(path, k):
    """A small line icon on the sample's yellow square (PNG)."""
    img = Image.new("RGBA", (96, 96), (251, 200, 71, 255))
    d = ImageDraw.Draw(img)
    ink = (57, 57, 57, 255)
    if k == 0:   # dress
        d.polygon([(40, 18), (56, 18), (60, 34), (74, 80), (22, 80), (36, 34)], outline=ink, width=4)
    elif k == 1:  # ball of yarn
        d.ellipse([22, 22, 74, 74], outline=ink, width=4)
        d.arc([10, 30, 62, 82], 280, 20, fill=ink, width=3)
        d.arc([34, 14, 86, 66], 100, 200, fill=ink, width=3)
    elif k == 2:  # coat hanger
        d.line([(48, 22), (48, 34), (18, 70), (78, 70), (48, 34)], fill=ink, width=4)
        d.arc([40, 12, 56, 28], 180, 90, fill=ink, width=4)
    elif k == 3:  # trousers
        d.polygon([(30, 18), (66, 18), (72, 80), (56, 80), (48, 40), (40, 80), (24, 80)], outline=ink, width=4)
    else:         # bag
        d.rectangle([22, 40, 74, 78], outline=ink, width=4)
        d.arc([34, 20, 62, 56], 180, 360, fill=ink, width=4)
    img.save(path, "PNG")


def money(v):
    return "£" + v


CSS = """
@page {
  size: A4;
  margin: 2.4cm 2cm 2cm 2cm;
  @top-left { background: #fbc847; content: counter(page); height: 1cm; width: 1cm;
              text-align: center; vertical-align: middle; font-family: DejaVu Sans; font-size: 10pt; }
  @top-center { background: #fbc847; content: ''; display: block; height: .05cm; opacity: .5; width: 100%; }
  @top-right { content: string(heading); font-size: 9pt; height: 1cm; vertical-align: middle; width: 100%; }
  @bottom-right { content: "Thornbury & Vale · AW26 Wholesale · Page " counter(page) " of " counter(pages);
                  font-size: 7.5pt; color: #8a8a8a; }
}
@page :first {
  background: url(cover.jpg) no-repeat center;
  background-size: cover;
  margin: 0;
  @top-left { content: none; background: none } @top-center { content: none } @top-right { content: none }
  @bottom-right { content: none }
}
@page no-chapter {
  @top-left { background: none; content: none } @top-center { content: none } @top-right { content: none }
}
html { color: #393939; font-family: DejaVu Sans; font-size: 9.5pt; font-weight: 300; line-height: 1.4; }
h1 { color: #fbc847; font-size: 38pt; margin: 5cm 2cm 0 2cm; page: no-chapter; width: 100%; line-height: 1.1 }
#cover p.season { color: white; font-size: 16pt; margin: .4cm 2cm; }
#cover .addresses { position: absolute; bottom: 0; left: 0; right: 0; display: flex; flex-wrap: wrap; }
#cover address { background: #fbc847; flex: 1 50%; padding: .8cm 0 .8cm 2cm; white-space: pre-wrap;
                 font-style: normal; font-size: 9pt; color: #393939 }
h2 { break-before: always; font-size: 24pt; font-weight: 400; color: black; string-set: heading content();
     margin: 0 0 .2cm 0; }
#contents { break-before: always; page: no-chapter; }
#contents h2 { font-size: 20pt; string-set: none; margin-bottom: 2cm; break-before: auto }
#contents ul { list-style: none; padding-left: 0 }
#contents ul li { border-top: .25pt solid #c1c1c1; margin: .25cm 0; padding-top: .25cm; font-size: 11pt }
#contents ul li::before { color: #fbc847; content: '• '; font-size: 30pt; line-height: 12pt; vertical-align: bottom; }
#contents ul li a { color: inherit; text-decoration: none }
#contents ul li a::after { color: #c99a1e; content: target-counter(attr(href), page); float: right; }
.intro { margin: 0 0 .3cm 0; color: #666; }
.intro img { float: left; width: 1.1cm; height: 1.1cm; margin-right: .35cm; }
section.range { columns: 2; column-gap: 1cm; padding-top: .3cm; clear: both }
article { break-inside: avoid; margin: 0 0 .45cm 0; }
article img.photo { width: 6.2cm; height: 7.75cm; display: block; }
article .ref { font-size: 7.5pt; letter-spacing: .08em; color: #777; margin: .15cm 0 0 0 }
article h4 { font-size: 11pt; font-weight: 700; margin: 0 0 .05cm 0; color: black; width: 6.2cm }
article p { margin: 0 }
article p.desc { font-style: italic; color: #666 }
article p.price { background: #fbc847; font-weight: 700; padding: .08cm .2cm; margin-top: .12cm; width: 5.8cm }
"""


def main():
    data = json.loads((HERE / "products.json").read_text(encoding="utf-8"))
    out = common.prepare(FAMILY)
    build = Path("/tmp") / ("layout-" + FAMILY)
    if build.exists():
        subprocess.run(["rm", "-rf", str(build)], check=True)
    build.mkdir(parents=True)
    cover_photo(build / "cover.jpg")

    body = []
    body.append('<article id="cover"><h1>%s</h1><p class="season">%s<br>Wholesale Lookbook &amp; Price List</p>'
                '<div class="addresses"><address>London Showroom\n14 Calvert Yard, Shoreditch\nLondon E2 7JP</address>'
                '<address>Trade enquiries\nwholesale@thornburyvale.co.uk\n+44 20 7946 0321</address></div></article>'
                % (html.escape(data["brand"]), html.escape(data["season"])))
    body.append('<article id="contents"><h2>Contents</h2><ul>')
    for i, sec in enumerate(data["sections"]):
        body.append('<li><a href="#sec%d">%s</a></li>' % (i, html.escape(sec["heading"])))
    body.append('</ul><p style="margin-top:2cm">All prices in pounds sterling, excluding VAT. Wholesale minimum '
                'order £750. Delivery window 1 August – 15 September 2026.</p></article>')

    products = []
    for i, sec in enumerate(data["sections"]):
        icon(build / ("icon%d.png" % i), i)
        body.append('<h2 id="sec%d">%s</h2>' % (i, html.escape(sec["heading"])))
        body.append('<p class="intro"><img src="icon%d.png" alt="">%s</p>' % (i, html.escape(sec["intro"])))
        body.append('<section class="range">')
        for p in sec["products"]:
            img_rel = common.image_rel(p["style"])
            common.make_photo(p["style"], p["name"], p["colours"], out / img_rel, 300, 375)
            (build / "images").mkdir(exist_ok=True)
            (build / img_rel).write_bytes((out / img_rel).read_bytes())
            desc = '<p class="desc">%s</p>' % html.escape(p["desc"]) if p.get("desc") else ""
            body.append(
                '<article><img class="photo" src="%s" alt="">'
                '<p class="ref">%s</p><h4>%s</h4>%s'
                '<p>Colours: %s</p><p>Sizes: %s</p>'
                '<p class="price">Wholesale %s &nbsp;·&nbsp; RRP %s</p></article>'
                % (img_rel, html.escape(p["style"]), html.escape(p["name"]), desc,
                   html.escape(" / ".join(p["colours"])), html.escape(p["sizes"]),
                   money(p["whs"]), money(p["rrp"])))
            products.append({"style_number": p["style"], "name": p["name"], "colors": p["colours"],
                             "sizes": expand(p["sizes"]), "wholesale_price": float(p["whs"]),
                             "retail_price": float(p["rrp"]), "category": sec["heading"],
                             "page": None, "image": img_rel})
        body.append('</section>')

    doc = ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>%s %s</title>'
           '<meta name="author" content="%s"><style>%s</style></head><body>%s</body></html>'
           % (html.escape(data["brand"]), "AW26 Lookbook", html.escape(data["brand"]), CSS, "\n".join(body)))
    (build / "linesheet.html").write_text(doc, encoding="utf-8")
    # Font subsetting iterates over sets and stamps the time: pin both so that reruns give the same bytes.
    env = dict(os.environ, PYTHONHASHSEED="0", SOURCE_DATE_EPOCH="1767225600")
    subprocess.run(["weasyprint", str(build / "linesheet.html"), str(out / "linesheet.pdf")], check=True, env=env)

    # The page of each entry, read back from the rendered PDF.
    n = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(out / "linesheet.pdf")],
                                                          capture_output=True, text=True).stdout).group(1))
    texts = [subprocess.run(["pdftotext", "-f", str(k), "-l", str(k), "-layout", str(out / "linesheet.pdf"), "-"],
                            capture_output=True, text=True).stdout for k in range(1, n + 1)]
    for p in products:
        pages = [k + 1 for k, t in enumerate(texts) if p["style_number"] in t]
        assert len(pages) == 1, (p["style_number"], pages)
        p["page"] = pages[0]

    # The retailer's PO: an order-system CSV export (quoted, CRLF).
    rows = [
        ("TV26-101", "Bias Cut Satin Slip Dress", "BLACK", "8", 2, "62.50"),
        ("TV26-101", "Bias Cut Satin Slip Dress", "BLACK", "10", 3, "62.50"),
        ("TV26-101", "Bias Cut Satin Slip Dress", "BLACK", "12", 2, "62.50"),
        ("tv26 102", "Tiered Cotton Poplin Dress", "cornflower", "S", 2, "48.00"),
        ("tv26 102", "Tiered Cotton Poplin Dress", "cornflower", "M", 3, "48.00"),
        ("tv26 102", "Tiered Cotton Poplin Dress", "cornflower", "L", 1, "48.00"),
        ("TV26105", "Velvet Tea Dress", "Bottle Green", "10", 2, "66.00"),
        ("TV26105", "Velvet Tea Dress", "Bottle Green", "12", 2, "66.00"),
        ("TV26.201", "Merino Crew Neck Jumper", "OATMEAL", "S", 4, "38.00"),
        ("TV26.201", "Merino Crew Neck Jumper", "OATMEAL", "M", 4, "38.00"),
        ("TV26.201", "Merino Crew Neck Jumper", "CHARCOAL", "M", 3, "38.00"),
        ("TV26.201", "Merino Crew Neck Jumper", "CHARCOAL", "L", 2, "38.00"),
        ("TV26-203", "Ribbed Knit Midi Dress", "camel", "XS", 1, "47.50"),
        ("TV26-203", "Ribbed Knit Midi Dress", "camel", "S", 2, "47.50"),
        ("TV26-203", "Ribbed Knit Midi Dress", "camel", "M", 2, "47.50"),
        ("tv26-301", "Double Faced Wool Coat", "NAVY", "10", 1, "124.00"),
        ("tv26-301", "Double Faced Wool Coat", "NAVY", "12", 2, "124.00"),
        ("tv26-301", "Double Faced Wool Coat", "NAVY", "14", 1, "124.00"),
        ("TV26 302", "Quilted Barn Jacket", "Olive", "M", 3, "68.50"),
        ("TV26 302", "Quilted Barn Jacket", "Olive", "L", 2, "68.50"),
        ("TV26-402", "Cord Straight Leg Trousers", "TOBACCO", "26", 2, "42.00"),
        ("TV26-402", "Cord Straight Leg Trousers", "TOBACCO", "28", 3, "42.00"),
        ("TV26-402", "Cord Straight Leg Trousers", "TOBACCO", "30", 2, "42.00"),
        ("TV26-403", "Pleated Satin Midi Skirt", "forest", "S", 2, "44.50"),
        ("TV26-403", "Pleated Satin Midi Skirt", "forest", "M", 2, "44.50"),
        ("TV26-350", "Shearling Collar Gilet", "Moss", "S", 2, "59.00"),
        ("TV26-350", "Shearling Collar Gilet", "Moss", "M", 2, "59.00"),
        ("tv26501", "Leather Saddle Bag", "TAN", "OS", 4, "56.00"),
        ("TV26-502", "Lambswool Cable Beanie", "Ecru", "One Size", 6, "12.50"),
        ("TV26-502", "Lambswool Cable Beanie", "NAVY", "One Size", 6, "12.50"),
    ]
    buf = io.StringIO()
    w = csv.writer(buf, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    w.writerow(["PO Number", "Vendor", "Style Number", "Style Name", "Color", "Size", "Qty", "Unit Cost", "Ext Cost"])
    total_q, total_c = 0, 0.0
    po_lines = []
    for st, nm, col, size, q, cost in rows:
        ext = q * float(cost)
        total_q += q
        total_c += ext
        w.writerow(["HB-40317", "Thornbury & Vale", st, nm, col, size, q, cost, "%.2f" % ext])
        po_lines.append({"style_number": st, "color": col, "size": size, "quantity": q, "unit_cost": float(cost)})
    w.writerow(["HB-40317", "", "", "", "", "TOTAL", total_q, "", "%.2f" % total_c])
    (out / "po.csv").write_bytes(buf.getvalue().encode("utf-8"))

    common.write_truth(out, FAMILY, "sections", "GBP", products, po_lines)
    (out / "SOURCE.md").write_text((HERE / "SOURCE.md").read_text(encoding="utf-8"), encoding="utf-8")


if __name__ == "__main__":
    main()
