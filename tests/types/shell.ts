// A console shell written against account-console.d.ts: `make test-types` compiles it
// with tsc --noEmit, so the declarations stay usable and in step with what shells write.
import init, { mount, type AccountConsoleMessages, type MountConfig, type MountHandle } from '../../public/account-console.js';

const accountResponse: Promise<Response> = fetch('/api/v1/account', {
  credentials: 'include',
  headers: { Accept: 'application/json, application/problem+json' },
});
accountResponse.catch(() => {});

await init({ module_or_path: '/account-console-0123456789abcdef_bg.wasm' });
// The npm package finds its wasm beside the module.
await init();

// The words of the language shown, a file of the build's own.
const zhCN: AccountConsoleMessages = await (await fetch('/i18n/zh-CN.json')).json();

const config: MountConfig = {
  basePath: '/console/account',
  apiBase: '/api/v1',
  locale: 'zh-CN',
  messages: { 'zh-CN': zhCN },
  loginUrl: '/login?next={return}',
  csrfCookie: 'csrf_token',
  csrfHeader: 'X-CSRF-Token',
  defaultRegion: 'CN',
  requestTimeoutMs: 15000,
  appealUrl: '/support/verify',
  theme: 'dark',
  accountResponse,
};

const host = document.getElementById('account');
if (!host) throw new Error('no #account element');
const handle: MountHandle = mount(host, config);
const second: MountHandle = mount(document.createElement('div'), { basePath: '/console/account', routing: false });

// The shell's own side menu shows the app's pages without a reload.
handle.navigate('/security');
handle.navigate('/user-details?edit=mobile', { replace: true });

host.addEventListener('account:contact-changed', (event) => {
  const kind: 'mobile' | 'email' = event.detail.kind;
  const verified: boolean = event.detail.verified;
  console.log(kind, verified);
});
host.addEventListener('account:recovery-changed', (event) => {
  const masked: string = event.detail.masked;
  console.log(event.detail.kind, masked);
});
host.addEventListener('account:login-email-changed', (event) => console.log(event.detail.masked));
host.addEventListener('account:session-expired', () => location.assign('/login'));
host.addEventListener('account:crashed', (event) => console.error(event.detail.message));
host.addEventListener('account:page-changed', (event) => {
  const page: 'account-information' | 'user-details' | 'security' | 'not-found' = event.detail.page;
  document.title = `${event.detail.title} · Console`;
  console.log(page);
});

handle.unmount();
second.unmount();
second.free();

// What the declarations refuse.
// @ts-expect-error: a locale the app does not have
mount(host, { locale: 'fr' });
// @ts-expect-error: words are a catalogue by its tag, not a text per key
mount(host, { messages: { 'zh-CN': { NavLabel: '账号页面' } } });
// @ts-expect-error: milliseconds are a number
mount(host, { requestTimeoutMs: '15s' });
// @ts-expect-error: a theme the app does not have
mount(host, { theme: 'night' });
// @ts-expect-error: routing is on or off
mount(host, { routing: 'hash' });
// @ts-expect-error: navigate takes a path under basePath, not a page name object
handle.navigate({ page: 'security' });
host.addEventListener('account:recovery-changed', (event) => {
  // @ts-expect-error: the recovery event carries no `verified`
  console.log(event.detail.verified);
});
