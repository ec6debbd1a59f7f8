// A small W3C WebDriver client for the cross-engine suite: Firefox ESR through geckodriver and
// WebKitGTK through WebKitWebDriver speak the same protocol. Elements are found by role and
// accessible name or by label with Testing Library's queries, injected into the page, and
// every lookup waits for what a user would see, as Playwright's locators do.
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const TESTING_LIBRARY = fs.readFileSync(require.resolve('@testing-library/dom/dist/@testing-library/dom.umd.min.js'), 'utf8');
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
const KEYS = { Enter: '\uE007', Escape: '\uE00C', Tab: '\uE004', ArrowDown: '\uE015', ArrowUp: '\uE013', Backspace: '\uE003' };

export const WAIT_MS = 10_000;

async function call(base, method, path, body) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = new Error(`${method} ${path}: ${json.value?.error || response.status} ${json.value?.message || ''}`);
    error.webdriver = json.value?.error;
    throw error;
  }
  return json.value;
}

/** Waits until `check()` returns something other than undefined/false, or fails saying `what`. */
export async function until(what, check, timeout = WAIT_MS) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false && value !== null) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${last.message}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export class Session {
  static async start(driverUrl, capabilities) {
    const value = await call(driverUrl, 'POST', '/session', { capabilities: { alwaysMatch: capabilities } });
    return new Session(driverUrl, value.sessionId);
  }

  constructor(driverUrl, id) {
    this.base = `${driverUrl}/session/${id}`;
  }

  cmd(method, path, body) {
    return call(this.base, method, path, body);
  }

  async end() {
    await this.cmd('DELETE', '').catch(() => {});
  }

  async goto(url) {
    await this.cmd('POST', '/url', { url });
  }

  /** Runs `fn(...args)` in the page; elements come back as element references. */
  async run(fn, ...args) {
    return this.cmd('POST', '/execute/sync', { script: `return (${fn}).apply(null, arguments)`, args });
  }

  /** Runs async `fn(...args)` in the page and waits for its promise. */
  async runAsync(fn, ...args) {
    const script = `const done = arguments[arguments.length - 1];
      Promise.resolve((${fn}).apply(null, Array.prototype.slice.call(arguments, 0, -1)))
        .then((v) => done({ ok: v }), (e) => done({ error: String(e) }));`;
    const result = await this.cmd('POST', '/execute/async', { script, args });
    if (result?.error) throw new Error(result.error);
    return result?.ok;
  }

  /** Testing Library in the page (again after a reload). */
  async library() {
    const has = await this.run(() => typeof window.TestingLibraryDom !== 'undefined');
    // Firefox runs a script with a global of its own: the library is handed the page's
    // window as its global, so it lands where later scripts find it.
    const script = `(function (globalThis, self) { ${TESTING_LIBRARY} }).call(window, window, window); return true;`;
    if (!has) await this.cmd('POST', '/execute/sync', { script, args: [] });
  }

  /**
   * The one element found by a Testing Library query, waited for: `by` is `role` (with
   * `{ name }`), `label` or `text`; `within` is a CSS selector to look inside (the open dialog).
   */
  async find(by, value, options = {}, within) {
    return until(`${by} ${value} ${options.name ?? ''}`, async () => {
      await this.library();
      return this.run(
        (by, value, options, within) => {
          const root = within ? document.querySelector(within) : document.body;
          if (!root) return null;
          const lib = window.TestingLibraryDom;
          const query = { role: lib.queryAllByRole, label: lib.queryAllByLabelText, text: lib.queryAllByText }[by];
          let found;
          if (by === 'role' && options.name && options.name.startsWith('/')) {
            // A name written `/…/` is a pattern. Firefox runs this script in a realm of its
            // own, where the library takes neither a RegExp nor a function from it: each
            // candidate's visible name is tested here, then confirmed by the library.
            const pattern = new RegExp(options.name.slice(1, -1));
            const visible = (e) =>
              (e.getAttribute('aria-label') || (e.labels && e.labels[0] && e.labels[0].textContent) || e.textContent || '')
                .replace(/\s+/g, ' ')
                .trim();
            const names = [...new Set(query(root, value, { ...options, name: undefined }).map(visible))].filter((n) => pattern.test(n));
            found = names.flatMap((name) => query(root, value, { ...options, name }));
          } else {
            found = query(root, value, options);
          }
          // A text may stand in more than one place; a control must be one.
          return found.length === 1 || (by === 'text' && found.length > 1) ? found[0] : null;
        },
        by,
        value,
        options,
        within,
      );
    });
  }

  role(role, name, within) {
    return this.find('role', role, name === undefined ? {} : { name }, within);
  }

  label(text, within) {
    return this.find('label', text, {}, within);
  }

  text(text, within) {
    return this.find('text', text, { exact: false }, within);
  }

  /** Waits until nothing matches. */
  async gone(by, value, options = {}) {
    await until(`no ${by} ${value} ${options.name ?? ''}`, async () => {
      await this.library();
      return this.run(
        (by, value, options) => {
          const lib = window.TestingLibraryDom;
          const query = { role: lib.queryAllByRole, text: lib.queryAllByText }[by];
          return query(document.body, value, options).length === 0;
        },
        by,
        value,
        options,
      );
    });
  }

  async click(element) {
    await this.cmd('POST', `/element/${element[ELEMENT]}/click`, {});
  }

  /** Replaces the field's text with `text`, typed as a user types. */
  async fill(element, text) {
    await this.cmd('POST', `/element/${element[ELEMENT]}/clear`, {});
    await this.cmd('POST', `/element/${element[ELEMENT]}/value`, { text });
  }

  /** Presses keys (names of `KEYS` or characters) on whatever has focus. */
  async press(...keys) {
    const actions = keys.flatMap((k) => {
      const value = KEYS[k] ?? k;
      return [...value].flatMap((c) => [
        { type: 'keyDown', value: c },
        { type: 'keyUp', value: c },
      ]);
    });
    await this.cmd('POST', '/actions', { actions: [{ type: 'key', id: 'keyboard', actions }] });
    await this.cmd('DELETE', '/actions');
  }

  /** Waits until `element` has focus. */
  async focused(element, what) {
    await until(`focus on ${what}`, () => this.run((e) => document.activeElement === e, element));
  }

  async value(element) {
    return this.run((e) => e.value, element);
  }

  async url() {
    return this.run(() => location.pathname + location.search);
  }

  async screenshot(path) {
    const png = await this.cmd('GET', '/screenshot');
    fs.writeFileSync(path, Buffer.from(png, 'base64'));
  }
}
