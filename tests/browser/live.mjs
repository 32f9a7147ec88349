// tests/browser/live.mjs: the live room in a real browser (Debian's
// Chromium through playwright-core), JavaScript ON: live.js keeps the
// meeting pages current.
//
//   MUBIAO_URL=http://127.0.0.1:PORT/okr MUBIAO_RESULTS=FILE node tests/browser/live.mjs
//
// Run by tests/t0930-browser-live.sh; the helpers are lib.mjs's.  Optional:
// MUBIAO_SHOTS (the screenshots: live-present.png, 1280x720, and
// live-phone.png, 390x844), MUBIAO_CHROMIUM, MUBIAO_BROWSER_BUDGET
// (seconds, default 90).
//
// 1. zhangwei plans and opens a review meeting of 研发部 (over HTTP, as
//    the set-up); he shows it in the presenter view on the projector
//    (1280x720): the four quadrants fit the screen together.
// 2. zhangwei also has the meeting open in the normal view (his laptop)
//    and half-types the minutes and a value in a check-in form, then
//    clicks elsewhere.
// 3. another client (plain HTTP, a laptop) checks in on a KR of the
//    board: the projector shows the new value, without a reload (the
//    time is reported: the aim is 2 s, the limit a 10 s hang guard);
//    the second page shows it too, with the minutes and the check-in
//    value as typed, and the minutes still save; so does the
//    objective's own page.
// 4. wangfang follows the presenter from her own presenter view; when
//    zhangwei moves to the next item, her screen goes there too.
// 5. screenshots of the presenter view and of a phone-width board; no
//    console error, CSP violation or failed request.
import path from 'node:path';
import {
	BASE, ORIGIN, URL_, WAIT, bound, check, eq, fail, launch, need, ok,
	problems, run, steps, watch,
} from './lib.mjs';

bound(90);
const t0 = Date.now();
const SHOTS = process.env.MUBIAO_SHOTS || process.env.MUBIAO_WORK || '/tmp';
const stamp = new Date().toISOString().replace(/\D/g, '').slice(4, 14);
const auth = (u) => 'Basic ' + Buffer.from(`${u}:${u}`).toString('base64');
const state = {};
let browser;

// ---------------------------------------------------- plain HTTP client

// A request as user (the "other client"); the test builds answer the
// page's XML document when asked.
async function http(user, p, { form, doc } = {}) {
	const headers = { Authorization: auth(user) };
	if (doc)
		Object.assign(headers, { 'X-Mubiao-Doc': 'xml', 'Accept-Language': 'en;q=1' });
	const init = { headers, redirect: 'manual' };
	if (form) {
		init.method = 'POST';
		init.body = new URLSearchParams(form).toString();
		headers['Content-Type'] = 'application/x-www-form-urlencoded';
	}
	const r = await fetch(URL_ + p, init);
	return { status: r.status, location: r.headers.get('location') || '', text: await r.text() };
}

const attr = (xml, re) => (xml.match(re) || [])[1] || '';
const token = async (user) => attr((await http(user, '/', { doc: true })).text, /<page [^>]*token="([^"]*)"/);

// -------------------------------------------------------------- browser

async function context(login, width, height) {
	const ctx = await browser.newContext({
		httpCredentials: { username: login, password: login },
		javaScriptEnabled: true,
		locale: 'en-US',
		viewport: { width, height },
	});
	ctx.setDefaultTimeout(WAIT);
	ctx.setDefaultNavigationTimeout(WAIT);
	const page = await ctx.newPage();
	watch(page, `${login}@${width}`);
	return page;
}

// Opens p and waits until live.js has read the stamp once (the page is
// live from then on).
async function openLive(page, p) {
	const resp = await page.goto(ORIGIN + p, { waitUntil: 'load' });
	need(`${p}: 200`, resp && resp.status() === 200, `got ${resp && resp.status()}`);
	await page.locator('#live-bar.is-live').waitFor({ timeout: WAIT });
	// Anything kept on window goes with a reload: its absence shows one.
	await page.evaluate(() => { window.__sameDocument = true; });
}

const current = (page, kr) => page.locator(`#kr-${kr} strong.current`).first().textContent();

const main = async () => {
	if (!(browser = await launch()))
		return;
	await steps([
	['1 plan, open, present', async () => {
		const tree = (await http('admin', '/tree', { doc: true })).text;
		state.unit = attr(tree, /<node id="(\d+)" name="研发部"/);
		state.today = attr(tree, /<page [^>]*today="([^"]*)"/);
		const tok = await token('zhangwei');
		const plan = await http('zhangwei', '/meet/new', { form: { token: tok, unit: state.unit,
		    kind: 'review', due: state.today, title: `live ${stamp}` } });
		state.m = attr(plan.location, /\/meet\/(\d+)$/);
		need(`zhangwei plans a review meeting of 研发部 (${state.unit}): 303 to it`, plan.status === 303 && state.m,
		    `got ${plan.status} ${plan.location}`);
		const mdoc = (await http('zhangwei', `/meet/${state.m}`, { doc: true })).text;
		const open = await http('zhangwei', `/meet/${state.m}/open`, { form: { token: tok,
		    version: attr(mdoc, /<meeting [^>]* version="(\d+)"/) } });
		need('he opens it: 303', open.status === 303, `got ${open.status}`);
		// A KR of the board with a number to change, and the value to give.
		const doc = (await http('zhangwei', `/meet/${state.m}`, { doc: true })).text;
		const o = doc.match(/<objective id="(\d+)"[^>]*>(?:(?!<\/objective>)[\s\S])*?<kr id="(\d+)" kind="(?:numeric|percent)"[^>]*start="([^"]*)" target="([^"]*)" current="([^"]*)"/);
		need('the board has an objective with a numeric KR', o !== null);
		[, state.o, state.kr] = o;
		const [start, target, cur] = [Number(o[3]), Number(o[4]), Number(o[5])];
		state.value = Math.round((start + target) / 2 * 10) / 10;
		if (state.value === cur)
			state.value = Math.round((state.value + (target - start) / 10) * 10) / 10;
		state.other = attr(doc.slice(doc.indexOf(`<kr id="${state.kr}"`) + 10), /<kr id="(\d+)"/);

		state.pres = await context('zhangwei', 1280, 720);
		await openLive(state.pres, `${BASE}/meet/${state.m}?present=1`);
		const fit = await state.pres.evaluate(() => [...document.querySelectorAll('#board .quadrant')]
		    .map((q) => { const b = q.getBoundingClientRect(); return [Math.round(b.top), Math.round(b.bottom)]; }));
		check(`presenter view at 1280x720: the four quadrants on the screen together (${JSON.stringify(fit)})`,
		    fit.length === 4 && fit.every(([top, bottom]) => top >= 0 && bottom <= 720));
		check('presenter view: no navigation', await state.pres.locator('nav.main-nav').count() === 0);
		const items = await state.pres.locator('#agenda li[id^="agenda-kr-"]').count();
		check(`presenter view: the agenda lists the board's KRs (${items})`, items > 0);
		await state.pres.locator('#present-timer:not([hidden])').waitFor({ timeout: WAIT });
		ok('presenter view: the item timer runs');
	}],
	['2 a second page half-typed', async () => {
		state.second = await context('zhangwei', 1280, 900);
		await openLive(state.second, `${BASE}/meet/${state.m}`);
		state.minutes = `会议纪要（未写完）${stamp}：可用性讨论中`;
		await state.second.locator('#meet-minutes').fill(state.minutes);
		// The check-in form of the KR's objective, folded in <details>.
		const card = state.second.locator(`#o-${state.o}`);
		await card.locator('details.checkin-form > summary').first().click();
		state.typed = '42';
		state.ciField = card.locator(`input[name=value][type=text]`).last();
		await state.ciField.fill(state.typed);
		// Then away from both: edited, no longer focused.
		await state.second.locator('h1').first().click();
		// The objective's own page, open beside it.
		state.objPage = await state.second.context().newPage();
		watch(state.objPage, 'zhangwei@objective');
		await openLive(state.objPage, `${BASE}/objective/${state.o}`);
		ok('on a second page of the meeting, half the minutes and a check-in value typed, then a click away');
	}],
	['3 a check-in from a laptop', async () => {
		const before = await current(state.pres, state.kr);
		const ci = await http('admin', `/edit/checkin/${state.o}`, { form: { token: await token('admin'),
		    kr: state.kr, value: String(state.value), confidence: '0.6', note: `live ${stamp}` } });
		const posted = Date.now();
		need(`another client checks in ${state.value} on KR ${state.kr} (was ${before}): 303`, ci.status === 303,
		    `got ${ci.status}: ${ci.text.slice(0, 200)}`);
		const want = String(state.value);
		try {
			await state.pres.waitForFunction(([kr, v]) =>
			    (document.querySelector(`#kr-${kr} strong.current`)?.textContent || '').trim() === v,
			    [state.kr, want], { timeout: 10000, polling: 50 });
			// The aim is 2 s (a 1 s poll and a fetch); the time is
			// reported, the limit is only a hang guard for a busy
			// machine.
			ok(`the projector shows ${want} without a reload (${Date.now() - posted} ms; aim 2 s)`);
		} catch (e) {
			fail('the projector shows the new value without a reload', `shows ${await current(state.pres, state.kr)}`);
		}
		check('the projector was not reloaded', await state.pres.evaluate(() => window.__sameDocument === true));
		await state.second.waitForFunction(([kr, v]) =>
		    (document.querySelector(`#kr-${kr} strong.current`)?.textContent || '').trim() === v,
		    [state.kr, want], { timeout: 5000, polling: 50 }).catch(() => {});
		eq("the second page shows the new value too", ((await current(state.second, state.kr)) || '').trim(), want);
		check("the second page was not reloaded", await state.second.evaluate(() => window.__sameDocument === true));
		await state.objPage.waitForFunction(([kr, v]) =>
		    (document.querySelector(`#kr-${kr} strong.current`)?.textContent || '').trim() === v,
		    [state.kr, want], { timeout: 5000, polling: 50 }).catch(() => {});
		eq("the objective's page shows it too", ((await current(state.objPage, state.kr)) || '').trim(), want);
		check("the objective's page was not reloaded", await state.objPage.evaluate(() => window.__sameDocument === true));
		eq('the half-typed minutes are still there', await state.second.locator('#meet-minutes').inputValue(), state.minutes);
		eq('the half-typed check-in value is still there', await state.ciField.inputValue(), state.typed);
		const [resp] = await Promise.all([
			state.second.waitForNavigation({ waitUntil: 'load' }),
			state.second.locator('form.minutes-form button[type=submit]').first().click(),
		]);
		const from = resp.request().redirectedFrom();
		const post = from ? (await from.response())?.status() : resp.status();
		eq('the minutes then save: 303', post, 303);
		eq('the meeting keeps the minutes as typed', await state.second.locator('#meet-minutes').inputValue(), state.minutes);
	}],
	['4 follow the presenter', async () => {
		state.fol = await context('wangfang', 1280, 720);
		await openLive(state.fol, `${BASE}/meet/${state.m}?present=1`);
		await state.fol.locator('#live-follow').click();
		eq('wangfang follows the presenter', await state.fol.locator('#live-follow').getAttribute('aria-pressed'), 'true');
		await Promise.all([
			state.pres.waitForNavigation({ waitUntil: 'load' }),
			state.pres.locator('form.present-next button[type=submit]').click(),
		]);
		const item = new URL(state.pres.url()).searchParams.get('kr');
		need(`zhangwei moves to the next item (kr ${item})`, item !== null);
		try {
			await state.fol.waitForURL((u) => new URL(u).searchParams.get('kr') === item, { timeout: 10000 });
			ok(`wangfang's screen moved to the presenter's item (${state.fol.url()})`);
		} catch (e) {
			fail("wangfang's screen moves to the presenter's item", `at ${state.fol.url()}`);
		}
		eq("it shows that item", await state.fol.locator('#present').getAttribute('data-item'), item);
	}],
	['5 screenshots', async () => {
		await state.pres.goto(`${ORIGIN}${BASE}/meet/${state.m}?present=1`, { waitUntil: 'load' });
		const shot = path.join(SHOTS, 'live-present.png');
		await state.pres.screenshot({ path: shot });
		ok(`screenshot of the presenter view at 1280x720: ${shot}`);
		const phone = await context('lina', 390, 844);
		await openLive(phone, `${BASE}/meet/${state.m}`);
		const wide = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
		check(`phone width: the board fits the width (${wide} px over)`, wide <= 1);
		const pshot = path.join(SHOTS, 'live-phone.png');
		await phone.locator('#board').screenshot({ path: pshot });
		ok(`screenshot of the board at 390x844: ${pshot}`);
	}],
	], state.pres || { url: () => URL_ });
	// A poll of live.js in flight when its page goes (a click, a follow)
	// is aborted by the browser: that is no failure.
	const real = problems.filter((p) => !/: request failed: GET [^ ]*: net::ERR_ABORTED$/.test(p));
	check('no console error, CSP violation, page error or failed request', real.length === 0,
	    ...real.slice(0, 8));
};

await run(main, () => browser, t0);
