// Part of `make build`, after the glue is minified: gives each function the wasm imports from
// its glue a short name (`__wbg_getComputedStyle_1045cd2f22de1af0` becomes `b7`), in the wasm's
// import section and in the glue alike, and the glue's import module a one-letter one. The
// hex suffixes wasm-bindgen adds are random to a compressor: about 220 of them, twice (in
// the wasm and in the glue). Then writes the subresource-integrity hashes of the glue and the
// wasm into index.html again.
//
// Custom sections, which only tools read, are left out.
//
// Every assumption is checked, and the build fails where one does not hold: each import name
// appears in the glue exactly once, as the key of its function.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { builtFiles } from './lib/built.mjs';

const dist = process.argv[2] || 'dist';
const { gluePath, wasmPath } = builtFiles(dist, 'short-imports');
const MODULE = './account-console_bg.js';
const SHORT_MODULE = 'a';

// LEB128, unsigned.
function readU32(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at++];
    value |= (byte & 0x7f) << shift;
    if (!(byte & 0x80)) return [value >>> 0, at];
    shift += 7;
  }
}
function u32(value) {
  const out = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value) byte |= 0x80;
    out.push(byte);
  } while (value);
  return Buffer.from(out);
}
const name = (text) => {
  const bytes = Buffer.from(text, 'utf8');
  return Buffer.concat([u32(bytes.length), bytes]);
};

/** The import section rewritten by `rename(module, field) -> [module, field]`. */
function renameImports(payload, rename) {
  let at = 0;
  let count;
  [count, at] = readU32(payload, at);
  const parts = [u32(count)];
  const readName = () => {
    let length;
    [length, at] = readU32(payload, at);
    const text = payload.subarray(at, at + length).toString('utf8');
    at += length;
    return text;
  };
  for (let i = 0; i < count; i++) {
    const module = readName();
    const field = readName();
    const start = at;
    const kind = payload[at++];
    const limits = () => {
      const flags = payload[at++];
      [, at] = readU32(payload, at);
      if (flags & 1) [, at] = readU32(payload, at);
    };
    if (kind === 0) [, at] = readU32(payload, at); // function: its type
    else if (kind === 1) { at++; limits(); } // table: element type, limits
    else if (kind === 2) limits(); // memory
    else if (kind === 3) at += 2; // global: value type, mutability
    else if (kind === 4) { at++; [, at] = readU32(payload, at); } // tag
    else throw new Error(`short-imports: import kind ${kind} of ${module}.${field} unknown`);
    const [newModule, newField] = rename(module, field);
    parts.push(name(newModule), name(newField), payload.subarray(start, at));
  }
  if (at !== payload.length) throw new Error('short-imports: the import section has bytes after its entries');
  return Buffer.concat(parts);
}

// Short names: a letter, then letters and digits; never one the glue's object already uses.
const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const shortName = (n) => {
  let text = ALPHABET[n % 52];
  for (n = Math.floor(n / 52); n > 0; n = Math.floor(n / 62)) text += ALPHABET[n % 62];
  return text;
};

let glue = fs.readFileSync(gluePath, 'utf8');
const wasm = fs.readFileSync(wasmPath);
const renamed = new Map();
const out = [wasm.subarray(0, 8)];
let at = 8;
while (at < wasm.length) {
  const id = wasm[at];
  let size;
  const [length, body] = readU32(wasm, at + 1);
  size = length;
  const payload = wasm.subarray(body, body + size);
  if (id === 2) {
    const section = renameImports(payload, (module, field) => {
      if (module !== MODULE) return [module, field];
      if (!renamed.has(field)) renamed.set(field, shortName(renamed.size));
      return [SHORT_MODULE, renamed.get(field)];
    });
    out.push(Buffer.from([2]), u32(section.length), section);
  } else if (id === 0) {
    // Custom sections (`producers`, `target_features`, wasm-split's marker): for tools, not
    // for browsers, which skip them.
  } else {
    out.push(wasm.subarray(at, body + size));
  }
  at = body + size;
}
if (renamed.size === 0) throw new Error(`short-imports: no imports from ${MODULE}`);

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
for (const [long, short] of renamed) {
  const key = new RegExp(`(?<![\\w$])${escape(long)}(?![\\w$])`, 'g');
  const found = glue.match(key) || [];
  const asKey = new RegExp(`(?<![\\w$.])${escape(long)}:`);
  if (found.length !== 1 || !asKey.test(glue)) {
    throw new Error(`short-imports: ${long} appears ${found.length} times in the glue, not once as a key`);
  }
  glue = glue.replace(asKey, `${short}:`);
}
const moduleKey = `"${MODULE}":`;
if (glue.split(moduleKey).length !== 2) throw new Error(`short-imports: the glue does not name ${MODULE} once`);
glue = glue.replace(moduleKey, `${SHORT_MODULE}:`);

fs.writeFileSync(gluePath, glue);
fs.writeFileSync(wasmPath, Buffer.concat(out));

// The integrity attributes of both files in index.html.
const indexPath = path.join(dist, 'index.html');
let index = fs.readFileSync(indexPath, 'utf8');
for (const file of [gluePath, wasmPath]) {
  const integrity = `sha384-${crypto.createHash('sha384').update(fs.readFileSync(file)).digest('base64')}`;
  const attribute = new RegExp(`(href=/${escape(path.basename(file))} integrity=)[^ >]+`);
  if (!attribute.test(index)) throw new Error(`short-imports: index.html has no integrity for ${path.basename(file)}`);
  index = index.replace(attribute, `$1${integrity}`);
}
fs.writeFileSync(indexPath, index);
console.log(`short-imports: ${renamed.size} imports renamed`);
