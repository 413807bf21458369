// Renders the pdfmake-pricelist price list with pdfmake (server-side
// PdfPrinter) and writes the buyer's po.csv. Reads TMPDIR/data.json written
// by `make.py prepare`.
//
// Follows the document-definition style of pdfmake's own examples
// (bpampuch/pdfmake, MIT): examples/tables.js (a table with headerRows: 1 so
// the header row repeats on every page, a colSpan row, the zebra fillColor
// layout of lightHorizontalLines), examples/sections.js (header and footer
// functions receiving currentPage and pageCount) and examples/images.js (an
// image placed by width). Written in our own words; nothing is copied.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

// Deterministic output: pdfkit names font subsets with Math.random().
let seed = 20260301;
Math.random = () => {
  seed = (seed + 0x6D2B79F5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const require = createRequire(import.meta.url);
const PdfPrinter = require('pdfmake');
const vfs = require('pdfmake/build/vfs_fonts.js');

const tmp = process.argv[2];
const data = JSON.parse(fs.readFileSync(path.join(tmp, 'data.json'), 'utf8'));
const buf = (name) => Buffer.from(vfs[name], 'base64');
const printer = new PdfPrinter({
  Roboto: {
    normal: buf('Roboto-Regular.ttf'), bold: buf('Roboto-Medium.ttf'),
    italics: buf('Roboto-Italic.ttf'), bolditalics: buf('Roboto-MediumItalic.ttf'),
  },
});

// 1.234,56 €
function eur(n) {
  const [int, dec] = n.toFixed(2).split('.');
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, '.') + ',' + dec + ' €';
}

const logo = 'data:image/png;base64,' + fs.readFileSync(data.logo).toString('base64');
const body = [[
  { text: 'Art. No.', style: 'th' }, { text: 'Description', style: 'th' }, { text: 'Colours', style: 'th' },
  { text: 'Sizes', style: 'th' }, { text: 'Wholesale', style: 'th', alignment: 'right' },
  { text: 'RRP', style: 'th', alignment: 'right' },
]];
const sectionRows = new Set();
for (const sec of data.sections) {
  sectionRows.add(body.length);
  body.push([{ text: sec.title.toUpperCase(), style: 'section', colSpan: 6 }, {}, {}, {}, {}, {}]);
  for (const p of sec.products) {
    body.push([
      { text: p.style, style: 'code' },
      { stack: [{ text: p.name, bold: true }, { text: p.composition, italics: true, fontSize: 7.5, color: '#666' }] },
      p.colours.join(', '),
      p.sizes,
      { text: eur(p.whs), alignment: 'right', bold: true },
      { text: eur(p.rrp), alignment: 'right' },
    ]);
  }
}

const docDefinition = {
  pageSize: 'A4',
  pageMargins: [40, 80, 40, 50],
  info: {
    title: 'Brume & Co. — Price list Autumn/Winter 2026', author: 'Brume & Co.',
    creationDate: new Date(Date.UTC(2026, 1, 2, 8, 0, 0)), modDate: new Date(Date.UTC(2026, 1, 2, 8, 0, 0)),
  },
  header: (currentPage, pageCount) => ({
    margin: [40, 22, 40, 0],
    columns: [
      { image: logo, width: 120 },
      { stack: [
        { text: 'PRICE LIST · AUTUMN/WINTER 2026', bold: true, fontSize: 11, alignment: 'right' },
        { text: 'Wholesale prices in EUR, excl. VAT · valid from 01.02.2026', fontSize: 8, color: '#666', alignment: 'right' },
      ], margin: [0, 6, 0, 0] },
    ],
  }),
  footer: (currentPage, pageCount) => ({
    margin: [40, 14, 40, 0],
    columns: [
      { text: 'Brume & Co. SAS · 14 rue de Sévigné · 75004 Paris · TVA FR 62 812 345 678', fontSize: 7.5, color: '#777' },
      { text: 'Page ' + currentPage.toString() + ' of ' + pageCount, alignment: 'right', fontSize: 7.5, color: '#777', width: 70 },
    ],
  }),
  content: [
    { text: 'Wholesale Price List', style: 'title' },
    { text: 'All prices per piece. Minimum order 4 pieces per style and colour. RRP = recommended retail price incl. VAT. '
        + 'Delivery window 15.07. – 15.08.2026, payment 30 days net.', style: 'intro' },
    {
      table: { headerRows: 1, dontBreakRows: true, widths: [58, '*', 110, 56, 62, 58], body },
      layout: {
        hLineWidth: (i, node) => (i === 0 || i === node.table.body.length ? 0 : (i === 1 ? 1.2 : 0.5)),
        vLineWidth: () => 0,
        hLineColor: (i) => (i === 1 ? '#1e283e' : '#cccccc'),
        fillColor: (row) => (row === 0 ? '#1e283e' : (sectionRows.has(row) ? '#e8e4da' : (row % 2 === 0 ? '#f7f7f7' : null))),
        paddingTop: () => 3, paddingBottom: () => 3,
      },
    },
    { text: 'Prices subject to change. Goods remain our property until paid in full.', style: 'note' },
  ],
  styles: {
    title: { fontSize: 16, bold: true, margin: [0, 0, 0, 4], color: '#1e283e' },
    intro: { fontSize: 8.5, color: '#444', margin: [0, 0, 0, 10] },
    th: { bold: true, color: '#ffffff', fontSize: 8.5 },
    section: { bold: true, fontSize: 9, color: '#1e283e', margin: [0, 2, 0, 0] },
    code: { fontSize: 8.5, color: '#333' },
    note: { fontSize: 7.5, italics: true, color: '#777', margin: [0, 8, 0, 0] },
  },
  defaultStyle: { font: 'Roboto', fontSize: 8.5 },
};

await new Promise((resolve, reject) => {
  const pdfDoc = printer.createPdfKitDocument(docDefinition);
  const stream = fs.createWriteStream(path.join(data.out, 'linesheet.pdf'));
  stream.on('finish', resolve);
  stream.on('error', reject);
  pdfDoc.pipe(stream);
  pdfDoc.end();
});

// ------------------------------------------------------------- po.csv
const dec = (n) => n.toFixed(2).replace('.', ',');
const lines = ['Bestellnummer;Pos.;Artikelnr.;Bezeichnung;Farbe;Größe;Menge;EK-Preis;Gesamt'];
let total = 0;
let units = 0;
data.po.forEach((l, i) => {
  lines.push(['B-2026-00731', String(i + 1), l.style, l.name, l.colour, l.size, String(l.qty), dec(l.cost), dec(l.qty * l.cost)].join(';'));
  total += l.qty * l.cost;
  units += l.qty;
});
lines.push(['B-2026-00731', '', '', 'Summe', '', '', String(units), '', dec(total)].join(';'));
fs.writeFileSync(path.join(data.out, 'po.csv'), '\ufeff' + lines.join('\r\n') + '\r\n', 'utf8');
console.log('pdfmake-pricelist: linesheet.pdf and po.csv written');
