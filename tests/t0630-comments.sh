#!/bin/sh
# Comments and proposals: anyone may post on any objective; refused
# input comes back with the error and what was typed; a proposal lands in
# the objective owner's inbox on their own person page, and only there.
. "$(dirname "$0")/lib.sh"

TAG=$(uniq_tag)
# An objective owned by 王芳: her own personal objective.
P="t0630 王芳的目标 $TAG"
post wangfang /edit/objective/new "cycle=$CUR&owner=wangfang&back=/okr/person/wangfang" --data-urlencode "title=$P"
expect_status 303 "wangfang creates a personal objective to comment on: 303"
get wangfang /person/wangfang
O=$(flat | grep -o "href=\"/okr/objective/[0-9]*\">$P<" | head -1 | sed 's|.*/objective/\([0-9]*\)".*|\1|')
require "wangfang's objective found on her page ($O)" test -n "$O"

n_comments() {
	count_in_body '<li class="comment kind-'
}

# -------------------------------------------------------------- posting
get sarahmiller "/objective/$O"
expect_body_contains "<form class=\"comment-form\" method=\"post\" action=\"/okr/edit/comment/$O\">" \
    "Sarah Miller (another unit, a member) sees the comment form"
expect_body_lacks "href=\"/okr/edit/objective/$O\"" "Sarah Miller may not edit it (no Edit link)"
c0=$(n_comments)
post sarahmiller "/edit/comment/$O" "kind=comment&back=/okr/objective/$O" --data-urlencode "text=Nice one <b>$TAG</b> & more"
expect_status 303 "Sarah Miller comments on 王芳's objective: 303"
check "comment: 303 back to the objective" test "$(location)" = "/okr/objective/$O"
post zhangwei "/edit/comment/$O" "kind=proposal&back=/okr/objective/$O" --data-urlencode "text=下季度试试把演练自动化 $TAG"
expect_status 303 "zhangwei posts a proposal: 303"
get lina "/objective/$O"
check "objective $O: two more comments ($c0 → $(n_comments))" test "$(n_comments)" -eq $((c0 + 2))
expect_flat "<li class=\"comment kind-comment\" id=\"c-" "objective $O: a comment shown as a comment"
expect_flat "<p class=\"c-head\"><a href=\"/okr/person/sarahmiller\">Sarah Miller</a> <time" "objective $O: the comment names Sarah Miller"
expect_body_contains "Nice one &lt;b&gt;$TAG&lt;/b&gt; &amp; more" "objective $O: the comment's text, escaped"
expect_flat "<li class=\"comment kind-proposal\" id=\"c-" "objective $O: the proposal shown as a proposal"
expect_flat "<a href=\"/okr/person/zhangwei\">张伟</a> <time" "objective $O: the proposal names 张伟"
expect_body_contains "<span class=\"badge kind-proposal\">$(msg en comment.kind.proposal)</span>"
check "objective $O: comments oldest first (Sarah Miller's before 张伟's)" \
    sh -c "tr -d '\n' < '$TMP/body' | grep -o 'Nice one\|下季度试试' | tr '\n' ' ' | grep -q '^Nice one 下季度试试 $'"
C2=$(flat | grep -o '<li class="comment kind-proposal" id="c-[0-9]*"' | tail -1 | sed 's/.*c-\([0-9]*\)"/\1/')

# ------------------------------------------------------------- refused
for lang in en zh-CN; do
	post lina "/edit/comment/$O" "kind=proposal&back=/okr/objective/$O" --data-urlencode "text=  " \
	    -H "Accept-Language: $lang"
	REQ="$REQ (blank text, $lang)"
	expect_status 400
	expect_body_contains "<html lang=\"$lang\""
	expect_flat "<form class=\"comment-form\" method=\"post\" action=\"/okr/edit/comment/$O\">" "$REQ: the comment form again"
	expect_body_contains "<p class=\"form-message\" role=\"alert\">$(msg "$lang" form.invalid)</p>"
	expect_body_contains "<p class=\"field-error\">$(msg "$lang" err.field.required)</p>" "$REQ: $lang error next to the text"
	expect_body_contains '<input type="radio" name="kind" value="proposal" checked>' "$REQ: the chosen kind (proposal) kept"
done
LONGT=$(printf '评%.0s' $(seq 2001))
post lina "/edit/comment/$O" "kind=comment&back=/okr/objective/$O" --data-urlencode "text=$LONGT"
expect_status 400 "a comment of 2001 characters: 400"
expect_body_contains "<p class=\"field-error\">$(msg en err.field.too-long) At most 2,000 characters.</p>" "$REQ: says the limit next to the text"
expect_flat ">$LONGT</textarea>" "$REQ: the 2001 characters are kept"
BACK=$(flat | grep -o '<form class="comment-form".*' | grep -o 'name="back" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
check "$REQ: the form's hidden back is the objective page, not the POST URL (got $BACK)" \
    test "$BACK" = "/okr/objective/$O"
post lina "/edit/comment/$O" "kind=opinion&back=/okr/objective/$O" --data-urlencode "text=x"
expect_status 400 "a comment of kind 'opinion': 400"
expect_body_contains "<p class=\"field-error\">$(msg en err.field.choice)</p>"
post lina "/edit/comment/999999" "kind=comment&back=/okr/objective/$O" --data-urlencode "text=nowhere $TAG"
expect_status 404 "a comment on objective 999999: 404"
expect_body_contains "$(msg en err.objective)"
get lina "/objective/$O"
check "objective $O: refused comments wrote nothing (still $((c0 + 2)))" test "$(n_comments)" -eq $((c0 + 2))
# After a refusal, the corrected form as the page sends it lands on a page.
post lina "/edit/comment/$O" "kind=comment&back=$BACK" --data-urlencode "text=改好了 $TAG"
expect_status 303 "the corrected comment: 303"
_loc=$(location)
get lina "$(echo "$_loc" | sed 's|^/okr||')"
expect_status 200 "after the corrected comment the browser lands on a page (GET $_loc: 200)"

# --------------------------------------------------------------- inbox
get wangfang /person/wangfang
expect_flat '<section class="inbox" id="inbox">' "王芳's own page has her inbox"
expect_body_contains "下季度试试把演练自动化 $TAG" "王芳's inbox: 张伟's proposal"
expect_body_contains "Nice one &lt;b&gt;$TAG&lt;/b&gt; &amp; more" "王芳's inbox: Sarah Miller's comment"
expect_flat "<a href=\"/okr/objective/$O#c-$C2\">$P</a>" "王芳's inbox: the proposal links its objective's comment"
check "王芳's inbox: newest first (the proposal before the comment)" \
    sh -c "tr -d '\n' < '$TMP/body' | sed 's/.*<section class=\"inbox\"//; s/<\/section>.*//' | grep -o 'Nice one\|下季度试试' | head -2 | tr '\n' ' ' | grep -q '^下季度试试 Nice one $'"
for u in lina zhangwei sarahmiller; do
	get $u /person/wangfang
	expect_body_lacks 'class="inbox"' "$u's view of 王芳's page: no inbox"
	expect_body_lacks "下季度试试把演练自动化 $TAG" "$u's view of 王芳's page: no proposal text"
done
get zhangwei /person/zhangwei
expect_body_lacks "下季度试试把演练自动化 $TAG" "张伟's own inbox: not his proposal on 王芳's objective"
