import { defineConfig } from 'vite';

/** `pnpm --filter @reco/web dev` proxies the API (RECO_API, default http://127.0.0.1:8080). */
const api = process.env.RECO_API ?? 'http://127.0.0.1:8080';

export default defineConfig({
  resolve: { conditions: ['@reco/source'] },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  server: { proxy: { '/v1': api, '/health': api } },
  build: { target: 'es2022', outDir: 'dist', emptyOutDir: true },
});
