// `make perf`: Lighthouse (mobile preset) on the three pages of the release build served by
// dev-api, signed in. Each page is measured RUNS times and judged by the median of each
// metric, as Lighthouse's own guidance advises for variance. Prints a table, keeps the JSON
// reports in artifacts/lighthouse/, and fails when a page is below one of the bars below.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { signIn, startDevApi } from './lib/dev-api.mjs';

const root = path.resolve(import.meta.dirname, '..');
const reports = path.join(root, 'artifacts/lighthouse');
const PAGES = [
  ['account-information', '/developer'],
  ['user-details', '/developer/user-details'],
  ['security', '/developer/security'],
];
const RUNS = Number(process.env.PERF_RUNS || 5);
const BARS = { performance: 98, accessibility: 100, bestPractices: 100, lcpMs: 2000, tbtMs: 50 };
const CHROME_FLAGS = '--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run';

async function lighthouse(base, name, route, cookie, run) {
  const output = path.join(reports, `${name}-${run}.json`);
  await promisify(execFile)(
    path.join(root, 'node_modules/.bin/lighthouse'),
    [
      `${base}${route}`,
      '--only-categories=performance,accessibility,best-practices',
      '--output=json',
      `--output-path=${output}`,
      `--chrome-flags=${CHROME_FLAGS}`,
      `--extra-headers=${JSON.stringify({ Cookie: cookie })}`,
      '--quiet',
    ],
    { env: { ...process.env, CHROME_PATH: process.env.CHROMIUM || '/usr/bin/chromium' }, maxBuffer: 64 << 20 },
  );
  const report = JSON.parse(fs.readFileSync(output, 'utf8'));
  const score = (id) => Math.round(report.categories[id].score * 100);
  const ms = (id) => report.audits[id].numericValue;
  if (report.runtimeError) throw new Error(`${name}: ${report.runtimeError.message}`);
  return {
    page: name,
    performance: score('performance'),
    accessibility: score('accessibility'),
    bestPractices: score('best-practices'),
    fcpMs: ms('first-contentful-paint'),
    lcpMs: ms('largest-contentful-paint'),
    tbtMs: ms('total-blocking-time'),
    cls: ms('cumulative-layout-shift'),
  };
}

/** The median of every metric over the runs of one page. */
function median(runs) {
  const middle = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const result = { page: runs[0].page };
  for (const key of Object.keys(runs[0]).filter((k) => k !== 'page')) result[key] = middle(runs.map((r) => r[key]));
  return result;
}

function failures(result) {
  const failed = [];
  if (result.performance < BARS.performance) failed.push(`performance ${result.performance} < ${BARS.performance}`);
  if (result.accessibility < BARS.accessibility) failed.push(`accessibility ${result.accessibility} < ${BARS.accessibility}`);
  if (result.bestPractices < BARS.bestPractices) failed.push(`best practices ${result.bestPractices} < ${BARS.bestPractices}`);
  if (result.lcpMs > BARS.lcpMs) failed.push(`LCP ${Math.round(result.lcpMs)} ms > ${BARS.lcpMs} ms`);
  if (result.tbtMs > BARS.tbtMs) failed.push(`TBT ${Math.round(result.tbtMs)} ms > ${BARS.tbtMs} ms`);
  return failed;
}

fs.mkdirSync(reports, { recursive: true });
const { base, stop } = await startDevApi(Number(process.env.PERF_PORT || 8097));
let exitCode = 0;
try {
  const cookie = await signIn(base);
  const results = [];
  for (const [name, route] of PAGES) {
    const runs = [];
    for (let run = 1; run <= RUNS; run++) runs.push(await lighthouse(base, name, route, cookie, run));
    results.push(median(runs));
  }
  console.log(`median of ${RUNS} runs per page`);
  console.log('page                  perf  a11y  best   FCP ms   LCP ms   TBT ms    CLS');
  for (const r of results) {
    console.log(
      `${r.page.padEnd(20)} ${String(r.performance).padStart(5)} ${String(r.accessibility).padStart(5)} ` +
        `${String(r.bestPractices).padStart(5)} ${Math.round(r.fcpMs).toString().padStart(8)} ` +
        `${Math.round(r.lcpMs).toString().padStart(8)} ${Math.round(r.tbtMs).toString().padStart(8)} ${r.cls.toFixed(3).padStart(6)}`,
    );
  }
  for (const r of results) {
    for (const failure of failures(r)) {
      console.error(`perf: ${r.page}: ${failure}`);
      exitCode = 1;
    }
  }
  console.log(exitCode ? 'perf: below the bars (reports in artifacts/lighthouse/)' : 'perf: every page meets the bars');
} finally {
  stop();
}
process.exit(exitCode);
