// `make bench`: how fast the app answers a person. A scripted session on the release build
// served by dev-api, in Chromium with the CPU slowed 4× (Lighthouse's mobile preset), run
// RUNS times, each in a fresh browser context (a first click is the one that hurts).
// Every interaction is timed by the browser's Event Timing API, the data behind INP: its
// duration runs from the input to the next paint. Prints, per interaction, the median over
// the runs of its worst duration in a run and the worst of all, beside the numbers in
// docs/performance.md; writes the table and every entry to artifacts/bench/.
//
// `--ceiling MS` (used by `make perf`) fails when an interaction's median is over MS.
// `BENCH_TRACE=1` also keeps a Chrome trace of the first run (artifacts/bench/trace.json,
// for the Performance panel of Chrome's DevTools): where each interaction's time went.
import { chromium } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { startDevApi } from './lib/dev-api.mjs';

const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, 'artifacts/bench');
const RUNS = Number(process.env.BENCH_RUNS || 5);
const CPU_SLOWDOWN = 4;
const ceilingAt = process.argv.indexOf('--ceiling');
const CEILING = ceilingAt > 0 ? Number(process.argv[ceilingAt + 1]) : null;
const CHROMIUM_ARGS = [...(process.env.BENCH_FLAGS ? [process.env.BENCH_FLAGS] : []), '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'];

/** Every Event Timing entry of the page, from its first script on, in `window.__events`. */
function observeEvents() {
  window.__events = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      window.__events.push({
        name: e.name,
        interactionId: e.interactionId,
        startTime: e.startTime,
        duration: e.duration,
        processing: e.processingEnd - e.processingStart,
      });
    }
  }).observe({ type: 'event', durationThreshold: 16, buffered: true });
}

/**
 * Runs `act` as the interaction `name`, waits for what it shows (`done`), then for the
 * browser to report its timing: the entries of the interactions since it began. An
 * interaction under 16 ms reports nothing, and counts as 16.
 */
async function step(page, timings, name, act, done) {
  const since = await page.evaluate(() => performance.now());
  await act();
  await done();
  // Event Timing entries are queued after the next paint and observed a task later.
  const entries = await page
    .waitForFunction(
      (since) => {
        const seen = window.__events.filter((e) => e.startTime >= since && e.interactionId > 0);
        return seen.length > 0 && seen;
      },
      since,
      { timeout: 1_000, polling: 'raf' },
    )
    .then((handle) => handle.jsonValue())
    .catch(() => []);
  // One interaction's events (pointerdown, pointerup, click; keydown, keyup) end at one
  // paint: its duration is the longest; its handlers' time is the sum of theirs.
  const byInteraction = new Map();
  for (const e of entries) {
    const seen = byInteraction.get(e.interactionId) || { duration: 0, processing: 0, events: [] };
    seen.duration = Math.max(seen.duration, e.duration);
    seen.processing += e.processing;
    seen.events.push(e.name);
    byInteraction.set(e.interactionId, seen);
  }
  const worst = [...byInteraction.values()].reduce((w, i) => (i.duration > w.duration ? i : w), { duration: 16, processing: 0, events: [] });
  (timings[name] ||= []).push(worst);
}

/**
 * One session: the pages, a contact dialog with the region picker, a contact change's and a
 * recovery change's identity step; then Account Information, freshly loaded, and Verify now.
 */
async function session(browser, base, trace) {
  const context = await browser.newContext({ baseURL: base, viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.addInitScript(observeEvents);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  const login = await context.request.post('/__dev/login', { data: { preset: 'default' } });
  if (!login.ok()) throw new Error(`sign-in failed: ${login.status()}`);
  const timings = {};
  const dialog = page.getByRole('dialog');
  const visible = (locator) => () => locator.waitFor({ state: 'visible' });
  const hidden = (locator) => () => locator.waitFor({ state: 'hidden' });
  // A keystroke shows nothing to wait for but the frame it is painted in.
  const settled = () => () => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve())));

  await page.goto('/developer/user-details');
  const traced = [];
  if (trace) {
    cdp.on('Tracing.dataCollected', (data) => traced.push(...data.value));
    await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline,v8.wasm', transferMode: 'ReportEvents' });
  }
  const edit = page.getByRole('button', { name: 'Edit contact mobile number' });
  await edit.waitFor();
  await step(page, timings, 'Edit (a dialog opens)', () => edit.click(), visible(dialog));
  const picker = dialog.getByRole('combobox', { name: 'Country/region calling code' });
  const list = dialog.getByRole('listbox');
  await step(page, timings, 'click into the region picker', () => picker.click(), visible(list));
  for (const key of ['u', 'n', 'i']) {
    await step(page, timings, 'a keystroke in the region picker', () => page.keyboard.press(key), settled());
  }
  await step(page, timings, 'a region chosen (Enter)', () => page.keyboard.press('Enter'), hidden(list));
  await dialog.getByLabel('New mobile number').focus();
  for (const key of ['2', '0', '7']) {
    await step(page, timings, 'a keystroke in a field', () => page.keyboard.press(key), settled());
  }
  await step(page, timings, 'Esc (the dialog closes)', () => page.keyboard.press('Escape'), hidden(dialog));

  const email = page.getByRole('button', { name: 'Edit contact email address' });
  await step(page, timings, 'Edit (a dialog opens)', () => email.click(), visible(dialog));
  await dialog.getByLabel('New email address').fill(`bench-${Date.now()}@example.dev`);
  await step(page, timings, 'OK to the identity step', () => dialog.getByRole('button', { name: 'OK' }).click(), visible(dialog.getByRole('radio').first()));
  await step(page, timings, 'Esc (the dialog closes)', () => page.keyboard.press('Escape'), hidden(dialog));

  const security = page.getByRole('link', { name: 'Security Settings' });
  await step(page, timings, 'a tab (another page)', () => security.click(), visible(page.getByRole('heading', { name: 'Security Settings', level: 1 })));
  const recovery = page.getByRole('link', { name: 'Edit recovery email address' });
  await step(page, timings, 'Edit (a dialog opens)', () => recovery.click(), visible(dialog));
  await step(page, timings, 'Send Verification Code', () => dialog.getByRole('button', { name: 'Send Verification Code' }).click(), visible(dialog.getByLabel('Verification code')));
  await step(page, timings, 'Esc (the dialog closes)', () => page.keyboard.press('Escape'), hidden(dialog));

  const details = page.getByRole('link', { name: 'User Details' });
  await step(page, timings, 'a tab (another page)', () => details.click(), visible(edit));

  // Then, freshly loaded on Account Information, a value waiting to be verified.
  const unverified = await context.request.post('/__dev/login', { data: { preset: 'unverified-contact' } });
  if (!unverified.ok()) throw new Error(`sign-in failed: ${unverified.status()}`);
  await page.goto('/developer');
  const verifyNow = page.getByRole('button', { name: 'Verify now: contact mobile number' });
  await verifyNow.waitFor();
  await step(page, timings, 'Verify now (a dialog opens)', () => verifyNow.click(), visible(dialog));
  await step(page, timings, 'Send Verification Code', () => dialog.getByRole('button', { name: 'Send Verification Code' }).click(), visible(dialog.getByLabel('Verification code')));
  await step(page, timings, 'Esc (the dialog closes)', () => page.keyboard.press('Escape'), hidden(dialog));
  if (trace) {
    const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    await complete;
    fs.writeFileSync(path.join(out, 'trace.json'), JSON.stringify({ traceEvents: traced }));
  }
  await context.close();
  return timings;
}

const middle = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** The numbers docs/performance.md holds now, by interaction: its table under "## Now". */
function documented() {
  const text = fs.readFileSync(path.join(root, 'docs/performance.md'), 'utf8');
  const now = text.split(/^## /m).find((section) => section.startsWith('Now')) || '';
  const rows = {};
  for (const line of now.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length >= 4 && /^\d+$/.test(cells[2])) rows[cells[1]] = { median: Number(cells[2]), worst: Number(cells[3]) };
  }
  return rows;
}

fs.mkdirSync(out, { recursive: true });
const { base, stop } = await startDevApi(Number(process.env.BENCH_PORT || 8096));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS });
let exitCode = 0;
try {
  const runs = [];
  for (let run = 0; run < RUNS; run++) runs.push(await session(browser, base, run === 0 && !!process.env.BENCH_TRACE));
  const before = documented();
  const rows = Object.keys(runs[0]).map((name) => {
    // A run's worst of each interaction (an interaction may happen more than once a run).
    const worstPerRun = runs.map((timings) => timings[name].reduce((w, e) => (e.duration > w.duration ? e : w)));
    const median = middle(worstPerRun.map((e) => e.duration));
    const typical = worstPerRun.find((e) => e.duration === median);
    return {
      name,
      median,
      worst: Math.max(...worstPerRun.map((e) => e.duration)),
      processing: Math.round(typical.processing),
      before: before[name],
    };
  });
  const table = [
    `Event Timing duration (input to next paint), ms, Chromium at ${CPU_SLOWDOWN}× CPU, ${RUNS} runs`,
    '',
    '| interaction | median | worst | of which handlers (median run) | docs/performance.md median |',
    '|---|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.name} | ${r.median} | ${r.worst} | ${r.processing} | ${r.before ? r.before.median : '–'} |`),
  ].join('\n');
  console.log(table);
  fs.writeFileSync(path.join(out, 'interactions.md'), `${table}\n`);
  fs.writeFileSync(path.join(out, 'interactions.json'), JSON.stringify({ cpuSlowdown: CPU_SLOWDOWN, runs }, null, 2));
  const slowest = rows.reduce((w, r) => (r.median > w.median ? r : w));
  console.log(`bench: the slowest interaction is "${slowest.name}" at ${slowest.median} ms (median of ${RUNS})`);
  if (CEILING !== null && slowest.median > CEILING) {
    console.error(`bench: "${slowest.name}" takes ${slowest.median} ms, over the ceiling of ${CEILING} ms`);
    exitCode = 1;
  }
} finally {
  await browser.close();
  stop();
}
process.exit(exitCode);
