// tests/browser/grading.mjs: the quarterly grading of a whole unit in
// one form, and a consensus verdict refused for a bad value, in a real
// browser (Debian's Chromium driven by playwright-core), JavaScript ON,
// locale en-US.  Run by tests/t0916-browser-grading.sh, which prepares:
//
//   GRADE_MEETING    an open quarterly meeting of 研发部, cycle under review
//   GRADE_KRS        its four KRs (space-separated), proposing 0.6 0.3 0.8 0.5
//   VERDICT_MEETING  an open consensus meeting, 陈明 present
//   VERDICT_KR       a KR proposed in it (start 10, target 120)
//
// 1. zhangwei opens the quarterly meeting: ONE grading form, a row per KR
//    pre-filled with its proposed grade.  He changes two grades, gives a
//    reason for one only, and saves: the page comes back (400) with the
//    row without a reason as he typed it and the message beside it; the
//    other rows are saved, marked graded.  He types the reason and saves:
//    he lands on the grading (an anchor), every KR graded.
// 2. chenming revises the proposed KR with a start that is no number: the
//    meeting page comes back (400) with the verdict form as he typed it
//    (revise chosen, title, start, target, note) and the message beside
//    the start.
//    A screenshot of the graded unit: $MUBIAO_SHOTS/browser-grading.png.
// 3. no console error, CSP violation or failed request beyond the two
//    refusals meant.
import fs from 'node:fs';
import path from 'node:path';
import {
	BASE, CHROMIUM, ORIGIN, URL_, bound, check, eq, fail, forgive, launch, msg, need, ok,
	problems, run, signIn, steps, text, WAIT, SHOTS,
} from './lib.mjs';

const SHOT = path.join(SHOTS, 'browser-grading.png');

bound(60);
const t0 = Date.now();
const MQ = process.env.GRADE_MEETING;
const KRS = (process.env.GRADE_KRS || '').trim().split(/\s+/);
const MC = process.env.VERDICT_MEETING;
const CK = process.env.VERDICT_KR;
let browser;

// Clicks a submit button and waits for the page it leads to.
async function press(page, button) {
	const [resp] = await Promise.all([
		page.waitForNavigation({ waitUntil: 'load' }),
		button.click(),
	]);
	const from = resp.request().redirectedFrom();
	return { post: from ? (await from.response())?.status() : resp.status(), url: resp.url() };
}

async function step1(zw) {
	const page = `${BASE}/meet/${MQ}`;
	const r = await zw.goto(ORIGIN + page, { waitUntil: 'load' });
	need('1: zhangwei opens the quarterly meeting (200)', r.status() === 200, `status ${r.status()}`);
	const form = zw.locator(`form[action="${BASE}/meet/${MQ}/grade"]`);
	need('1: one grading form', await form.count() === 1, `${await form.count()} forms`);
	const pre = [];
	for (const k of KRS)
		pre.push(await form.locator(`#grade-${k}`).inputValue());
	eq('1: a row per KR, pre-filled with its proposed grade', pre.join(' '), '0.6 0.3 0.8 0.5');
	// A grade is a table row, not a form of its own: 21 of them fit on a
	// screen or two, not 12,700 px.
	const heights = await form.locator('tr.grade-kr').evaluateAll((a) => a.map((e) => e.offsetHeight));
	check('1: each row is one line of the table (at most 90 px high at 1280 px)',
	    heights.length === KRS.length && heights.every((h) => h <= 90), `heights ${heights}`);
	// Two other grades, a reason for the first only.
	await form.locator(`#grade-${KRS[1]}`).selectOption('0.5');
	await form.locator(`#grade-note-${KRS[1]}`).fill('t0916 口径调整');
	await form.locator(`#grade-${KRS[2]}`).selectOption('0.9');
	forgive(400, ORIGIN + page.replace(/$/, '/grade'));
	let s = await press(zw, form.getByRole('button', { name: msg('grading.save-all') }));
	eq('1: saved without a reason for one row: 400', s.post, 400);
	const row2 = zw.locator(`tr#g-kr-${KRS[2]}`);
	eq('1: ... that row keeps the typed 0.9', await row2.locator(`#grade-${KRS[2]}`).inputValue(), '0.9');
	eq('1: ... with the message beside its reason', await text(row2.locator('td.reason-cell .field-error')),
	    msg('err.grade.reason'));
	for (const k of [KRS[0], KRS[1], KRS[3]])
		check(`1: ... KR ${k} saved, marked graded`,
		    await zw.locator(`tr#g-kr-${k}.graded .graded-mark`).count() === 1);
	await row2.locator(`#grade-note-${KRS[2]}`).fill('t0916 超额');
	s = await press(zw, zw.locator(`form[action="${BASE}/meet/${MQ}/grade"]`)
	    .getByRole('button', { name: msg('grading.save-all') }));
	eq('1: with the reason: 303', s.post, 303);
	check('1: ... landing on the grading, at the row saved', new URL(zw.url()).hash === `#g-kr-${KRS[2]}`,
	    `at ${zw.url()}`);
	eq('1: ... every KR of the unit graded', await zw.locator('tr.grade-kr.graded').count(), KRS.length);
	const grades = [];
	for (const k of KRS)
		grades.push(await zw.locator(`#grade-${k}`).inputValue());
	eq('1: ... with the grades given', grades.join(' '), '0.6 0.5 0.9 0.5');
	const shapes = await zw.locator('tr.grade-kr.graded').evaluateAll((a) => a.map((e) =>
	    `${getComputedStyle(e).display} ${e.offsetHeight <= 90}`));
	check('1: ... each graded row still a row of the table, one line high',
	    shapes.length === KRS.length && shapes.every((x) => x === 'table-row true'), `rows: ${shapes}`);
	try {
		fs.mkdirSync(path.dirname(SHOT), { recursive: true });
		await zw.locator('section#grading').screenshot({ path: SHOT, timeout: WAIT });
		check(`1: screenshot of the graded unit in ${SHOT}`, fs.statSync(SHOT).size > 1000);
	} catch (e) {
		fail(`1: screenshot of the graded unit in ${SHOT}`, e.message);
	}
}

async function step2(cm) {
	const page = `${BASE}/meet/${MC}`;
	const r = await cm.goto(ORIGIN + page, { waitUntil: 'load' });
	need('2: chenming opens the consensus meeting (200)', r.status() === 200, `status ${r.status()}`);
	const li = cm.locator(`li#ck-${CK}`);
	const form = li.locator('form.verdict');
	need('2: the proposed KR has its verdict form', await form.count() === 1);
	if (await li.locator('details.verdict-box[open]').count() === 0)
		await li.locator('details.verdict-box > summary').click();
	eq('2: its start is pre-filled', await form.locator('input[name="start"]').inputValue(), '10');
	await form.locator('input[name="state"][value="revise"]').check();
	await form.locator('input[name="title"]').fill('t0916 修订后的标题');
	await form.locator('input[name="start"]').fill('十');
	await form.locator('input[name="target"]').fill('150');
	await form.locator('input[name="note"]').fill('t0916 理由');
	forgive(400, `${ORIGIN}${page}/verdict`);
	const s = await press(cm, form.locator('button[type=submit]'));
	eq('2: a start that is no number: 400', s.post, 400);
	const back = cm.locator(`li#ck-${CK} form.verdict`);
	check('2: ... revise still chosen', await back.locator('input[name="state"][value="revise"]').isChecked());
	const typed = [];
	for (const n of ['title', 'start', 'target', 'note'])
		typed.push(await back.locator(`input[name="${n}"]`).inputValue());
	eq('2: ... every typed value kept', typed.join('|'), 't0916 修订后的标题|十|150|t0916 理由');
	eq('2: ... the message beside the start',
	    await text(back.locator('input[name="start"] + .field-error')), msg('err.field.number'));
}

async function main() {
	console.log(`# browser: ${CHROMIUM}, app: ${URL_}`);
	if (!MQ || KRS.length !== 4 || !MC || !CK) {
		fail('the data the test needs is prepared', `meeting ${MQ}, KRs ${KRS}, ${MC}, ${CK}`);
		return;
	}
	if (!(browser = await launch()))
		return;
	ok(`Chromium ${browser.version()} starts`);
	const zw = await signIn(browser, 'zhangwei', true);
	const cm = await signIn(browser, 'chenming', true);
	await steps([['1 (grading)', () => step1(zw)]], zw);
	await steps([['2 (verdict)', () => step2(cm)]], cm);
	check('3: no console error, CSP violation, page error or failed request', problems.length === 0,
	    ...problems);
}

await run(main, () => browser, t0);
