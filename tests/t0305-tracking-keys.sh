#!/bin/sh
# Links passed on by chat apps carry tracking keys (WeChat's from=,
# isappinstalled=, Feishu's utm_*...; README "Links from chat apps"): a GET
# is sent to the same URL without them (303), so the link opens and the
# page cache and bookmarks see one address.  Any other unknown key stays
# a 400, and a form (POST) takes no key it does not know.
. "$(dirname "$0")/lib.sh"

RD=$(unit_id 研发部)
require "unit id of 研发部: $RD" test -n "$RD"

# PATH+TRACKING answers 303 to CLEAN, which opens (200).
clean_to() {	# PATH CLEAN
	get zhangwei "$1"
	expect_status 303
	check "$REQ: Location is $2" test "$(location)" = "/okr$2"
	[ "$(tail -1 "$MUBIAO_RESULTS")" = ok ] || note "Location: $(location)"
	get zhangwei "$2"
	expect_status 200
}

for kv in from=singlemessage from=groupmessage from=timeline isappinstalled=0 \
    utm_source=feishu utm_medium=im utm_campaign=q1 scene=1 spm=a2c4g.1 fbclid=x1; do
	clean_to "/?$kv" /
done
clean_to "/unit/$RD?from=groupmessage&isappinstalled=0" "/unit/$RD"
clean_to "/unit/$RD?utm_source=feishu&cycle=$PREV&utm_content=x" "/unit/$RD?cycle=$PREV"
clean_to "/tree?cycle=$PREV&from=timeline" "/tree?cycle=$PREV"
# Nothing keeps the tracking URL: the clean one is the page (and the
# page cache's, which a URL with a query never reads nor fills).
get zhangwei "/unit/$RD?from=singlemessage"
expect_header Cache-Control no-store "the redirect from a tracking URL is not kept"

# A page that takes from= itself (an admin list) keeps its own, an id;
# WeChat's word in its place is dropped as anywhere else.
get admin "/edit/admin/people?from=1"
expect_status 200
get admin "/edit/admin/people?from=singlemessage"
expect_status 303
check "$REQ: Location is the list's first page" \
    test "$(location)" = /okr/edit/admin/people

# Unknown keys and bad values of our own keys are still refused.
get zhangwei '/?from=singlemessage&foo=1'
expect_status 400 "a tracking key beside an unknown one: 400"
get zhangwei '/?utm_source=x&cycle=a%2Fb'
expect_status 400 "a tracking key beside a bad cycle: 400"
get zhangwei '/?utmx=1'
expect_status 400 "utmx (no tracking prefix): 400"

# A form is not a link: its body takes only its own keys.
TAG=$(uniq_tag)
post zhangwei /edit/objective/new "cycle=$CUR&unit=$RD&title=t0305-$TAG&utm_source=x"
expect_status 400 "POST with utm_source: 400"
check "nothing was written" test -z "$(doc_xpath zhangwei "/unit/$RD" \
    "string((/page/objective[title='t0305-$TAG']/@id)[1])")"
