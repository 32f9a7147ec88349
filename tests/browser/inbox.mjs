// tests/browser/inbox.mjs: a member walks their inbox to a check-in and
// sees the entry leave, in a real browser (Debian's Chromium driven by
// playwright-core), JavaScript ON, locale en-US.  Run by
// tests/t0918-browser-inbox.sh, which prepares:
//
//   INBOX_USER   a member of 平台组
//   INBOX_KR     a KR they own, last checked in 20 days ago
//   INBOX_OBJ    its objective
//
// 1. From the home page the member follows "Inbox" in the navigation,
//    whose count is the number of entries on the inbox page; the KR is
//    one of them, saying how long it has gone without a check-in.
// 2. Its link lands on the objective page, the check-in form open at
//    that KR's value; the member types a value and saves (303, PRG).
// 3. Back in the inbox through the navigation: the entry has left, and
//    the count is one less.
// 4. No console error, CSP violation or failed request.
import {
	BASE, CHROMIUM, URL_, bound, check, eq, fail, go, launch, need, ok, pathOf,
	posted, problems, run, signIn, steps, submit, text,
} from './lib.mjs';

bound(60);
const t0 = Date.now();
const USER = process.env.INBOX_USER;
const KR = process.env.INBOX_KR;
const OBJ = process.env.INBOX_OBJ;
let browser;

// The navigation's count (0 when it shows none) and the inbox's entries.
async function navCount(page) {
	const n = page.locator('nav a.owed-link .owed-n');
	return await n.count() ? Number(await text(n)) : 0;
}
const entries = async (page) => page.locator('ul.owed-list > li').count();

async function walk(p) {
	const home = await go(p, `${BASE}/`);
	need('1: the member opens the home page (200)', home.status() === 200, `status ${home.status()}`);
	const before = await navCount(p);
	check(`1: the navigation shows the inbox's count (${before})`, before >= 1);
	const [resp] = await Promise.all([
		p.waitForNavigation({ waitUntil: 'load' }),
		p.locator('nav a.owed-link').click(),
	]);
	eq('1: the "Inbox" link leads to the inbox', pathOf(resp.url()), `${BASE}/inbox`);
	eq('1: the count is the number of entries', await entries(p), before);
	const entry = p.locator(`li#owed-kr-${KR}`);
	need('1: the KR without a check-in is listed', await entry.count() === 1);
	// 20 days by the UTC date; 21 where the stack's zone is already a
	// day ahead of UTC.
	check('1: ... saying for how long', /\b2[01] days/.test(await text(entry)), await text(entry));

	await Promise.all([
		p.waitForNavigation({ waitUntil: 'load' }),
		entry.locator('a').first().click(),
	]);
	eq('2: the entry leads to its objective, at the KR in the check-in form',
	    pathOf(p.url()) + new URL(p.url()).hash, `${BASE}/objective/${OBJ}#ci-${OBJ}-${KR}-value`);
	const field = p.locator(`#ci-${OBJ}-${KR}-value`);
	need('2: the KR\'s value field is there and visible', await field.isVisible());
	await field.fill('55');
	const s = await submit(p, `${BASE}/edit/checkin/${OBJ}`);
	posted('2: the check-in is saved (303)', s);

	await Promise.all([
		p.waitForNavigation({ waitUntil: 'load' }),
		p.locator('nav a.owed-link').click(),
	]);
	check('3: back in the inbox, the entry has left', await p.locator(`li#owed-kr-${KR}`).count() === 0);
	eq('3: the navigation counts one less', await navCount(p), before - 1);
	eq('3: ... still the number of entries', await entries(p), before - 1);
}

async function main() {
	console.log(`# browser: ${CHROMIUM}, app: ${URL_}`);
	if (!USER || !KR || !OBJ) {
		fail('the data the test needs is prepared', `user ${USER}, KR ${KR}, objective ${OBJ}`);
		return;
	}
	if (!(browser = await launch()))
		return;
	ok(`Chromium ${browser.version()} starts`);
	const p = await signIn(browser, USER, true);
	await steps([['1-3 (inbox to check-in)', () => walk(p)]], p);
	check('4: no console error, CSP violation, page error or failed request', problems.length === 0,
	    ...problems);
}

await run(main, () => browser, t0);
