import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './build/precompress.ts';

/** The engine the dev server forwards API calls to (`npm run dev` starts it on 8000). */
const ENGINE = 'http://127.0.0.1:8000';

export default defineConfig({
  plugins: [react(), precompress()],
  resolve: {
    alias: {
      '@ballast/contracts': fileURLToPath(new URL('../contracts/src/index.ts', import.meta.url)),
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    manifest: true,
    sourcemap: true,
    target: 'es2022',
  },
  server: {
    proxy: { '/v1': { target: ENGINE, changeOrigin: false }, '/docs': ENGINE },
  },
});
