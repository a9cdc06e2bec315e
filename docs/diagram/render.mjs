// Renders each BPMN given on the command line to docs/images/<name>.svg and <name>.png with the
// bpmn-js viewer in Debian's headless Chromium (never a downloaded browser).
import { chromium } from 'playwright-core';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(here, '../images');
const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node render.mjs <file.bpmn>...');
  process.exit(2);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
         '--disable-component-update', '--no-first-run'],
});
try {
  for (const file of files) {
    const name = basename(file).replace(/\.bpmn$/, '');
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, deviceScaleFactor: 1 });
    await page.goto(pathToFileURL(resolve(here, 'render.html')).href);
    const result = await page.evaluate(xml => window.renderBpmn(xml), readFileSync(file, 'utf8'));
    if (result.warnings.length) {
      throw new Error(`${file}: bpmn-js import warnings:\n  ${result.warnings.join('\n  ')}`);
    }
    writeFileSync(resolve(out, `${name}.svg`), result.svg);
    // Show the exported SVG alone at its natural size, so the PNG is the same picture as the SVG.
    const margin = 20;
    await page.setViewportSize({ width: result.width + 2 * margin, height: result.height + 2 * margin });
    await page.evaluate(svg => {
      document.body.innerHTML = `<div id="picture" style="display:inline-block;padding:20px;background:#fff">${svg}</div>`;
    }, result.svg);
    await page.evaluate(() => document.fonts.ready);
    await page.locator('#picture').screenshot({ path: resolve(out, `${name}.png`) });
    console.log(`${file} -> docs/images/${name}.svg, ${name}.png (${result.width}x${result.height})`);
    await page.close();
  }
} finally {
  await browser.close();
}
