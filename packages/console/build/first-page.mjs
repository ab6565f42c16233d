// What a browser downloads to show the console's first page: the entry chunk, every chunk it imports
// statically, and its CSS, as the engine serves them (gzip). Lazy chunks (the position page and its
// chart) are counted apart. Shared by the bundle-budget test and `npm run bench`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** @param {string} dist the console's build folder */
export function firstPageSize(dist) {
  const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));
  const entry = Object.keys(manifest).find((key) => manifest[key].isEntry);
  if (!entry) throw new Error(`no entry chunk in ${dist}/.vite/manifest.json`);
  const seen = new Set();
  const visit = (key) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const next of manifest[key].imports ?? []) visit(next);
  };
  visit(entry);
  const gzipped = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
  const first = [...seen].map((key) => manifest[key].file);
  const lazy = Object.values(manifest)
    .filter((chunk) => chunk.isDynamicEntry)
    .map((chunk) => chunk.file);
  const css = [...seen].flatMap((key) => manifest[key].css ?? []);
  const sum = (files) => files.reduce((total, file) => total + gzipped(file), 0);
  return { jsGzipBytes: sum(first), cssGzipBytes: sum(css), lazyJsGzipBytes: sum(lazy), files: first };
}
