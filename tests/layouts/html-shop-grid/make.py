#!/usr/bin/python3
"""html-shop-grid: a wholesale catalogue printed from an e-commerce shop page
that follows Start Bootstrap's "Shop Homepage" template (MIT), styled with
Bootstrap 5.2.3 (npm `bootstrap`, MIT) and printed by Debian's chromium
through playwright-core (npm, Apache-2.0). The PO is a Shopify "Orders ->
Export" CSV.

Run through make.sh. Deterministic: fixed data, common.make_photo photos,
PDF dates pinned after printing.
"""
import csv
import html
import io
import json
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

FAMILY = "html-shop-grid"
BRAND = "Thornbury Supply Co."

# SKU as printed (style + colour code), product title, colour, sizes as printed,
# wholesale, retail (struck through; None: not shown), rating (stars of 5 or None), badge
PRODUCTS = [
    ("CMT-204-BLK", "Canvas Market Tote", "Black", None, 34.00, 68.00, 5, "Sale"),
    ("LWB-118-CHS", "Leather Weekender Bag", "Chestnut", None, 96.00, 195.00, 4, "New"),
    ("WCB-330-OAT", "Waffle Cotton Beanie", "Oat", None, 14.00, 32.00, None, None),
    ("MWS-412-MOS", "Merino Wool Scarf", "Moss", None, 22.00, 48.00, 5, None),
    ("CCO-510-TOB", "Waxed Chore Coat", "Tobacco", ["S", "M", "L", "XL"], 88.00, 178.00, 4, "New"),
    ("LCS-221-BON", "Linen Camp Shirt", "Bone", ["XS", "S", "M", "L", "XL"], 36.00, 78.00, None, None),
    ("RWC-640-INK", "Relaxed Wide Chinos", "Ink", ["28", "30", "32", "34", "36"], 44.00, 98.00, 3, None),
    ("BKC-702-FOG", "Brushed Knit Cardigan", "Fog", ["S", "M", "L"], 52.00, 118.00, 5, "Sale"),
    ("FLB-115-CLY", "Field Leather Belt", "Clay", ["30", "32", "34", "36"], 24.00, 54.00, None, None),
    ("QLJ-808-PIN", "Quilted Liner Jacket", "Pine", ["XS", "S", "M", "L", "XL"], 58.00, None, 4, "New"),
    ("CPT-150-SND", "Cotton Pocket Tee", "Sand", ["XS", "S", "M", "L", "XL", "XXL"], 12.50, 28.00, None, None),
    ("WBH-233-SLT", "Waxed Bucket Hat", "Slate", None, 18.00, 42.00, 4, None),
    ("HCS-377-MOS", "Heavyweight Crew Sweater", "Moss", ["S", "M", "L", "XL"], 48.00, 110.00, None, "Sale"),
    ("CPT-420-OAT", "Canvas Painter Trousers", "Oat", ["28", "30", "32", "34"], 46.00, None, 5, None),
    ("SBJ-090-CHS", "Suede Bomber Jacket", "Chestnut", ["S", "M", "L"], 140.00, 320.00, 5, "New"),
    ("RCS-515-BLK", "Ribbed Cotton Socks", "Black", None, 6.00, None, None, None),
]

# Shopify line items: (Lineitem sku as the order system wrote it, title, variant title, qty, price)
ORDER_LINES = [
    ("CMT-204-BLK", "Canvas Market Tote", "Black", 12, 34.00),
    ("lwb-118-chs", "Leather Weekender Bag", "Chestnut", 3, 96.00),
    ("MWS412-MOS", "Merino Wool Scarf", "moss", 10, 22.00),
    ("CCO-510-TOB", "Waxed Chore Coat", "Tobacco / S", 2, 88.00),
    ("CCO-510-TOB", "Waxed Chore Coat", "Tobacco / M", 4, 88.00),
    ("CCO-510-TOB", "Waxed Chore Coat", "Tobacco / L", 3, 88.00),
    ("CCO-510-TOB", "Waxed Chore Coat", "Tobacco / XL", 1, 88.00),
    ("LCS 221 BON", "Linen Camp Shirt", "Bone / S", 3, 36.00),
    ("LCS 221 BON", "Linen Camp Shirt", "Bone / M", 5, 36.00),
    ("LCS 221 BON", "Linen Camp Shirt", "Bone / L", 3, 36.00),
    ("rwc-640-ink", "Relaxed Wide Chinos", "INK / 30", 2, 42.00),
    ("rwc-640-ink", "Relaxed Wide Chinos", "INK / 32", 4, 42.00),
    ("rwc-640-ink", "Relaxed Wide Chinos", "INK / 34", 2, 42.00),
    ("BKC.702.FOG", "Brushed Knit Cardigan", "Fog / M", 4, 52.00),
    ("BKC.702.FOG", "Brushed Knit Cardigan", "Fog / L", 2, 52.00),
    ("QLJ-808-PIN", "Quilted Liner Jacket", "Pine / M", 3, 58.00),
    ("CPT150-SND", "Cotton Pocket Tee", "Sand / M", 6, 12.50),
    ("CPT150-SND", "Cotton Pocket Tee", "Sand / XXL", 2, 12.50),
    ("WBH-233-SLT", "Waxed Bucket Hat", "Slate", 8, 18.00),
    ("DNJ-610-IND", "Denim Chore Jacket", "Indigo / M", 2, 64.00),
    ("DNJ-610-IND", "Denim Chore Jacket", "Indigo / L", 2, 64.00),
    ("RCS-515-BLK", "Ribbed Cotton Socks", "Black", 24, 6.00),
]
SHIPPING, TAX_RATE, DISCOUNT = 45.00, 0.0, 0.00

PHOTO_W, PHOTO_H = 450, 300   # the template's card image is a 450x300 picture
BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


def style_of(sku):
    """The style number: the SKU without its trailing colour code."""
    return re.sub(r"[\s.\-]*[A-Za-z]{3}$", "", sku)


def money(v):
    return "${:,.2f}".format(v)


def make_assets(d):
    """Badges and rating stars as PNG images (the template draws them as a
    .badge element and Bootstrap Icons' bi-star-fill glyphs)."""
    for text, bg in (("Sale", (33, 37, 41)), ("New", (25, 135, 84))):
        im = Image.new("RGBA", (96, 44), (0, 0, 0, 0))
        dr = ImageDraw.Draw(im)
        dr.rounded_rectangle([0, 0, 95, 43], radius=8, fill=bg + (255,))
        f = ImageFont.truetype(BOLD, 22)
        w = dr.textlength(text, font=f)
        dr.text(((96 - w) / 2, 8), text, font=f, fill=(255, 255, 255, 255))
        im.save(d / ("badge-%s.png" % text.lower()))
    for kind, fill in (("fill", (255, 193, 7, 255)), ("empty", (0, 0, 0, 0))):
        im = Image.new("RGBA", (48, 48), (0, 0, 0, 0))
        dr = ImageDraw.Draw(im)
        import math
        pts = []
        for k in range(10):
            r = 22 if k % 2 == 0 else 9
            a = -math.pi / 2 + k * math.pi / 5
            pts.append((24 + r * math.cos(a), 25 + r * math.sin(a)))
        dr.polygon(pts, fill=fill, outline=(255, 193, 7, 255), width=3)
        im.save(d / ("star-%s.png" % kind))
    cart = Image.new("RGBA", (48, 48), (0, 0, 0, 0))
    dr = ImageDraw.Draw(cart)
    dr.line([(4, 8), (12, 8), (18, 32), (40, 32), (44, 14), (14, 14)], fill=(33, 37, 41, 255), width=4)
    dr.ellipse([16, 36, 24, 44], fill=(33, 37, 41, 255))
    dr.ellipse([34, 36, 42, 44], fill=(33, 37, 41, 255))
    cart.save(d / "cart.png")


def card(p):
    sku, title, colour, sizes, ws, rt, stars, badge = p
    badge_html = ""
    if badge:
        badge_html = ('<img class="position-absolute shop-badge" src="assets/badge-%s.png" alt="%s" '
                      'style="top: 0.5rem; right: 0.5rem;">' % (badge.lower(), badge))
    stars_html = ""
    if stars:
        imgs = "".join('<img class="star" src="assets/star-%s.png" alt="">' % ("fill" if i < stars else "empty")
                       for i in range(5))
        stars_html = '<div class="d-flex justify-content-center small mb-2">%s</div>' % imgs
    price = money(ws)
    if rt is not None:
        price = '<span class="text-muted text-decoration-line-through">%s</span>\n%s' % (money(rt), money(ws))
    size_txt = "One size" if not sizes else "Sizes: " + " ".join(sizes)
    action = "View options" if sizes else "Add to cart"
    return f"""
                    <div class="col mb-5">
                        <div class="card h-100">
                            {badge_html}
                            <img class="card-img-top" src="images/{sku_to_style(sku)}.jpg" alt="...">
                            <div class="card-body p-4">
                                <div class="text-center">
                                    <h5 class="fw-bolder">{html.escape(title)} – {colour}</h5>
                                    <div class="small text-muted mb-2">SKU: {sku}</div>
                                    {stars_html}
                                    {price}
                                    <div class="small text-muted mt-1">{size_txt}</div>
                                </div>
                            </div>
                            <div class="card-footer p-4 pt-0 border-top-0 bg-transparent">
                                <div class="text-center"><a class="btn btn-outline-dark mt-auto" href="#">{action}</a></div>
                            </div>
                        </div>
                    </div>"""


def sku_to_style(sku):
    return style_of(sku)


def build_html(work):
    cards = "".join(card(p) for p in PRODUCTS)
    doc = f"""<!DOCTYPE html>
<html lang="en">
    <head>
        <meta charset="utf-8">
        <title>Shop Homepage - {BRAND}</title>
        <link href="css/bootstrap.min.css" rel="stylesheet">
        <style>
            @page {{ size: letter; margin: 0.4in; }}
            html {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
            .star {{ width: 14px; height: 14px; margin-right: 2px; }}
            .shop-badge {{ width: 44px; }}
            .cart-icon {{ width: 16px; margin-right: 4px; vertical-align: -2px; }}
            .card {{ break-inside: avoid; }}
        </style>
    </head>
    <body>
        <nav class="navbar navbar-expand-lg navbar-light bg-light">
            <div class="container px-4 px-lg-5">
                <a class="navbar-brand" href="#!">{BRAND}</a>
                <div class="collapse navbar-collapse show">
                    <ul class="navbar-nav me-auto mb-2 mb-lg-0 ms-lg-4">
                        <li class="nav-item"><a class="nav-link active" href="#!">Home</a></li>
                        <li class="nav-item"><a class="nav-link" href="#!">About</a></li>
                        <li class="nav-item"><a class="nav-link" href="#!">Shop</a></li>
                    </ul>
                    <form class="d-flex">
                        <button class="btn btn-outline-dark" type="button"><img class="cart-icon" src="assets/cart.png" alt="">Cart
                        <span class="badge bg-dark text-white ms-1 rounded-pill">0</span></button>
                    </form>
                </div>
            </div>
        </nav>
        <header class="bg-dark py-5">
            <div class="container px-4 px-lg-5 my-5">
                <div class="text-center text-white">
                    <h1 class="display-4 fw-bolder">Fall 2026 Wholesale</h1>
                    <p class="lead fw-normal text-white-50 mb-0">Trade prices in USD · crossed-out prices are suggested retail</p>
                </div>
            </div>
        </header>
        <section class="py-5">
            <div class="container px-4 px-lg-5 mt-5">
                <div class="row gx-4 gx-lg-5 row-cols-2 row-cols-md-3 row-cols-xl-4 justify-content-center">{cards}
                </div>
            </div>
        </section>
        <footer class="py-5 bg-dark">
            <div class="container"><p class="m-0 text-center text-white">Copyright &copy; {BRAND} 2026 · wholesale@thornbury.example</p></div>
        </footer>
    </body>
</html>"""
    (work / "index.html").write_text(doc, encoding="utf-8")


def pin_pdf(path):
    data = Path(path).read_bytes()
    data = re.sub(rb"D:\d{14}", b"D:20260301120000", data)
    Path(path).write_bytes(data)


def page_of_styles(pdf):
    """Which page each SKU's card landed on (the browser decides the breaks)."""
    pages = {}
    n = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout).group(1))
    for i in range(1, n + 1):
        txt = subprocess.run(["pdftotext", "-f", str(i), "-l", str(i), str(pdf), "-"], capture_output=True, text=True).stdout
        for p in PRODUCTS:
            if "SKU: " + p[0] in txt:
                pages.setdefault(p[0], i)
    return pages


def shopify_csv(path):
    header = ["Name", "Email", "Financial Status", "Paid at", "Fulfillment Status", "Fulfilled at",
              "Accepts Marketing", "Currency", "Subtotal", "Shipping", "Taxes", "Total", "Discount Code",
              "Discount Amount", "Shipping Method", "Created at", "Lineitem quantity", "Lineitem name",
              "Lineitem price", "Lineitem compare at price", "Lineitem sku", "Lineitem requires shipping",
              "Lineitem taxable", "Lineitem fulfillment status", "Billing Name", "Billing Street",
              "Billing Address1", "Billing Address2", "Billing Company", "Billing City", "Billing Zip",
              "Billing Province", "Billing Country", "Billing Phone", "Shipping Name", "Shipping Street",
              "Shipping Address1", "Shipping Address2", "Shipping Company", "Shipping City", "Shipping Zip",
              "Shipping Province", "Shipping Country", "Shipping Phone", "Notes", "Note Attributes",
              "Cancelled at", "Payment Method", "Payment Reference", "Refunded Amount", "Vendor", "Id",
              "Tags", "Risk Level", "Source", "Lineitem discount"]
    compare = {common.norm(style_of(p[0])): p[5] for p in PRODUCTS}
    subtotal = round(sum(q * u for _s, _t, _v, q, u in ORDER_LINES), 2)
    taxes = round(subtotal * TAX_RATE, 2)
    total = round(subtotal + SHIPPING + taxes - DISCOUNT, 2)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for i, (sku, title, variant, qty, unit) in enumerate(ORDER_LINES):
        row = dict.fromkeys(header, "")
        row.update({"Name": "#W1047", "Email": "buying@harrowandhale.example",
                    "Lineitem quantity": qty, "Lineitem name": "%s - %s" % (title, variant),
                    "Lineitem price": "%.2f" % unit, "Lineitem sku": sku,
                    "Lineitem requires shipping": "true", "Lineitem taxable": "false",
                    "Lineitem fulfillment status": "pending", "Lineitem discount": "0.00"})
        cmp_ = compare.get(common.norm(style_of(sku)))
        if cmp_:
            row["Lineitem compare at price"] = "%.2f" % cmp_
        if i == 0:
            row.update({
                "Financial Status": "pending", "Fulfillment Status": "unfulfilled", "Accepts Marketing": "no",
                "Currency": "USD", "Subtotal": "%.2f" % subtotal, "Shipping": "%.2f" % SHIPPING,
                "Taxes": "%.2f" % taxes, "Total": "%.2f" % total, "Discount Amount": "%.2f" % DISCOUNT,
                "Shipping Method": "Freight - LTL", "Created at": "2026-08-11 09:42:17 -0700",
                "Billing Name": "Mara Ellison", "Billing Street": "2208 Division St",
                "Billing Address1": "2208 Division St", "Billing Company": "Harrow & Hale Outfitters",
                "Billing City": "Portland", "Billing Zip": "97202", "Billing Province": "OR",
                "Billing Country": "US", "Billing Phone": "+15035550199",
                "Shipping Name": "Mara Ellison", "Shipping Street": "2208 Division St",
                "Shipping Address1": "2208 Division St", "Shipping Company": "Harrow & Hale Outfitters",
                "Shipping City": "Portland", "Shipping Zip": "97202", "Shipping Province": "OR",
                "Shipping Country": "US", "Shipping Phone": "+15035550199",
                "Notes": "Net 60 - wholesale account HH-0412", "Payment Method": "Net terms",
                "Vendor": BRAND, "Id": "6120447719431", "Tags": "wholesale, fall26",
                "Risk Level": "Low", "Source": "b2b"})
        else:
            row["Vendor"] = BRAND
        w.writerow([row[h] for h in header])
    Path(path).write_text(buf.getvalue(), encoding="utf-8")


def main():
    out = common.prepare(FAMILY)
    work = Path(tempfile.mkdtemp(prefix="shopgrid-"))
    try:
        for sub in ("assets", "images", "css"):
            (work / sub).mkdir()
        make_assets(work / "assets")
        shutil.copy(HERE / "node_modules/bootstrap/dist/css/bootstrap.min.css", work / "css")
        for p in PRODUCTS:
            style = style_of(p[0])
            dest = out / common.image_rel(style)
            common.make_photo(style, p[1], [p[2]], dest, PHOTO_W, PHOTO_H)
            shutil.copy(dest, work / "images" / dest.name)
        build_html(work)
        spec = {"html": str(work / "index.html"), "pdf": str(out / "linesheet.pdf"),
                "pdfOptions": {"format": "Letter", "scale": 0.62, "preferCSSPageSize": True}}
        subprocess.run(["node", str(HERE / "render.mjs")], input=json.dumps(spec).encode(), check=True, cwd=HERE)
        pin_pdf(out / "linesheet.pdf")
    finally:
        shutil.rmtree(work, ignore_errors=True)

    pages = page_of_styles(out / "linesheet.pdf")
    products = []
    for sku, title, colour, sizes, ws, rt, _stars, _badge in PRODUCTS:
        style = style_of(sku)
        products.append({
            "style_number": style, "name": title, "colors": [colour],
            "sizes": common.human_order(sizes) if sizes else ["One Size"],
            "wholesale_price": ws, "retail_price": rt, "category": category(title),
            "page": pages[sku], "image": common.image_rel(style)})
    po_lines = []
    for sku, _title, variant, qty, unit in ORDER_LINES:
        parts = [v.strip() for v in variant.split("/")]
        po_lines.append({"style_number": style_of(sku), "color": parts[0],
                         "size": parts[1] if len(parts) > 1 else "", "quantity": qty, "unit_cost": unit})
    common.write_truth(out, FAMILY, "grid", "USD", products, po_lines)
    shopify_csv(out / "po.csv")


NOUNS = [("Tote", "Bags"), ("Bag", "Bags"), ("Beanie", "Accessories"), ("Scarf", "Accessories"),
         ("Hat", "Accessories"), ("Belt", "Accessories"), ("Socks", "Accessories"), ("Coat", "Coats"),
         ("Shirt", "Tops"), ("Tee", "Tops"), ("Chinos", "Trousers"), ("Trousers", "Trousers"),
         ("Cardigan", "Knitwear"), ("Sweater", "Knitwear"), ("Jacket", "Jackets")]


def category(title):
    last = title.split()[-1]
    for noun, cat in NOUNS:
        if last == noun:
            return cat
    raise ValueError(title)


if __name__ == "__main__":
    main()
