// The app's languages, as the tests drive them: the tag a shell passes, a browser locale
// that selects it, and the prefix of its screenshots. A Rust test holds this list to
// `Locale::ALL`; a table of words per language is read through `perLocale`, which fails
// the test naming a language the table lacks.
export const LOCALES = [
  { tag: 'en', browser: 'en-US', prefix: 'en' },
  { tag: 'zh-CN', browser: 'zh-CN', prefix: 'zh' },
  { tag: 'zh-Hant', browser: 'zh-TW', prefix: 'zh-hant' },
];

/** `[locale, table[locale.tag]]` for every language; throws for a language `table` lacks. */
export function perLocale(table) {
  return LOCALES.map((locale) => {
    if (!(locale.tag in table)) throw new Error(`no ${locale.tag} in ${JSON.stringify(Object.keys(table))}`);
    return [locale, table[locale.tag]];
  });
}
