import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// port: 5173 is taken by the docs site during `npm run dev:all`, so the shop uses the next one.
export default defineConfig({
  plugins: [react()],
  server: {
    port: 5174,
    strictPort: true,
    // host: '0.0.0.0',
    // hmr: { clientPort: 443 },
    proxy: {
      '/api': 'http://localhost:8080',
      '/admin': { target: 'http://localhost:8081', changeOrigin: true },
    },
  },
  preview: { port: 4173 },
  build: {
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 1000,
  },
});
