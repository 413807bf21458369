#!/usr/bin/python3
"""html-lookbook-sections: an editorial lookbook following Start Bootstrap's
"One Page Wonder" template (MIT): alternating image/text bands under a
gradient masthead, styled with Bootstrap 5.2.3 (npm `bootstrap`, MIT) and
printed by Debian's chromium through playwright-core (npm, Apache-2.0).
The PO is an HTML purchase order following sparksuite's
simple-html-invoice-template (MIT), printed the same way.

Run through make.sh. Deterministic: fixed data, common.make_photo photos,
PDF dates pinned after printing.
"""
import html
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

FAMILY = "html-lookbook-sections"
BRAND = "Atelier Corvo"

SHOE = ["36", "37", "38", "39", "40", "41"]
# section, style, name, colourway (as printed, " / " separated), sizes, wholesale, retail, blurb
PHOTO_COLOURS = {"AC-F108": ["Tobacco"]}

PRODUCTS = [
    ("FOOTWEAR", "AC-F101", "Nappa Leather Slingback Pump", ["Black", "Cognac"], SHOE, 212.50, 495.00,
     "A low, sculpted heel and a fine adjustable strap, hand-lasted in the Marche."),
    ("FOOTWEAR", "AC-F104", "Chelsea Boot in Brushed Suede", ["Sand", "Espresso"], SHOE, 298.00, 695.00,
     "Elastic gussets, a stacked leather heel and a Goodyear-welted rubber sole."),
    ("FOOTWEAR", "AC-F108", "Woven Leather Mule", ["Natural"], ["36", "37", "38", "39", "40"], 164.50, 385.00,
     "Hand-woven vegetable-tanned strips over a padded footbed."),
    ("FOOTWEAR", "AC-F112", "Knee-High Riding Boot", ["Black"], SHOE, 489.00, 1145.00,
     "A slim shaft with a concealed zip, cut from a single hide of calf leather."),
    ("KNITWEAR", "AC-K201", "Cashmere Rib Turtleneck", ["Oatmeal", "Charcoal", "Bordeaux"], ["XS", "S", "M", "L"], 236.00, 560.00,
     "Twelve-gauge Mongolian cashmere with a deep folded collar."),
    ("KNITWEAR", "AC-K204", "Chunky Alpaca Cardigan", ["Ecru"], ["S", "M", "L"], 312.00, 740.00,
     "Hand-knitted baby alpaca with horn buttons and patch pockets."),
    ("KNITWEAR", "AC-K208", "Fine-Gauge Merino Polo Knit", ["Navy", "Ivory"], ["XS", "S", "M", "L", "XL"], 128.50, 295.00,
     "Extra-fine merino with a three-button placket."),
    ("KNITWEAR", "AC-K212", "Mohair Blend Crew Sweater", ["Lilac"], ["S", "M", "L"], 184.00, 430.00,
     "Brushed kid mohair and silk, light as air."),
    ("OUTERWEAR", "AC-O301", "Double-Face Wool Wrap Coat", ["Camel", "Black"], ["36", "38", "40", "42", "44"], 612.00, 1450.00,
     "Unlined double-face wool with hand-finished seams and a self belt."),
    ("OUTERWEAR", "AC-O305", "Shearling Collar Aviator Jacket", ["Cognac"], ["36", "38", "40", "42"], 845.00, 1995.00,
     "Nappa lambskin with a detachable Merino shearling collar."),
    ("ACCESSORIES", "AC-A401", "Structured Leather Top-Handle Bag", ["Black", "Cognac"], None, 356.00, 845.00,
     "Saffiano-finish calf with a suede lining and brushed brass hardware."),
    ("ACCESSORIES", "AC-A405", "Silk Twill Scarf", ["Ivory/Navy"], None, 72.50, 165.00,
     "90 x 90 cm silk twill, hand-rolled edges, printed in Como."),
]

# PO lines: style as the buyer wrote it, description, colour, size, qty, unit price
PO_ROWS = [
    ("ac-f101", "Slingback Pump", "black", "37", 2, 212.50),
    ("ac-f101", "Slingback Pump", "black", "38", 3, 212.50),
    ("ac-f101", "Slingback Pump", "black", "39", 2, 212.50),
    ("ACF104", "Chelsea Boot Suede", "Sand", "37", 2, 298.00),
    ("ACF104", "Chelsea Boot Suede", "Sand", "38", 2, 298.00),
    ("ACF104", "Chelsea Boot Suede", "ESPRESSO", "39", 2, 298.00),
    ("AC F112", "Riding Boot", "Black", "38", 1, 470.00),
    ("AC F112", "Riding Boot", "Black", "40", 1, 470.00),
    ("AC.K201", "Cashmere Turtleneck", "oatmeal", "S", 3, 236.00),
    ("AC.K201", "Cashmere Turtleneck", "oatmeal", "M", 3, 236.00),
    ("AC.K201", "Cashmere Turtleneck", "bordeaux", "M", 2, 236.00),
    ("AC-K208", "Merino Polo Knit", "Navy", "S", 2, 128.50),
    ("AC-K208", "Merino Polo Knit", "Navy", "M", 4, 128.50),
    ("AC-K208", "Merino Polo Knit", "Navy", "L", 2, 128.50),
    ("ac-o301", "Wrap Coat", "Camel", "38", 2, 612.00),
    ("ac-o301", "Wrap Coat", "Camel", "40", 2, 612.00),
    ("AC-K230", "Boucle Knit Vest", "Cream", "M", 3, 142.00),
    ("AC A401", "Top-Handle Bag", "Cognac", "OS", 4, 356.00),
    ("ACA405", "Silk Twill Scarf", "ivory/navy", "", 10, 72.50),
]
SHIPPING, VAT = 85.00, 0.19

PHOTO_W, PHOTO_H = 400, 500


def eur(v):
    s = "{:,.2f}".format(v).replace(",", "X").replace(".", ",").replace("X", ".")
    return "€ " + s


def pin_pdf(path):
    data = Path(path).read_bytes()
    data = re.sub(rb"D:\d{14}", b"D:20260301120000", data)
    Path(path).write_bytes(data)


def render(html_path, pdf_path, options):
    spec = {"html": str(html_path), "pdf": str(pdf_path), "pdfOptions": options}
    subprocess.run(["node", str(HERE / "render.mjs")], input=json.dumps(spec).encode(), check=True, cwd=HERE)
    pin_pdf(pdf_path)


def make_logo(path, colour):
    im = Image.new("RGBA", (520, 110), (0, 0, 0, 0))
    dr = ImageDraw.Draw(im)
    f = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf", 54)
    dr.text((70, 22), BRAND.upper(), font=f, fill=colour)
    dr.polygon([(8, 80), (34, 14), (60, 80)], outline=colour, width=5)
    im.save(path)


LOOKBOOK_CSS = """
@page { size: A4; margin: 0.45in 0.4in; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "Lato", -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
h1, h2, h3, .display-4, .display-6 { font-family: "Catamaran", -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; font-weight: 800; }
.navbar-custom { background-color: rgba(0,0,0,.7); padding: .75rem 0; }
.navbar-custom .navbar-brand img { height: 26px; }
.navbar-custom .nav-link { color: #fff; text-transform: uppercase; font-size: .8rem; letter-spacing: .1rem; }
header.masthead { position: relative; overflow: hidden; padding-top: 7rem; padding-bottom: 7rem;
  background: linear-gradient(0deg, #ff6a00 0%, #ee0979 100%); }
header.masthead .masthead-content { z-index: 1; position: relative; }
header.masthead .masthead-heading { font-size: 4rem; }
header.masthead .masthead-subheading { font-size: 2rem; }
header.masthead .bg-circle { z-index: 0; position: absolute; border-radius: 100%;
  background: linear-gradient(0deg, #ee0979 0%, #ff6a00 100%); }
.bg-circle-1 { height: 90rem; width: 90rem; bottom: -55rem; left: -55rem; }
.bg-circle-2 { height: 50rem; width: 50rem; top: -25rem; right: -25rem; }
.bg-circle-3 { height: 20rem; width: 20rem; bottom: -10rem; right: 5%; }
.bg-circle-4 { height: 30rem; width: 30rem; top: -5rem; right: 35%; }
section.look { break-inside: avoid; }
.section-head { break-after: avoid; border-bottom: 3px solid #ee0979; margin: 3rem 0 0; padding-bottom: .5rem; letter-spacing: .3rem; }
.look .ref { font-size: .8rem; letter-spacing: .03rem; color: #6c757d; text-transform: uppercase; }
.look .colourway { font-size: 1rem; }
.look .colourway span.lbl { font-size: .75rem; letter-spacing: .12rem; text-transform: uppercase; color: #6c757d; margin-right: .5rem; }
.look .sizes { font-size: 1.05rem; letter-spacing: .05rem; }
.look .prices { font-size: 1.1rem; }
footer.bg-black { background: #000; }
"""


def band(i, p):
    _sec, style, name, colours, sizes, ws, rt, blurb = p
    img_order = "order-lg-2" if i % 2 == 0 else ""
    txt_order = "order-lg-1" if i % 2 == 0 else ""
    size_line = " / ".join(sizes) if sizes else "One Size"
    return f"""
        <section class="look">
            <div class="container px-5">
                <div class="row gx-5 align-items-center">
                    <div class="col-lg-6 {img_order}">
                        <div class="p-5"><img class="img-fluid rounded-circle" src="images/{style}.jpg" alt="{html.escape(name)}"></div>
                    </div>
                    <div class="col-lg-6 {txt_order}">
                        <div class="p-5">
                            <div class="ref">Ref. {style}</div>
                            <h2 class="display-6">{html.escape(name)}</h2>
                            <p>{html.escape(blurb)}</p>
                            <p class="colourway"><span class="lbl">Colourway</span>{" / ".join(colours)}</p>
                            <p class="sizes">{size_line}</p>
                            <p class="prices">Wholesale {eur(ws)}<br><span class="text-muted">Retail {eur(rt)}</span></p>
                        </div>
                    </div>
                </div>
            </div>
        </section>"""


def lookbook_html(work):
    body, current = [], None
    for i, p in enumerate(PRODUCTS):
        if p[0] != current:
            current = p[0]
            body.append(f'<div class="container px-5"><h2 class="section-head display-6">{current}</h2></div>')
        body.append(band(i, p))
    doc = f"""<!DOCTYPE html>
<html lang="en">
    <head>
        <meta charset="utf-8">
        <title>One Page Wonder - {BRAND} Lookbook</title>
        <link href="css/bootstrap.min.css" rel="stylesheet">
        <style>{LOOKBOOK_CSS}</style>
    </head>
    <body id="page-top">
        <nav class="navbar navbar-expand-lg navbar-dark navbar-custom">
            <div class="container px-5">
                <a class="navbar-brand" href="#page-top"><img src="assets/logo-white.png" alt="{BRAND}"></a>
                <div class="collapse navbar-collapse show">
                    <ul class="navbar-nav ms-auto">
                        <li class="nav-item"><a class="nav-link" href="#!">Wholesale</a></li>
                        <li class="nav-item"><a class="nav-link" href="#!">Showroom Milano</a></li>
                    </ul>
                </div>
            </div>
        </nav>
        <header class="masthead text-center text-white">
            <div class="masthead-content">
                <div class="container px-5">
                    <h1 class="masthead-heading mb-0">Autunno / Inverno 2026</h1>
                    <h2 class="masthead-subheading mb-0">The wholesale lookbook</h2>
                    <a class="btn btn-primary btn-xl rounded-pill mt-5" href="#scroll" style="background:#ee0979;border-color:#ee0979;padding:1.25rem 2.5rem">Order deadline 15 May 2026</a>
                </div>
            </div>
            <div class="bg-circle-1 bg-circle"></div>
            <div class="bg-circle-2 bg-circle"></div>
            <div class="bg-circle-3 bg-circle"></div>
            <div class="bg-circle-4 bg-circle"></div>
        </header>
        {"".join(body)}
        <footer class="py-5 bg-black">
            <div class="container px-5"><p class="m-0 text-center text-white small">Copyright &copy; {BRAND} 2026 · Via Solferino 14, 20121 Milano · wholesale@ateliercorvo.example</p></div>
        </footer>
    </body>
</html>"""
    (work / "lookbook.html").write_text(doc, encoding="utf-8")


# --- the PO, after sparksuite/simple-html-invoice-template -------------------
PO_CSS = """
@page { size: A4; margin: 12mm; }
.invoice-box { max-width: 800px; margin: auto; padding: 30px; border: 1px solid #eee;
  font-size: 13px; line-height: 20px; font-family: 'Helvetica Neue', 'Helvetica', Helvetica, Arial, sans-serif; color: #555; }
.invoice-box table { width: 100%; line-height: inherit; text-align: left; border-collapse: collapse; }
.invoice-box table td { padding: 5px; vertical-align: top; }
.invoice-box table tr.top table td, .invoice-box table tr.information table td { padding-bottom: 20px; }
.invoice-box table tr.top table td:nth-child(2), .invoice-box table tr.information table td:nth-child(2) { text-align: right; }
.invoice-box table tr.top table td.title { font-size: 45px; line-height: 45px; color: #333; }
.invoice-box table tr.information table td { padding-bottom: 30px; }
.invoice-box table tr.heading td { background: #eee; border-bottom: 1px solid #ddd; font-weight: bold; text-align: center; }
.invoice-box table tr.details td { padding-bottom: 20px; }
.invoice-box table tr.item td { border-bottom: 1px solid #eee; }
.invoice-box table tr.item.last td { border-bottom: none; }
.invoice-box table td.num { text-align: right; white-space: nowrap; }
.invoice-box table tr.total td.num { border-top: 2px solid #eee; font-weight: bold; }
.invoice-box table tr.sum td.lbl { text-align: right; }
.invoice-box table tr.item { break-inside: avoid; }
"""


def po_html(work):
    rows, subtotal = [], 0.0
    for i, (style, desc, colour, size, qty, unit) in enumerate(PO_ROWS):
        amount = round(qty * unit, 2)
        subtotal += amount
        last = " last" if i == len(PO_ROWS) - 1 else ""
        rows.append(f'<tr class="item{last}"><td>{html.escape(style)}</td><td>{html.escape(desc)}</td><td>{html.escape(colour)}</td>'
                    f'<td class="num">{html.escape(size)}</td><td class="num">{qty}</td><td class="num">{eur(unit)}</td>'
                    f'<td class="num">{eur(amount)}</td></tr>')
    subtotal = round(subtotal, 2)
    vat = round((subtotal + SHIPPING) * VAT, 2)
    total = round(subtotal + SHIPPING + vat, 2)
    sums = "".join(f'<tr class="sum{cls}"><td colspan="6" class="lbl">{lbl}</td><td class="num">{eur(v)}</td></tr>'
                   for lbl, v, cls in (("Subtotal", subtotal, ""), ("Shipping", SHIPPING, ""),
                                       ("Tax (MwSt. 19 %)", vat, ""), ("Total", total, " total")))
    doc = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Purchase Order MH-2026-0388</title><style>{PO_CSS}</style></head>
<body><div class="invoice-box">
<table cellpadding="0" cellspacing="0">
  <tr class="top"><td colspan="7"><table><tr>
    <td class="title"><img src="assets/maren-logo.png" style="width: 100%; max-width: 260px"></td>
    <td>Purchase Order #: MH-2026-0388<br>Created: 18 March 2026<br>Delivery: 15 – 31 July 2026</td>
  </tr></table></td></tr>
  <tr class="information"><td colspan="7"><table><tr>
    <td>Boutique Maren GmbH<br>Neuer Wall 41<br>20354 Hamburg, Germany<br>USt-IdNr. DE 298 441 170</td>
    <td>Supplier: {BRAND} S.r.l.<br>Via Solferino 14<br>20121 Milano, Italy<br>wholesale@ateliercorvo.example</td>
  </tr></table></td></tr>
  <tr class="heading"><td colspan="5">Payment Terms</td><td colspan="2">Currency</td></tr>
  <tr class="details"><td colspan="5">30 % deposit, balance 30 days after delivery</td><td colspan="2" class="num">EUR</td></tr>
  <tr class="heading"><td>Style</td><td>Description</td><td>Colour</td><td>Size</td><td>Qty</td><td>Unit Price</td><td>Amount</td></tr>
  {"".join(rows)}
  {sums}
</table>
<p style="margin-top:30px">Please confirm this order within 7 days. Goods must be delivered on hangers, size-labelled, with the PO number on every carton.</p>
</div></body></html>"""
    (work / "po.html").write_text(doc, encoding="utf-8")


def maren_logo(path):
    im = Image.new("RGBA", (520, 120), (0, 0, 0, 0))
    dr = ImageDraw.Draw(im)
    dr.ellipse([4, 10, 104, 110], fill=(40, 60, 90, 255))
    dr.text((34, 30), "M", font=ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf", 48), fill=(255, 255, 255, 255))
    dr.text((124, 36), "Boutique Maren", font=ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf", 44), fill=(40, 60, 90, 255))
    im.save(path)


def pages_of(pdf):
    n = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout).group(1))
    found = {}
    for i in range(1, n + 1):
        txt = subprocess.run(["pdftotext", "-f", str(i), "-l", str(i), str(pdf), "-"], capture_output=True, text=True).stdout
        for p in PRODUCTS:
            if "REF. " + p[1] in txt.upper():
                found.setdefault(p[1], i)
    return found


def main():
    out = common.prepare(FAMILY)
    work = Path(tempfile.mkdtemp(prefix="lookbook-"))
    try:
        for sub in ("assets", "images", "css"):
            (work / sub).mkdir()
        shutil.copy(HERE / "node_modules/bootstrap/dist/css/bootstrap.min.css", work / "css")
        make_logo(work / "assets" / "logo-white.png", (255, 255, 255, 255))
        maren_logo(work / "assets" / "maren-logo.png")
        for p in PRODUCTS:
            dest = out / common.image_rel(p[1])
            # The painter would draw the mule as the suede boot's twin (same
            # fallback shape, near colours): a darker leather tells them apart.
            common.make_photo(p[1], p[2], PHOTO_COLOURS.get(p[1], p[3]), dest, PHOTO_W, PHOTO_H)
            shutil.copy(dest, work / "images" / dest.name)
        lookbook_html(work)
        render(work / "lookbook.html", out / "linesheet.pdf", {"format": "A4", "scale": 0.62, "preferCSSPageSize": True})
        po_html(work)
        render(work / "po.html", out / "po.pdf", {"format": "A4", "preferCSSPageSize": True})
    finally:
        shutil.rmtree(work, ignore_errors=True)

    pages = pages_of(out / "linesheet.pdf")
    products = [{
        "style_number": style, "name": name, "colors": colours,
        "sizes": common.human_order(sizes) if sizes else ["One Size"],
        "wholesale_price": ws, "retail_price": rt, "category": sec.title(),
        "page": pages[style], "image": common.image_rel(style)}
        for sec, style, name, colours, sizes, ws, rt, _b in PRODUCTS]
    po_lines = [{"style_number": s, "color": c, "size": z, "quantity": q, "unit_cost": u}
                for s, _d, c, z, q, u in PO_ROWS]
    common.write_truth(out, FAMILY, "sections", "EUR", products, po_lines)


if __name__ == "__main__":
    main()
