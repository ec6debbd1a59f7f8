// dev-api for the measuring scripts (`make perf`, `make bench`): a server of their own on
// the release build, and a signed-in account.
import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

/** Starts dev-api on `port` serving dist/; resolves with its base URL and `stop()` once it answers. */
export async function startDevApi(port) {
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(path.join(root, 'target/debug/dev-api'), ['--dist', path.join(root, 'dist'), '--port', String(port), '--quiet'], {
    stdio: 'ignore',
  });
  const stop = () => server.kill();
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${base}/__dev/outbox`)).ok) return { base, stop };
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  stop();
  throw new Error(`dev-api did not start on ${base}`);
}

/** A fresh account's session and CSRF cookies, as one Cookie header. */
export async function signIn(base) {
  const response = await fetch(`${base}/__dev/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ preset: 'default' }),
  });
  if (!response.ok) throw new Error(`sign-in failed: ${response.status}`);
  return response.headers.getSetCookie().map((cookie) => cookie.split(';')[0]).join('; ');
}
