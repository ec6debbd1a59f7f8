// `make package`: the release build (dist/) as the npm package `account-console`, packed
// into target/package/account-console-<version>.tgz. The module finds its wasm beside it
// through `import.meta.url`, so a bundler (Vite, webpack) copies and fingerprints it; a shell
// that hosts the wasm elsewhere passes its address to `init`.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const root = path.resolve(import.meta.dirname, '..');
const dist = path.join(root, 'dist');
const out = path.join(root, 'target/package');
const stage = path.join(out, 'account-console');

const cargo = fs.readFileSync(path.join(root, 'Cargo.toml'), 'utf8');
const field = (name) => cargo.match(new RegExp(`^${name} = "([^"]*)"`, 'm'))?.[1];
const version = field('version');
if (!version) throw new Error('package: no version in Cargo.toml');

// The build's hashed module and wasm: exactly one of each.
const built = fs.readdirSync(dist);
const only = (pattern) => {
  const found = built.filter((name) => pattern.test(name));
  if (found.length !== 1) throw new Error(`package: expected one ${pattern} in dist/, found ${found.length}; run make build`);
  return path.join(dist, found[0]);
};
const glue = fs.readFileSync(only(/^account-console-[0-9a-f]+\.js$/), 'utf8');
const wasm = only(/^account-console-[0-9a-f]+_bg\.wasm$/);

// wasm-bindgen's default address, `new URL("account-console_bg.wasm", import.meta.url)`, made
// explicitly relative: the form bundlers recognise as a file to copy.
const defaultUrl = /new URL\((["'])account-console_bg\.wasm\1,\s*import\.meta\.url\)/g;
if ((glue.match(defaultUrl) || []).length !== 1) throw new Error('package: the module does not name its wasm once');
const module = glue.replace(defaultUrl, 'new URL("./account-console_bg.wasm",import.meta.url)');

fs.rmSync(stage, { recursive: true, force: true });
fs.mkdirSync(stage, { recursive: true });
const write = (name, content) => fs.writeFileSync(path.join(stage, name), content);
write('account-console.js', module);
fs.copyFileSync(wasm, path.join(stage, 'account-console_bg.wasm'));
fs.copyFileSync(path.join(root, 'style/main.css'), path.join(stage, 'style.css'));
fs.copyFileSync(path.join(root, 'public/account-console.d.ts'), path.join(stage, 'account-console.d.ts'));
// The words of each language but English, which `mount` is given in that language.
const catalogues = fs.readdirSync(path.join(dist, 'i18n')).filter((name) => name.endsWith('.json'));
fs.mkdirSync(path.join(stage, 'i18n'));
for (const name of catalogues) fs.copyFileSync(path.join(dist, 'i18n', name), path.join(stage, 'i18n', name));

const files = ['account-console.js', 'account-console_bg.wasm', 'style.css'];
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const brotli = (file) =>
  zlib.brotliCompressSync(fs.readFileSync(file), { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const sizes = files.map((name) => ({
  name,
  raw: fs.statSync(path.join(stage, name)).size,
  brotli: brotli(path.join(stage, name)),
}));
const total = sizes.reduce((sum, s) => sum + s.brotli, 0);

write(
  'package.json',
  `${JSON.stringify(
    {
      name: 'account-console',
      version,
      description: field('description'),
      license: field('license'),
      type: 'module',
      main: './account-console.js',
      types: './account-console.d.ts',
      exports: {
        '.': { types: './account-console.d.ts', default: './account-console.js' },
        './style.css': './style.css',
        './account-console_bg.wasm': './account-console_bg.wasm',
        './i18n/*.json': './i18n/*.json',
        './package.json': './package.json',
      },
      files: [...files, 'account-console.d.ts', 'i18n'],
      sideEffects: ['*.css'],
      keywords: ['account', 'phone', 'email', 'verification', 'webassembly', 'leptos'],
    },
    null,
    2,
  )}\n`,
);

write(
  'README.md',
  `# account-console

See and change the phone numbers and email addresses of a cloud console account (contact,
recovery and login) with verification codes: Account Console's release build as an ES module,
its WebAssembly and its stylesheet.

\`\`\`sh
npm install account-console
\`\`\`

\`\`\`js
import init, { mount } from 'account-console';
import 'account-console/style.css';

await init(); // finds account-console_bg.wasm beside the module: Vite and webpack copy it
const handle = mount(document.getElementById('account'), { basePath: '/console/account', apiBase: '/api/v1' });
// … handle.navigate('/security'), handle.unmount()
\`\`\`

In a language other than English, \`mount\` is given that language's words, which are not in
the wasm: \`account-console/i18n/zh-CN.json\` or \`zh-Hant.json\`, imported when that language
is shown (${catalogues.map((name) => `${name} ${kb(brotli(path.join(stage, 'i18n', name)))}`).join(', ')} brotli):

\`\`\`js
const words = (await import('account-console/i18n/zh-CN.json')).default;
mount(host, { basePath: '/console/account', locale: 'zh-CN', messages: { 'zh-CN': words } });
\`\`\`

A shell that hosts the wasm itself passes its address: \`init({ module_or_path: url })\`
(\`account-console/account-console_bg.wasm\` is exported for bundlers that give a file's URL).
\`account-console.d.ts\` declares \`init\`, \`mount\`, its config (\`theme: 'light' | 'dark' |
'auto'\` among it) and every event the app dispatches on its host element.

The wasm is built by a pinned nightly that rebuilds the standard library for size and then
shrunk by wasm-opt; what a browser downloads, brotli at quality 11:

| file | bytes | brotli |
|---|---:|---:|
${sizes.map((s) => `| \`${s.name}\` | ${s.raw} | ${kb(s.brotli)} |`).join('\n')}
| **all** | | **${kb(total)}** |

Serve the wasm as \`application/wasm\` (streaming compilation) with brotli or gzip, and allow
\`'wasm-unsafe-eval'\` in the page's \`script-src\`: nothing else in a strict CSP needs loosening.
`,
);

execFileSync('npm', ['pack', '--pack-destination', out, '--silent'], { cwd: stage, stdio: ['ignore', 'ignore', 'inherit'] });
const tarball = path.join(out, `account-console-${version}.tgz`);
if (!fs.existsSync(tarball)) throw new Error(`package: npm pack wrote no ${tarball}`);
console.log(`package: ${path.relative(root, tarball)} (${kb(fs.statSync(tarball).size)}; ${kb(total)} brotli in a browser)`);
