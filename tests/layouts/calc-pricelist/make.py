#!/usr/bin/python3
"""calc-pricelist: a wholesale line sheet kept as a spreadsheet and printed by LibreOffice Calc.

Follows tschutter/cctools (BSD-style licence): gen-wholesale-line-sheet.py
(line sheet worksheet) and gen-wholesale-order.py (order form worksheet),
both written with openpyxl and opened in LibreOffice Calc (`localc`).
Their structure is re-expressed here in our own code with invented products;
a picture column is added in front (anchored in each product row's first
cell) and the order form is laid out in size-run blocks.
"""
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import common  # noqa: E402

import openpyxl  # noqa: E402
from openpyxl.drawing.image import Image as XLImage  # noqa: E402
from openpyxl.drawing.spreadsheet_drawing import OneCellAnchor, AnchorMarker  # noqa: E402
from openpyxl.drawing.xdr import XDRPositiveSize2D  # noqa: E402
from openpyxl.utils.units import pixels_to_EMU  # noqa: E402
from openpyxl.styles import Font, Alignment, Border, Side  # noqa: E402
from PIL import Image, ImageDraw, ImageFont  # noqa: E402

FAMILY = "calc-pricelist"
HERE = Path(__file__).resolve().parent
USD = "$#,##0.00;-$#,##0.00"          # cctools NUMBER_FORMAT_USD
SOFFICE_PDF = 'pdf:calc_pdf_Export:{"ReduceImageResolution":{"type":"boolean","value":"false"}}'

# Line-sheet columns: a picture column in front of cctools' columns, plus Colours.
COL_IMAGE, COL_ITEM_NO, COL_DESCRIPTION, COL_COLOURS, COL_PRICE, COL_MSRP, COL_SIZE, COL_SKU = range(1, 9)


def set_cell(ws, row, col, value, bold=False, size=10, horizontal="general", vertical="center",
             number_format=None, wrap=False):
    c = ws.cell(row=row, column=col, value=value)
    c.font = Font(name="Liberation Sans", bold=bold, size=size)
    c.alignment = Alignment(horizontal=horizontal, vertical=vertical, wrap_text=wrap)
    if number_format:
        c.number_format = number_format
    return c


def add_title(ws, info, last_col):
    rows = [info["title"], "Date: 2025-10-01", "Valid until: 2025-10-31",
            "Email: " + info["email"], "Phone: " + info["phone"], "Website: " + info["website"],
            "Address: " + info["address"], "Policy: " + info["policy"]]
    for r, text in enumerate(rows, start=1):
        set_cell(ws, r, 1, text, bold=(r == 1), size=20 if r == 1 else 10, vertical="bottom")
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=last_col)
    ws.row_dimensions[1].height = 25
    return len(rows) + 1


def place_picture(ws, path, row, col, w_px, h_px, off_px=4):
    img = XLImage(str(path))
    img.width, img.height = w_px, h_px
    marker = AnchorMarker(col=col - 1, colOff=pixels_to_EMU(off_px), row=row - 1, rowOff=pixels_to_EMU(off_px))
    img.anchor = OneCellAnchor(_from=marker, ext=XDRPositiveSize2D(pixels_to_EMU(w_px), pixels_to_EMU(h_px)))
    ws.add_image(img)


def make_logo(path):
    im = Image.new("RGB", (220, 60), (255, 255, 255))
    dr = ImageDraw.Draw(im)
    try:
        f = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", 20)
    except OSError:
        f = ImageFont.load_default()
    dr.rectangle([0, 0, 219, 59], fill=(24, 52, 74))
    dr.text((110, 30), "HARBOR & PINE", fill=(255, 255, 255), font=f, anchor="mm")
    im.save(path, "PNG")


def build_line_sheet(data, out, work):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Wholesale Line Sheet"
    row = add_title(ws, data["info"], COL_SIZE)
    logo = work / "logo.png"
    make_logo(logo)
    place_picture(ws, logo, 1, COL_MSRP, 140, 38, off_px=0)
    row += 1  # blank row
    header_row = row
    heads = [(COL_IMAGE, "Image", "center"), (COL_ITEM_NO, "Item No", "right"), (COL_DESCRIPTION, "Description", "general"),
             (COL_COLOURS, "Colours", "general"), (COL_PRICE, "Price", "right"), (COL_MSRP, "MSRP", "right"),
             (COL_SIZE, "Size", "general"), (COL_SKU, "SKU", "general")]
    for col, text, h in heads:
        set_cell(ws, row, col, text, bold=True, horizontal=h)
    row += 1
    placed = {}
    item_no = 1
    for group in data["groups"]:
        set_cell(ws, row, COL_DESCRIPTION, group["category"], bold=True)
        ws.row_dimensions[row].height = 16
        row += 1
        for p in group["products"]:
            set_cell(ws, row, COL_ITEM_NO, item_no)
            set_cell(ws, row, COL_DESCRIPTION, "%s: %s" % (p["name"], p["teaser"]), wrap=True)
            set_cell(ws, row, COL_COLOURS, p["colours_printed"], wrap=True)
            set_cell(ws, row, COL_PRICE, p["wholesale"], number_format=USD)
            set_cell(ws, row, COL_MSRP, p["msrp"], number_format=USD)
            set_cell(ws, row, COL_SIZE, p["size_written"])
            set_cell(ws, row, COL_SKU, p["sku"])
            ws.row_dimensions[row].height = 92
            place_picture(ws, out / common.image_rel(p["sku"]), row, COL_IMAGE, 96, 120)
            placed[p["sku"]] = (row, item_no, group["category"])
            item_no += 1
            row += 1
    widths = {COL_IMAGE: 15, COL_ITEM_NO: 8, COL_DESCRIPTION: 42, COL_COLOURS: 18, COL_PRICE: 11,
              COL_MSRP: 11, COL_SIZE: 10, COL_SKU: 9}
    for col, w in widths.items():
        ws.column_dimensions[openpyxl.utils.get_column_letter(col)].width = w
    ws.print_title_rows = "$%d:$%d" % (header_row, header_row)
    ws.print_options.gridLines = True
    ws.page_setup.orientation = "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_LETTER
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.oddHeader.center.text = "&A"
    ws.oddFooter.center.text = "Page &P of &N"
    xlsx = work / "linesheet.xlsx"
    wb.save(xlsx)
    return xlsx, placed


def soffice_pdf(src, outdir, profile):
    subprocess.run(["soffice", "-env:UserInstallation=" + profile.as_uri(), "--headless", "--norestore",
                    "--convert-to", SOFFICE_PDF, "--outdir", str(outdir), str(src)],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return outdir / (src.stem + ".pdf")


def page_of_rows(pdf, skus):
    """Find the page each SKU's row landed on (Calc paginates by itself)."""
    import re
    n = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout).group(1))
    found = {}
    for page in range(1, n + 1):
        txt = subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
                             capture_output=True, text=True).stdout
        for s in skus:
            if s not in found and re.search(r"(?<![\d-])%s(?![\d-])" % re.escape(s), txt):
                found[s] = page
    return found, n


# ---- order form ----------------------------------------------------------

BLOCKS = [
    ("Letter sizes", ["XS", "S", "M", "L", "XL"]),
    ("Numeric sizes", ["0", "2", "4", "6", "8", "10", "12"]),
    ("One size", ["OS"]),
]
OF_ITEM, OF_SKU, OF_DESC, OF_COLOUR, OF_SIZE0 = 1, 2, 3, 4, 5
MAXSIZES = 7
OF_QTY, OF_PRICE, OF_TOTAL = OF_SIZE0 + MAXSIZES, OF_SIZE0 + MAXSIZES + 1, OF_SIZE0 + MAXSIZES + 2


def build_order_form(data, work, placed):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Wholesale Order Form"
    thin = Side(style="thin")
    lines = [
        ("Harbor & Pine Wholesale Order", True, 20), ("Date: 2025-10-06", False, 10),
        ("Valid until: 2025-11-05", False, 10), ("Prices are 50% of retail", False, 10),
        ("PO Number: SB-7731", False, 10), ("Buyer: Dana Whitfield, Saltbox Mercantile", False, 10),
    ]
    for r, (t, b, s) in enumerate(lines, start=1):
        set_cell(ws, r, 1, t, bold=b, size=s, vertical="bottom")
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=3)
    ws.row_dimensions[1].height = 25
    row = len(lines) + 2
    set_cell(ws, row, 1, "Ship To:", bold=True, horizontal="left")
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
    row += 1
    ship = ["Saltbox Mercantile", "212 Water Street", "Portsmouth, NH 03801"]
    for i, t in enumerate(ship):
        set_cell(ws, row, 1, t, horizontal="left")
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
        for col in (1, 2, 3):
            ws.cell(row, col).border = Border(left=thin if col == 1 else None, right=thin if col == 3 else None,
                                              top=thin if i == 0 else None, bottom=thin if i == len(ship) - 1 else None)
        row += 1
    row += 1

    by_sku = {p["sku"]: p for g in data["groups"] for p in g["products"]}
    po_lines = []
    subtotals = []
    for (label, sizes), block in zip(BLOCKS, data["order"]):
        heads = {OF_ITEM: "Item No", OF_SKU: "SKU", OF_DESC: "Description", OF_COLOUR: "Colour",
                 OF_QTY: "Qty", OF_PRICE: "Price", OF_TOTAL: "Total"}
        for i, s in enumerate(sizes):
            heads[OF_SIZE0 + i] = s
        for col, text in heads.items():
            c = set_cell(ws, row, col, text, bold=True, horizontal="center")
            c.border = Border(top=thin, bottom=thin)
        row += 1
        block_total = 0.0
        for ln in block:
            sku_written = ln["sku"]
            p = by_sku.get(ln["canonical"])
            item_no = placed[ln["canonical"]][1] if p else None
            desc = p["name"] if p else ln["name"]
            price = ln.get("price", p["wholesale"] if p else None)
            set_cell(ws, row, OF_ITEM, item_no, horizontal="right")
            set_cell(ws, row, OF_SKU, sku_written, horizontal="left")
            set_cell(ws, row, OF_DESC, desc)
            set_cell(ws, row, OF_COLOUR, ln["colour"])
            qty_total = 0
            for i, s in enumerate(sizes):
                q = ln["qty"][i] if i < len(ln["qty"]) else None
                if q:
                    set_cell(ws, row, OF_SIZE0 + i, q, horizontal="right")
                    qty_total += q
                    po_lines.append({"style_number": sku_written, "color": ln["colour"], "size": s,
                                     "quantity": q, "unit_cost": price})
            set_cell(ws, row, OF_QTY, qty_total, horizontal="right")
            set_cell(ws, row, OF_PRICE, price, horizontal="right", number_format=USD)
            set_cell(ws, row, OF_TOTAL, round(qty_total * price, 2), horizontal="right", number_format=USD)
            block_total += qty_total * price
            row += 1
        set_cell(ws, row, OF_QTY, "Subtotal - %s:" % label, bold=False, horizontal="right")
        ws.merge_cells(start_row=row, start_column=OF_SIZE0, end_row=row, end_column=OF_PRICE)
        ws.cell(row, OF_SIZE0).value = "Subtotal - %s:" % label
        ws.cell(row, OF_SIZE0).alignment = Alignment(horizontal="right")
        ws.cell(row, OF_SIZE0).font = Font(name="Liberation Sans", size=10)
        set_cell(ws, row, OF_TOTAL, round(block_total, 2), horizontal="right", number_format=USD)
        subtotals.append(block_total)
        row += 2
    subtotal = round(sum(subtotals), 2)
    shipping = 48.00
    tax = round(subtotal * 0.0, 2)  # NH has no sales tax; the form still prints the line
    for label, val, bold in (("Subtotal:", subtotal, False), ("Shipping:", shipping, False), ("Tax:", tax, False),
                             ("Total:", round(subtotal + shipping + tax, 2), True)):
        ws.merge_cells(start_row=row, start_column=OF_QTY - 2, end_row=row, end_column=OF_PRICE)
        set_cell(ws, row, OF_QTY - 2, label, bold=bold, horizontal="right")
        set_cell(ws, row, OF_TOTAL, val, bold=bold, horizontal="right", number_format=USD)
        row += 1
    row += 1
    set_cell(ws, row, 1, "Terms: Net 30. Orders ship within 10 business days. Please email the completed form to " + data["info"]["email"] + ".")
    widths = {OF_ITEM: 7, OF_SKU: 9, OF_DESC: 30, OF_COLOUR: 11, OF_QTY: 6, OF_PRICE: 11, OF_TOTAL: 12}
    for i in range(MAXSIZES):
        widths[OF_SIZE0 + i] = 5
    for col, w in widths.items():
        ws.column_dimensions[openpyxl.utils.get_column_letter(col)].width = w
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_LETTER
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.oddFooter.center.text = "Page &P of &N"
    xlsx = work / "po.xlsx"
    wb.save(xlsx)
    return xlsx, po_lines


def main():
    data = json.loads((HERE / "products.json").read_text(encoding="utf-8"))
    out = common.prepare(FAMILY)
    for g in data["groups"]:
        for p in g["products"]:
            common.make_photo(p["sku"], p["name"], p["colours"], out / common.image_rel(p["sku"]), 240, 300)
    with tempfile.TemporaryDirectory() as td:
        work = Path(td)
        profile = work / "profile"
        xlsx, placed = build_line_sheet(data, out, work)
        pdf = soffice_pdf(xlsx, work, profile)
        pdf.replace(out / "linesheet.pdf")
        po_xlsx, po_lines = build_order_form(data, work, placed)
        pdf = soffice_pdf(po_xlsx, work, profile)
        pdf.replace(out / "po.pdf")
    pages, _ = page_of_rows(out / "linesheet.pdf", list(placed))
    products = []
    for g in data["groups"]:
        for p in g["products"]:
            products.append({"style_number": p["sku"], "name": p["name"], "colors": p["colours"],
                             "sizes": common.human_order(p["sizes"]), "wholesale_price": p["wholesale"],
                             "retail_price": p["msrp"], "category": g["category"], "page": pages[p["sku"]],
                             "image": common.image_rel(p["sku"])})
    common.write_truth(out, FAMILY, "table", "USD", products, po_lines)
    (out / "SOURCE.md").write_text((HERE / "SOURCE.md").read_text(encoding="utf-8"), encoding="utf-8")


if __name__ == "__main__":
    main()
