// Renders the react-pdf-cards linesheet with @react-pdf/renderer and the PO
// with exceljs. Reads TMPDIR/data.json written by `make.py prepare`.
//
// The page structure follows pp-start/React-PDF-Catalog (GPL-3.0),
// src/components/Main.js + Style.js: an orange side panel of category icons
// on every page (the current category highlighted), a contents page that
// lists each category with its page number over a dashed rule and a
// description, product pages with the category name in bold capitals over a
// 2 pt rule, a wrapping grid of product cards (photo, uppercase name in an
// orange band, an EAN-13 barcode with its digits, label/value detail rows
// separated by 1 pt rules with an icon in the left column) and the footer
// "Product catalog - page N / T". Re-expressed here with createElement and
// our own styles; nothing is copied.
import fs from 'node:fs';
import path from 'node:path';
import React from 'react';
import { Document, Page, Text, View, Image, Font, StyleSheet, renderToFile } from '@react-pdf/renderer';
import ExcelJS from 'exceljs';

// Deterministic output: react-pdf names font subsets with Math.random().
let seed = 20260112;
Math.random = () => {
  seed = (seed + 0x6D2B79F5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const tmp = process.argv[2];
const data = JSON.parse(fs.readFileSync(path.join(tmp, 'data.json'), 'utf8'));
const h = React.createElement;
const A = (name) => path.join(data.assets, name);
const img = (file) => ({ data: fs.readFileSync(file), format: file.endsWith('.png') ? 'png' : 'jpg' });

Font.registerHyphenationCallback((word) => [word]);

const ORANGE = '#ee7727';
const BAND = '#EE7F44';
const GREY = '#efefef';

const s = StyleSheet.create({
  page: { flexDirection: 'row', backgroundColor: GREY, fontFamily: 'Helvetica' },
  side: { width: '12%', height: '100%', backgroundColor: ORANGE, flexDirection: 'column' },
  sideLogo: { width: 54, height: 57, marginTop: 14, marginBottom: 30, alignSelf: 'center' },
  sideIcons: { flexGrow: 1, flexDirection: 'column', justifyContent: 'space-evenly' },
  sideCell: { paddingTop: 10, paddingBottom: 10, width: '100%' },
  sideCellOn: { backgroundColor: GREY },
  sideIcon: { width: 34, height: 34, alignSelf: 'center' },
  main: { width: '88%', height: '100%', padding: 10, flexDirection: 'column', justifyContent: 'space-between' },
  topText: { fontFamily: 'Helvetica-Bold', fontSize: 15, textAlign: 'center', textTransform: 'uppercase' },
  topRule: { width: '100%', height: 2, backgroundColor: '#000', marginTop: 5 },
  grid: { width: '100%', flexGrow: 1, flexDirection: 'row', flexWrap: 'wrap', alignContent: 'flex-start', paddingTop: 6 },
  card: { flexBasis: '24%', marginLeft: '0.5%', marginRight: '0.5%', marginBottom: 6, padding: 4,
          backgroundColor: '#fee', flexDirection: 'column' },
  number: { fontSize: 7.5, color: '#444', marginBottom: 2 },
  photo: { width: 96, height: 120, alignSelf: 'center' },
  nameBand: { minHeight: 26, justifyContent: 'center', alignItems: 'center', backgroundColor: BAND,
              marginTop: 3, marginBottom: 2, padding: 2 },
  name: { fontFamily: 'Helvetica-Bold', fontSize: 8.5, lineHeight: 1.15, textAlign: 'center', textTransform: 'uppercase' },
  barcode: { width: '80%', height: 11, alignSelf: 'center', marginTop: 1 },
  barcodeText: { fontSize: 6.5, textAlign: 'center', paddingBottom: 1, letterSpacing: 0.6 },
  row: { flexDirection: 'row', paddingTop: 1.5, paddingBottom: 1.5 },
  rule: { width: '100%', height: 0.75, backgroundColor: '#000' },
  left: { flexBasis: '22%', alignItems: 'center', justifyContent: 'center' },
  right: { flexBasis: '78%', justifyContent: 'center' },
  icon: { width: 9, height: 9 },
  detail: { fontSize: 7 },
  price: { fontFamily: 'Helvetica-Bold', fontSize: 10, textAlign: 'right', marginTop: 3 },
  footer: { borderTop: '1px solid #ddd', width: '100%', flexDirection: 'row', justifyContent: 'center', paddingTop: 5 },
  footerText: { fontSize: 9 },
  sep: { fontSize: 9, marginLeft: 2, marginRight: 2 },
  // contents page
  tocTitle: { fontFamily: 'Helvetica-Bold', fontSize: 36, textTransform: 'uppercase', textAlign: 'center', marginTop: 40, marginBottom: 50 },
  tocEntry: { marginBottom: 22, marginLeft: 20, marginRight: 20 },
  tocTop: { flexDirection: 'row', justifyContent: 'space-between', borderBottom: '1px dashed #000', paddingBottom: 2 },
  tocCat: { fontFamily: 'Helvetica-Bold', fontSize: 14 },
  tocDesc: { fontSize: 11, marginTop: 5 },
  tocNote: { fontSize: 9, color: '#555', marginLeft: 20, marginRight: 20, marginTop: 30, lineHeight: 1.4 },
});

const money = (n) => '$' + n.toFixed(2);
const logo = img(A('logo.png'));
const icons = {};
for (const k of ['palette', 'size', 'tag', 'knit', 'trousers', 'accessories']) {
  icons[k] = img(A(`icon_${k}.png`));
  icons[k + '_white'] = img(A(`icon_${k}_white.png`));
}

function SidePanel(current) {
  return h(View, { style: s.side },
    h(Image, { style: s.sideLogo, src: logo }),
    h(View, { style: s.sideIcons },
      data.pages.map((p, n) => h(View, { key: n, style: n === current ? [s.sideCell, s.sideCellOn] : s.sideCell },
        h(Image, { style: s.sideIcon, src: n === current ? icons[p.icon] : icons[p.icon + '_white'] })))));
}

function Footer() {
  return h(View, { style: s.footer, fixed: true },
    h(Text, { style: s.footerText, render: ({ pageNumber }) => `Product catalog - page ${pageNumber}` }),
    h(Text, { style: s.sep }, '/'),
    h(Text, { style: s.footerText, render: ({ totalPages }) => `${totalPages}` }));
}

function Detail(icon, text) {
  return [
    h(View, { style: s.row, key: icon },
      h(View, { style: s.left }, h(Image, { style: s.icon, src: icons[icon] })),
      h(View, { style: s.right }, h(Text, { style: s.detail }, text))),
    h(View, { style: s.rule, key: icon + '-rule' }),
  ];
}

function Card(p) {
  return h(View, { style: s.card, key: p.style, wrap: false },
    h(Text, { style: s.number }, '#' + p.style),
    h(Image, { style: s.photo, src: img(p.photo) }),
    h(View, { style: s.nameBand }, h(Text, { style: s.name }, p.name)),
    h(Image, { style: s.barcode, src: img(p.barcode) }),
    h(Text, { style: s.barcodeText }, p.ean),
    h(View, { style: s.rule }),
    ...Detail('palette', p.colours.join(' / ')),
    ...Detail('size', p.sizes),
    ...Detail('tag', 'RRP ' + '$' + p.rrp),
    h(Text, { style: s.price }, money(p.whs)));
}

const contents = h(Page, { size: 'A4', style: s.page, key: 'toc' },
  SidePanel(-1),
  h(View, { style: s.main },
    h(View, null,
      h(Text, { style: s.tocTitle }, 'Contents'),
      data.pages.map((p, n) => h(View, { style: s.tocEntry, key: n },
        h(View, { style: s.tocTop },
          h(Text, { style: s.tocCat }, p.category),
          h(Text, { style: s.tocCat }, String(n + 2))),
        h(Text, { style: s.tocDesc }, p.description))),
      h(Text, { style: s.tocNote },
        'Autumn/Winter 2026 wholesale collection. Prices in US dollars, ex-works, excluding duties. ' +
        'Minimum order 6 units per style. Recommended retail prices (RRP) are given for guidance only.')),
    Footer()));

const productPages = data.pages.map((pg, n) => h(Page, { size: 'A4', style: s.page, key: pg.category },
  SidePanel(n),
  h(View, { style: s.main },
    h(View, null,
      h(Text, { style: s.topText }, pg.category),
      h(View, { style: s.topRule })),
    h(View, { style: s.grid }, pg.products.map(Card)),
    Footer())));

const doc = h(Document, {
  title: 'Kestrel Bay - Product catalog AW26', author: 'Kestrel Bay Knitwear Co.',
  creationDate: new Date(Date.UTC(2026, 0, 12, 9, 0, 0)), modificationDate: new Date(Date.UTC(2026, 0, 12, 9, 0, 0)),
}, contents, ...productPages);

await renderToFile(doc, path.join(data.out, 'linesheet.pdf'));

// ---------------------------------------------------------------- PO (exceljs)
const wb = new ExcelJS.Workbook();
wb.creator = 'Harbour & Pine Stores';
wb.created = new Date(Date.UTC(2026, 0, 20, 10, 0, 0));
wb.modified = wb.created;
const ws = wb.addWorksheet('Order');
ws.columns = [{ width: 12 }, { width: 30 }, { width: 16 }, { width: 7 }, { width: 7 }, { width: 7 },
  { width: 7 }, { width: 7 }, { width: 9 }, { width: 11 }, { width: 13 }];
const bold = { bold: true };
ws.addRow(['PURCHASE ORDER']).font = { bold: true, size: 14 };
ws.addRow(['PO Number', 'HP-AW26-0419']);
ws.addRow(['Vendor', 'Kestrel Bay Knitwear Co.']);
ws.addRow(['Buyer', 'Harbour & Pine Stores, 88 Water St, Portland ME']);
const dateRow = ws.addRow(['Order Date', new Date(Date.UTC(2026, 0, 20))]);
dateRow.getCell(2).numFmt = 'yyyy-mm-dd';
ws.addRow(['Delivery', 'Aug 1 - Aug 15, 2026']);
ws.addRow(['Currency', 'USD']);
ws.addRow([]);
const fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } };
let grandUnits = 0;
let grandCost = 0;
for (const block of data.po) {
  const head = ['Style', 'Description', 'Colour', ...block.sizes, 'Units', 'Unit Cost', 'Amount'];
  const hr = ws.addRow(head);
  hr.font = bold;
  hr.eachCell((c) => { c.fill = fill; c.border = { bottom: { style: 'thin' } }; });
  let units = 0;
  let cost = 0;
  for (const ln of block.lines) {
    const q = block.sizes.map((sz) => (ln.qty[sz] === undefined ? null : ln.qty[sz]));
    const u = q.reduce((a, b) => a + (b || 0), 0);
    const row = ws.addRow([ln.style, ln.description, ln.colour, ...q, u, ln.cost, u * ln.cost]);
    row.getCell(head.length - 1).numFmt = '#,##0.00';
    row.getCell(head.length).numFmt = '#,##0.00';
    units += u;
    cost += u * ln.cost;
  }
  const st = ws.addRow(['Subtotal ' + block.title, ...Array(head.length - 4).fill(null), units, null, cost]);
  st.font = bold;
  st.getCell(head.length).numFmt = '#,##0.00';
  ws.addRow([]);
  grandUnits += units;
  grandCost += cost;
}
const gt = ws.addRow(['Grand Total', null, null, null, null, null, null, null, grandUnits, null, grandCost]);
gt.font = bold;
gt.getCell(11).numFmt = '#,##0.00';
ws.addRow([]);
ws.addRow(['Terms: Net 60. Ship complete; no substitutions without written approval.']);
await wb.xlsx.writeFile(path.join(data.out, 'po.xlsx'));
console.log('react-pdf-cards: linesheet.pdf and po.xlsx written');
