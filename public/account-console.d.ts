// Account Console: the module a console shell imports: `account-console` from npm
// (`make package`), or `dist/account-console-<hash>.js` of the standalone build.
// Kept by hand, in step with README's "Embedding in a console shell" and `src/lib.rs`;
// `make test-types` checks an example shell against it.
//
// Supported browsers: the last two major versions of Chrome, Edge, Firefox and Safari, and
// Firefox ESR (the suite runs in Chromium, Firefox ESR and WebKitGTK). Below that floor (no
// WebAssembly, or an API the app needs is missing) the host element shows a short message
// with a Reload link and dispatches `account:crashed`; it never stays on "Loading…".

/** What `init` loads the WebAssembly from. */
export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

/**
 * Loads and starts the WebAssembly module; call once, before `mount`. Without options it
 * loads `account-console_bg.wasm` from beside the module, which is where the npm package has
 * it (a bundler copies it under a name of its own); from `dist/`, pass the build's hashed
 * `account-console-<hash>_bg.wasm`.
 */
export default function init(options?: { module_or_path: InitInput | Promise<InitInput> }): Promise<unknown>;

/** Everything is optional; an invalid value makes `mount` throw an `Error` naming the field (an unknown `locale` only warns). */
export interface MountConfig {
  /** Where the pages live: a path on this origin, starting with `/` (not `//host`; default `/developer`). */
  basePath?: string;
  /**
   * `false` for a mount that keeps its page to itself, such as a second panel beside the
   * routing mount on the same base: it starts on Account Information and never reads or
   * writes the address bar (default `true`).
   */
  routing?: boolean;
  /** The backend: a path on this origin, starting with `/` (not `//host`; default `/api/v1`). */
  apiBase?: string;
  /**
   * Default: the browser's language. `zh-Hant` is Traditional Chinese (as are `zh-TW`, `zh-HK`
   * and `zh-MO`). A tag the app has no language for (`ja`) does not throw: the browser's
   * language is used, else English, with one console warning.
   */
  locale?: 'en' | 'zh-CN' | 'zh-Hant' | 'zh-TW' | 'zh-HK' | 'zh-MO';
  /**
   * The app's words in the language it shows, where that is not English: the build's
   * `i18n/<tag>.json` (from the package, `account-console/i18n/zh-CN.json`), by its tag. Once
   * given, a language's words stay for the page's life: later mounts in it need not pass
   * them. Without them (or with another build's), the app shows English, with one console
   * warning.
   */
  messages?: { 'zh-CN'?: AccountConsoleMessages; 'zh-Hant'?: AccountConsoleMessages };
  /** The "Sign in" target, an http(s) address or a path; `{return}` becomes the page to come back to. */
  loginUrl?: string;
  /** The double-submit CSRF cookie (its `__Host-` form is read too; default `csrf_token`). */
  csrfCookie?: string;
  /** The CSRF header (default `X-CSRF-Token`). */
  csrfHeader?: string;
  /**
   * The calling region a new phone number starts at, an ISO code such as `CN` (a number that
   * replaces another starts at that number's region); default: from the browser's language.
   */
  defaultRegion?: string;
  /** How long a request may go unanswered before "try again" (default 15000, above 0). */
  requestTimeoutMs?: number;
  /** Where "Can't receive the code?" sends a user no identity method works for (an http(s) address or a path); no link without. */
  appealUrl?: string;
  /**
   * The app's colours (default `auto`): `auto` takes the shell's `color-scheme` where the host
   * element inherits one (and follows it when it changes), else the system's
   * (`prefers-color-scheme`); `dark` paints the app's own background, so it reads right on a
   * light page too.
   */
  theme?: 'light' | 'dark' | 'auto';
  /** The shell's own pending `GET {apiBase}/account`, used by the first load instead of asking again. */
  accountResponse?: Promise<Response>;
}

/** The contents of a build's `i18n/<tag>.json`: the fingerprint of its keys, and its texts. */
export interface AccountConsoleMessages {
  keys: number;
  text: string[];
}

/** What `mount` returns. */
export interface MountHandle {
  /** Removes the app's DOM and stops its timers, listeners and requests on their way. */
  unmount(): void;
  /**
   * Shows the page at `path` under `basePath` without a reload, for the shell's own menu:
   * `''` or `/` (Account Information), `/user-details`, `/security`, with a dialog through
   * `?edit=` or `?verify=` (`/security?edit=login-email`). A new history entry, or in place of
   * the current one with `{ replace: true }`; the shell's query and hash are kept. Throws for
   * a path that is not one of the app's pages.
   */
  navigate(path: string, options?: { replace?: boolean }): void;
  /** Releases the handle itself; the app stays mounted unless `unmount` was called. */
  free(): void;
}

/**
 * Mounts the app into `element`. Any number of mounts may share a page. An invalid config
 * throws at once; the app draws itself in the next task (`unmount` before then draws nothing).
 */
export function mount(element: HTMLElement, config?: MountConfig): MountHandle;

/** `detail` of each event the app dispatches on its host element (they bubble). */
export interface AccountConsoleEventDetail {
  /** A request met 401; the app shows a sign-in link. */
  'account:session-expired': Record<string, never>;
  /**
   * A contact value changed: a new value once its code was entered (a value waiting for its
   * code is not in effect, and no event says so), the current value verified, or the recovery
   * value copied in. `verified`: whether the value now in effect is verified.
   */
  'account:contact-changed': { kind: 'mobile' | 'email'; verified: boolean };
  /** A recovery value was bound or changed; the new value, masked. */
  'account:recovery-changed': { kind: 'mobile' | 'email'; masked: string };
  /** The login email was bound or changed; the new value, masked. */
  'account:login-email-changed': { masked: string };
  /**
   * The module hit a bug (or an API the browser lacks) and stopped; the host element shows a
   * Reload link instead.
   */
  'account:crashed': { message: string };
  /**
   * The page shown changed (also dispatched for the first page): `page` names it, `title` is
   * its heading in the app's language, for the shell to title the document or its menu.
   */
  'account:page-changed': { page: 'account-information' | 'user-details' | 'security' | 'not-found'; title: string };
}

export type AccountConsoleEvent<K extends keyof AccountConsoleEventDetail> = CustomEvent<AccountConsoleEventDetail[K]>;

declare global {
  interface HTMLElementEventMap {
    'account:session-expired': AccountConsoleEvent<'account:session-expired'>;
    'account:contact-changed': AccountConsoleEvent<'account:contact-changed'>;
    'account:recovery-changed': AccountConsoleEvent<'account:recovery-changed'>;
    'account:login-email-changed': AccountConsoleEvent<'account:login-email-changed'>;
    'account:crashed': AccountConsoleEvent<'account:crashed'>;
    'account:page-changed': AccountConsoleEvent<'account:page-changed'>;
  }
}
