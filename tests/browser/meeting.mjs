// tests/browser/meeting.mjs: a whole review meeting of Mubiao in a real
// browser (Debian's Chromium driven by playwright-core), JavaScript off,
// locale en-US.
//
//   MUBIAO_URL=http://127.0.0.1:PORT/okr MUBIAO_RESULTS=FILE node tests/browser/meeting.mjs
//
// Run by tests/t0910-browser-meeting.sh; the helpers are lib.mjs's.
// Every assertion prints "ok - ..." or "not ok - ..." and appends "ok" or
// "fail" to $MUBIAO_RESULTS.  Optional: MUBIAO_SHOTS (the screenshot goes
// to $MUBIAO_SHOTS/browser-meeting.png), MUBIAO_CHROMIUM,
// MUBIAO_BROWSER_BUDGET (seconds for the whole run, default 60).
//
// 1. zhangwei (lead of 研发部) opens his unit page, follows "Meetings" to
//    the unit's calendar and plans a review meeting for today (kind,
//    date, title): he lands on the meeting page, planned.
// 2. opens it ("Open the meeting"): in progress, with the board.
// 3. takes attendance: two people checked and saved show as present.
// 4. checks in two KRs of one objective through the board's check-in
//    form: back on the meeting page, the board shows the new current
//    values, KR scores and the objective's score computed here.
// 5. adds an action item (title, owner, due this week, the KR it serves):
//    it is listed in quadrant 3, "this week".
// 6. closes the meeting: the frozen note, no form on the page for the
//    meeting, the board as it stood (check-ins, action item), attendance
//    read-only; a form left open in another tab before the close is
//    refused (409).
// 7. admin, in a second browser context, checks in on the same KR from
//    the objective page: the objective page moves, the closed meeting's
//    board (zhangwei's and admin's) still shows the old values; the
//    calendar lists the meeting closed and today as the last review.
// 8. no page has a script, every page sends its CSP, and the browser
//    reports no console error, CSP violation or failed request.
// 9. a screenshot of the frozen board.
import fs from 'node:fs';
import path from 'node:path';
import {
	BASE, CHROMIUM, ORIGIN, Stop, URL_, WAIT, SHOTS, bound, check, eq, expected, fail,
	follow, go, krScore, launch, msg, need, objectiveScore, ok, pageChecks, pathOf,
	forgive, posted, run, shown, signIn, steps, submit, text, watch,
} from './lib.mjs';

const SHOT = path.join(SHOTS, 'browser-meeting.png');
bound(60);

const stamp = new Date().toISOString().replace(/\D/g, '').slice(4, 14);
// The server's day is UTC (okr_today), so is this one.
const today = new Date().toISOString().slice(0, 10);
const state = {};	// what a step hands the next
let browser;
const t0 = Date.now();

// The demo's 研发部 (cgi/demo.c): its lead, the leads and members of its
// two teams; the whole department is asked to its meetings.
const DEPT_PEOPLE = ['zhangwei', 'lina', 'zhaolei', 'wangfang', 'liuyang', 'sunli', 'huangqiang'];
// Its objective in the demo, preferred for the check-in when on the board.
const DEMO_OBJECTIVE = '打造稳如磐石的平台，让研发跑得更快';

const num = (s) => Number(String(s).replace(/,/g, ''));
const round2 = (x) => Math.round(x * 100) / 100;

// What a KR row (tbody.kr of an objective card) shows.
async function krOf(row) {
	const k = { id: (await row.getAttribute('id')).replace(/^kr-/, '') };
	k.title = ((await row.locator('th.kr-title').first().evaluate((e) => e.firstChild?.textContent || '')) || '').trim();
	if (await row.locator('td.kr-progress .milestone').count() > 0) {
		k.kind = 'milestone';
		k.current = await row.locator('td.kr-progress .milestone.done').count() > 0 ? 1 : 0;
		k.start = 0;
		k.target = 1;
		k.direction = 'increase';
	} else {
		k.kind = 'numeric';
		k.start = num(await text(row.locator('td.kr-progress .start')));
		k.target = num(await text(row.locator('td.kr-progress .target')));
		k.current = num(await text(row.locator('td.kr-progress .current')));
		k.direction = (await row.locator('td.kr-progress .dir').getAttribute('class')).includes('dir-decrease') ?
		    'decrease' : 'increase';
	}
	k.weight = num(await text(row.locator('td.num').first()));
	return k;
}

// What the board shows: each objective's score, each KR's current value
// and score, quadrant 2, quadrant 3's items; to compare before and after.
async function boardState(p) {
	const b = p.locator('section#board');
	const objectives = [];
	for (const card of await b.locator('section.q1 article.objective').all()) {
		const krs = [];
		for (const row of await card.locator('tbody.kr').all())
			krs.push(`${(await row.getAttribute('id'))} ${await text(row.locator('td.kr-progress'))
			    .then((s) => s.replace(/\s+/g, ' '))} ${await text(row.locator('td.kr-score .score'))}`);
		objectives.push({ id: await card.getAttribute('id'),
		    score: await text(card.locator('header.o-head .score')), krs });
	}
	return {
		objectives,
		status: await text(b.locator('section.q2 .status-big')),
		mean: await text(b.locator('section.q2 dl.gauges .score').last()),
		week: (await b.locator('section.q3 li.action-item').allTextContents())
		    .map((s) => s.replace(/\s+/g, ' ').trim()),
	};
}

// Opens a <details> (the forms fold into one) by its summary, no script.
async function unfold(p, cls) {
	const d = p.locator(`details.${cls}`).first();
	if (await d.getAttribute('open') === null)
		await d.locator(':scope > summary').click();
}

// The meeting page's state badge.
const badge = async (p) => text(p.locator('header.meeting-head .title-row .badge[class*="mstate-"]'));

async function step1(zw) {
	// His page, then his unit, then the unit's meetings.
	let r = await go(zw, `${BASE}/person/zhangwei`);
	need('1: zhangwei opens his page (200)', r.status() === 200, `status ${r.status()}`);
	const unitLink = zw.locator(`header.page-head dl.meta a[href^="${BASE}/unit/"]`);
	need('1: his page links his unit', await unitLink.count() === 1);
	state.unitName = await text(unitLink);
	const unitHref = await unitLink.getAttribute('href');
	state.unitId = unitHref.match(/\/unit\/(\d+)/)[1];
	r = await follow(zw, unitHref);
	need(`1: his unit page (${state.unitName}) opens (200)`, r.status() === 200, `status ${r.status()}`);
	const cal = zw.locator(`a.meetings-link[href^="${BASE}/meet/unit/${state.unitId}"]`);
	need(`1: the unit page links the unit's meeting calendar (${BASE}/meet/unit/${state.unitId})`,
	    await cal.count() === 1, `links: ${await zw.locator('a.meetings-link').evaluateAll((a) => a.map((e) => e.href))}`);
	r = await follow(zw, await cal.getAttribute('href'));
	state.calendar = pathOf(zw.url());
	need('1: the calendar opens (200)', r.status() === 200 &&
	    state.calendar.startsWith(`${BASE}/meet/unit/${state.unitId}`), `status ${r.status()} at ${zw.url()}`);
	check('1: ... titled with the unit',
	    (await text(zw.locator('main h1'))).includes(state.unitName), await text(zw.locator('main h1')));
	if (await zw.locator('p.last-review time').count() === 0)
		check('1: ... which, with no review meeting yet, says so and flags the unit',
		    await zw.locator('p.last-review', { hasText: msg('meeting.no-review') }).count() === 1 &&
		    await zw.locator('p.overdue', { hasText: msg('meeting.review-overdue') }).count() === 1);
	else
		console.log(`# the calendar already has a review: ${await text(zw.locator('p.last-review'))}`);

	// "Plan a meeting": a <details>, opened by its summary (no script).
	const action = `${BASE}/meet/new`;
	const form = zw.locator(`form[action="${action}"]`);
	need('1: the lead is offered the "plan a meeting" form', await form.count() === 1);
	const plan = async (objective) => {
		await unfold(zw, 'plan-form');
		await form.locator('select[name=kind]').selectOption('review');
		await form.locator('input[name=due]').fill(today);
		await form.locator('input[name=title]').fill(state.title);
		if (objective)
			await form.locator('select[name=objective]').selectOption(objective);
		return submit(zw, action);
	};
	await unfold(zw, 'plan-form');
	eq('1: ... whose kind proposes a review meeting', await form.locator('select[name=kind]').inputValue(), 'review');
	eq(`1: ... and "${msg('meeting.whole-unit')}" as its objective`,
	    await form.locator('select[name=objective]').inputValue(), '');
	state.title = `Weekly review ${stamp}`;
	let s = await plan(null);
	if (!posted('1: planning a review meeting of the whole unit for today answers 303', s)) {
		if (s.post !== 400)
			throw new Stop();
		// Go on with the meeting of one objective, so the rest still runs.
		forgive(400, s.url);
		await go(zw, state.calendar);
		const opts = await form.locator('select[name=objective] option').evaluateAll(
		    (a) => a.map((o) => ({ value: o.value, label: o.textContent.trim() })).filter((o) => o.value));
		const o = opts.find((x) => x.label === DEMO_OBJECTIVE) || opts[0];
		need('1: (the form offers an objective of the unit to plan it for instead)', o !== undefined);
		s = await plan(o.value);
		need(`1: (planned for "${o.label}" instead, the meeting is made: 303)`, s.post === 303,
		    `got:  ${s.post} at ${s.url}`, s.page);
		console.log('#   the rest of the flow runs on a meeting of that one objective');
	}
	const m = pathOf(s.url).match(new RegExp(`^${BASE}/meet/(\\d+)$`));
	need('1: ... and lands on the new meeting\'s page', s.status === 200 && m !== null, `${s.status} at ${s.url}`);
	state.mid = m[1];
	state.meetPage = `${BASE}/meet/${state.mid}`;
	eq('1: the meeting page shows its title', await text(zw.locator('main h1')), state.title);
	eq('1: ... the kind', await text(zw.locator('header.meeting-head .badge.mtype-review')), msg('meeting.type.review'));
	eq('1: ... today\'s date', await zw.locator('header.meeting-head dl.meta time').getAttribute('datetime'), today);
	eq('1: ... and the state planned', await badge(zw), msg('meeting.state.planned'));
	check('1: a planned meeting offers "Open the meeting", not "Close"',
	    await zw.locator(`form[action="${state.meetPage}/open"]`).count() === 1 &&
	    await zw.locator(`form[action="${state.meetPage}/close"]`).count() === 0);
}

async function step2(zw) {
	const s = await submit(zw, `${state.meetPage}/open`);
	if (!posted('2: "Open the meeting" answers 303', s))
		throw new Stop();
	eq('2: ... back on the meeting page', pathOf(s.url), state.meetPage);
	eq('2: the meeting is in progress', await badge(zw), msg('meeting.state.open'));
	check('2: ... offering "Close the meeting", no longer "Open"',
	    await zw.locator(`form[action="${state.meetPage}/close"]`).count() === 1 &&
	    await zw.locator(`form[action="${state.meetPage}/open"]`).count() === 0);
	eq('2: the review board shows its four quadrants',
	    await zw.locator('section#board .quadrants > section.quadrant').count(), 4);
}

async function step3(zw) {
	// Attendance is part of the minutes form (saving one keeps the other).
	const action = `${state.meetPage}/minutes`;
	const form = zw.locator(`form[action="${action}"]`);
	need('3: the lead is offered the attendance form', await form.count() === 1);
	const logins = await form.locator('input[name=login]').evaluateAll((a) => a.map((e) => e.value));
	const missing = DEPT_PEOPLE.filter((l) => !logins.includes(l));
	check('3: ... listing the department, its teams and its lead', missing.length === 0,
	    `missing: ${missing.join(' ')}`, `listed: ${logins.join(' ')}`);
	check('3: ... nobody present yet',
	    await form.locator('input[name=login]:checked').count() === 0);
	const other = logins.includes('lina') ? 'lina' : logins.find((l) => l !== 'zhangwei');
	need('3: there are two people to check', logins.includes('zhangwei') && other !== undefined);
	state.present = ['zhangwei', other];
	state.names = {};
	for (const l of state.present)
		state.names[l] = (await form.locator('label', { has: zw.locator(`input[value="${l}"]`) })
		    .first().innerText()).trim();
	state.people = logins.length;
	for (const l of state.present)
		await form.locator(`input[name=login][value="${l}"]`).check();
	const s = await submit(zw, action);
	if (!posted(`3: saving the attendance of ${state.present.join(' and ')} answers 303`, s))
		throw new Stop();
	eq('3: ... back on the meeting page', pathOf(s.url), state.meetPage);
	const checked = await zw.locator(`form[action="${action}"] input[name=login]:checked`)
	    .evaluateAll((a) => a.map((e) => e.value));
	eq('3: exactly those two are checked as present', checked.sort().join(' '), [...state.present].sort().join(' '));
	eq('3: the count says so', (await text(zw.locator('section.attendance h2 .count'))).replace(/\s+/g, ' '),
	    `${msg('meeting.present')} 2 / ${state.people}`);
}

async function step4(zw) {
	// The objective: the demo's, else the first with two numbers to check in.
	const cards = zw.locator('section#board section.q1 article.objective');
	let card = null;
	const all = await cards.all();
	need('4: quadrant 1 shows the unit\'s objectives', all.length > 0);
	for (const c of all) {
		const n = await c.locator('form.checkin input[name=value][type=text]').count();
		const title = await text(c.locator('.o-title'));
		if (n >= 2 && (title === DEMO_OBJECTIVE || card === null))
			card = c;
	}
	need('4: an objective on the board has a check-in form with two numeric KRs', card !== null);
	state.oid = (await card.getAttribute('id')).replace(/^o-/, '');
	state.objTitle = await text(card.locator('.o-title'));
	state.objPage = `${BASE}/objective/${state.oid}`;
	console.log(`# checking in on "${state.objTitle}" (${state.objPage})`);
	card = zw.locator(`section#board article#o-${state.oid}`);
	const krs = [];
	for (const row of await card.locator('tbody.kr').all())
		krs.push(await krOf(row));
	const before = await text(card.locator('header.o-head .score'));
	eq('4: the board shows the objective\'s score as computed from its KRs', before, shown(objectiveScore(krs)));

	const action = `${BASE}/edit/checkin/${state.oid}`;
	const form = card.locator(`form[action="${action}"]`);
	eq('4: ... and its check-in form comes back to the meeting',
	    await form.locator('input[name=back]').inputValue(), state.meetPage);
	await unfold(card, 'checkin-form');
	const rows = await form.locator('fieldset', { has: zw.locator('input[name=value][type=text]') }).all();
	state.ins = [];
	for (const [i, row] of rows.slice(0, 2).entries()) {
		const id = await row.locator('input[name=kr]').inputValue();
		const k = krs.find((x) => x.id === id);
		// Most of the way to the target, never where it already is.
		let f = i === 0 ? 0.9 : 0.6, v;
		for (let n = 0; (v = round2(k.start + f * (k.target - k.start))) === k.current && n < 4; n++)
			f -= 0.05;
		if (v === k.current)	// start = target: a step past it
			v = round2(k.current + 1);
		await row.locator('input[name=value]').fill(String(v));
		await row.locator('select[name=confidence]').selectOption('0.7');
		await row.locator('input[name=note]').fill(`Checked in on the review board (${stamp})`);
		state.ins.push({ k, value: v, was: k.current });
	}
	need('4: the form has rows for two numeric KRs', state.ins.length === 2);
	const s = await submit(zw, form);
	if (!posted('4: the board\'s check-in answers 303', s))
		throw new Stop();
	eq('4: ... and lands back on the meeting page', pathOf(s.url), state.meetPage);
	for (const c of state.ins)
		c.k.current = c.value;
	for (const [i, c] of state.ins.entries()) {
		const row = card.locator(`tbody#kr-${c.k.id}`);
		eq(`4: KR ${i + 1} on the board: current ${c.was} -> ${c.value}, score ${shown(krScore(c.k))}`,
		    `${num(await text(row.locator('td.kr-progress .current')))} ${await text(row.locator('td.kr-score .score'))}`,
		    `${c.value} ${shown(krScore(c.k))}`);
	}
	const want = shown(objectiveScore(krs));
	const got = await text(card.locator('header.o-head .score'));
	check(`4: the objective's score on the board goes from ${before} to ${want} (weighted mean)`,
	    got === want && (want === before || got !== before), `want: ${want}`, `got:  ${got}`);
	// Quadrant 2's mean is the mean of the objectives' (unrounded) scores.
	const scores = (await zw.locator('section#board section.q1 article.objective header.o-head .score')
	    .allTextContents()).map(num);
	const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
	const q2 = num(await text(zw.locator('section#board section.q2 dl.gauges .score').last()));
	check(`4: quadrant 2's mean score (${q2}) is the mean of the board's objectives' scores (${scores.length})`,
	    Math.abs(q2 - mean) <= 0.011, `objective scores: ${scores.join(' ')}, mean ${mean.toFixed(4)}`);
	state.krs = krs;
}

async function step5(zw) {
	const week = await zw.locator('section#board section.q3 p.dates time').evaluateAll(
	    (a) => a.map((e) => e.getAttribute('datetime')));
	check(`5: quadrant 3 is this week (${week.join(' – ')}), today included`,
	    week.length === 2 && week[0] <= today && today <= week[1]);
	const action = `${state.meetPage}/action`;
	const form = zw.locator(`form[action="${action}"]`);
	need('5: the board offers the "add an action item" form', await form.count() === 1);
	await unfold(zw, 'action-form');
	const k = state.ins[0].k;
	state.item = { title: `Pair on the slowest build step (${stamp})`, owner: state.present[1],
	    due: week[1] || today, kr: null };
	const add = async (kr) => {
		await form.locator('input[name=title]').fill(state.item.title);
		await form.locator('select[name=owner]').selectOption(state.item.owner);
		await form.locator('input[name=due]').fill(state.item.due);
		if (kr)
			await form.locator('select[name=kr]').selectOption(kr);
		return submit(zw, action);
	};
	// Title, owner, due date; the KR left at "(none)".
	let s = await add(null);
	if (!posted('5: adding the action item (title, owner, due this week, no KR) answers 303', s)) {
		if (s.post !== 400)
			throw new Stop();
		// Go on with the KR chosen, so the rest still runs.
		forgive(400, s.url);
		await go(zw, state.meetPage);
		await unfold(zw, 'action-form');
		s = await add(k.id);
		need(`5: (added with its KR chosen instead: 303)`, s.post === 303, `got:  ${s.post} at ${s.url}`, s.page);
		state.item.kr = k.id;
		console.log('#   the item serves a KR from here on');
	}
	eq('5: ... back on the meeting page', pathOf(s.url), state.meetPage);
	const li = zw.locator('section#board section.q3 li.action-item', { hasText: state.item.title });
	need('5: the item is listed in quadrant 3, this week', await li.count() === 1,
	    `quadrant 3: ${(await zw.locator('section#board section.q3').innerText()).replace(/\s+/g, ' ')}`);
	state.itemId = (await li.getAttribute('id')).replace(/^a-/, '');
	eq(`5: ... with its owner, due date${state.item.kr ? ' and KR' : ', no KR'}`,
	    JSON.stringify({
		owner: await text(li.locator('.a-meta a[href*="/person/"]')),
		due: await li.locator('.a-meta time').getAttribute('datetime'),
		kr: await li.locator(state.item.kr ? `.kr-ref a[href="#kr-${state.item.kr}"]` : '.kr-ref').count(),
	    }), JSON.stringify({ owner: state.names[state.item.owner], due: state.item.due, kr: state.item.kr ? 1 : 0 }));
	check('5: ... open, with its "Mark done" button',
	    await li.locator(`form[action="${BASE}/meet/action/${state.itemId}/done"]`).count() === 1);
	eq('5: ... and not in quadrant 4',
	    await zw.locator('section#board section.q4 li.action-item', { hasText: state.item.title }).count(), 0);
}

async function step6(zw) {
	// A second tab of the meeting in progress, to send a stale form later.
	const stale = await zw.context().newPage();
	watch(stale, 'zhangwei (second tab)');
	await go(stale, state.meetPage);
	state.open = await boardState(zw);
	const s = await submit(zw, `${state.meetPage}/close`);
	if (!posted('6: "Close the meeting" answers 303', s))
		throw new Stop();
	eq('6: ... back on the meeting page', pathOf(s.url), state.meetPage);
	eq('6: the meeting is closed', await badge(zw), msg('meeting.state.closed'));
	eq('6: the page says it is frozen', await text(zw.locator('header.meeting-head p.frozen')), msg('meeting.frozen'));
	const forms = await zw.locator('form').evaluateAll((a) => a.map((f) =>
	    `${f.className} ${f.method} ${f.getAttribute('action')}`));
	check('6: no form on the page for the meeting (only the nav\'s cycle switcher, a GET)',
	    forms.every((f) => /^cycle-switch get /.test(f)) && await zw.locator('main form').count() === 0,
	    ...forms);
	check('6: no button, check-in, "Mark done" or edit link in the page\'s content',
	    await zw.locator('main button, main details, main a.edit-link').count() === 0,
	    await zw.locator('main button, main details, main a.edit-link').allTextContents());
	const frozen = await boardState(zw);
	eq('6: the frozen board shows the check-ins, scores and status as they stood',
	    JSON.stringify({ ...frozen, week: undefined }), JSON.stringify({ ...state.open, week: undefined }));
	for (const c of state.ins)
		eq(`6: ... KR "${c.k.title}" at ${c.value}`,
		    num(await text(zw.locator(`section#board tbody#kr-${c.k.id} td.kr-progress .current`))), c.value);
	const li = zw.locator(`section#board section.q3 li#a-${state.itemId}`);
	check('6: ... and the action item in quadrant 3, without its button',
	    await li.count() === 1 && (await text(li.locator('.a-title'))) === state.item.title &&
	    await li.locator('form, button').count() === 0);
	const present = await zw.locator('section.attendance li.present a[href*="/person/"]').evaluateAll(
	    (a) => a.map((e) => decodeURIComponent(e.getAttribute('href').replace(/.*\/person\//, ''))));
	eq('6: the attendance, read-only, shows the two as present', present.sort().join(' '),
	    [...state.present].sort().join(' '));
	eq('6: ... the others absent', await zw.locator('section.attendance li.absent').count(), state.people - 2);
	state.frozen = frozen;

	// The tab left open before the close: its action form is refused.
	const action = `${state.meetPage}/action`;
	expected.add(`409 ${ORIGIN}${action}`);
	await unfold(stale, 'action-form');
	const f = stale.locator(`form[action="${action}"]`);
	await f.locator('input[name=title]').fill(`Too late (${stamp})`);
	await f.locator('input[name=due]').fill(today);
	await f.locator('select[name=kr]').selectOption(state.ins[0].k.id);
	const t = await submit(stale, action);
	check('6: an action item sent from a tab opened before the close is refused: 409', t.status === 409,
	    `want: 409`, `got:  ${t.status} at ${t.url}`, t.page);
	check('6: ... saying the meeting is closed',
	    await stale.locator('main', { hasText: msg('err.meeting.closed') }).count() === 1, t.page);
	await stale.close();
	await go(zw, state.meetPage);
	eq('6: ... and the closed meeting has not changed', JSON.stringify(await boardState(zw)),
	    JSON.stringify(state.frozen));
}

async function step7(zw) {
	// admin, in a context of his own, from the objective page.
	const ad = await signIn(browser, 'admin');
	state.admin = ad;
	const c = state.ins[0];
	let r = await go(ad, state.objPage);
	need('7: admin opens the objective page (200)', r.status() === 200, `status ${r.status()}`);
	const action = `${BASE}/edit/checkin/${state.oid}`;
	const form = ad.locator(`form[action="${action}"]`);
	need('7: ... which has its check-in form', await form.count() === 1);
	let f = 0.3, v;
	for (let n = 0; (v = round2(c.k.start + f * (c.k.target - c.k.start))) === c.value && n < 4; n++)
		f += 0.05;
	if (v === c.value)
		v = round2(c.value - 1);
	const row = form.locator('fieldset', { has: ad.locator(`input[name=kr][value="${c.k.id}"]`) });
	await row.locator('input[name=value]').fill(String(v));
	await row.locator('input[name=note]').fill(`Checked in after the meeting (${stamp})`);
	const s = await submit(ad, action);
	if (!posted(`7: admin's later check-in on "${c.k.title}" (${v}) answers 303`, s))
		throw new Stop();
	eq('7: ... back on the objective page', pathOf(s.url), state.objPage);
	eq('7: the objective page shows the new value',
	    num(await text(ad.locator(`tbody#kr-${c.k.id} td.kr-progress .current`))), v);
	const objNow = await text(ad.locator('article.objective header.o-head .score'));
	console.log(`# the objective now scores ${objNow}; the meeting froze ${
	    state.frozen.objectives.find((o) => o.id === `o-${state.oid}`)?.score}`);

	for (const [who, p] of [['zhangwei', zw], ['admin', ad]]) {
		r = await go(p, state.meetPage);
		need(`7: ${who} opens the closed meeting (200)`, r.status() === 200, `status ${r.status()}`);
		eq(`7: ... whose board still shows ${c.value}, not ${v} (frozen)`,
		    num(await text(p.locator(`section#board tbody#kr-${c.k.id} td.kr-progress .current`))), c.value);
		eq(`7: ... and everything else as it was at the close`, JSON.stringify(await boardState(p)),
		    JSON.stringify(state.frozen));
		eq(`7: ... with no form in the content for ${who}`, await p.locator('main form').count(), 0);
	}

	// The calendar: closed, and today the last review.
	r = await go(zw, state.calendar);
	need('7: zhangwei opens the calendar again (200)', r.status() === 200, `status ${r.status()}`);
	const tr = zw.locator('table.meetings tr.meeting', { has: zw.locator(`a[href="${state.meetPage}"]`) });
	check('7: it lists the meeting, closed, as a review of today',
	    await tr.count() === 1 && await tr.locator('.badge.mstate-closed').count() === 1 &&
	    await tr.locator('.badge.mtype-review').count() === 1 &&
	    await tr.locator('td.due time').getAttribute('datetime') === today,
	    await tr.count() ? (await tr.innerText()).replace(/\s+/g, ' ') : 'not listed');
	check('7: ... gives today as the last review, and no longer flags the unit',
	    await zw.locator('p.last-review time').getAttribute('datetime').catch(() => null) === today &&
	    await zw.locator('p.overdue').count() === 0,
	    (await text(zw.locator('p.last-review'))).replace(/\s+/g, ' '));
}

async function main() {
	console.log(`# browser: ${CHROMIUM}, app: ${URL_}`);
	if (!(browser = await launch()))
		return;
	ok(`Chromium ${browser.version()} starts`);
	const zw = await signIn(browser, 'zhangwei');
	await steps([['1 (plan)', () => step1(zw)], ['2 (open)', () => step2(zw)],
	    ['3 (attendance)', () => step3(zw)], ['4 (check-in on the board)', () => step4(zw)],
	    ['5 (action item)', () => step5(zw)], ['6 (close)', () => step6(zw)],
	    ['7 (frozen)', () => step7(zw)]], zw);
	if (state.admin)
		await state.admin.context().close();

	// 8. No script anywhere, CSP on every page, no complaint by the browser.
	pageChecks(8);

	// 9. For humans: the frozen board.
	if (state.frozen) {
		try {
			if (pathOf(zw.url()) !== state.meetPage)
				await go(zw, state.meetPage);
			fs.mkdirSync(path.dirname(SHOT), { recursive: true });
			await zw.locator('section#board').screenshot({ path: SHOT, timeout: WAIT });
			// Said, not asserted: a KR table wider than its quadrant.
			const w = await zw.locator('section#board section.q1 .table-wrap').evaluateAll(
			    (a) => a.map((e) => [e.scrollWidth, e.clientWidth]));
			for (const [sw, cw] of w.filter(([sw, cw]) => sw > cw + 1))
				console.log(`# note: a KR table of quadrant 1 is ${sw} px wide in ${cw} px at 1280 px: ` +
				    'its last columns (confidence, score) need a horizontal scroll');
			check(`9: screenshot of the frozen board in ${SHOT}`, fs.statSync(SHOT).size > 1000);
		} catch (e) {
			fail(`9: screenshot of the frozen board in ${SHOT}`, e.message);
		}
	}
}

await run(main, () => browser, t0);
