// live.js: the one script of Mubiao's pages (CSP: 'self' scripts only, no
// eval, no inline code).  Pages a meeting shows carry data-live, the URL
// of the live stamp (see cgi/live.c), a file the web server rewrites on
// every committed write and serves by itself.  Each second the script
// reads it; when it changed, it fetches the page again and replaces the
// parts of <main> that differ, matched by position and id, never a form
// or field the viewer is using: a focused or edited field keeps its value
// and its form is left whole, with the versions it was made from, so a
// conflict is still seen when it is sent.  Without script the page has a
// refresh link (and the presenter view a meta refresh).
//
// On a meeting page (data-live-meeting), "Follow the presenter" reads the
// presenter's item (live/meet-ID) too and goes there; the presenter view
// times each agenda item.
(function () {
	'use strict';
	var body = document.body;
	var stampUrl = body && body.getAttribute('data-live');
	if (!stampUrl || !window.fetch || !window.DOMParser)
		return;
	var meeting = body.getAttribute('data-live-meeting');
	var posUrl = meeting ? stampUrl.replace(/stamp$/, 'meet-' + meeting) : null;
	var PERIOD = 1000;
	var last = null, busy = false;

	function store(key, value) {
		try {
			if (value === undefined)
				return window.sessionStorage.getItem(key);
			window.sessionStorage.setItem(key, value);
		} catch (e) {
			/* private mode: nothing kept across pages */
		}
		return null;
	}

	function get(url) {
		return fetch(url, { cache: 'no-store', credentials: 'same-origin' })
		    .then(function (r) {
			if (!r.ok)
				throw new Error(r.status + ' ' + url);
			return r.text();
		});
	}

	// ------------------------------------------------ what the viewer uses

	function isControl(el) {
		return el && el.nodeType === 1 && /^(INPUT|TEXTAREA|SELECT|BUTTON)$/.test(el.tagName);
	}

	// A field the viewer is in, or has changed from what the page gave.
	function dirty(c) {
		if (c === document.activeElement)
			return true;
		if (c.tagName === 'BUTTON' || c.type === 'hidden' || c.type === 'submit')
			return false;
		if (c.tagName === 'SELECT') {
			for (var i = 0; i < c.options.length; i++)
				if (c.options[i].selected !== c.options[i].defaultSelected)
					return true;
			return false;
		}
		if (c.type === 'checkbox' || c.type === 'radio')
			return c.checked !== c.defaultChecked;
		return c.value !== c.defaultValue;
	}

	function inUse(el) {
		if (el.nodeType !== 1)
			return false;
		if (isControl(el))
			return dirty(el);
		var cs = el.querySelectorAll('input, textarea, select, button');
		for (var i = 0; i < cs.length; i++)
			if (dirty(cs[i]))
				return true;
		return false;
	}

	// ------------------------------------------------------ replacing

	// An opened <details> (a form folded away) stays open in its
	// replacement: the n-th of old to the n-th of its new self.
	function keepOpen(old, neu) {
		var a = old.querySelectorAll('details'), b = neu.querySelectorAll('details');
		if (old.tagName === 'DETAILS' && neu.tagName === 'DETAILS')
			neu.open = old.open;
		if (a.length !== b.length)
			return;
		for (var i = 0; i < a.length; i++)
			b[i].open = a[i].open;
	}

	function replace(old, neu) {
		var n = document.importNode(neu, true);
		keepOpen(old, n);
		old.parentNode.replaceChild(n, old);
		if (n.classList) {
			var had = n.hasAttribute('class');
			n.classList.add('live-changed');
			setTimeout(function () {
				n.classList.remove('live-changed');
				if (!had && n.getAttribute('class') === '')
					n.removeAttribute('class');
			}, 1600);
		}
	}

	function sameShape(a, b) {
		if (a.length !== b.length)
			return false;
		for (var i = 0; i < a.length; i++)
			if (a[i].nodeName !== b[i].nodeName ||
			    (a[i].nodeType === 1 && a[i].id !== b[i].id))
				return false;
		return true;
	}

	// Makes old show what neu shows, leaving alone what is in use.
	function sync(old, neu) {
		if (old.isEqualNode(neu))
			return;
		if (!inUse(old)) {
			replace(old, neu);
			return;
		}
		// A form being filled in stays as the viewer has it.
		if (old.tagName === 'FORM' || isControl(old))
			return;
		var a = old.childNodes, b = neu.childNodes, i;
		if (sameShape(a, b)) {
			for (i = a.length; i-- > 0;) {
				if (a[i].nodeType === 1)
					sync(a[i], b[i]);
				else if (a[i].nodeType === 3 && a[i].data !== b[i].data)
					a[i].data = b[i].data;
			}
			return;
		}
		// Parts came or went around what is in use: the rest by id.
		var byId = {};
		for (i = 0; i < neu.children.length; i++)
			if (neu.children[i].id)
				byId[neu.children[i].id] = neu.children[i];
		var kids = Array.prototype.slice.call(old.children);
		for (i = 0; i < kids.length; i++)
			if (kids[i].id && byId[kids[i].id])
				sync(kids[i], byId[kids[i].id]);
	}

	function update(html) {
		var doc = new DOMParser().parseFromString(html, 'text/html');
		var main = document.getElementById('main'), fresh = doc.getElementById('main');
		if (!main || !fresh)
			return;
		if (doc.title)
			document.title = doc.title;
		sync(main, fresh);
		// The presenter's row may be a new one now: marked again, not
		// scrolled to again.
		followed = null;
		var row = following && position && !present() ?
		    document.getElementById('kr-' + position) : null;
		if (row) {
			row.classList.add('followed');
			followed = row;
		}
		showTimes();
	}

	// ------------------------------------------------------ following

	var follow = document.getElementById('live-follow');
	var followKey = 'mubiao-follow-' + meeting;
	var following = meeting && store(followKey) === '1';
	var followed = null, position = null;

	function present() {
		return body.classList.contains('present-view');
	}

	// Goes to the presenter's item: the presenter view of it, or on the
	// meeting page the KR's row, brought into view.
	function goTo(item) {
		if (present()) {
			var shown = document.getElementById('present');
			if (shown && (shown.getAttribute('data-item') || '0') === item)
				return;
			var u = new URL(window.location.href);
			u.search = item === '0' ? '?present=1' : '?present=1&kr=' + item;
			window.location.assign(u.toString());
			return;
		}
		var row = document.getElementById('kr-' + item);
		if (row && row !== followed) {
			if (followed)
				followed.classList.remove('followed');
			row.classList.add('followed');
			row.scrollIntoView({ block: 'center' });
			followed = row;
		}
	}

	function readPosition() {
		return get(posUrl).then(function (t) {
			var item = t.trim();
			if (/^[0-9]+$/.test(item) && (item !== position || present()))
				goTo(item);
			position = item;
		}, function () { /* no presenter yet */ });
	}

	if (follow) {
		follow.hidden = false;
		follow.setAttribute('aria-pressed', following ? 'true' : 'false');
		follow.addEventListener('click', function () {
			following = !following;
			store(followKey, following ? '1' : '0');
			follow.setAttribute('aria-pressed', following ? 'true' : 'false');
			position = null;
			if (following)
				readPosition();
		});
	}

	// ------------------------------------------------ the presenter's timer

	var timerKey = 'mubiao-timer-' + meeting;
	var times = {};
	try {
		times = JSON.parse(store(timerKey) || '{}') || {};
	} catch (e) {
		times = {};
	}

	function clock(s) {
		var m = Math.floor(s / 60), r = s % 60;
		return m + ':' + (r < 10 ? '0' : '') + r;
	}

	// The current item's time in the header, each item's beside it.
	function showTimes() {
		var shown = document.getElementById('present');
		var timer = document.getElementById('present-timer');
		if (!shown || !timer)
			return;
		var item = shown.getAttribute('data-item') || '0';
		timer.hidden = false;
		var out = timer.querySelector('.clock');
		if (out)
			out.textContent = clock(times[item] || 0);
		var lis = document.querySelectorAll('#agenda li[id]');
		for (var i = 0; i < lis.length; i++) {
			var id = lis[i].id.replace(/^agenda-(kr-)?/, '');
			var span = lis[i].querySelector('.timer-of');
			if (!times[id]) {
				if (span)
					span.remove();
				continue;
			}
			if (!span) {
				span = document.createElement('span');
				span.className = 'timer-of';
				lis[i].appendChild(span);
			}
			span.textContent = ' ' + clock(times[id]);
		}
	}

	if (present() && meeting) {
		setInterval(function () {
			var shown = document.getElementById('present');
			if (!shown || document.hidden)
				return;
			var item = shown.getAttribute('data-item') || '0';
			times[item] = (times[item] || 0) + 1;
			store(timerKey, JSON.stringify(times));
			showTimes();
		}, 1000);
		showTimes();
	}

	// ---------------------------------------------------------- polling

	function tick() {
		if (busy)
			return;
		busy = true;
		get(stampUrl).then(function (stamp) {
			if (last === null) {
				last = stamp;
				var bar = document.getElementById('live-bar');
				if (bar) {
					bar.classList.add('is-live');
					var on = bar.querySelector('.live-on');
					if (on)
						on.hidden = false;
				}
				return null;
			}
			if (stamp === last)
				return null;
			return get(window.location.href).then(function (html) {
				update(html);
				last = stamp;
			});
		}).catch(function () {
			/* the next tick tries again */
		}).then(function () {
			return following && posUrl ? readPosition() : null;
		}).then(function () {
			busy = false;
		});
	}

	tick();
	setInterval(tick, PERIOD);
})();
