import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'

// Served by the API at /admin/; in development the dev server proxies the API.
export default defineConfig({
  base: '/admin/',
  plugins: [react()],
  server: { proxy: { '/v1': 'http://127.0.0.1:3000' } },
  build: {
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: {
        manualChunks: (id) => {
          if (id.includes('node_modules/@mui')) return 'mui'
          if (id.includes('node_modules/react-admin') || id.includes('node_modules/ra-')) return 'react-admin'
          // The graph and chart libraries (and what only they use) stay with the lazy pages that import them.
          if (
            /node_modules\/(\.pnpm\/)?(cytoscape|recharts|victory-vendor|d3-|@reduxjs|redux|react-redux|immer|reselect|decimal\.js-light|es-toolkit|eventemitter3|tiny-invariant)/.test(
              id,
            )
          )
            return undefined
          if (id.includes('node_modules')) return 'vendor'
        },
      },
    },
  },
})
