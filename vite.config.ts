import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const API_TARGET = process.env.TRYGG_API_URL ?? 'http://127.0.0.1:3000';

/**
 * Requests for the API server. Our own source has a folder `src/web/api/`, which the dev server
 * serves as `/api/*.ts`: those must not be proxied, so the key is a pattern that leaves them out.
 */
const API_PATHS = String.raw`^/api/(?!.*\.tsx?(?:\?|$))`;

/** Mirrors the policy the server sends (src/server/app.ts). */
const PRODUCTION_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The locales whose React Aria strings we ship: the UI runs in sv-SE and en-GB (which falls back to en-US). */
const ARIA_LOCALES = new Set(['sv-SE', 'en-US']);

/**
 * React Aria bundles its built-in strings (calendar labels, "Clear", …) for about 35 locales. We only
 * ever render Swedish and English, so drop the other locales from each `intlStrings` index module.
 * Saves tens of kilobytes without depending on another package.
 */
function onlyOurAriaLocales(): Plugin {
  const indexFile =
    /[\\/]node_modules[\\/](?:@react-aria|@react-stately|react-aria|react-stately|react-aria-components)[\\/].*intlStrings\.m?js$/;
  return {
    name: 'trygg:only-our-aria-locales',
    enforce: 'pre',
    transform(code, id) {
      if (!indexFile.test(id.split('?')[0] ?? id)) return null;
      const kept = code
        .split('\n')
        .filter((line) => {
          const imported = /^import \S+ from ["'][^"']*[\\/]([a-z]{2}-[A-Z]{2})\.m?js["'];?$/.exec(
            line.trim(),
          );
          if (imported?.[1]) return ARIA_LOCALES.has(imported[1]);
          const entry = /^"([a-z]{2}-[A-Z]{2})": \S+?,?$/.exec(line.trim());
          if (entry?.[1]) return ARIA_LOCALES.has(entry[1]);
          return true;
        })
        // The last kept entry may now be followed by a dangling comma; object literals allow that.
        .join('\n');
      return { code: kept, map: null };
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('./src/web', import.meta.url)),
  publicDir: false,
  plugins: [react(), onlyOurAriaLocales()],
  build: {
    outDir: fileURLToPath(new URL('./dist/web', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: true,
    // Small assets stay files (hashed, cached) rather than data: URLs inlined into the bundle.
    assetsInlineLimit: 0,
    // The largest chunks are MapLibre (~1.1 MB, ~280 kB gzip) and its worker, loaded only with a map.
    chunkSizeWarningLimit: 1100,
    target: 'es2022',
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // React and the router change far less often than our code: a chunk of their own stays
            // cached across releases. React Aria is left to the default splitting so the parts only
            // lazy pages use (table, date picker) stay out of the first load.
            {
              name: 'react',
              test: /[\\/]node_modules[\\/](?:react|react-dom|scheduler|react-router)[\\/]/,
            },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    strictPort: true,
    host: '127.0.0.1',
    proxy: {
      [API_PATHS]: { target: API_TARGET },
      '/healthz': { target: API_TARGET },
      '/readyz': { target: API_TARGET },
    },
  },
  // `vite preview` serves the build under the same Content-Security-Policy as the server, so a
  // change that needs inline script shows up here as a console error before it reaches production.
  preview: {
    port: 4173,
    host: '127.0.0.1',
    headers: { 'content-security-policy': PRODUCTION_CSP },
    proxy: {
      '/api': { target: API_TARGET },
      '/healthz': { target: API_TARGET },
      '/readyz': { target: API_TARGET },
    },
  },
});
