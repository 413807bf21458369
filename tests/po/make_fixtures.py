#!/usr/bin/python3
"""Makes the small PO fixtures under tests/po/fixtures/ (committed outputs).

Run with Debian's /usr/bin/python3 (it has openpyxl):
    /usr/bin/python3 tests/po/make_fixtures.py [MAKER...]
(every fixture, or only the named makers such as shopify_csv).
"""
import datetime
import io
import os
import sys
import zipfile

import openpyxl
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures")


def path(name):
    return os.path.join(HERE, name)


def long_xlsx():
    """One row per size, preamble above the header, merged style cells."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Purchase Order"
    ws["A1"] = "PURCHASE ORDER"
    ws["A2"] = "PO Number"
    ws["B2"] = "PO-88213"
    ws["A3"] = "Order Date"
    ws["B3"] = datetime.date(2025, 3, 14)
    ws["B3"].number_format = "dd/mm/yyyy"
    ws["A4"] = "Ship To"
    ws["B4"] = "Harbour & Pine, 12 Quay St"
    header = ["Style #", "Description", "Colour", "Size", "Qty", "Unit Cost", "Ext"]
    ws.append([])
    ws.append(header)  # row 6
    rows = [
        ["ss26-1042", "Linen Wrap Dress", "black", "S", 2, 42, 84],
        [None, None, "black", "M", 4, 42, 168],
        [None, None, "Ivory", "M", 3, 42, 126],
        ["Subtotal", None, None, None, 9, None, 378],
        [],
        ["SS26 2001", "Cable Knit Crew", "Oat", "O/S", 5, None, None],
        ["#ZZ-9000", "Mystery Tote", "Red", "OS", 1, 15.5, 15.5],
        ["Total", None, None, None, 15, None, 393.5],
    ]
    for r in rows:
        ws.append(r)
    ws.merge_cells("A7:A9")
    ws.merge_cells("B7:B9")
    wb.save(path("long.xlsx"))


def matrix_xlsx():
    """Size-run matrix on the second sheet, a notes sheet first, a hidden
    sheet, a hidden row and a hidden column."""
    wb = openpyxl.Workbook()
    notes = wb.active
    notes.title = "Notes"
    notes["A1"] = "Delivery window: May"
    notes["A2"] = "Style notes are on the linesheet"
    order = wb.create_sheet("Order")
    order.append(["Buyer", "Jane Doe"])
    order.append(["Season", "SS26"])
    order.append([])
    order.append(["Style No", "Clr", "Internal", "XS", "S", "M", "L", "XL", "Total Units", "WHS", "MSRP"])
    order.append(["SS26-1042", "Black", "x1", None, 2, 4, 2, None, 8, "$42.00", "$98.00"])
    order.append(["SS26-1042", "Ivory", "x2", 1, 1, None, None, None, 2, "$42.00", "$98.00"])
    order.append(["SS26-3300", "Navy", "x3", 9, 9, 9, 9, 9, 45, "$10.00", "$20.00"])  # hidden
    order.append(["SS26-2001", "Oat", "x4", None, 3, 3, None, None, 6, "$55.00", "$140.00"])
    order.append(["TOTAL", None, None, 1, 6, 7, 2, None, 16, None, None])
    order.row_dimensions[7].hidden = True
    order.column_dimensions["C"].hidden = True
    secret = wb.create_sheet("Old Order")
    secret.append(["Style", "Color", "Size", "Qty", "Cost", "MSRP", "UPC"])
    secret.append(["OLD-1", "Red", "M", 1, 1, 2, "123"])
    secret.sheet_state = "hidden"
    wb.save(path("matrix.xlsx"))


CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
</Types>"""
ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<x:workbookPr date1904="1"/>
<x:sheets><x:sheet name="PO" sheetId="1" r:id="rId1"/></x:sheets>
</x:workbook>"""
WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
</Relationships>"""
STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="1"><numFmt numFmtId="164" formatCode="[$-409]d\\-mmm\\-yyyy;@"/></numFmts>
<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="2"/></cellXfs>
</styleSheet>"""
NS = 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def inline_sheet(extra_rows=""):
    # Inline strings, x: prefixes, cells without r= on the data rows, a
    # 1904-system date (serial 0 is 1904-01-01) and a custom date format.
    def istr(ref, text):
        r = f' r="{ref}"' if ref else ""
        return f'<x:c{r} t="inlineStr"><x:is><x:t>{text}</x:t></x:is></x:c>'
    return f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<x:worksheet {NS}><x:sheetData>
<x:row r="1">{istr("A1", "Order date")}<x:c r="B1" s="1"><x:v>44000</x:v></x:c></x:row>
<x:row r="3">{istr("A3", "Article")}{istr("B3", "Color")}{istr("C3", "Size")}{istr("D3", "Quantity")}{istr("E3", "Price")}</x:row>
<x:row r="4">{istr("", "AB-1")}{istr("", "Red")}{istr("", "M")}<x:c><x:v>3</x:v></x:c><x:c s="2"><x:v>12.5</x:v></x:c></x:row>
<x:row>{istr("", "AB-1")}<x:c t="s"><x:v>0</x:v></x:c>{istr("", "L")}<x:c><x:v>1</x:v></x:c><x:c><x:v>12.5</x:v></x:c></x:row>
{extra_rows}</x:sheetData></x:worksheet>"""


def write_package(name, sheet, shared=None, sheet_compress=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path(name), "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("xl/workbook.xml", WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        z.writestr("xl/styles.xml", STYLES)
        if shared is not None:
            z.writestr("xl/sharedStrings.xml", shared)
        if isinstance(sheet, bytes) or isinstance(sheet, str):
            z.writestr(zipfile.ZipInfo("xl/worksheets/sheet1.xml"), sheet, compress_type=sheet_compress)
        else:
            sheet(z)


def inline_xlsx():
    shared = f'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><r><t>Bl</t></r><r><t>ue</t></r></si></sst>'
    write_package("inline.xlsx", inline_sheet(), shared)


def entity_xlsx():
    # A "billion laughs" DOCTYPE in sharedStrings.xml: must not expand.
    levels = ['<!ENTITY a0 "laugh">']
    for i in range(1, 10):
        levels.append(f'<!ENTITY a{i} "' + f"&a{i-1};" * 10 + '">')
    shared = ('<?xml version="1.0"?>\n<!DOCTYPE sst [' + "".join(levels) + ']>\n'
              '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&a9;</t></si></sst>')
    write_package("entity.xlsx", inline_sheet(), shared)


def bomb_xlsx():
    # sheet1.xml inflates to 80 MB of whitespace from about 80 KB.
    def sheet(z):
        info = zipfile.ZipInfo("xl/worksheets/sheet1.xml")
        info.compress_type = zipfile.ZIP_DEFLATED
        with z.open(info, "w", force_zip64=True) as f:
            f.write(b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
            chunk = b" " * (1 << 20)
            for _ in range(80):
                f.write(chunk)
            f.write(b"</sheetData></worksheet>")
    write_package("bomb.xlsx", sheet)


def broken_xlsx():
    with open(path("long.xlsx"), "rb") as f:
        data = f.read()
    with open(path("broken.xlsx"), "wb") as f:
        f.write(data[: len(data) // 3])


def empty_xlsx():
    wb = openpyxl.Workbook()
    wb.active.title = "Sheet1"
    wb.save(path("empty.xlsx"))


def csvs():
    with open(path("quoted.csv"), "w", newline="", encoding="utf-8") as f:
        f.write("Purchase order PO-1,,,,\r\n")
        f.write("Buyer:,\"Smith, Jones & Co\",,,\r\n")
        f.write("\r\n")
        f.write("Style #,Description,Color,Size,Qty,Unit Cost\r\n")
        f.write("SS26-1042,\"Dress, \"\"Linen\"\" wrap\",Black,S,2,$42.00\r\n")
        f.write("SS26-1042,\"Two-line\ndescription\",Black,M,\"1,200\",$42.00\r\n")
        f.write("SS26-2001,Knit,Oat,M,3\r\n")  # ragged: no cost
        f.write("SS26-2001,Knit,Oat,L,1,55,extra,cells\r\n")  # ragged: longer
        f.write("Grand Total,,,,1206,\r\n")
    with open(path("semicolon.csv"), "wb") as f:
        f.write("\ufeffArticle;Farbe;Size;Units;Price\n".encode("utf-8"))
        f.write("SS26-1042;Schwarz;38;2;42,50\n".encode("utf-8"))
        f.write("SS26-1042;Schwarz;40;1;42,50\n".encode("utf-8"))
    with open(path("utf16.csv"), "wb") as f:
        text = "Style\tColour\tSize\tQty\r\nSS26-1042\tCrème\tM\t2\r\nSS26-2001\tNaïve Blue\tL\t1\r\n"
        f.write(b"\xff\xfe" + text.encode("utf-16-le"))
    with open(path("cp1252.csv"), "wb") as f:
        f.write("Style,Colour,Size,Qty,Description\r\n".encode("cp1252"))
        f.write("SS26-1042,Café,M,2,Women’s dress\r\n".encode("cp1252"))
    with open(path("unterminated.csv"), "wb") as f:
        f.write(b'Style,Color,Size,Qty\nSS26-1042,Black,M,2\n"SS26-2001,Oat,L,1\nSS26-3000,Red,S,4\n')
    with open(path("nul.csv"), "wb") as f:
        f.write(b"Style,Color,Size,Qty\nSS26-1042,Bl\x00ack,M,2\n")
    with open(path("matrix.csv"), "w", newline="", encoding="utf-8") as f:
        f.write("Style,Color,0,2,4,6,8,Total\n")
        f.write("SS26-1042,Black,,1,2,2,,5\n")
        f.write(",Ivory,1,,,,1,2\n")  # carries the style down
        f.write("Subtotal,,1,1,2,2,1,7\n")
    with open(path("no_header.csv"), "w", newline="", encoding="utf-8") as f:
        f.write("name,age,city\nann,31,Oslo\nbob,42,Rome\n")
    with open(path("no_quantity.csv"), "w", newline="", encoding="utf-8") as f:
        f.write("Style #,Color,Description\nSS26-1042,Black,Dress\n")



def shopify_csv():
    """A Shopify Orders export: order-level columns (Name is the order number,
    Subtotal, Shipping, Total) filled on the first row only; the line's style
    in Lineitem sku (with a colour code), colour and size only in the variant
    title of Lineitem name."""
    with open(path("shopify.csv"), "w", newline="", encoding="utf-8") as f:
        f.write("Name,Email,Subtotal,Shipping,Total,Lineitem quantity,Lineitem name,"
                "Lineitem price,Lineitem compare at price,Lineitem sku,"
                "Lineitem requires shipping,Billing Name,Vendor\n")
        f.write("#W1047,buyer@example.com,404.00,45.00,449.00,12,Canvas Market Tote - Black,"
                "34.00,68.00,CMT-204-BLK,true,Mara Ellison,Thornbury\n")
        f.write("#W1047,buyer@example.com,,,,2,Waxed Chore Coat - Tobacco / S,88.00,178.00,"
                "CCO-510-TOB,true,,Thornbury\n")
        f.write("#W1047,buyer@example.com,,,,1,Waxed Chore Coat - Tobacco / M,88.00,178.00,"
                "cco 510 tob,true,,Thornbury\n")


def german_csv():
    """A German order system's export: BOM, ';', CRLF, decimal commas, an
    order-number column first, and a 'Summe' row under the description."""
    with open(path("german.csv"), "wb") as f:
        rows = [
            "Bestellnummer;Pos.;Artikelnr.;Bezeichnung;Farbe;Größe;Menge;EK-Preis;Gesamt",
            "B-731;1;BR-26101;Wollmantel;noir;36;2;289,00;578,00",
            "B-731;2;br 26103;Lederjacke;Cognac;40;1;1234,56;1234,56",
            "B-731;3;BR26105;Alpakamantel;ÉCRU;OS;4;318,00;1272,00",
            "B-731;;;Summe;;;7;;3084,56",
        ]
        f.write(("\ufeff" + "\r\n".join(rows) + "\r\n").encode("utf-8"))


# Rows of the block order (several size-run blocks, each under its own header):
# (header, rows) per block, then the closing rows.
BLOCKS = [
    (["Style", "Description", "Colour", "XS", "S", "M", "L", "XL", "Units", "Cost"],
     [["KN-101", "Merino Crew", "Navy", "", "2", "4", "2", "", "8", "38.00"],
      ["KN-102", "Cable Cardigan", "Oat", "1", "", "3", "", "1", "5", "52.00"],
      ["Subtotal Tops \u00b7 Knitwear", "", "", "1", "2", "7", "2", "1", "13", ""]]),
    (["Style", "Description", "Colour", "36", "38", "40", "42", "Units", "Cost"],
     [["TR-201", "Wide Leg Trouser", "Black", "2", "3", "", "1", "6", "44.00"],
      ["TR-202", "Pleated Skirt", "Ivory", "", "1", "1", "", "2", "40.00"],
      ["Subtotal Bottoms", "", "", "2", "4", "1", "1", "8", ""]]),
    (["Style", "Description", "Colour", "OS", "Units", "Cost"],
     [["AC-301", "Tax Free Tote", "Tan", "5", "5", "30.00"]]),
]
BLOCKS_END = [["Grand Total", "", "", "", "26", ""]]


def block_rows():
    """The block order as rows of cells, with a preamble above it."""
    rows = [["Purchase order PO-5120"], ["Buyer", "North & Field"], []]
    for header, data in BLOCKS:
        rows.append(header)
        rows.extend(data)
    rows.extend(BLOCKS_END)
    return rows


def blocks_files():
    with open(path("blocks.csv"), "w", newline="", encoding="utf-8") as f:
        for r in block_rows():
            f.write(",".join(r) + "\n")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Order"
    for r in block_rows():
        ws.append([float(c) if c.replace(".", "").isdigit() else (c or None) for c in r])
    wb.save(path("blocks.xlsx"))


def text_at(c, x, y, text, align, font="Helvetica", size=9):
    """Draws text left-, centre- or right-aligned at x; y from the page's top."""
    y = A4[1] - y
    if align == "right":
        c.drawRightString(x, y, text)
    elif align == "centre":
        c.drawCentredString(x, y, text)
    else:
        c.drawString(x, y, text)


def table_row(c, cols, y, cells, header=False):
    """One row of a printed table: headers centred in their columns (as
    LibreOffice Calc, Chromium invoice templates and jsPDF-autotable print
    them), numbers right-aligned, text left-aligned."""
    x = 40
    c.setFont("Helvetica-Bold" if header else "Helvetica", 9)
    for (width, align), cell in zip(cols, cells):
        if header:
            text_at(c, x + width / 2, y, cell, "centre")
        elif align == "right":
            text_at(c, x + width - 4, y, cell, "right")
        else:
            text_at(c, x + 4, y, cell, "left")
        x += width


def centred_pdf():
    """Two pages: a preamble, centred headers repeated on page 2 under a
    running head, long descriptions, right-aligned Qty / Unit Cost / Line
    Total, then Subtotal / Shipping / Tax / Total rows."""
    c = canvas.Canvas(path("centred.pdf"), pagesize=A4, invariant=1)
    header = ["Style #", "Description", "Colour", "Size", "Qty", "Unit Cost", "Line Total"]
    cols = [(64, "left"), (206, "left"), (70, "left"), (34, "left"), (44, "right"),
            (50, "right"), (56, "right")]
    lines = [
        ("PF26-101", "Organic Cotton Relaxed Boyfriend Shirt", "Sky", "S", 2, 34.0),
        ("PF26-101", "Organic Cotton Relaxed Boyfriend Shirt", "Sky", "M", 4, 34.0),
        ("PF26-101", "Organic Cotton Relaxed Boyfriend Shirt", "Sky", "L", 2, 34.0),
        ("PF26-205", "Washed Linen Wide Leg Drawstring Trouser", "Sand", "8", 3, 46.0),
        ("PF26-205", "Washed Linen Wide Leg Drawstring Trouser", "Sand", "10", 12, 46.0),
        ("PF26-310", "Tax Free Tote in Recycled Canvas", "Natural", "OS", 6, 18.5),
        ("PF26-402", "Merino Wool Longline Ribbed Cardigan", "Charcoal", "XS", 1, 88.0),
        ("PF26-402", "Merino Wool Longline Ribbed Cardigan", "Charcoal", "S", 10, 88.0),
    ]
    pages = [lines[:5], lines[5:]]
    total = 0.0
    for n, page in enumerate(pages, 1):
        y = 50
        if n == 1:
            c.setFont("Helvetica-Bold", 16)
            text_at(c, 40, y, "PURCHASE ORDER", "left", "Helvetica-Bold", 16)
            c.setFont("Helvetica", 9)
            text_at(c, 555, y, "PO-7781", "right")
            y += 22
            for left, right in (("Bill to: Harbour & Pine", "Supplier: Fieldhouse Ltd"),
                                ("12 Quay Street, Bristol", "Order date: 02/04/2025")):
                text_at(c, 40, y, left, "left")
                text_at(c, 320, y, right, "left")
                y += 13
            y += 12
        else:
            c.setFont("Helvetica", 8)
            text_at(c, 40, y, "PO-7781 (continued)", "left", size=8)
            y += 20
        table_row(c, cols, y, header, header=True)
        y += 18
        for style, desc, colour, size, qty, cost in page:
            assert stringWidth(desc, "Helvetica", 9) < cols[1][0] - 12, desc
            total += qty * cost
            table_row(c, cols, y, [style, desc, colour, size, str(qty), "%.2f" % cost,
                                   "%.2f" % (qty * cost)])
            y += 15
        if n == len(pages):
            y += 6
            c.setFont("Helvetica", 9)
            for label, value in (("Subtotal", total), ("Shipping & handling", 25.0),
                                 ("Tax (8%)", total * 0.08), ("Total", total * 1.08 + 25)):
                text_at(c, 40 + sum(w for w, _ in cols[:6]) - 4, y, label, "right")
                text_at(c, 40 + sum(w for w, _ in cols) - 4, y, "%.2f" % value, "right")
                y += 14
        c.setFont("Helvetica", 8)
        text_at(c, A4[0] / 2, A4[1] - 30, "Page %d of %d" % (n, len(pages)), "centre", size=8)
        c.showPage()
    c.save()


def blocks_pdf():
    """The block order printed by a spreadsheet: each block's header row
    centred over its own columns, numbers right-aligned."""
    c = canvas.Canvas(path("blocks.pdf"), pagesize=A4, invariant=1)
    y = 50
    c.setFont("Helvetica-Bold", 14)
    text_at(c, 40, y, "Purchase order PO-5120", "left", "Helvetica-Bold", 14)
    y += 30
    for header, rows in BLOCKS + [(None, BLOCKS_END)]:
        if header is not None:
            sizes = len(header) - 5
            cols = [(60, "left"), (110, "left"), (60, "left")] + [(26, "right")] * sizes + \
                   [(40, "right"), (46, "right")]
            table_row(c, cols, y, header, header=True)
            y += 16
        for r in rows:
            table_row(c, cols, y, r)
            y += 15
        y += 8
    c.showPage()
    c.save()


if __name__ == "__main__":
    os.makedirs(HERE, exist_ok=True)
    if len(sys.argv) > 1:  # only the named makers: make_fixtures.py shopify_csv german_csv
        for name in sys.argv[1:]:
            globals()[name]()
        sys.exit(0)
    long_xlsx()
    matrix_xlsx()
    inline_xlsx()
    entity_xlsx()
    bomb_xlsx()
    broken_xlsx()
    empty_xlsx()
    csvs()
    shopify_csv()
    german_csv()
    blocks_files()
    centred_pdf()
    blocks_pdf()
