// tests/browser/edit.mjs: the editing flow of Mubiao in a real browser
// (Debian's Chromium driven by playwright-core), JavaScript off.
//
//   MUBIAO_URL=http://127.0.0.1:PORT/okr MUBIAO_RESULTS=FILE node tests/browser/edit.mjs
//
// Run by tests/t0900-browser.sh; the helpers are tests/browser/lib.mjs's,
// shared with meeting.mjs.  Every assertion prints "ok - ..." or
// "not ok - ..." and appends "ok" or "fail" to $MUBIAO_RESULTS, like
// tests/lib.sh.  Optional: MUBIAO_SHOTS (where the screenshot goes),
// MUBIAO_SCREENSHOT (its full path), MUBIAO_CHROMIUM (the browser),
// MUBIAO_BROWSER_BUDGET (seconds for the whole run, default 120: below
// the 150 s that tests/run.sh gives a script).
//
// 1. zhangwei (lead of 研发部) goes home -> his page -> his unit, follows
//    "New objective", aligns it to a company KR, saves (303 back).
// 2. adds three KRs through "Add key result", each save lands back.
// 3. checks in on two KRs in the objective's one check-in form; the
//    objective's score goes from 0.00 to the weighted mean computed here.
// 4. zhangwei and admin open the same KR form; zhangwei saves, admin's
//    save is a 409 conflict page keeping admin's title beside the saved
//    one; admin saves again from there and wins.
// 5. no page has a script, every page sends its CSP, and the browser
//    reports no console error, CSP violation or failed request.
// 6. a screenshot of the final objective page.
import fs from 'node:fs';
import path from 'node:path';
import {
	BASE, CHROMIUM, ORIGIN, Stop, URL_, WAIT, SHOTS, bound, check, eq, expected, fail,
	follow, go, krScore, launch, msg, need, objectiveScore, ok, pageChecks, pathOf,
	posted, run, shown, signIn, steps, submit, text,
} from './lib.mjs';

const SHOT = process.env.MUBIAO_SCREENSHOT || path.join(SHOTS, 'browser-objective.png');
bound(120);

// ---------------------------------------------------------------- run

const stamp = new Date().toISOString().replace(/\D/g, '').slice(4, 14);
const state = {};	// what a step hands the next
let browser;
const t0 = Date.now();

async function step1(zw) {
	// Home, then "My page", then the unit named on it.
	let r = await go(zw, `${BASE}/`);
	need('1: zhangwei opens the home page (200)', r.status() === 200, `status ${r.status()}`);
	state.companyKrs = [];
	for (const e of await zw.locator('article.objective.level-company tbody.kr').all())
		state.companyKrs.push((await e.getAttribute('id')).replace(/^kr-/, ''));
	need('1: the home page lists the company\'s KRs', state.companyKrs.length > 0);
	r = await follow(zw, `${BASE}/person/zhangwei`);
	need('1: "My page" leads to /person/zhangwei', r.status() === 200 &&
	    pathOf(zw.url()) === `${BASE}/person/zhangwei`, zw.url());
	const unitLink = zw.locator(`header.page-head dl.meta a[href^="${BASE}/unit/"]`);
	need('1: his page links his unit', await unitLink.count() === 1);
	const unitHref = await unitLink.getAttribute('href');
	r = await follow(zw, unitHref);
	need(`1: his unit page opens (${unitHref})`, r.status() === 200, `status ${r.status()}`);
	state.unitPage = pathOf(zw.url());
	state.unitId = unitHref.match(/\/unit\/(\d+)/)[1];
	const dates = await zw.locator('p.cycle-info time').all();
	need('1: the unit page states the cycle and its dates', dates.length === 2);
	state.cycleName = await text(zw.locator('p.cycle-info strong'));
	state.unitLevel = ((await zw.locator('header.page-head .title-row .badge').first()
	    .getAttribute('class')) || '').replace(/.*\blevel-(\w+).*/, '$1');
	state.cycleStart = await dates[0].getAttribute('datetime');
	state.cycleEnd = await dates[1].getAttribute('datetime');

	// "New objective" (in the current cycle: no cycle= in the link).
	const newLink = zw.locator(`a[href="${BASE}/edit/objective/new?unit=${state.unitId}"]`);
	need('1: the unit page has a "New objective" link for the lead', await newLink.count() === 1);
	r = await follow(zw, await newLink.getAttribute('href'));
	need('1: the new-objective form opens (200)', r.status() === 200 &&
	    await zw.locator(`form[action="${BASE}/edit/objective/new"] input[name=title]`).count() === 1,
	    `status ${r.status()} at ${zw.url()}`);
	const opts = await zw.locator('select[name=parent] option').all();
	const values = [];
	const labels = {};
	for (const o of opts) {
		const v = await o.getAttribute('value');
		if (v !== '') {
			values.push(v);
			labels[v] = (await o.textContent()).trim();
		}
	}
	const sorted = (a) => [...a].sort((x, y) => x - y);
	eq('1: the "parent" select lists exactly the company KRs of the home page',
	    sorted(values).join(','), sorted(state.companyKrs).join(','));
	need('1: there is a company KR to align to', values.length > 0);
	state.parentKr = values[values.length > 1 ? 1 : 0];
	state.parentLabel = labels[state.parentKr].replace(/ —.*$/, '');
	state.title = `Browser test ${stamp}: ship the platform faster and safer`;
	await zw.fill('input[name=title]', state.title);
	await zw.fill('textarea[name=description]', 'Made by tests/browser/edit.mjs in Chromium, JavaScript off.');
	await zw.selectOption('select[name=parent]', state.parentKr);
	const s = await submit(zw, `${BASE}/edit/objective/new`);
	if (!posted('1: saving the new objective answers 303 (Post/Redirect/Get)', s))
		throw new Stop();
	eq('1: ... and lands on the unit page it came from', pathOf(s.url), state.unitPage);
	let link = zw.locator(`a[href^="${BASE}/objective/"]`, { hasText: state.title });
	if (!check('1: the new objective is listed on the unit page', await link.count() >= 1)) {
		// Carry on from wherever it went, so the later steps still run.
		await go(zw, `${BASE}/person/zhangwei`);
		link = zw.locator(`a[href^="${BASE}/objective/"]`, { hasText: state.title });
		need('1: (it was found on zhangwei\'s page instead)', await link.count() >= 1);
		console.log('#   it is on zhangwei\'s own page');
	}
	const href = await link.first().getAttribute('href');
	state.oid = href.match(/\/objective\/(\d+)/)[1];
	state.objPage = `${BASE}/objective/${state.oid}`;
	r = await follow(zw, href);
	need('1: its objective page opens (200)', r.status() === 200, `status ${r.status()}`);
	eq('1: the objective page shows its title', await text(zw.locator('h1.o-title')), state.title);
	eq(`1: ... at the level of the unit it was made on (${state.unitLevel}), not a personal one`,
	    await zw.locator('article.objective').first().getAttribute('class'), `objective level-${state.unitLevel}`);
	check('1: ... aligned to the chosen company KR',
	    await zw.locator(`p.parent-kr a[href$="#kr-${state.parentKr}"]`).count() === 1 &&
	    (await text(zw.locator('p.parent-kr a').first())) === state.parentLabel,
	    `want a link to #kr-${state.parentKr} "${state.parentLabel}"`);
	// The current cycle's home is the bare URL.
	eq('1: ... in the cycle of the unit page', await text(zw.locator(`dl.meta a[href="${BASE}/"]`)),
	    state.cycleName);
	eq('1: a new objective without KRs scores 0.00',
	    await text(zw.locator('article.objective header.o-head .score')), '0.00');
}

// Dates inside the cycle shown on the unit page, from today on.
function dayIn(start, end, frac) {
	const today = new Date().toISOString().slice(0, 10);
	if (today > start && today <= end)
		start = today;
	const a = Date.parse(`${start}T00:00:00Z`), b = Date.parse(`${end}T00:00:00Z`);
	return new Date(a + Math.round((b - a) * frac / 86400000) * 86400000).toISOString().slice(0, 10);
}
const monthDay = (d) => new Date(`${d}T00:00:00Z`).toLocaleDateString('en-US',
    { month: 'short', day: 'numeric', timeZone: 'UTC' });

async function step2(zw) {
	const due = [dayIn(state.cycleStart, state.cycleEnd, 0.8),
	    dayIn(state.cycleStart, state.cycleEnd, 0.6), state.cycleEnd];
	// Kinds, a decreasing one, weights: the check-in of step 3 then has
	// a clean expected score, (2 x 0.6 + 1 x 0.5 + 2 x 0) / 5 = 0.34.
	state.krs = [
		{ title: `Raise deploys per week from 10 to 50 by ${monthDay(due[0])}`,
		  kind: 'numeric', direction: 'increase', start: 10, target: 50,
		  unit: 'deploys', due: due[0], weight: 2 },
		{ title: `Cut the build time from 40 to 20 minutes by ${monthDay(due[1])}`,
		  kind: 'numeric', direction: 'decrease', start: 40, target: 20,
		  unit: 'min', due: due[1], weight: 1 },
		{ title: `Reach 90% test coverage, from 60%, by ${monthDay(due[2])}`,
		  kind: 'percent', direction: 'increase', start: 60, target: 90,
		  unit: '%', due: due[2], weight: 2 },
	];
	for (const [i, k] of state.krs.entries()) {
		const n = i + 1;
		if (pathOf(zw.url()) !== state.objPage)
			await go(zw, state.objPage);
		const r = await follow(zw, `${BASE}/edit/kr/new?objective=${state.oid}`);
		const action = `${BASE}/edit/kr/new`;
		need(`2: KR ${n}: "Add key result" opens the KR form (200)`, r.status() === 200 &&
		    await zw.locator(`form[action="${action}"] input[name=title]`).count() === 1,
		    `status ${r.status()} at ${zw.url()}`);
		if (n === 1)
			eq('2: the KR form proposes the cycle\'s end as due date',
			    await zw.inputValue('input[name=due]'), state.cycleEnd);
		// "current" is left as the form shows it: a user sets where the
		// KR starts, not where it is.
		await zw.fill('input[name=title]', k.title);
		await zw.selectOption('select[name=kind]', k.kind);
		await zw.selectOption('select[name=direction]', k.direction);
		await zw.fill('input[name=start]', String(k.start));
		await zw.fill('input[name=target]', String(k.target));
		await zw.fill('input[name="unit-label"]', k.unit);
		await zw.fill('input[name=due]', k.due);
		await zw.fill('input[name=weight]', String(k.weight));
		const s = await submit(zw, action);
		if (!posted(`2: KR ${n}: saving answers 303`, s))
			throw new Stop();
		eq(`2: KR ${n}: ... and lands back on the objective page`, pathOf(s.url), state.objPage);
		const row = zw.locator('tbody.kr', { has: zw.locator('th.kr-title', { hasText: k.title }) });
		need(`2: KR ${n}: "${k.title}" is shown on the objective page`, await row.count() === 1);
		k.id = (await row.getAttribute('id')).replace(/^kr-/, '');
	}
	// What the page shows of each new KR.
	for (const [i, k] of state.krs.entries()) {
		const row = zw.locator(`tbody#kr-${k.id}`);
		const got = {
			start: await text(row.locator('td.kr-progress .start')),
			target: await text(row.locator('td.kr-progress .target')),
			due: await row.locator('td.due time').getAttribute('datetime'),
			weight: await text(row.locator('td.num').first()),
			hints: await row.locator('p.hint').count(),
		};
		eq(`2: KR ${i + 1}: start, target, due, weight as typed, no method hint`, JSON.stringify(got),
		    JSON.stringify({ start: String(k.start), target: String(k.target), due: k.due,
		    weight: String(k.weight), hints: 0 }));
		const current = await text(row.locator('td.kr-progress .current'));
		eq(`2: KR ${i + 1}: a new KR whose current value was left as the form proposed starts at its start value`,
		    current, String(k.start));
		// Step 3 computes from what is stored, whatever it is.
		k.current = Number(current);
	}
	eq('2: the objective shows its three KRs', await zw.locator('article.objective tbody.kr').count(), 3);
	check('2: no method hint on the objective (3 KRs, each with a number and a date)',
	    await zw.locator('article.objective p.hint').count() === 0,
	    await zw.locator('article.objective p.hint').allTextContents());
	state.before = await text(zw.locator('article.objective header.o-head .score'));
	eq('2: with no check-in yet the objective scores 0.00', state.before, '0.00');
}

async function step3(zw) {
	const action = `${BASE}/edit/checkin/${state.oid}`;
	need('3: the objective page has one check-in form', await zw.locator(`form[action="${action}"]`).count() === 1);
	const form = zw.locator(`form[action="${action}"]`);
	eq('3: ... with a row for each of its KRs', await form.locator('input[name=kr]').count(), 3);
	const ins = [
		{ k: state.krs[0], value: 34, confidence: '0.8', note: 'Two teams moved to trunk-based deploys' },
		{ k: state.krs[1], value: 30, confidence: '0.6', note: 'Remote build cache on' },
	];
	for (const c of ins) {
		const row = form.locator('fieldset', { has: zw.locator(`input[name=kr][value="${c.k.id}"]`) });
		await row.locator('input[name=value]').fill(String(c.value));
		await row.locator('select[name=confidence]').selectOption(c.confidence);
		await row.locator('input[name=note]').fill(c.note);
	}
	const s = await submit(zw, action);
	if (!posted('3: the check-in answers 303', s))
		throw new Stop();
	eq('3: ... and lands back on the objective page', pathOf(s.url), state.objPage);
	for (const c of ins)
		c.k.current = c.value;
	const want = shown(objectiveScore(state.krs));
	const got = await text(zw.locator('article.objective header.o-head .score'));
	check(`3: the objective's score changes from ${state.before} to ${want} (weighted mean of the KR scores)`,
	    got === want && got !== state.before, `want: ${want}`, `got:  ${got}`);
	for (const [i, k] of state.krs.entries()) {
		const row = zw.locator(`tbody#kr-${k.id}`);
		eq(`3: KR ${i + 1}: current ${k.current}, score ${shown(krScore(k))}`,
		    `${await text(row.locator('td.kr-progress .current'))} ${await text(row.locator('td.kr-score .score'))}`,
		    `${k.current} ${shown(krScore(k))}`);
	}
	for (const c of ins)
		check(`3: the check-in of "${c.k.title}" is listed with its note and confidence`,
		    await zw.locator(`tbody#kr-${c.k.id} table.checkins tr`, { hasText: c.note })
		    .filter({ hasText: c.confidence }).count() === 1);
}

async function step4(browser, zw) {
	const k = state.krs[0];
	const edit = `${BASE}/edit/kr/${k.id}`;
	const ad = await signIn(browser, 'admin');
	await go(ad, state.objPage);
	if (pathOf(zw.url()) !== state.objPage)
		await go(zw, state.objPage);
	for (const [who, p] of [['zhangwei', zw], ['admin', ad]]) {
		const r = await follow(p, edit);
		need(`4: ${who} opens the edit form of KR 1 from the objective page (200)`,
		    r.status() === 200 && await p.inputValue('input[name=title]') === k.title,
		    `status ${r.status()} at ${p.url()}`);
	}
	const first = `Raise deploys per week from 10 to 60 by ${monthDay(k.due)}`;
	const second = `Raise deploys per week from 10 to 55 by ${monthDay(k.due)}`;
	await zw.fill('input[name=title]', first);
	let s = await submit(zw, edit);
	if (!posted('4: zhangwei saves a new title: 303', s))
		throw new Stop();
	eq('4: ... back on the objective page', pathOf(s.url), state.objPage);
	check('4: ... which shows his title', await zw.locator(`tbody#kr-${k.id} th.kr-title`, { hasText: first }).count() === 1);

	await ad.fill('input[name=title]', second);
	expected.add(`409 ${ORIGIN}${edit}`);
	s = await submit(ad, edit);
	check('4: admin then saves the stale form: 409 conflict page', s.status === 409,
	    `want: 409`, `got:  ${s.status} at ${s.url}`, s.sent, s.page);
	eq('4: ... on the same form, not redirected', `${s.method} ${pathOf(s.url)}`, `POST ${edit}`);
	check('4: ... showing the catalog\'s conflict message',
	    await ad.locator('form.edit .form-message', { hasText: msg('form.conflict') }).count() === 1,
	    `want: ${msg('form.conflict')}`, `got:  ${await ad.locator('form.edit .form-message').allTextContents()}`);
	eq('4: ... with admin\'s own title still in the title input', await ad.inputValue('input[name=title]'), second);
	eq(`4: ... and zhangwei's title beside it as "${msg('form.current')}"`,
	    `${await text(ad.locator('.field-title .field-current .label'))} ${await text(ad.locator('.field-title .field-current .current-value'))}`,
	    `${msg('form.current')} ${first}`);
	s = await submit(ad, edit);
	posted('4: admin saves again from the conflict page: 303', s);
	eq('4: ... back on the objective page', pathOf(s.url), state.objPage);
	check('4: ... which now shows admin\'s title',
	    await ad.locator(`tbody#kr-${k.id} th.kr-title`, { hasText: second }).count() === 1 &&
	    await ad.locator(`tbody#kr-${k.id} th.kr-title`, { hasText: first }).count() === 0);
	k.title = second;
	await go(zw, state.objPage);
	check('4: zhangwei reloading the objective sees admin\'s title',
	    await zw.locator(`tbody#kr-${k.id} th.kr-title`, { hasText: second }).count() === 1);
	await ad.context().close();
}

async function main() {
	console.log(`# browser: ${CHROMIUM}, app: ${URL_}`);
	if (!(browser = await launch()))
		return;
	ok(`Chromium ${browser.version()} starts`);
	const zw = await signIn(browser, 'zhangwei');
	await steps([['1 (new objective)', () => step1(zw)], ['2 (three KRs)', () => step2(zw)],
	    ['3 (check-in)', () => step3(zw)], ['4 (conflict)', () => step4(browser, zw)]], zw);

	// 5. No script anywhere, CSP on every page, no complaint by the browser.
	pageChecks(5);

	// 6. For humans.
	if (state.objPage) {
		try {
			if (pathOf(zw.url()) !== state.objPage)
				await go(zw, state.objPage);
			fs.mkdirSync(path.dirname(SHOT), { recursive: true });
			await zw.screenshot({ path: SHOT, fullPage: true, timeout: WAIT });
			check(`6: screenshot of the objective page in ${SHOT}`, fs.statSync(SHOT).size > 1000);
		} catch (e) {
			fail(`6: screenshot of the objective page in ${SHOT}`, e.message);
		}
	}
}

await run(main, () => browser, t0);
