// tests/browser/layout.mjs: what the style sheet draws, measured in
// Debian's Chromium (JavaScript off, 1280 x 720, a projector, in Chinese,
// whose short column heads leave numbers the narrowest columns):
// 1. the KR form's current-value field (div.field-current, as every field
//    is div.field-NAME) has no background of its own: the yellow belongs
//    to a conflict's stored value (p.field-current);
// 2. on the review board, every number of quadrant 1 (a confidence of
//    0.45 among them) stays on one line beside a KR whose long title
//    squeezes the table.
//
//   MUBIAO_URL=... MUBIAO_RESULTS=... MUBIAO_KR=ID MUBIAO_MEETING=ID node tests/browser/layout.mjs
//
// Run by tests/t0925-browser-layout.sh, which makes the KR and the meeting.
import { BASE, bound, check, eq, go, launch, run } from './lib.mjs';

bound(60);
const t0 = Date.now();
const KR = process.env.MUBIAO_KR, MEETING = process.env.MUBIAO_MEETING;
let browser;

async function main() {
	if (!(browser = await launch()))
		return;
	const ctx = await browser.newContext({
		httpCredentials: { username: 'zhangwei', password: 'zhangwei' },
		javaScriptEnabled: false, locale: 'zh-CN', viewport: { width: 1280, height: 720 },
	});
	const page = await ctx.newPage();

	let r = await go(page, `${BASE}/edit/kr/${KR}`);
	eq(`1: the form of KR ${KR} opens`, r.status(), 200);
	const bg = await page.evaluate(() => {
		const d = document.querySelector('div.field-current');
		return d ? getComputedStyle(d).backgroundColor : 'no div.field-current';
	});
	eq('1: the current-value field has no background (not the conflict\'s yellow)', bg, 'rgba(0, 0, 0, 0)');

	r = await go(page, `${BASE}/meet/${MEETING}`);
	eq(`2: the board of meeting ${MEETING} opens`, r.status(), 200);
	// "text: lines" of each number shown in quadrant 1.
	const cells = await page.evaluate(() => [...document.querySelectorAll('section.quadrant.q1 td.num')]
	    .filter((td) => td.offsetWidth > 0).map((td) => {
		const range = document.createRange();
		range.selectNodeContents(td);
		return `${td.textContent.trim()}: ${new Set([...range.getClientRects()].map((x) => Math.round(x.top))).size}`;
	    }));
	check('2: quadrant 1 shows the confidence 0.45', cells.some((c) => c.startsWith('0.45:')), cells.join(', '));
	check('2: every number of quadrant 1 is on one line', cells.length > 0 && cells.every((c) => c.endsWith(': 1')),
	    cells.join(', '));
}

run(main, () => browser, t0);
