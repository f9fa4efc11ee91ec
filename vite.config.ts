import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The page is served from any static folder or from disk: relative asset paths, no
// network at run time.
export default defineConfig({
  base: './',
  plugins: [react()],
  build: { outDir: 'dist-app', target: 'es2022', sourcemap: true },
  worker: { format: 'es' },
  server: { port: 5173, strictPort: false },
});
