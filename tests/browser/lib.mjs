// tests/browser/lib.mjs: what the real-browser tests share (edit.mjs,
// meeting.mjs): the environment, assertions counted into $MUBIAO_RESULTS
// like tests/lib.sh, the catalog, scores, and a JavaScript-off Chromium
// whose every page, console message and failed request is watched.
//
// Environment: MUBIAO_URL and MUBIAO_RESULTS (required), MUBIAO_WORK
// (the run's scratch folder, default /tmp), MUBIAO_SHOTS (where
// screenshots go, default MUBIAO_WORK), MUBIAO_CHROMIUM (the browser,
// default /usr/bin/chromium), MUBIAO_BROWSER_BUDGET (seconds for the
// whole run; each script has its own default).
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(HERE, '..', '..');
export const URL_ = (process.env.MUBIAO_URL || '').replace(/\/+$/, '');
export const RESULTS = process.env.MUBIAO_RESULTS;
export const WORK = process.env.MUBIAO_WORK || '/tmp';
// Screenshots: kept after the run (tests/run.sh sets build/screenshots).
export const SHOTS = process.env.MUBIAO_SHOTS || WORK;
export const CHROMIUM = process.env.MUBIAO_CHROMIUM || '/usr/bin/chromium';
export const WAIT = 15000;	// every single wait of the browser

if (!URL_ || !RESULTS) {
	console.error(`${path.basename(process.argv[1] || 'lib.mjs')}: MUBIAO_URL and MUBIAO_RESULTS must be set`);
	process.exit(2);
}
export const ORIGIN = new URL(URL_).origin;
export const BASE = new URL(URL_).pathname;	// "/okr": where the app is mounted

// --------------------------------------------------------- assertions

let failed = 0;
export const failures = () => failed;

export function ok(desc) {
	console.log(`ok - ${desc}`);
	fs.appendFileSync(RESULTS, 'ok\n');
	return true;
}

export function fail(desc, ...notes) {
	console.log(`not ok - ${desc}`);
	for (const n of notes)
		for (const line of String(n).split('\n').slice(0, 12))
			console.log(`#   ${line}`);
	fs.appendFileSync(RESULTS, 'fail\n');
	failed++;
	return false;
}

export function check(desc, cond, ...notes) {
	return cond ? ok(desc) : fail(desc, ...notes);
}

export function eq(desc, got, want) {
	return check(desc, got === want, `want: ${JSON.stringify(want)}`,
	    `got:  ${JSON.stringify(got)}`);
}

// A step that throws (a timeout, a missing element) is one failure; the
// steps after it need what it made, so the flow stops there.
export class Stop extends Error {}

export function need(desc, cond, ...notes) {
	if (!check(desc, cond, ...notes))
		throw new Stop(desc);
}

// The whole run is bounded, whatever hangs: MUBIAO_BROWSER_BUDGET seconds,
// else the script's default.  Returns the budget in milliseconds.
let watchdog;
export function bound(defaultSeconds) {
	const budget = Number(process.env.MUBIAO_BROWSER_BUDGET || defaultSeconds) * 1000;
	watchdog = setTimeout(() => {
		fail(`the browser test ends within ${budget / 1000} s`);
		process.exit(1);
	}, budget);
	return budget;
}

// ------------------------------------------------------------ catalog

// Catalog text of key k in xslt/i18n/en.xml, as the page shows it.
const catalog = fs.readFileSync(path.join(ROOT, 'xslt', 'i18n', 'en.xml'), 'utf8');
export function msg(k) {
	const m = catalog.match(new RegExp(`<m k="${k.replace(/\./g, '\\.')}">([^<]*)</m>`));
	if (!m)
		throw new Error(`no catalog key ${k}`);
	return m[1].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
	    .replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

// -------------------------------------------------------------- scores

// As README.md "Scores": numeric/percent KRs (current - start) /
// (target - start) clamped to [0, 1], start = target scores 1 once
// reached in its direction; a milestone 1 when done; an objective the
// weighted mean (plain mean when the weights are unusable); shown with
// two decimals of the rounded percentage.
export const clamp01 = (x) => Math.min(1, Math.max(0, x));

export function krScore(k) {
	if (k.kind === 'milestone')
		return k.current >= 1 ? 1 : 0;
	if (k.target === k.start)
		return (k.direction === 'decrease' ? k.current <= k.target : k.current >= k.target) ? 1 : 0;
	return clamp01((k.current - k.start) / (k.target - k.start));
}

export function objectiveScore(krs) {
	if (krs.length === 0)
		return 0;
	const w = krs.reduce((s, k) => s + k.weight, 0);
	if (!(w > 0) || krs.some((k) => !(k.weight >= 0)))
		return krs.reduce((s, k) => s + krScore(k), 0) / krs.length;
	return krs.reduce((s, k) => s + k.weight * krScore(k), 0) / w;
}

export const shown = (s) => (Math.round(clamp01(s) * 100) / 100).toFixed(2);

// ----------------------------------------------------------- browsing

export const problems = [];	// console errors, CSP violations, failed loads
export const expected = new Set();	// "STATUS URL" of pages meant to be an error
export const notes = [];	// what is said but not asserted
export const documents = [];	// every page (main-frame response) seen
let scriptsSeen = 0;

// A refusal already counted as a failure: the browser's console error for
// it is not counted again (step "no console error").
export function forgive(status, url) {
	expected.add(`${status} ${url}`);
	for (let i = problems.length; i-- > 0;)
		if (problems[i].includes(`status of ${status} `) && problems[i].endsWith(`(${url})`))
			problems.splice(i, 1);
}

export function watch(page, who) {
	page.on('console', (m) => {
		if (m.type() !== 'error' && m.type() !== 'warning' &&
		    !/content security policy/i.test(m.text()))
			return;
		const from = m.location()?.url || '';
		// The browser asks the site's root for /favicon.ico by itself:
		// that root is the intranet's, not the app's (mounted at BASE).
		if (new URL(from || page.url()).pathname === '/favicon.ico' &&
		    /status of 404/.test(m.text())) {
			notes.push(`${who}: ${from}: 404 (the site root's, outside ${BASE}/)`);
			return;
		}
		// Chromium logs any 4xx page, such as a conflict page.
		const st = m.text().match(/^Failed to load resource: the server responded with a status of (\d+)/);
		if (st && expected.has(`${st[1]} ${from}`))
			return;
		problems.push(`${who}: console ${m.type()}: ${m.text()} (${from || page.url()})`);
	});
	page.on('pageerror', (e) => problems.push(`${who}: page error: ${e.message}`));
	page.on('requestfailed', (r) => {
		// live.js reads the stamp every second (and the page when it
		// changed): a navigation cuts a read in flight, no fault of the
		// page.
		if (r.failure()?.errorText === 'net::ERR_ABORTED' && r.resourceType() === 'fetch')
			return;
		problems.push(`${who}: request failed: ${r.method()} ${r.url()}: ${r.failure()?.errorText}`);
	});
	page.on('response', (r) => {
		const req = r.request();
		if (req.frame() === page.mainFrame() && req.isNavigationRequest())
			documents.push({ who, method: req.method(), url: r.url(), status: r.status(),
			    csp: r.headers()['content-security-policy'] || '' });
		else if (r.status() >= 400)
			problems.push(`${who}: ${r.status()} for ${req.resourceType()} ${r.url()}`);
	});
}

// Debian's Chromium; null (one failure counted) when it does not start.
export async function launch() {
	try {
		return await chromium.launch({
			executablePath: CHROMIUM,
			timeout: WAIT * 2,
			args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
			    '--disable-background-networking', '--disable-component-update',
			    '--disable-sync', '--no-proxy-server'],
		});
	} catch (e) {
		fail(`Chromium starts (${CHROMIUM})`, e.message);
		return null;
	}
}

// A new context signed in as login (password = login), JavaScript off
// unless js, en-US; its one page, watched.
export async function signIn(browser, login, js = false) {
	const ctx = await browser.newContext({
		httpCredentials: { username: login, password: login },
		javaScriptEnabled: js,
		locale: 'en-US',
		viewport: { width: 1280, height: 900 },
	});
	ctx.setDefaultTimeout(WAIT);
	ctx.setDefaultNavigationTimeout(WAIT);
	const page = await ctx.newPage();
	watch(page, login);
	return page;
}

// Scripts but the site's own live.js (xslt/live.js, the one file CSP lets
// run): none inline, none from elsewhere.
export const OWN_SCRIPT = `${BASE}/static/live.js`;
export async function countScripts(page) {
	scriptsSeen += await page.locator(`script:not([src="${OWN_SCRIPT}"])`).count();
}

export async function go(page, p) {
	const resp = await page.goto(ORIGIN + p, { waitUntil: 'load' });
	await countScripts(page);
	return resp;
}

// Follows a link (by its exact href) and returns the response.
export async function follow(page, href) {
	const link = page.locator(`a[href="${href}"]`).first();
	const [resp] = await Promise.all([
		page.waitForNavigation({ waitUntil: 'load' }),
		link.click(),
	]);
	await countScripts(page);
	return resp;
}

// Submits the form with this action (or the form locator given) by its
// submit button; returns { post: status of the POST, status: of the page
// landed on, url }.
export async function submit(page, action) {
	const form = typeof action === 'string' ? page.locator(`form[action="${action}"]`) : action;
	const [resp] = await Promise.all([
		page.waitForNavigation({ waitUntil: 'load' }),
		form.locator('button[type=submit]').first().click(),
	]);
	await countScripts(page);
	const from = resp.request().redirectedFrom();
	const post = from || resp.request();
	const h = await post.allHeaders();
	return {
		post: from ? (await from.response())?.status() : resp.status(),
		method: post.method(),
		status: resp.status(),
		url: resp.url(),
		// For a failure's diagnosis: what the browser sent, what it got.
		sent: `sent Origin: ${h.origin || '-'}, Sec-Fetch-Site: ${h['sec-fetch-site'] || '-'}`,
		page: from ? '' : `page: ${(await page.locator('main').first().innerText({ timeout: WAIT })
		    .catch(() => '')).replace(/\s+/g, ' ').slice(0, 300)}`,
	};
}

// The POST of s answered 303 (Post/Redirect/Get).
export function posted(desc, s) {
	return check(desc, s.post === 303, `want: 303`, `got:  ${s.post} at ${s.url}`, s.sent, s.page);
}

export const pathOf = (u) => { const x = new URL(u); return x.pathname + x.search; };
export const text = async (loc) => ((await loc.first().textContent({ timeout: WAIT })) || '').trim();

// Runs the steps [name, fn] in order until one stops; page: for the URL
// in a failure's notes.
export async function steps(list, page) {
	for (const [name, fn] of list) {
		const t = Date.now();
		try {
			await fn();
			console.log(`# step ${name}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
		} catch (e) {
			if (!(e instanceof Stop))
				fail(`step ${name} runs to its end`, e.message, `at ${page.url()}`);
			console.log(`# step ${name} stopped: the steps after it need it`);
			break;
		}
	}
}

// No script but live.js, CSP on every page, no complaint by the browser
// (assertions numbered n).
export function pageChecks(n) {
	check(`${n}: every page works with JavaScript off and has no <script> but live.js`, scriptsSeen === 0,
	    `${scriptsSeen} script elements seen`);
	const pages = documents.filter((d) => d.status < 300 || d.status >= 400);
	const noCsp = pages.filter((d) => !/default-src 'self'/.test(d.csp));
	check(`${n}: all ${pages.length} pages loaded send Content-Security-Policy default-src 'self'`,
	    pages.length > 0 && noCsp.length === 0,
	    ...noCsp.map((d) => `${d.who}: ${d.method} ${d.url} ${d.status}: "${d.csp}"`));
	check(`${n}: no console error, CSP violation, page error or failed request`, problems.length === 0,
	    ...problems);
	for (const note of notes)
		console.log(`# note: ${note}`);
}

// Runs main, closes the browser (bounded), prints the time and exits 1
// when an assertion failed.
export async function run(main, getBrowser, t0) {
	try {
		await main();
	} catch (e) {
		fail('the browser test runs to its end', e.stack || e.message);
	} finally {
		const browser = getBrowser();
		if (browser)
			await Promise.race([browser.close(), new Promise((r) => setTimeout(r, 5000))]);
		clearTimeout(watchdog);
		console.log(`# browser test: ${((Date.now() - t0) / 1000).toFixed(1)} s, ${failed} failed`);
	}
	process.exit(failed ? 1 : 0);
}
