// Renders the jspdf-catalog trade catalogue and the buyer's po.pdf with
// jsPDF + jspdf-autotable. Reads TMPDIR/data.json written by `make.py
// prepare`, writes TMPDIR/pages.json (the page each product row landed on).
//
// Follows jspdf-autotable's own examples (simonbengtsson/jsPDF-AutoTable,
// MIT, examples/examples.js): 'header-footer' (willDrawPage draws the logo
// image and a title on each page, didDrawPage the footer "Page N of
// {total_pages_count_string}" filled in by putTotalPages), 'custom'
// (didDrawCell adds an image inside a cell after autotable drew it; per-
// column styles; a foot section) and the default 'striped' theme with its
// teal header row. Written in our own words; nothing is copied.
import fs from 'node:fs';
import path from 'node:path';
import { jsPDF } from 'jspdf';
import { autoTable } from 'jspdf-autotable';

const tmp = process.argv[2];
const data = JSON.parse(fs.readFileSync(path.join(tmp, 'data.json'), 'utf8'));
const FIXED = new Date(Date.UTC(2026, 2, 2, 9, 0, 0));

// £1,234.00
const gbp = (n) => '£' + n.toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const logo = new Uint8Array(fs.readFileSync(data.logo));
const TEAL = [22, 92, 78];

// ------------------------------------------------------------ catalogue
{
  const doc = new jsPDF({ orientation: 'p', unit: 'mm', format: 'a4' });
  doc.setCreationDate(FIXED);
  doc.setFileId('4A6F5370646643617461C0FFEE202603');
  doc.setDocumentProperties({ title: 'Heathcote & Mills - Trade Catalogue AW26', author: 'Heathcote & Mills Ltd' });
  const W = doc.internal.pageSize.getWidth();
  const H = doc.internal.pageSize.getHeight();

  // cover
  doc.addImage(logo, 'PNG', (W - 120) / 2, 70, 120, 36, 'logo', 'FAST');
  doc.setFont('helvetica', 'bold');
  doc.setFontSize(30);
  doc.setTextColor(...TEAL);
  doc.text('Trade Catalogue', W / 2, 140, { align: 'center' });
  doc.setFont('helvetica', 'normal');
  doc.setFontSize(16);
  doc.setTextColor(60);
  doc.text('Autumn / Winter 2026', W / 2, 152, { align: 'center' });
  doc.setFontSize(10);
  doc.text([
    'Trade prices in pounds sterling (GBP), excluding VAT. RRP includes VAT.',
    'Minimum order value £750. Carriage paid on orders over £1,500.',
    'Heathcote & Mills Ltd · Unit 4, Calder Works · Hebden Bridge HX7 8AD · trade@heathcote-mills.co.uk',
  ], W / 2, 250, { align: 'center', lineHeightFactor: 1.6 });

  doc.addPage();
  const totalPagesExp = '{total_pages_count_string}';
  const photos = new Map(data.products.map((p) => [p.style, new Uint8Array(fs.readFileSync(p.photo))]));
  const pages = {};
  autoTable(doc, {
    head: [['', 'Code', 'Product', 'Department', 'Colours', 'Sizes', 'Trade', 'RRP']],
    body: data.products.map((p) => ['', p.style, p.name, `${p.dept} > ${p.category}`,
      p.colours.join(', '), p.sizes, gbp(p.trade), gbp(p.rrp)]),
    startY: 30,
    margin: { top: 30, bottom: 18, left: 10, right: 10 },
    theme: 'striped',
    rowPageBreak: 'avoid',
    headStyles: { fillColor: TEAL, fontSize: 8.5 },
    styles: { fontSize: 8.5, valign: 'middle', cellPadding: 1.8 },
    columnStyles: {
      0: { cellWidth: 29, minCellHeight: 36 },
      1: { cellWidth: 19, fontStyle: 'bold' },
      2: { cellWidth: 38 },
      3: { cellWidth: 28 },
      4: { cellWidth: 28 },
      5: { cellWidth: 20 },
      6: { halign: 'right', fontStyle: 'bold' },
      7: { halign: 'right' },
    },
    willDrawPage: (hook) => {
      doc.addImage(logo, 'PNG', hook.settings.margin.left, 9, 40, 12, 'logo', 'FAST');
      doc.setFont('helvetica', 'bold');
      doc.setFontSize(13);
      doc.setTextColor(40);
      doc.text('Trade Catalogue AW26', W - hook.settings.margin.right, 15, { align: 'right' });
      doc.setFont('helvetica', 'normal');
      doc.setFontSize(8);
      doc.setTextColor(110);
      doc.text('All prices GBP · Trade ex VAT · RRP inc VAT', W - hook.settings.margin.right, 20, { align: 'right' });
    },
    didDrawCell: (hook) => {
      if (hook.section === 'body' && hook.column.index === 0) {
        const p = data.products[hook.row.index];
        doc.addImage(photos.get(p.style), 'JPEG', hook.cell.x + 1.5, hook.cell.y + 1.5, 26, 32.5, p.style, 'NONE');
        pages[p.style] = doc.getCurrentPageInfo().pageNumber;
      }
    },
    didDrawPage: () => {
      let str = 'Page ' + doc.internal.getNumberOfPages() + ' of ' + totalPagesExp;
      doc.setFontSize(8);
      doc.setTextColor(110);
      doc.text(str, 10, H - 8);
      doc.text('Heathcote & Mills Ltd · Trade Catalogue AW26', W - 10, H - 8, { align: 'right' });
    },
  });
  doc.putTotalPages(totalPagesExp);
  fs.writeFileSync(path.join(data.out, 'linesheet.pdf'), Buffer.from(doc.output('arraybuffer')));
  fs.writeFileSync(path.join(tmp, 'pages.json'), JSON.stringify(pages));
}

// ------------------------------------------------------------ purchase order
{
  const doc = new jsPDF({ orientation: 'p', unit: 'mm', format: 'a4' });
  doc.setCreationDate(new Date(Date.UTC(2026, 2, 16, 14, 0, 0)));
  doc.setFileId('50555243484153454F52444552202603');
  doc.setDocumentProperties({ title: 'Purchase Order PO-55120', author: 'Wrenfield Department Store' });
  const W = doc.internal.pageSize.getWidth();
  const H = doc.internal.pageSize.getHeight();
  doc.setFont('helvetica', 'bold');
  doc.setFontSize(18);
  doc.text('PURCHASE ORDER', 14, 20);
  doc.setFontSize(9);
  doc.setFont('helvetica', 'normal');
  doc.text(['Wrenfield Department Store', '21 Market Place, Harrogate HG1 2BA', 'buying@wrenfield.co.uk'], W - 14, 14,
    { align: 'right', lineHeightFactor: 1.4 });
  autoTable(doc, {
    startY: 30,
    theme: 'plain',
    styles: { fontSize: 9, cellPadding: 1 },
    columnStyles: { 0: { fontStyle: 'bold', cellWidth: 32 }, 2: { fontStyle: 'bold', cellWidth: 32 } },
    body: [
      ['PO Number', 'PO-55120', 'Supplier', 'Heathcote & Mills Ltd'],
      ['Order Date', '16/03/2026', 'Supplier A/C', 'HEA-0042'],
      ['Delivery', 'w/c 27/07/2026', 'Deliver To', 'Wrenfield DC, Unit 9, Thorp Arch LS23 7BJ'],
      ['Season', 'AW26', 'Terms', '60 days end of month'],
    ],
  });
  const body = [];
  let n = 0;
  const subtotal = { qty: 0, val: 0 };
  const total = { qty: 0, val: 0 };
  const depts = [...new Set(data.po.map((l) => l.dept))];
  for (const dept of depts) {
    body.push([{ content: dept.toUpperCase(), colSpan: 8, styles: { fontStyle: 'bold', halign: 'left', fillColor: [232, 236, 240] } }]);
    subtotal.qty = 0;
    subtotal.val = 0;
    for (const l of data.po.filter((x) => x.dept === dept)) {
      n += 1;
      const v = l.qty * l.cost;
      body.push([String(n), l.style, l.name, l.colour, l.size, String(l.qty), gbp(l.cost), gbp(v)]);
      subtotal.qty += l.qty;
      subtotal.val += v;
    }
    body.push([{ content: 'Subtotal ' + dept, colSpan: 5, styles: { fontStyle: 'bold', halign: 'right' } },
      { content: String(subtotal.qty), styles: { fontStyle: 'bold' } }, '',
      { content: gbp(subtotal.val), styles: { fontStyle: 'bold' } }]);
    total.qty += subtotal.qty;
    total.val += subtotal.val;
  }
  const carriage = 0;
  const vat = Math.round(total.val * 20) / 100;
  const totalPagesExp = '{total_pages_count_string}';
  autoTable(doc, {
    startY: doc.lastAutoTable.finalY + 6,
    head: [['Line', 'Style', 'Description', 'Colour', 'Size', 'Qty', 'Unit Price', 'Line Total']],
    body,
    foot: [
      [{ content: 'Goods Total', colSpan: 5 }, String(total.qty), '', gbp(total.val)],
      [{ content: 'Carriage', colSpan: 5 }, '', '', gbp(carriage)],
      [{ content: 'VAT @ 20%', colSpan: 5 }, '', '', gbp(vat)],
      [{ content: 'ORDER TOTAL', colSpan: 5 }, '', '', gbp(total.val + carriage + vat)],
    ],
    showFoot: 'lastPage',
    theme: 'grid',
    margin: { top: 20, bottom: 18 },
    headStyles: { halign: 'center', fillColor: [44, 62, 80] },
    footStyles: { halign: 'right', fillColor: [236, 240, 241], textColor: 20 },
    styles: { fontSize: 8.5, cellPadding: 1.6 },
    columnStyles: {
      0: { halign: 'right', cellWidth: 11 },
      1: { cellWidth: 22 },
      4: { halign: 'center', cellWidth: 16 },
      5: { halign: 'right', cellWidth: 12 },
      6: { halign: 'right', cellWidth: 22 },
      7: { halign: 'right', cellWidth: 24 },
    },
    didDrawPage: () => {
      doc.setFontSize(8);
      doc.setTextColor(100);
      doc.text('PO-55120 · Page ' + doc.internal.getNumberOfPages() + ' of ' + totalPagesExp, W - 14, H - 8, { align: 'right' });
      doc.text('Please quote our PO number on all invoices and delivery notes.', 14, H - 8);
    },
  });
  doc.putTotalPages(totalPagesExp);
  fs.writeFileSync(path.join(data.out, 'po.pdf'), Buffer.from(doc.output('arraybuffer')));
}
console.log('jspdf-catalog: linesheet.pdf and po.pdf written');
