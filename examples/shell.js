// A console shell as a team embedding Account Console writes one: load the module, mount
// the app twice (two panels of one page), listen to what it tells the shell.
import init, { mount } from '/__dev/shell/app.js';

/** @type {Array<{name: string, detail: unknown, panel: string}>} */
const heard = [];
window.accountConsoleEvents = heard;

const events = ['session-expired', 'contact-changed', 'recovery-changed', 'login-email-changed', 'crashed'];

// The build's file names carry a hash: dev-api sends these two to the current ones.
await init({ module_or_path: '/__dev/shell/app_bg.wasm' });
/** Each panel's handle, to unmount it when the panel goes. */
window.accountConsoles = {};
for (const id of ['first-account', 'second-account']) {
  const panel = document.getElementById(id);
  for (const name of events) {
    panel.addEventListener(`account:${name}`, (event) => heard.push({ name, detail: event.detail, panel: id }));
  }
  window.accountConsoles[id] = mount(panel, { basePath: '/__dev/shell', appealUrl: '/__dev/shell/appeal' });
}
