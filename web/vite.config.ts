import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The console is built into dist/web, which the server serves at / (ADR 0034). In development,
// `npm run dev -w web` proxies the API to a server started with `npm run demo` (port 3000).
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    // The initial load is budgeted (docs/benchmarks.md, console); charts and spreadsheets load on
    // demand in their own chunks, so a warning at 400 kB per chunk is the budget's early signal.
    chunkSizeWarningLimit: 400,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
