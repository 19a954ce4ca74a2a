import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    strictPort: true,
    hmr: { clientPort: 443 },
    proxy: {
      '/api': { target: 'http://localhost:8000', changeOrigin: true },
      '/socket.io': { target: 'ws://localhost:8001', ws: true },
    },
  },
  preview: { port: 4173 },
  build: { target: 'es2022', chunkSizeWarningLimit: 1500, sourcemap: true },
});
