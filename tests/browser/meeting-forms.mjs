// tests/browser/meeting-forms.mjs: each form of the meeting pages, sent
// with a bad value in a real browser (Debian's Chromium driven by
// playwright-core), JavaScript on, locale en-US, comes back with every
// value typed still in its fields and the message beside the wrong one.
//
//   MUBIAO_URL=... MUBIAO_RESULTS=FILE MUBIAO_FORMS="UNIT REVIEW MONTHLY ACTION FROM TO OUTSIDE" \
//       node tests/browser/meeting-forms.mjs
//
// Run by tests/t0915-browser-meeting-forms.sh, which makes the meetings
// (open, of unit UNIT, in the cycle FROM – TO; OUTSIDE is a day after it);
// the helpers are lib.mjs's.  MUBIAO_BROWSER_BUDGET bounds the run
// (default 60 s).
//
// As zhangwei, the unit's lead:
// 1. the calendar's plan form: a title of 201 characters.
// 2. the review board's status form: at risk without a reason.
// 3. the review board's action-item form: due after the cycle.
// 4. the attendance and minutes form: a tick and 20,001 characters of
//    minutes.
// 5. the monthly meeting's GROW form: a goal of 2,001 characters.
// 6. the action meeting's deferral form: a reason of 201 characters.
// 7. no console error or failed request but the refusals themselves.
import {
	BASE, CHROMIUM, URL_, bound, check, eq, fail, forgive, go, launch, msg, need, ok, pageChecks,
	run, signIn, steps, submit, text,
} from './lib.mjs';

bound(60);
const [UNIT, REVIEW, MONTHLY, ACTION, FROM, TO, OUTSIDE] = (process.env.MUBIAO_FORMS || '').split(' ');
const today = new Date().toISOString().slice(0, 10);
const stamp = new Date().toISOString().replace(/\D/g, '').slice(4, 14);
const t0 = Date.now();
let browser;

// The refusal answers 400 with the page; the browser's console error for
// it is expected.
async function refused(desc, p, form) {
	const s = await submit(p, form);
	forgive(400, s.url);
	need(`${desc}: 400, the page again`, s.post === 400, `got ${s.post} at ${s.url}`, s.page);
	return s;
}

// The error shown beside control name of form (in its div.field, else
// in the form).
async function beside(form, name) {
	const f = form.locator('div.field', { has: form.page().locator(`[name="${name}"]`) });
	const where = await f.count() > 0 ? f : form;
	return (await where.locator('p.field-error').allTextContents()).join(' ');
}

// The error beside control name of form says what.
async function says(desc, form, name, what) {
	const e = await beside(form, name);
	check(desc, e.includes(what), `error beside ${name}: ${e}`);
}

const long = (c, n) => c.repeat(n);

async function plan(p) {
	await go(p, `${BASE}/meet/unit/${UNIT}`);
	const action = `${BASE}/meet/new`;
	const form = () => p.locator(`form[action="${action}"]`);
	await p.locator('details.plan-form > summary').click();
	const title = long('题', 201);
	await form().locator('select[name=kind]').selectOption('monthly');
	await form().locator('input[name=due]').fill(today);
	await form().locator('input[name=title]').fill(title);
	await refused('1: plan form, a 201-character title', p, action);
	eq('1: ... the title typed is in its field', await form().locator('input[name=title]').inputValue(), title);
	eq('1: ... the kind chosen too', await form().locator('select[name=kind]').inputValue(), 'monthly');
	eq('1: ... the date too', await form().locator('input[name=due]').inputValue(), today);
	await says('1: ... "at most 200 characters" beside the title', form(), 'title', 'At most 200 characters');
}

async function status(p) {
	await go(p, `${BASE}/meet/${REVIEW}`);
	const action = `${BASE}/meet/${REVIEW}/status`;
	const form = () => p.locator(`form[action="${action}"]`);
	await form().locator('select[name=state]').selectOption('at-risk');
	await form().locator('input[name=text]').fill('');
	await refused('2: status form, at risk without a reason', p, action);
	eq('2: ... at risk still chosen', await form().locator('select[name=state]').inputValue(), 'at-risk');
	check(`2: ... "${msg('err.board.reason')}" above the form`,
	    (await text(form().locator('.form-message'))).includes(msg('err.board.reason')));
	await says(`2: ... "${msg('err.field.required')}" beside the reason`, form(), 'text', msg('err.field.required'));
}

async function action(p) {
	await go(p, `${BASE}/meet/${REVIEW}`);
	const act = `${BASE}/meet/${REVIEW}/action`;
	const form = () => p.locator(`form[action="${act}"]`);
	await p.locator('details.action-form > summary').click();
	const title = `t0915 action item ${stamp}`;
	await form().locator('input[name=title]').fill(title);
	await form().locator('select[name=owner]').selectOption('lina');
	await form().locator('input[name=due]').fill(OUTSIDE);
	await refused(`3: action item due ${OUTSIDE}, after the cycle`, p, act);
	eq('3: ... the title typed is in its field', await form().locator('input[name=title]').inputValue(), title);
	eq('3: ... the owner chosen', await form().locator('select[name=owner]').inputValue(), 'lina');
	eq('3: ... the date typed', await form().locator('input[name=due]').inputValue(), OUTSIDE);
	const e = await beside(form(), 'due');
	check(`3: ... the cycle's dates (${FROM} – ${TO}) beside the date`, e.includes(FROM) && e.includes(TO), e);
}

async function minutes(p) {
	await go(p, `${BASE}/meet/${REVIEW}`);
	const act = `${BASE}/meet/${REVIEW}/minutes`;
	const form = () => p.locator(`form[action="${act}"]`);
	const text1 = long('m', 20001);
	await form().locator('input[name=login][value=lina]').check();
	await form().locator('textarea[name=text]').fill(text1);
	await form().locator('textarea[name=note]').fill(`t0915 decisions ${stamp}`);
	await refused('4: minutes of 20,001 characters', p, act);
	eq('4: ... the minutes typed are in their field', (await form().locator('textarea[name=text]').inputValue()).length, 20001);
	eq('4: ... the decisions typed too', await form().locator('textarea[name=note]').inputValue(), `t0915 decisions ${stamp}`);
	check('4: ... lina still ticked present', await form().locator('input[name=login][value=lina]').isChecked());
	await says('4: ... "at most 20,000 characters" beside the minutes', form(), 'text', 'At most 20,000 characters');
}

async function grow(p) {
	await go(p, `${BASE}/meet/${MONTHLY}`);
	const kr = p.locator('section.grow-kr').first();
	need('5: the monthly meeting shows a KR to coach', await kr.count() === 1);
	const id = await kr.getAttribute('id');
	const sec = () => p.locator(`section#${id}`);
	const form = () => sec().locator('form');
	await sec().locator('details.grow-form > summary').click();
	const typed = { goal: long('g', 2001), reality: `reality ${stamp}`, options: `options ${stamp}`,
	    will: `will ${stamp}` };
	for (const [k, v] of Object.entries(typed))
		await form().locator(`textarea[name=${k}]`).fill(v);
	await refused('5: a GROW goal of 2,001 characters', p, form());
	for (const [k, v] of Object.entries(typed))
		eq(`5: ... ${k} as typed`, await form().locator(`textarea[name=${k}]`).inputValue(), v);
	await says('5: ... "at most 2,000 characters" beside the goal', form(), 'goal', 'At most 2,000 characters');
}

async function defer(p) {
	await go(p, `${BASE}/meet/${ACTION}`);
	const f = p.locator('form.defer').first();
	need('6: the action meeting offers to defer a carried KR', await f.count() === 1);
	const kr = await f.locator('input[name=kr]').inputValue();
	const form = () => p.locator('form.defer', { has: p.locator(`input[name=kr][value="${kr}"]`) });
	const reason = long('r', 201);
	await form().locator('input[name=text]').fill(reason);
	await refused('6: a deferral reason of 201 characters', p, form());
	eq('6: ... the reason typed is in its field', await form().locator('input[name=text]').inputValue(), reason);
	await says('6: ... "at most 200 characters" beside it', form(), 'text', 'At most 200 characters');
}

async function main() {
	console.log(`# browser: ${CHROMIUM}, app: ${URL_}`);
	if (!REVIEW || !OUTSIDE) {
		fail('MUBIAO_FORMS names the unit, the meetings and the dates');
		return;
	}
	if (!(browser = await launch()))
		return;
	ok(`Chromium ${browser.version()} starts`);
	const zw = await signIn(browser, 'zhangwei', true);
	await steps([['1 (plan)', () => plan(zw)], ['2 (status)', () => status(zw)],
	    ['3 (action item)', () => action(zw)], ['4 (minutes)', () => minutes(zw)],
	    ['5 (GROW)', () => grow(zw)], ['6 (deferral)', () => defer(zw)]], zw);
	pageChecks(7);
}

await run(main, () => browser, t0);
