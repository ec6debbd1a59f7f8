import base from './playwright.config.mjs';
export default { ...base, testDir: '.', webServer: { ...base.webServer, command: '../../target/debug/dev-api --dist ../../target/debug-dist --port 8098 --quiet', url: 'http://127.0.0.1:8098/__dev/outbox' }, use: { ...base.use, baseURL: 'http://127.0.0.1:8098' } };
