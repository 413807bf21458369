#!/usr/bin/python3
"""fpdf-catalog: a wholesale price list rendered by PHP FPDF (Debian php-fpdf)
with catalog.php, which follows the public FPDF product-catalog script
lbirir/Winsor-Meats-Online-Shop pdf.php (photo left, "Label: value" lines to
its right, FPDF tutorial-1 header and footer).

Run: /usr/bin/python3 tests/layouts/fpdf-catalog/make.py
"""
import datetime
import io
import zipfile
import json
import re
import subprocess
import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
import common  # noqa: E402

FAMILY = "fpdf-catalog"
LETTERS = ["XXS", "XS", "S", "M", "L", "XL", "XXL"]


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


def logo(path):
    """Brand mark: a wave in a circle and the name, PNG with alpha."""
    img = Image.new("RGBA", (330, 120), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.ellipse([4, 8, 108, 112], fill=(22, 62, 92, 255))
    for k in range(3):
        y = 46 + k * 16
        d.arc([14, y - 10, 60, y + 10], 200, 340, fill=(255, 255, 255, 255), width=5)
        d.arc([56, y - 10, 100, y + 10], 20, 160, fill=(255, 255, 255, 255), width=5)
    f = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf", 30)
    g = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 17)
    d.text((122, 26), "COASTLINE", font=f, fill=(22, 62, 92, 255))
    d.text((124, 66), "SUPPLY CO.  EST. 2009", font=g, fill=(90, 120, 140, 255))
    img.save(path, "PNG")


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
    build.mkdir(parents=True)
    logo(build / "logo.png")

    products = []
    for p in data["products"]:
        rel = common.image_rel(p["ref"])
        colours = [c.strip() for c in p["colour"].split(",")]
        common.make_photo(p["ref"], p["name"], [c.split("/")[0] for c in colours], out / rel, 240, 300)
        products.append({"style_number": p["ref"], "name": p["name"], "colors": colours,
                         "sizes": expand(p["size"]), "wholesale_price": float(p["whs"]),
                         "retail_price": float(p["rrp"]), "category": p["category"],
                         "page": None, "image": rel})

    subprocess.run(["php", str(HERE / "catalog.php"), str(HERE / "products.json"), str(out / "images"),
                    str(build / "logo.png"), str(out / "linesheet.pdf")], check=True)

    pdf = out / "linesheet.pdf"
    n = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True,
                                                          text=True).stdout).group(1))
    texts = [subprocess.run(["pdftotext", "-f", str(k), "-l", str(k), "-layout", str(pdf), "-"],
                            capture_output=True, text=True).stdout for k in range(1, n + 1)]
    for p in products:
        pages = [k + 1 for k, t in enumerate(texts) if re.search(r"Ref\.: %s\s" % re.escape(p["style_number"]), t)]
        assert len(pages) == 1, (p["style_number"], pages)
        p["page"] = pages[0]
    products.sort(key=lambda p: (p["page"], p["name"]))

    # The store's purchase order, as its buying system exports it to Excel.
    lines = [
        ("sw2601", "LINEN CAMP COLLAR OVERSHIRT", "SAND", "M", 4, 38.50),
        ("sw2601", "LINEN CAMP COLLAR OVERSHIRT", "SAND", "L", 4, 38.50),
        ("sw2601", "LINEN CAMP COLLAR OVERSHIRT", "WASHED BLACK", "M", 3, 38.50),
        ("SW 2602/B", "GARMENT DYED POCKET TEE", "WHITE", "S", 6, 14.00),
        ("SW 2602/B", "GARMENT DYED POCKET TEE", "WHITE", "M", 8, 14.00),
        ("SW 2602/B", "GARMENT DYED POCKET TEE", "WHITE", "L", 6, 14.00),
        ("SW 2602/B", "GARMENT DYED POCKET TEE", "SAGE", "M", 4, 14.00),
        ("KN2211", "MERCERISED POLO KNIT", "NAVY/WHITE", "M", 3, 41.50),
        ("KN2211", "MERCERISED POLO KNIT", "NAVY/WHITE", "L", 3, 41.50),
        ("261403", "RELAXED PLEATED CHINOS", "KHAKI", "30", 2, 44.00),
        ("261403", "RELAXED PLEATED CHINOS", "KHAKI", "32", 4, 44.00),
        ("261403", "RELAXED PLEATED CHINOS", "KHAKI", "34", 3, 44.00),
        ("OW-2690", "SHEARLING AVIATOR JACKET", "COGNAC", "M", 1, 1234.50),
        ("OW-2690", "SHEARLING AVIATOR JACKET", "COGNAC", "L", 1, 1234.50),
        ("ow.2691", "WAXED COTTON FIELD JACKET", "OLIVE", "M", 2, 112.00),
        ("ow.2691", "WAXED COTTON FIELD JACKET", "OLIVE", "L", 2, 112.00),
        ("ow.2691", "WAXED COTTON FIELD JACKET", "OLIVE", "XL", 1, 112.00),
        ("DR2620.1", "SMOCKED COTTON MIDI DRESS", "TERRACOTTA", "S", 2, 56.00),
        ("DR2620.1", "SMOCKED COTTON MIDI DRESS", "TERRACOTTA", "M", 2, 56.00),
        ("bg 26 04", "CANVAS MARKET TOTE", "NATURAL/BLACK", "OS", 10, 28.00),
        ("FW2650", "SUEDE DESERT BOOT", "SAND", "9", 2, 72.00),
        ("FW2650", "SUEDE DESERT BOOT", "SAND", "10", 3, 72.00),
        ("FW2650", "SUEDE DESERT BOOT", "SAND", "11", 2, 72.00),
        ("AC 2680", "MERINO WATCH CAP", "RUST", "OS", 12, 11.50),
        ("AC 2680", "MERINO WATCH CAP", "CHARCOAL", "OS", 12, 11.50),
        ("SW.2630", "RIPSTOP UTILITY VEST", "BLACK", "M", 3, 46.00),
        ("SW.2630", "RIPSTOP UTILITY VEST", "BLACK", "L", 3, 46.00),
        ("KN/2215", "BRUSHED MOHAIR CARDIGAN", "LILAC", "S", 2, 88.00),
        ("KN/2215", "BRUSHED MOHAIR CARDIGAN", "LILAC", "M", 2, 88.00),
    ]
    wb = Workbook()
    ws = wb.active
    ws.title = "PO 7781-SS26"
    bold = Font(bold=True)
    ws["A1"] = "PURCHASE ORDER"
    ws["A1"].font = Font(bold=True, size=16)
    pre = [("PO #", "7781-SS26"), ("Vendor", "Coastline Supply Co."), ("Buyer", "Harbor & Pine Outfitters"),
           ("Ship To", "Harbor & Pine DC, 4410 Industrial Way, Portland OR 97218"),
           ("Order Date", datetime.datetime(2026, 1, 20)), ("Ship Window", "03/01/2026 - 03/31/2026"),
           ("Terms", "Net 30")]
    for i, (k, v) in enumerate(pre):
        ws.cell(row=3 + i, column=1, value=k).font = bold
        c = ws.cell(row=3 + i, column=2, value=v)
        if isinstance(v, datetime.datetime):
            c.number_format = "mm/dd/yyyy"
    hdr = 11
    heads = ["Line", "Vendor Style", "Description", "Color", "Size", "Qty", "Unit Cost", "Ext. Cost"]
    for j, h in enumerate(heads, 1):
        c = ws.cell(row=hdr, column=j, value=h)
        c.font = Font(bold=True, color="FFFFFF")
        c.fill = PatternFill("solid", fgColor="1F3B57")
        c.alignment = Alignment(horizontal="center")
    po_lines = []
    r = hdr + 1
    tq, tc = 0, 0.0
    for k, (st, desc, col, size, q, cost) in enumerate(lines, 1):
        vals = [k, st, desc, col, size, q, cost, round(q * cost, 2)]
        for j, v in enumerate(vals, 1):
            c = ws.cell(row=r, column=j, value=v)
            if j in (7, 8):
                c.number_format = '"$"#,##0.00'
        po_lines.append({"style_number": st, "color": col, "size": size, "quantity": q, "unit_cost": cost})
        tq += q
        tc += q * cost
        r += 1
    r += 1
    ws.cell(row=r, column=5, value="Merchandise Total").font = bold
    ws.cell(row=r, column=6, value=tq).font = bold
    c = ws.cell(row=r, column=8, value=round(tc, 2))
    c.font, c.number_format = bold, '"$"#,##0.00'
    ws.cell(row=r + 1, column=5, value="Freight")
    c = ws.cell(row=r + 1, column=8, value=185.00)
    c.number_format = '"$"#,##0.00'
    ws.cell(row=r + 2, column=5, value="Order Total").font = bold
    c = ws.cell(row=r + 2, column=8, value=round(tc + 185.00, 2))
    c.font, c.number_format = bold, '"$"#,##0.00'
    ws.cell(row=r + 4, column=1, value="Please confirm by return e-mail. Cancel if not shipped by 04/15/2026.")
    for col, wd in zip("ABCDEFGH", (6, 14, 34, 16, 7, 6, 12, 12)):
        ws.column_dimensions[col].width = wd
    wb.properties.creator = "Harbor & Pine Buying"
    save_xlsx(wb, out / "po.xlsx", datetime.datetime(2026, 1, 20, 10, 0, 0))

    common.write_truth(out, FAMILY, "rows", "USD", products, po_lines)
    (out / "SOURCE.md").write_text((HERE / "SOURCE.md").read_text(encoding="utf-8"), encoding="utf-8")


if __name__ == "__main__":
    main()
