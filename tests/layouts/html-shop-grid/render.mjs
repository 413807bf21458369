// Prints an HTML file to PDF with Debian's /usr/bin/chromium driven by
// playwright-core (npm, Apache-2.0). Reads {"html": path, "pdf": path, "pdfOptions": {...}}
// on stdin; pdfOptions go to page.pdf() as they are (format, landscape, scale, margin...).
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const spec = JSON.parse(readFileSync(0, 'utf8'));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const page = await browser.newPage();
  await page.goto(pathToFileURL(spec.html).href, { waitUntil: 'load' });
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: spec.pdf, printBackground: true, ...spec.pdfOptions });
} finally {
  await browser.close();
}
