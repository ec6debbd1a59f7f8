// The standalone page plays the console shell: it mounts the app through the same
// `mount(element, config)` a shell uses, and remounts it when the language changes.
const STORAGE_KEY = 'account-console.locale';
const API_BASE = '/api/v1';

// The account is asked for while the wasm downloads; the first mount reads this answer
// instead of asking again. A failure here is the app's to report, not the page's.
let accountResponse = fetch(`${API_BASE}/account`, {
  credentials: 'include',
  headers: { Accept: 'application/json, application/problem+json' },
});
accountResponse.catch(() => {});

// The app's words in a language other than English are a file of their own
// (`i18n/<tag>.json`), which `mount` is given: asked for as soon as the page knows that it
// will show that language, while the wasm downloads.
const catalogues = {};
const catalogue = (tag) =>
  (catalogues[tag] ??= fetch(`/i18n/${tag}.json`)
    .then((response) => (response.ok ? response.json() : null))
    .catch(() => null));

// The language the app shows for a shell's choice (or none: the browser's), as `mount` reads
// the tags: the first it has a language for; Chinese in Traditional script, or of Taiwan,
// Hong Kong or Macao, is Traditional.
function appLocale(choice) {
  for (const tag of [choice, ...navigator.languages]) {
    const lower = (tag || '').toLowerCase();
    if (/^en\b/.test(lower)) return 'en';
    if (/^zh\b/.test(lower)) return /hans/.test(lower) || !/hant|-(tw|hk|mo)\b/.test(lower) ? 'zh-CN' : 'zh-Hant';
  }
  return 'en';
}
const first = appLocale(savedLocale());
if (first !== 'en') catalogue(first);

const SHELL_TEXT = {
  en: { brand: 'Account Console', language: 'Language' },
  'zh-CN': { brand: '账号中心', language: '语言' },
  'zh-Hant': { brand: '帳號中心', language: '語言' },
};

function savedLocale() {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

// The page's own words in `locale`, and its language: the app's, once it has chosen one.
function speak(locale) {
  if (!SHELL_TEXT[locale]) return;
  document.documentElement.lang = locale;
  for (const el of document.querySelectorAll('[data-shell-text]')) {
    el.textContent = SHELL_TEXT[locale][el.dataset.shellText];
  }
}

const select = document.getElementById('shell-locale');
select.value = savedLocale() || 'en';
/** Mounts the app in a language (or the browser's, with none); set once the module has loaded. */
let mountIn = null;
/** The language chosen on this page, if one was. */
let chosen = null;
// Listened to from the first, so that a language chosen while the module is still on its way
// is the one the app starts in.
select.addEventListener('change', () => {
  try {
    localStorage.setItem(STORAGE_KEY, select.value);
  } catch {
    // Private modes may refuse storage; the choice then lasts for this page only.
  }
  chosen = select.value;
  if (chosen !== 'en') catalogue(chosen);
  if (mountIn) mountIn(chosen);
});

function start(bindings) {
  const host = document.getElementById('account-console');
  let handle = null;

  // Without a saved choice the app follows the browser, as a shell without one would. A
  // language chosen while its catalogue is on its way is mounted once that has come (the last
  // choice wins).
  let latest = 0;
  mountIn = async (locale) => {
    const turn = ++latest;
    const tag = appLocale(locale);
    const given = tag === 'en' ? null : await catalogue(tag);
    if (turn !== latest) return;
    if (handle) handle.unmount();
    const config = { basePath: '/developer', apiBase: API_BASE };
    if (given) config.messages = { [tag]: given };
    if (accountResponse) config.accountResponse = accountResponse;
    // A later mount (another language) reads the account afresh.
    accountResponse = null;
    if (locale) {
      config.locale = locale;
      speak(locale);
    }
    handle = bindings.mount(host, config);
  };

  // The page speaks the app's language (the one it chose from the browser's, without a saved
  // choice), and the document is titled after the page it shows: "Security Settings ·
  // Account Console".
  host.addEventListener('account:page-changed', (event) => {
    const locale = host.querySelector('.ac-root')?.lang;
    if (locale && SHELL_TEXT[locale]) {
      speak(locale);
      select.value = locale;
    }
    const brand = SHELL_TEXT[document.documentElement.lang]?.brand || SHELL_TEXT.en.brand;
    document.title = `${event.detail.title} · ${brand}`;
  });

  mountIn(chosen || savedLocale());
}

// Started in a task of its own, after the one that finished loading the module: two short
// tasks rather than one long one that input would wait behind.
if (window.wasmBindings) {
  setTimeout(() => start(window.wasmBindings));
} else {
  addEventListener('TrunkApplicationStarted', () => setTimeout(() => start(window.wasmBindings)), { once: true });
}
