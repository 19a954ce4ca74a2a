import { defineConfig, loadEnv } from 'vite';
import react from '@vitejs/plugin-react';
import { visualizer } from 'rollup-plugin-visualizer';

// https://vitejs.dev/config/
export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, process.cwd(), '');
  const apiTarget = env.API_URL ?? 'http://localhost:8000';

  return {
    plugins: [react(), visualizer({ gzipSize: true, template: 'treemap' })],
    server: {
      host: '0.0.0.0',
      port: Number(env.VITE_PORT) || 5173,
      strictPort: true,
      hmr: { clientPort: 443, protocol: 'wss' },
      proxy: {
        '/api': { target: apiTarget, changeOrigin: true, rewrite: (p: string) => p.replace(/^\/api/, '') },
        '/socket.io': { target: 'ws://localhost:3001', ws: true },
      },
      watch: { interval: 100 },
    },
    preview: { port: 4173 },
    build: {
      target: 'es2020',
      sourcemap: true,
      chunkSizeWarningLimit: 1500,
      rollupOptions: { output: { manualChunks: { vendor: ['react', 'react-dom'] } } },
    },
    css: { devSourcemap: true },
    define: { __APP_VERSION__: JSON.stringify('2.14.0') },
  };
});
