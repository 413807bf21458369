#!/usr/bin/python3
"""writer-catalog: a product specification catalogue written as DOCX and printed by LibreOffice Writer.

Structure followed (re-expressed, not copied): the "SPECIFICATION" sheet of
shahbazjamil/indemareview, resources/views/member/purchase-orders/
po-pdf-specification.blade.php: a top band with the logo at the left and the
word SPECIFICATION in large type at the right; then per product a two-cell
table, the left cell (55 %) a label/value table ("Product Name:" ... with the
values right-aligned in their cell), the right cell (45 %) the product photo
centred; then a "Description:" paragraph under it. Here the band is the Word
page header, the facts are those of a wholesale catalogue (Style, Colour,
Sizes, Wholesale, RRP) and two products sit on each A4 page.

The PO is an order form written as a flat ODS spreadsheet and converted by
LibreOffice Calc to XLSX.
"""
import html
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import common  # noqa: E402

from docx import Document  # noqa: E402
from docx.enum.section import WD_ORIENT  # noqa: E402,F401
from docx.enum.table import WD_TABLE_ALIGNMENT, WD_CELL_VERTICAL_ALIGNMENT  # noqa: E402
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK  # noqa: E402
from docx.oxml import OxmlElement  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402
from docx.shared import Pt, Mm, RGBColor  # noqa: E402
from PIL import Image, ImageDraw, ImageFont  # noqa: E402

FAMILY = "writer-catalog"
HERE = Path(__file__).resolve().parent
FONT = "Liberation Sans"   # metric-compatible Arial (the template uses Arial, Helvetica)



# LibreOffice 7.4 (Debian 12) leaves a few right-aligned, letter-spaced value
# cells out of the page: the second line of OF-303's bold name ("Tee"),
# OF-306's sizes and OF-314's colour are in neither the rendered page nor its
# text layer (pdftoppm shows the cells empty). The truth is what the page shows.
PRINTED_NAME = {"OF-303": "Organic Cotton Boxy"}
PRINTED_EMPTY = {"OF-306": "sizes", "OF-314": "colors"}

def gbp(v):
    return "\u00a3{:,.2f}".format(v)


def make_logo(path):
    im = Image.new("RGB", (300, 90), (255, 255, 255))
    dr = ImageDraw.Draw(im)
    try:
        f = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf", 27)
        g = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 13)
    except OSError:
        f = g = ImageFont.load_default()
    dr.ellipse([8, 13, 72, 77], outline=(120, 96, 66), width=4)
    dr.text((40, 45), "O", fill=(120, 96, 66), font=f, anchor="mm")
    dr.text((86, 42), "Orla & Finch", fill=(40, 40, 40), font=f, anchor="lm")
    dr.text((88, 72), "LONDON  \u00b7  WHOLESALE", fill=(120, 96, 66), font=g, anchor="lm")
    im.save(path, "JPEG", quality=85)


def no_borders(table):
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement("w:" + edge)
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def cell_width(cell, mm):
    cell.width = Mm(mm)


def run(par, text, bold=False, size=10.5, color=None, spacing=None):
    r = par.add_run(text)
    r.bold = bold
    r.font.size = Pt(size)
    r.font.name = FONT
    if color:
        r.font.color.rgb = RGBColor.from_string(color)
    if spacing:  # letter-spacing, as the template's letter-spacing:1px
        rpr = r._r.get_or_add_rPr()
        sp = OxmlElement("w:spacing")
        sp.set(qn("w:val"), str(spacing))
        rpr.append(sp)
    return r


def add_field(par, instr, size=8.5):
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), instr)
    r = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    sz = OxmlElement("w:sz")
    sz.set(qn("w:val"), str(int(size * 2)))
    rpr.append(sz)
    r.append(rpr)
    t = OxmlElement("w:t")
    t.text = "1"
    r.append(t)
    fld.append(r)
    par._p.append(fld)


def para_fmt(par, before=0, after=0, align=None):
    pf = par.paragraph_format
    pf.space_before = Pt(before)
    pf.space_after = Pt(after)
    if align is not None:
        par.alignment = align


def build_docx(data, out, logo, path):
    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.left_margin = sec.right_margin = Mm(18)
    sec.top_margin = Mm(38)
    sec.bottom_margin = Mm(20)
    sec.header_distance = Mm(10)
    sec.footer_distance = Mm(8)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10.5)

    # Page header: logo left, SPECIFICATION right (the template's first table row).
    hdr = sec.header
    ht = hdr.add_table(rows=1, cols=2, width=Mm(174))
    no_borders(ht)
    ht.alignment = WD_TABLE_ALIGNMENT.CENTER
    c0, c1 = ht.rows[0].cells
    cell_width(c0, 80)
    cell_width(c1, 94)
    p = c0.paragraphs[0]
    p.add_run().add_picture(str(logo), width=Mm(52))
    p = c1.paragraphs[0]
    para_fmt(p, before=6, align=WD_ALIGN_PARAGRAPH.RIGHT)
    run(p, "SPECIFICATION", size=22)
    p = c1.add_paragraph()
    para_fmt(p, align=WD_ALIGN_PARAGRAPH.RIGHT)
    run(p, data["season"], size=9, color="786042")
    hdr.paragraphs[0].text = ""

    # Footer: company line and "Page N of M".
    ftr = sec.footer
    p = ftr.paragraphs[0]
    para_fmt(p, align=WD_ALIGN_PARAGRAPH.CENTER)
    run(p, data["footer"] + "    Page ", size=8.5, color="555555")
    add_field(p, "PAGE")
    run(p, " of ", size=8.5, color="555555")
    add_field(p, "NUMPAGES")

    pages = {}
    for i, prod in enumerate(data["products"]):
        if i and i % 2 == 0:
            # new page for every pair
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif i % 2 == 1:
            sep = doc.add_paragraph()
            para_fmt(sep, before=6, after=10)
            pbdr = OxmlElement("w:pBdr")
            b = OxmlElement("w:bottom")
            for k, v in (("w:val", "single"), ("w:sz", "4"), ("w:space", "1"), ("w:color", "BBBBBB")):
                b.set(qn(k), v)
            pbdr.append(b)
            sep._p.get_or_add_pPr().append(pbdr)
        pages[prod["style"]] = i // 2 + 1
        t = doc.add_table(rows=1, cols=2)
        no_borders(t)
        left, right = t.rows[0].cells
        cell_width(left, 96)
        cell_width(right, 78)
        left.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
        right.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        # inner label/value table, values right-aligned
        facts = [("Product Name:", prod["name"]), ("Style:", prod["style"]),
                 ("Sales Category:", prod["category"]), ("Colour:", prod["colour_printed"]),
                 ("Sizes:", prod["sizes_written"]), ("Material:", prod["material"]),
                 ("Wholesale:", gbp(prod["wholesale"])), ("RRP:", gbp(prod["rrp"]))]
        inner = left.add_table(rows=len(facts), cols=2)
        no_borders(inner)
        for r, (k, v) in enumerate(facts):
            a, b = inner.rows[r].cells
            cell_width(a, 34)
            cell_width(b, 58)
            pa = a.paragraphs[0]
            para_fmt(pa, before=4, after=4)
            run(pa, k, spacing=15)
            pb = b.paragraphs[0]
            para_fmt(pb, before=4, after=4, align=WD_ALIGN_PARAGRAPH.RIGHT)
            run(pb, v, spacing=15, bold=(k == "Product Name:"))
        left.paragraphs[0]._p.getparent().remove(left.paragraphs[0]._p)
        rp = right.paragraphs[0]
        para_fmt(rp, align=WD_ALIGN_PARAGRAPH.CENTER)
        rp.add_run().add_picture(str(out / common.image_rel(prod["style"])), height=Mm(78))
        d = doc.add_paragraph()
        para_fmt(d, before=6, after=0)
        d.paragraph_format.line_spacing = Pt(16)
        run(d, "Description: ", bold=True, size=10, spacing=15)
        run(d, prod["description"], size=10, spacing=15)
    doc.core_properties.title = data["title"]
    doc.core_properties.author = "Orla & Finch Ltd"
    doc.save(path)
    return pages


# ---- PO: flat ODS order form -> XLSX by LibreOffice -------------------------

FODS_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"
 xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:automatic-styles>
 <number:currency-style style:name="GBP"><number:currency-symbol>\u00a3</number:currency-symbol><number:number number:decimal-places="2" number:min-decimal-places="2" number:min-integer-digits="1" number:grouping="true"/></number:currency-style>
 <style:style style:name="co1" style:family="table-column"><style:table-column-properties style:column-width="2.6cm"/></style:style>
 <style:style style:name="co2" style:family="table-column"><style:table-column-properties style:column-width="6.2cm"/></style:style>
 <style:style style:name="co3" style:family="table-column"><style:table-column-properties style:column-width="2.2cm"/></style:style>
 <style:style style:name="b" style:family="table-cell"><style:text-properties fo:font-weight="bold"/></style:style>
 <style:style style:name="t" style:family="table-cell"><style:text-properties fo:font-size="16pt" fo:font-weight="bold"/></style:style>
 <style:style style:name="h" style:family="table-cell"><style:table-cell-properties fo:background-color="#dde4ea" fo:border-bottom="0.5pt solid #000000"/><style:text-properties fo:font-weight="bold"/></style:style>
 <style:style style:name="m" style:family="table-cell" style:data-style-name="GBP"/>
 <style:style style:name="mb" style:family="table-cell" style:data-style-name="GBP"><style:text-properties fo:font-weight="bold"/></style:style>
</office:automatic-styles>
<office:body><office:spreadsheet><table:table table:name="Order Form">
<table:table-column table:style-name="co1"/><table:table-column table:style-name="co2"/><table:table-column table:style-name="co3" table:number-columns-repeated="5"/>
"""
FODS_TAIL = "</table:table></office:spreadsheet></office:body></office:document>\n"


def fods_cell(v, style=None, formula=None):
    st = ' table:style-name="%s"' % style if style else ""
    if v is None and formula is None:
        return "<table:table-cell%s/>" % st
    if formula is not None:
        return '<table:table-cell%s table:formula="%s" office:value-type="float" office:value="%s"><text:p>%s</text:p></table:table-cell>' % (
            st, html.escape(formula), v, v)
    if isinstance(v, (int, float)):
        return '<table:table-cell%s office:value-type="float" office:value="%s"><text:p>%s</text:p></table:table-cell>' % (st, v, v)
    return '<table:table-cell%s office:value-type="string"><text:p>%s</text:p></table:table-cell>' % (st, html.escape(v))


def build_po(data, work):
    rows = []

    def row(*cells):
        rows.append("<table:table-row>%s</table:table-row>" % "".join(cells))

    row(fods_cell("PURCHASE ORDER", "t"))
    row()
    for k, v in (("PO Number", "HB-2025-0417"), ("Date", "18/09/2025"), ("Supplier", "Orla & Finch Ltd, 41 Hatton Garden, London EC1N 8EH"),
                 ("Deliver to", "Hartley Brown Boutique, 7 Minster Yard, York YO1 7HH"), ("Delivery window", "Jan 2026"),
                 ("Terms", "30 days from invoice")):
        row(fods_cell(k, "b"), fods_cell(v))
    row()
    header_row = len(rows) + 1
    row(*[fods_cell(h, "h") for h in ("Style", "Description", "Colour", "Size", "Qty", "Unit Price", "Amount")])
    po_lines = []
    r = header_row + 1
    first = r
    for st, desc, col, size, q, unit in data["po"]:
        row(fods_cell(st), fods_cell(desc), fods_cell(col), fods_cell(size if size else None), fods_cell(q),
            fods_cell(unit, "m"), fods_cell(round(q * unit, 2), "m", formula="of:=[.E%d]*[.F%d]" % (r, r)))
        po_lines.append({"style_number": st, "color": col, "size": size or "", "quantity": q, "unit_cost": unit})
        r += 1
    last = r - 1
    units = sum(x[4] for x in data["po"])
    total = round(sum(x[4] * x[5] for x in data["po"]), 2)
    row()
    row(fods_cell(None), fods_cell(None), fods_cell(None), fods_cell("Total units", "b"),
        fods_cell(units, "b", formula="of:=SUM([.E%d:.E%d])" % (first, last)), fods_cell("Total", "b"),
        fods_cell(total, "mb", formula="of:=SUM([.G%d:.G%d])" % (first, last)))
    row()
    row(fods_cell("Please confirm receipt of this order and the delivery date by email."))
    path = work / "po.fods"
    path.write_text(FODS_HEAD + "\n".join(rows) + FODS_TAIL, encoding="utf-8")
    return path, po_lines


def soffice(args, profile):
    subprocess.run(["soffice", "-env:UserInstallation=" + profile.as_uri(), "--headless", "--norestore"] + args,
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main():
    data = json.loads((HERE / "products.json").read_text(encoding="utf-8"))
    out = common.prepare(FAMILY)
    for p in data["products"]:
        common.make_photo(p["style"], p["name"], p["colours"], out / common.image_rel(p["style"]), 300, 375)
    with tempfile.TemporaryDirectory() as td:
        work = Path(td)
        profile = work / "profile"
        logo = work / "logo.jpg"
        make_logo(logo)
        docx = work / "catalogue.docx"
        pages = build_docx(data, out, logo, docx)
        soffice(["--convert-to", 'pdf:writer_pdf_Export:{"ReduceImageResolution":{"type":"boolean","value":"false"}}',
                 "--outdir", str(work), str(docx)], profile)
        (work / "catalogue.pdf").replace(out / "linesheet.pdf")
        fods, po_lines = build_po(data, work)
        soffice(["--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(work), str(fods)], profile)
        (work / "po.xlsx").replace(out / "po.xlsx")
    products = [{"style_number": p["style"], "name": PRINTED_NAME.get(p["style"], p["name"]), "colors": p["colours"],
                 "sizes": common.human_order(p["sizes"]), "wholesale_price": p["wholesale"], "retail_price": p["rrp"],
                 "category": p["category"], "page": pages[p["style"]], "image": common.image_rel(p["style"])}
                for p in data["products"]]
    for prod in products:
        if prod["style_number"] in PRINTED_EMPTY:
            prod[PRINTED_EMPTY[prod["style_number"]]] = []
    common.write_truth(out, FAMILY, "rows", "GBP", products, po_lines)
    (out / "SOURCE.md").write_text((HERE / "SOURCE.md").read_text(encoding="utf-8"), encoding="utf-8")


if __name__ == "__main__":
    main()
