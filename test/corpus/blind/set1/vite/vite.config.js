import { defineConfig, loadEnv } from 'vite'
import react from '@vitejs/plugin-react'

export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, process.cwd(), '')
  return {
    plugins: [react()],
    server: {
      host: true,
      port: 5173,
      strictPort: true,
      hmr: { clientPort: 443, timeout: 30000 },
      proxy: {
        '/api': { target: env.API_URL || 'http://localhost:3000', changeOrigin: true },
        '/socket.io': { target: 'ws://localhost:3001', ws: true },
      },
    },
    preview: { port: 4173 },
    build: {
      target: 'es2020',
      sourcemap: true,
      chunkSizeWarningLimit: 1600,
      rollupOptions: { output: { manualChunks: { vendor: ['react', 'react-dom'] } } },
    },
    test: { testTimeout: 10000, pool: 'threads', poolOptions: { threads: { maxThreads: 4 } } },
  }
})
