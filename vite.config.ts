import { defineConfig } from 'vite';

export default defineConfig({
  // The app data is served by the server from the pipeline's output folder; never bundle it.
  publicDir: 'public',
  build: {
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 1200,
  },
  worker: { format: 'es' },
});
