// A console shell as a team embedding Account Console writes one: load the module, mount
// the app twice (two panels of one page; the first owns the address bar, the second keeps
// its page to itself), drive the first from the shell's own menu, listen to what it tells
// the shell.
import init, { mount } from '/__dev/shell/app.js';

/** @type {Array<{name: string, detail: unknown, panel: string}>} */
const heard = [];
window.accountConsoleEvents = heard;

const events = ['session-expired', 'contact-changed', 'recovery-changed', 'login-email-changed', 'crashed'];

// The console's language is its own to know: this one speaks the browser's, and gives the app
// its words where that is Chinese (the build's `i18n/<tag>.json`, fetched beside the wasm).
const language = navigator.language.toLowerCase();
const traditional = /hant/.test(language) || (!/hans/.test(language) && /-(tw|hk|mo)\b/.test(language));
const locale = !language.startsWith('zh') ? 'en' : traditional ? 'zh-Hant' : 'zh-CN';
const words = locale === 'en' ? null : fetch(`/i18n/${locale}.json`).then((response) => response.json());

// The build's file names carry a hash: dev-api sends these two to the current ones.
await init({ module_or_path: '/__dev/shell/app_bg.wasm' });
const messages = words ? { [locale]: await words } : undefined;
/** Each panel's handle, to unmount it when the panel goes. */
window.accountConsoles = {};
for (const id of ['first-account', 'second-account']) {
  const panel = document.getElementById(id);
  for (const name of events) {
    panel.addEventListener(`account:${name}`, (event) => heard.push({ name, detail: event.detail, panel: id }));
  }
}

/** Mounts both panels (again) with `theme`: the switch in the console bar. */
function mountBoth(theme) {
  for (const id of ['first-account', 'second-account']) {
    window.accountConsoles[id]?.unmount();
    const routing = id === 'first-account';
    const config = { basePath: '/__dev/shell', appealUrl: '/__dev/shell/appeal', routing, theme, locale, messages };
    window.accountConsoles[id] = mount(document.getElementById(id), config);
  }
}
const theme = document.getElementById('theme');
theme.addEventListener('change', () => mountBoth(theme.value));
mountBoth(theme.value);

// The menu's links are real addresses (a new tab, a copied link work); a plain click shows
// the page in the mounted app instead of loading the document again.
const menu = document.querySelector('.console-menu');
menu.addEventListener('click', (event) => {
  const link = event.target.closest('a[href]');
  if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  window.accountConsoles['first-account'].navigate(link.pathname.slice('/__dev/shell'.length));
});
document.getElementById('first-account').addEventListener('account:page-changed', (event) => {
  for (const link of menu.querySelectorAll('a')) {
    if (link.dataset.page === event.detail.page) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
});
