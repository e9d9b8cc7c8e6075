import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'
import { compiledValidators } from './compiled-validators.ts'

// Served by the API at /admin/; in development the dev server proxies the API.
export default defineConfig({
  base: '/admin/',
  plugins: [react(), compiledValidators()],
  // AJV itself stays out of the UI: its validators are compiled at build time (compiled-validators.ts).
  resolve: {
    alias: [
      {
        find: /^ajv(-formats)?$/,
        replacement: fileURLToPath(new URL('src/forms/no-ajv-in-the-browser.ts', import.meta.url)),
      },
    ],
  },
  server: { proxy: { '/v1': 'http://127.0.0.1:3000' } },
  build: {
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: {
        manualChunks: (id) => {
          if (id.startsWith('\0virtual:compiled-validators')) return 'validators' // fetched with the first form checked
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
