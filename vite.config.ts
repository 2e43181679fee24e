import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { precompressPlugin } from './data/precompress.ts';

export default defineConfig({
  // The app data is served by the server from the pipeline's output folder; never bundle it.
  publicDir: 'public',
  plugins: [precompressPlugin()],
  build: {
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      // Two pages: the atlas, and the register's moderation page.
      input: {
        main: fileURLToPath(new URL('index.html', import.meta.url)),
        moderate: fileURLToPath(new URL('moderate.html', import.meta.url)),
      },
      output: {
        // MapLibre in its own chunk: it changes less often than the app, so it stays cached,
        // and its share of the download is measured apart (bench/app.bench.ts).
        codeSplitting: {
          groups: [{ name: 'maplibre', test: /node_modules[\\/]maplibre-gl/ }],
        },
      },
    },
  },
  worker: { format: 'es' },
});
