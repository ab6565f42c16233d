// The console's first page as the engine serves it: gzipped JavaScript and CSS (the build is fresh:
// `npm run bench` builds first).
import { fileURLToPath } from 'node:url';
import { firstPageSize } from '../packages/console/build/first-page.mjs';

export async function benchConsoleBundle() {
  const size = firstPageSize(fileURLToPath(new URL('../packages/console/dist/', import.meta.url)));
  const kb = (bytes) => Number((bytes / 1024).toFixed(1));
  return {
    console_first_page_js_gzip_kb: kb(size.jsGzipBytes),
    console_first_page_css_gzip_kb: kb(size.cssGzipBytes),
    console_lazy_js_gzip_kb: kb(size.lazyJsGzipBytes),
  };
}
