// Starts what one engine's run needs: a dev-api of its own serving the release build, the
// engine's WebDriver server, and a browser session; `stop()` ends all three.
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { Session, until } from './webdriver.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');

const ENGINES = {
  // Debian's Firefox ESR through geckodriver (crates.io), headless.
  firefox: {
    port: 8401,
    driver: (port) => [path.join(os.homedir(), '.cargo/bin/geckodriver'), ['--port', String(port), '--log', 'error']],
    capabilities: {
      browserName: 'firefox',
      'moz:firefoxOptions': {
        binary: '/usr/bin/firefox-esr',
        args: ['-headless', '--width=1280', '--height=800'],
        prefs: { 'intl.accept_languages': 'en-US', 'devtools.jsonview.enabled': false, 'app.update.enabled': false, 'browser.shell.checkDefaultBrowser': false },
      },
    },
  },
  // Debian's WebKitGTK (Safari's engine) through WebKitWebDriver; MiniBrowser needs a display.
  webkit: {
    port: 8411,
    driver: (port) => ['xvfb-run', ['-a', '-s', '-screen 0 1280x900x24', 'WebKitWebDriver', `--port=${port}`]],
    capabilities: {
      'webkitgtk:browserOptions': {
        binary: '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
        args: ['--automation'],
      },
    },
  },
};

function start(command, args, env = {}) {
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env }, detached: true });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  child.output = () => stderr;
  return child;
}

async function stopProcess(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((resolve) => child.once('exit', resolve));
  try {
    // The whole group: xvfb-run's Xvfb and WebKitWebDriver's browser go with it.
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    child.kill();
  }
  await Promise.race([gone, new Promise((resolve) => setTimeout(resolve, 5000))]);
}

async function answers(url) {
  try {
    return (await fetch(url)).status < 500;
  } catch {
    return false;
  }
}

export async function startEngine(name) {
  const engine = ENGINES[name];
  if (!engine) throw new Error(`ENGINE must be one of ${Object.keys(ENGINES).join(', ')}`);
  const apiPort = engine.port + 1;
  const baseUrl = `http://127.0.0.1:${apiPort}`;
  const api = start(path.join(ROOT, 'target/debug/dev-api'), ['--dist', path.join(ROOT, 'dist'), '--port', String(apiPort), '--quiet', '--cooling-off', '0']);
  const [command, args] = engine.driver(engine.port);
  const driver = start(command, args);
  const driverUrl = `http://127.0.0.1:${engine.port}`;
  try {
    await until(`dev-api on ${apiPort}`, () => answers(`${baseUrl}/__dev/outbox`), 30_000);
    await until(`${name}'s WebDriver server: ${driver.output()}`, () => answers(`${driverUrl}/status`), 30_000);
    const session = await Session.start(driverUrl, engine.capabilities);
    // One window size for both engines (MiniBrowser opens at 1024 px).
    await session.cmd('POST', '/window/rect', { width: 1280, height: 900 }).catch(() => {});
    return {
      session,
      baseUrl,
      async stop() {
        await session.end();
        await stopProcess(driver);
        await stopProcess(api);
      },
    };
  } catch (error) {
    await stopProcess(driver);
    await stopProcess(api);
    throw error;
  }
}
