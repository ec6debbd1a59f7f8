// `npm run build:vite`: the shell as Vite builds it, into dist/vite.
import { defineConfig } from 'vite';

export default defineConfig({
  define: { __BUNDLER__: JSON.stringify('Vite') },
  build: { outDir: 'dist/vite', emptyOutDir: true },
  logLevel: 'warn',
});
