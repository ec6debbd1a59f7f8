// Part of `make build`, between wasm-bindgen and wasm-opt: what the glue never calls leaves
// the wasm before it is optimised, and the exports it does call get short names.
//
// leptos links server_fn's browser side, and with it wasm-streams' three JavaScript classes
// (`IntoUnderlyingSource`, `…Sink`, `…ByteSource`) and their exports: the app never makes a
// stream, but exports are roots, so their code and the futures they drive stay in the build.
// Their classes are cut from the glue; then every export the glue no longer names is removed,
// and wasm-opt drops what only they reached. Closure shims carry their full Rust type in their
// export names (up to 300 characters, in the wasm and in the glue): they become `x0`, `x1`, ….
//
// Every assumption is checked, and the build fails where one does not hold: each class and
// its finalizer are found once, and each renamed export is named in the glue.
import fs from 'node:fs';
import binaryen from 'binaryen';
import { builtFiles } from './lib/built.mjs';

const dist = process.argv[2] || 'dist';
const { gluePath, wasmPath } = builtFiles(dist, 'trim-wasm');
let glue = fs.readFileSync(gluePath, 'utf8');

/** Removes `pattern` from the glue, which must match exactly once. */
function cut(pattern, what) {
  const found = glue.match(new RegExp(pattern.source, 'gm')) || [];
  if (found.length !== 1) throw new Error(`trim-wasm: ${what} found ${found.length} times in the glue`);
  glue = glue.replace(pattern, '');
}
for (const name of ['IntoUnderlyingByteSource', 'IntoUnderlyingSink', 'IntoUnderlyingSource']) {
  // The class, to the line that gives it Symbol.dispose.
  cut(new RegExp(`^export class ${name} \\{[\\s\\S]*?^if \\(Symbol\\.dispose\\) ${name}\\.prototype\\[Symbol\\.dispose\\] = ${name}\\.prototype\\.free;\\n`, 'm'), `class ${name}`);
  cut(new RegExp(`^const ${name}Finalization = [^;]*;\\n`, 'm'), `${name}Finalization`);
}
if (/IntoUnderlying|intounderlying/.test(glue)) throw new Error('trim-wasm: the glue still names a stream class');

const module = binaryen.readBinary(fs.readFileSync(wasmPath));
// What rustc's and wasm-bindgen's output uses, and no more: with every feature on, binaryen
// would write a form of the import section that browsers do not read yet.
const F = binaryen.Features;
module.setFeatures(
  F.MutableGlobals | F.NontrappingFPToInt | F.BulkMemory | F.BulkMemoryOpt | F.SignExt | F.ReferenceTypes | F.Multivalue | F.CallIndirectOverlong,
);
const exports = [];
for (let i = 0; i < module.getNumExports(); i++) exports.push(binaryen.getExportInfo(module.getExportByIndex(i)));
const named = (name) => new RegExp(`\\bwasm\\.${name}\\b`).test(glue);
const removed = [];
let renamed = 0;
for (const { kind, name, value } of exports) {
  if (!named(name)) {
    module.removeExport(name);
    removed.push(name);
  } else if (kind === binaryen.ExternalFunction && name.length > 24) {
    const short = `x${renamed++}`;
    if (exports.some((e) => e.name === short)) throw new Error(`trim-wasm: an export is already called ${short}`);
    module.removeExport(name);
    module.addFunctionExport(value, short);
    glue = glue.replace(new RegExp(`\\bwasm\\.${name}\\b`, 'g'), `wasm.${short}`);
  }
}
if (!module.validate()) throw new Error('trim-wasm: the trimmed wasm does not validate');
fs.writeFileSync(wasmPath, module.emitBinary());
fs.writeFileSync(gluePath, glue);
console.log(`trim-wasm: 3 stream classes cut, ${removed.length} exports removed (${removed.join(', ')}), ${renamed} renamed`);
