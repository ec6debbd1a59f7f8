// A console shell that installs Account Console from npm, as a team embedding it writes one:
// the bundler (Vite or webpack, `__BUNDLER__`) copies and fingerprints the app's wasm, found
// through `import.meta.url`, and its stylesheet comes in with an import.
import init, { mount } from 'account-console';
import 'account-console/style.css';
import './shell.css';

const BASE = '/account';
const host = document.getElementById('account');
const events = document.getElementById('events');
const unmount = document.getElementById('unmount');
document.getElementById('bundler').textContent = `built by ${__BUNDLER__}`;

// What the app tells the shell, listed as it happens.
for (const name of ['page-changed', 'contact-changed', 'recovery-changed', 'login-email-changed', 'session-expired', 'crashed']) {
  host.addEventListener(`account:${name}`, (event) => {
    const item = document.createElement('li');
    item.textContent = event.detail?.title ? `${name}: ${event.detail.title}` : name;
    events.append(item);
  });
}

// The console's own language (here `?lang=`); where it is Chinese, the app's words for it come
// from the package as a chunk of their own, fetched only then.
const WORDS = {
  'zh-CN': () => import(/* webpackChunkName: "zh-CN" */ 'account-console/i18n/zh-CN.json'),
  'zh-Hant': () => import(/* webpackChunkName: "zh-Hant" */ 'account-console/i18n/zh-Hant.json'),
};
const asked = new URLSearchParams(location.search).get('lang');
const locale = Object.hasOwn(WORDS, asked ?? '') ? asked : 'en';
const words = WORDS[locale] ? WORDS[locale]().then((module) => ({ [locale]: module.default })) : Promise.resolve(undefined);

Promise.all([init(), words]).then(([, messages]) => {
  let handle = mount(host, { basePath: BASE, apiBase: '/api/v1', locale, messages });

  // The menu's links are real addresses; a plain click shows the page without a reload.
  document.querySelector('.console-menu').addEventListener('click', (event) => {
    const link = event.target.closest('a[href]');
    if (!link || !handle || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    handle.navigate(link.pathname.slice(BASE.length));
  });
  unmount.addEventListener('click', () => {
    handle.unmount();
    handle = null;
    unmount.disabled = true;
  });
});
