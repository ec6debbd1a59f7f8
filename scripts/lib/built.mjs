// The build's glue and wasm in a dist directory, for the scripts that rewrite them.
import fs from 'node:fs';
import path from 'node:path';

/** `{ gluePath, wasmPath }` in `dist`; `tool` names the script in the error when either is not there once. */
export function builtFiles(dist, tool) {
  const pick = (pattern) => {
    const found = fs.readdirSync(dist).filter((name) => pattern.test(name));
    if (found.length !== 1) throw new Error(`${tool}: expected one ${pattern} in ${dist}, found ${found.length}`);
    return path.join(dist, found[0]);
  };
  return { gluePath: pick(/^account-console-[0-9a-f]+\.js$/), wasmPath: pick(/^account-console-[0-9a-f]+_bg\.wasm$/) };
}
