#!/bin/sh
# Kept objective cards: a card is rendered once and its HTML reused by
# every page and user that shows the same card, and never by one who
# would see it otherwise.  Checked here on the team page of 平台组 (its
# lead, lina, may edit its objectives; wangfang and liuyang, members, may
# not): the lead's cards, with their edit links, never reach a member;
# cards that look the same serve other users (a member's another member,
# the lead's the admin, with the admin's own form token); a check-in shows on the next page of anyone,
# its card made again; and every answer equals the page rendered whole
# (X-Mubiao-Cards: off, test builds), in both languages.  Every page of
# the demo is compared so by t0105.
. "$(dirname "$0")/lib.sh"

TAG=$(uniq_tag)
PLAT=$(unit_id 平台组)
O=$(make_objective lina "$PLAT" "t0107 卡片 cards $TAG")
K=$(make_kr lina "$O" "t0107 接入 100 个服务 $TAG" 0 100 10)
check "t0107's objective $O with KR $K on 平台组 ($PLAT)" test -n "$O" -a -n "$K"
# A query: never a kept page, always a render.
P="/unit/$PLAT?cycle=$CUR"

# cards USER LANG [MODE]: the page as USER in LANG; H and M the cards
# found and made; the body in $TMP/body.
cards() {
	get "$1" "$P" -H "Accept-Language: $2" -H "X-Mubiao-Cards: ${3:-on}"
	set -- $(tr -d '\r' < "$TMP/headers" | sed -n 's/^X-Mubiao-Cards: hit=\([0-9]*\) made=\([0-9]*\)$/\1 \2/p')
	H=${1:--1} M=${2:--1}
}
# same USER LANG: the last body equals USER's page rendered whole.
same() {
	cp "$TMP/body" "$TMP/kept.html"
	_h=$H _m=$M
	cards "$1" "$2" off
	check "$1, $2: the page with kept cards ($_h found, $_m made) is the page rendered whole" \
	    cmp -s "$TMP/kept.html" "$TMP/body"
	cp "$TMP/kept.html" "$TMP/body"
	H=$_h M=$_m
}

for lang in en zh-CN; do
	# ------------------------------------------------------ the lead
	cards lina "$lang"
	check "lina, $lang: her team's page shows her the edit link of $O" \
	    grep -q "href=\"/okr/edit/objective/$O\"" "$TMP/body"
	same lina "$lang"
	cards lina "$lang"
	check "lina, $lang: again, every card found ($H), none made ($M)" test "$H" -ge 1 -a "$M" -eq 0
	lead=$H

	# ------------------------------------------ a member, after her
	cards wangfang "$lang"
	check "wangfang, $lang: no edit link of $O, though lina's page just kept hers" \
	    sh -c "! grep -q 'href=\"/okr/edit/objective/$O\"' '$TMP/body'"
	# the cards lina may edit are made again for a member
	check "wangfang, $lang: cards made for a member ($M), not taken from the lead's" test "$M" -ge 1
	same wangfang "$lang"

	# ------------ another member: the cards that look the same serve
	cards liuyang "$lang"
	check "liuyang, $lang: cards found ($H; $M made, where liuyang may do other things)" \
	    test "$H" -ge 1
	same liuyang "$lang"

	# --------- the admin, who may edit them as lina: her cards serve,
	# holding the admin's token in their forms, never lina's
	cards admin "$lang"
	mine=$(token admin) theirs=$(token lina)
	check "admin, $lang: lina's cards found ($H), the archive form of $O with the admin's token, none with lina's" \
	    sh -c "test '$H' -ge 1 && grep -q 'value=\"$mine\"' '$TMP/body' && ! grep -q '$theirs' '$TMP/body' &&
	        grep -q 'action=\"/okr/edit/objective/$O/archive\"' '$TMP/body'"
	same admin "$lang"
done
check "the lead's page has cards of its own ($lead)" test "$lead" -ge 1

# ----------------------------------------------- a write, then anyone
post lina "/edit/checkin/$O" "kr=$K&value=77.25&confidence=0.7"
expect_status 303 "lina checks in 77.25 on $K"
cards liuyang en
check "liuyang: the next page shows 77.25, its card made again ($M)" \
    sh -c "grep -q '>77.25<' '$TMP/body' && test '$M' -ge 1"
same liuyang en
cards liuyang en
check "liuyang: then found ($H), none made ($M)" test "$H" -ge 1 -a "$M" -eq 0
