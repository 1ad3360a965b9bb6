// Prints the gzip size of the JavaScript in dist/ and fails the build above the budget
// (issue #4: under 150 KB compressed).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const budget = 150 * 1024;
const dir = new URL('../dist/assets/', import.meta.url).pathname;
let js = 0;
let css = 0;
for (const name of readdirSync(dir)) {
  const size = gzipSync(readFileSync(join(dir, name)), { level: 9 }).length;
  if (name.endsWith('.js')) js += size;
  if (name.endsWith('.css')) css += size;
}
console.log(`ui size (gzip): JavaScript ${(js / 1024).toFixed(1)} KB, CSS ${(css / 1024).toFixed(1)} KB; budget for JavaScript ${budget / 1024} KB`);
if (js > budget) {
  console.error('ui: the JavaScript is over budget');
  process.exit(1);
}
