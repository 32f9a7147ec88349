// tests/browser/xss.mjs: the XSS battery.  Hostile strings --
// <script>, event handlers, javascript: URLs, broken markup, RTL
// overrides, 10,000-character text, Chinese -- are saved through the
// forms into every text field a user can fill (objective title and
// description, KR title and unit, check-in note, comment, meeting title,
// minutes and decisions, action item, consensus note, unit and person
// names), then every page that shows them is opened in Chromium WITH
// JavaScript on: no script runs (no dialog, no marker set, nothing the
// strings carry becomes an element or an attribute), and the layout holds
// (no page wider than the window).
//
//   MUBIAO_URL=... MUBIAO_RESULTS=... node tests/browser/xss.mjs
import {
	ORIGIN, OWN_SCRIPT, URL_, WAIT, bound, check, fail, launch, ok, problems, run, watch,
} from './lib.mjs';

bound(150);
const t0 = Date.now();
const TAG = `x${process.pid}`;
const B = new URL(URL_).pathname;
const auth = (u) => 'Basic ' + Buffer.from(`${u}:${u}`).toString('base64');

// The strings: each tries something else; the marker says who ran.
const HOSTILE = [
	`<script>window.__xss='${TAG}'</script>`,
	`"><img src=x onerror="window.__xss='${TAG}'">`,
	`javascript:window.__xss='${TAG}'`,
	`</textarea></title><svg onload="window.__xss='${TAG}'"><b>`,
	`\u202Eevil\u202C ${TAG} <!-- ]]> &amp; &lt;`,
	`目标 关键成果 ${TAG} '"><iframe src="javascript:alert(1)">`,
];
const LONG = 'W'.repeat(10000);	// no break opportunity at all
const MID = 'M'.repeat(1500);	// as long as a description or comment may be
const pick = (i) => HOSTILE[i % HOSTILE.length];

async function http(user, method, p, form) {
	const r = await fetch(ORIGIN + p, {
		method, redirect: 'manual',
		headers: { Authorization: auth(user), ...(form ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}) },
		body: form ? new URLSearchParams(form).toString() : undefined,
	});
	return { status: r.status, location: r.headers.get('location') || '', text: await r.text() };
}

async function tokenOf(user) {
	const r = await http(user, 'GET', `${B}/`);
	const o = r.text.match(/href="[^"]*\/objective\/(\d+)"/);
	const p = await http(user, 'GET', `${B}/objective/${o ? o[1] : 1}`);
	return (p.text.match(/name="token" value="([0-9a-f]+)"/) || [])[1];
}

const saved = [];	// what was saved, and where it shows
async function post(user, token, p, form, desc) {
	const r = await http(user, 'POST', p, { token, ...form });
	if (r.status === 303)
		saved.push(desc);
	else
		fail(`saving ${desc}: 303`, `got ${r.status}`, r.text.replace(/<[^>]*>/g, ' ').slice(0, 300));
	return r;
}

// Saves the strings everywhere; returns the pages to open.
async function plant() {
	const ta = await tokenOf('admin'), tz = await tokenOf('zhangwei');
	const home = await http('admin', 'GET', `${B}/`);
	const cycle = (home.text.match(/<option value="([^"]+)" selected/) || [])[1];
	const tree = await http('admin', 'GET', `${B}/tree`);
	const rd = (tree.text.match(/href="[^"]*\/unit\/(\d+)(?:\?cycle=[^"]*)?">研发部</) || [])[1];
	// Objective (title, description), as zhangwei in 研发部.
	let r = await post('zhangwei', tz, `${B}/edit/objective/new`, { cycle, unit: rd,
	    title: pick(0).slice(0, 190), description: HOSTILE.join('\n') + '\n' + MID }, 'objective');
	// 10,000 characters where a line is expected: refused, not stored.
	const refused = await http('zhangwei', 'POST', `${B}/edit/objective/new`, { token: tz, cycle,
	    unit: rd, title: LONG });
	check('a 10,000-character title is refused (400)', refused.status === 400, `got ${refused.status}`);
	const unitPage = await http('zhangwei', 'GET', `${B}/unit/${rd}?cycle=${cycle}`);
	const ids = [...unitPage.text.matchAll(/href="[^"]*\/objective\/(\d+)"/g)].map((m) => +m[1]);
	const o = Math.max(...ids);
	// KRs: one per hostile string (title, unit label).
	for (let i = 0; i < HOSTILE.length; i++)
		await post('zhangwei', tz, `${B}/edit/kr/new`, { objective: o, title: pick(i).slice(0, 190),
		    kind: 'numeric', direction: 'increase', start: '0', target: '100', current: '1',
		    weight: '1', 'unit-label': pick(i + 1).slice(0, 20) },
		    `KR ${i}`);
	const op = await http('zhangwei', 'GET', `${B}/objective/${o}`);
	const krs = [...op.text.matchAll(/<tbody class="kr" id="kr-(\d+)"/g)].map((m) => m[1]);
	// Check-in notes, a comment (long and hostile).
	await post('zhangwei', tz, `${B}/edit/checkin/${o}`, { kr: krs[0], value: '5', confidence: '0.5',
	    note: HOSTILE.join(' '), back: `${B}/objective/${o}` }, 'check-in note');
	await post('zhangwei', tz, `${B}/edit/comment/${o}`, { kind: 'comment',
	    text: HOSTILE.join('\n') + MID }, 'comment');
	// A review meeting: title, minutes, decisions, an action item.
	r = await post('zhangwei', tz, `${B}/meet/new`, { unit: rd, cycle, kind: 'review',
	    due: new Date().toISOString().slice(0, 10), title: pick(1).slice(0, 190) }, 'meeting title');
	const m = (r.location.match(/\/meet\/(\d+)$/) || [])[1];
	// The version of the form sending to ACTION (the minutes have their own).
	const ver = async (action) => ((await http('zhangwei', 'GET', `${B}/meet/${m}`)).text
	    .match(new RegExp(`action="${B}/meet/${m}/${action}">(?:(?!</form>)[\\s\\S])*?name="version" value="(\\d+)"`)) || [])[1];
	await post('zhangwei', tz, `${B}/meet/${m}/open`, { version: await ver('open') }, 'meeting opened');
	await post('zhangwei', tz, `${B}/meet/${m}/minutes`, { version: await ver('minutes'),
	    text: HOSTILE.join('\n') + LONG, note: pick(3) }, 'minutes and decisions');
	await post('zhangwei', tz, `${B}/meet/${m}/action`, { title: pick(2).slice(0, 190),
	    owner: 'zhangwei', due: new Date().toISOString().slice(0, 10), kr: krs[0] }, 'action item');
	// Admin: a unit and a person named with them.
	await post('admin', ta, `${B}/edit/admin/unit/new`, { name: pick(3).slice(0, 100), level: 'team',
	    parent: rd, lead: '' }, 'unit name');
	await post('admin', ta, `${B}/edit/admin/person/new`, { login: `xss${process.pid}`,
	    name: pick(4).slice(0, 100), unit: rd, manager: '', role: 'member' }, 'person name');
	return [
		`${B}/`, `${B}/tree`, `${B}/unit/${rd}`, `${B}/objective/${o}`, `${B}/person/zhangwei`,
		`${B}/person/xss${process.pid}`, `${B}/meet/${m}`, `${B}/meet/${m}?print=1`,
		`${B}/meet/unit/${rd}`, `${B}/edit/objective/${o}`, `${B}/edit/kr/${krs[0]}`,
	];
}

let browser;
async function main() {
	const pages = await plant();
	check(`the hostile strings were saved in ${saved.length} places`, saved.length >= 14);
	if (!(browser = await launch()))
		return;
	for (const [who, lang] of [['admin', 'en-US'], ['zhangwei', 'zh-CN']]) {
		const ctx = await browser.newContext({
			httpCredentials: { username: who, password: who },
			javaScriptEnabled: true,	// so that an injected script would run
			locale: lang, viewport: { width: 1280, height: 900 },
		});
		ctx.setDefaultTimeout(WAIT);
		const page = await ctx.newPage();
		watch(page, who);
		let dialogs = 0;
		page.on('dialog', (d) => { dialogs++; d.dismiss().catch(() => {}); });
		const mine = who === 'admin' ? [...pages, `${B}/edit/admin/units`,
		    `${B}/edit/admin/people`] : pages;
		for (const p of mine) {
			const resp = await page.goto(ORIGIN + p, { waitUntil: 'load' });
			const st = resp ? resp.status() : 0;
			const got = await page.evaluate(([tag, own]) => ({
				ran: window.__xss === tag,
				// but the site's own live.js
				scripts: document.querySelectorAll(`script:not([src="${own}"])`).length,
				handlers: [...document.querySelectorAll('*')].filter((e) =>
				    [...e.attributes].some((a) => /^on/i.test(a.name))).length,
				jsUrls: [...document.querySelectorAll('[href],[src],[action]')].filter((e) =>
				    /^\s*javascript:/i.test(e.getAttribute('href') || e.getAttribute('src') ||
				    e.getAttribute('action') || '')).length,
				injected: document.querySelectorAll('svg[onload], img[onerror], iframe').length,
				wide: document.documentElement.scrollWidth - window.innerWidth,
				shows: document.body.innerText.includes(tag),
			}), [TAG, OWN_SCRIPT]);
			const where = `${p} as ${who}`;
			check(`${where}: ${st}, no injected script ran, no script, handler, javascript: URL or injected element`,
			    st === 200 && !got.ran && got.scripts === 0 && got.handlers === 0 &&
			    got.jsUrls === 0 && got.injected === 0, JSON.stringify({ st, ...got }));
			check(`${where}: the layout holds (no wider than the window: ${got.wide} px over)`,
			    got.wide <= 1, `scrollWidth exceeds the window by ${got.wide} px`);
		}
		check(`as ${who}: no dialog opened`, dialogs === 0, `${dialogs} dialogs`);
		await ctx.close();
	}
	check('no console error, CSP violation or failed request', problems.length === 0, ...problems.slice(0, 8));
	ok(`XSS battery: ${pages.length} pages as two users (and the admin pages as admin)`);
}

run(main, () => browser, t0);
