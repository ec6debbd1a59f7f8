// The notice page's own build (target/notice-dist, from notice.html) moved into dist/: its
// module and wasm beside the console's, its page as dist/notice.html, with the
// subresource-integrity hashes of both files written again (wasm-opt and terser changed them).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const from = path.join(root, process.argv[2] || 'target/notice-dist');
const dist = path.join(root, process.argv[3] || 'dist');

let page = fs.readFileSync(path.join(from, 'index.html'), 'utf8');
const files = fs.readdirSync(from).filter((name) => /^notice-page-[0-9a-f]+(_bg\.wasm|\.js)$/.test(name));
if (files.length !== 2) throw new Error(`notice-page: expected its module and its wasm in ${from}, found ${files.join(', ')}`);
for (const name of files) {
  const bytes = fs.readFileSync(path.join(from, name));
  fs.writeFileSync(path.join(dist, name), bytes);
  const integrity = `sha384-${crypto.createHash('sha384').update(bytes).digest('base64')}`;
  const attribute = new RegExp(`(href=/${name.replace(/[.]/g, '\\.')} integrity=)[^ >]+`);
  if (!attribute.test(page)) throw new Error(`notice-page: notice.html has no integrity for ${name}`);
  page = page.replace(attribute, `$1${integrity}`);
}
fs.writeFileSync(path.join(dist, 'notice.html'), page);
console.log(`notice-page: ${files.join(', ')} and notice.html in ${path.relative(root, dist)}/`);
