// Writes the html-jewelry-cards purchase order with ExcelJS (npm exceljs 4.4.0, MIT).
// Reads {"out": path, "rows": [[item, description, metal, size, qty, unit], ...]} on stdin.
// Deterministic: workbook dates are fixed and the zip entries get a fixed timestamp.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const JSZip = require('jszip');
const ExcelJS = require('exceljs');

const FIXED = new Date(Date.UTC(2026, 2, 1, 12, 0, 0));
const origFile = JSZip.prototype.file;
JSZip.prototype.file = function (name, data, opts) {
  if (data === undefined) return origFile.call(this, name);
  return origFile.call(this, name, data, { ...(opts || {}), date: FIXED, createFolders: false });
};

const spec = JSON.parse(readFileSync(0, 'utf8'));
const wb = new ExcelJS.Workbook();
wb.creator = 'Fenwick & Pine Buying Office';
wb.created = FIXED;
wb.modified = FIXED;
const ws = wb.addWorksheet('Purchase Order');
ws.columns = [
  { key: 'item', width: 13 }, { key: 'desc', width: 34 }, { key: 'metal', width: 20 },
  { key: 'size', width: 9 }, { key: 'qty', width: 7 }, { key: 'unit', width: 12 }, { key: 'ext', width: 13 },
];

const bold = { bold: true };
ws.getCell('A1').value = 'FENWICK & PINE';
ws.getCell('A1').font = { bold: true, size: 16 };
ws.getCell('A2').value = 'Purchase Order';
ws.getCell('A2').font = { size: 13 };
const pre = [
  ['PO Number:', 'FP-26-0917'],
  ['PO Date:', new Date(Date.UTC(2026, 7, 14))],
  ['Vendor:', 'Linnea Vale Jewelry'],
  ['Ship To:', 'Fenwick & Pine, 118 Alder St, Portland OR 97204'],
  ['Ship Window:', '10/01/2026 - 10/15/2026'],
  ['Terms:', 'Net 30'],
];
pre.forEach(([k, v], i) => {
  const r = 4 + i;
  ws.getCell(`A${r}`).value = k;
  ws.getCell(`A${r}`).font = bold;
  ws.getCell(`B${r}`).value = v;
  if (v instanceof Date) ws.getCell(`B${r}`).numFmt = 'mm/dd/yyyy';
});

const headerRow = 11;
const header = ['Item #', 'Description', 'Metal', 'Size', 'Qty', 'Unit Cost', 'Ext. Cost'];
ws.getRow(headerRow).values = header;
ws.getRow(headerRow).font = bold;
ws.getRow(headerRow).eachCell((c) => {
  c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8E2D8' } };
  c.border = { bottom: { style: 'thin' } };
  c.alignment = { horizontal: 'center' };
});

let r = headerRow + 1;
let units = 0;
let total = 0;
for (const [item, desc, metal, size, qty, unit] of spec.rows) {
  const ext = Math.round(qty * unit * 100) / 100;
  ws.getRow(r).values = [item, desc, metal, size === '' ? null : size, qty, unit, ext];
  ws.getCell(`F${r}`).numFmt = '"$"#,##0.00';
  ws.getCell(`G${r}`).numFmt = '"$"#,##0.00';
  units += qty;
  total += ext;
  r += 1;
}
r += 1;
ws.getCell(`D${r}`).value = 'Total Units';
ws.getCell(`E${r}`).value = units;
ws.getCell(`F${r}`).value = 'Total';
ws.getCell(`G${r}`).value = Math.round(total * 100) / 100;
ws.getCell(`G${r}`).numFmt = '"$"#,##0.00';
ws.getRow(r).font = bold;
ws.getCell(`A${r + 2}`).value = 'Please confirm availability and ship dates within 5 business days. Substitutions require buyer approval.';

await wb.xlsx.writeFile(spec.out);
