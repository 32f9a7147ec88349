<?xml version="1.0" encoding="UTF-8"?>
<!--
  notify.xsl: the messages mubiao-notify sends (cgi/notify.c), as text.
  The document is a page (name "notice") holding one <notice kind channel
  url …> (xslt/README.md, "The message document"); the parameter `part`
  chooses what is made of it:
    subject  one line: a mail's Subject, a bot message's heading
    title    a short title (DingTalk's markdown title)
    text     the plain body: a mail's (greeting, settings link at the end),
             or a bot message's when channel is not mail
    chat     a bot's message: Markdown for wecom and dingtalk, plain text
             for feishu and webhook
  notify-html.xsl imports this sheet for the mail's HTML part and overrides
  the root and the layout primitives (p, h, list, item, br, link, muted,
  strong, quote, footer), so both parts say the same thing.

  Every word comes from the catalogs: keys notify.*, and the names the
  pages use (flag.*, meeting.type.*, meeting.about.*).  What people wrote
  (titles, names, comments) is output as it is: the mail, HTML and JSON
  layers escape it; in Markdown it stays after a fixed prefix or quoted,
  never inside a link's brackets.  Links are absolute, from notice/@url.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:mb="urn:mubiao:render" exclude-result-prefixes="mb">

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:param name="lang" select="string(/page/@lang)"/>
  <xsl:param name="part" select="'text'"/>

  <xsl:variable name="L" select="concat(substring('zh-CN', 1, 5 * number($lang = 'zh-CN')),
      substring('en', 1, 2 * number($lang != 'zh-CN')))"/>
  <xsl:variable name="n" select="/page/notice"/>
  <xsl:variable name="channel" select="string($n/@channel)"/>
  <xsl:variable name="mail" select="$channel = 'mail'"/>
  <xsl:variable name="md" select="$part = 'chat' and ($channel = 'wecom' or $channel = 'dingtalk')"/>
  <!-- The base of every link, without a final slash. -->
  <xsl:variable name="url0" select="string($n/@url)"/>
  <xsl:variable name="url" select="substring($url0, 1,
      string-length($url0) - number(substring($url0, string-length($url0)) = '/'))"/>
  <xsl:variable name="NL" select="'&#10;'"/>
  <xsl:variable name="dot" select="' · '"/>

  <!-- ============================================================ root -->

  <xsl:template match="/">
    <xsl:choose>
      <xsl:when test="$part = 'subject'"><xsl:call-template name="subject"/></xsl:when>
      <xsl:when test="$part = 'title'">
        <xsl:variable name="s"><xsl:apply-templates select="$n" mode="title"/></xsl:variable>
        <xsl:value-of select="translate($s, '&#10;&#13;&#9;', '   ')"/>
      </xsl:when>
      <xsl:otherwise>
        <!-- The body, ending with one newline. -->
        <xsl:variable name="m"><xsl:call-template name="message"/></xsl:variable>
        <xsl:call-template name="rtrim"><xsl:with-param name="s" select="string($m)"/></xsl:call-template>
        <xsl:value-of select="$NL"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The subject on one line: a title's line breaks become spaces. -->
  <xsl:template name="subject">
    <xsl:variable name="s"><xsl:apply-templates select="$n" mode="subject"/></xsl:variable>
    <xsl:value-of select="translate($s, '&#10;&#13;&#9;', '   ')"/>
  </xsl:template>

  <xsl:template name="rtrim">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="substring($s, string-length($s)) = $NL">
        <xsl:call-template name="rtrim"><xsl:with-param name="s" select="substring($s, 1, string-length($s) - 1)"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A mail greets its reader (/page/@user-name, else @user) and ends
       with the settings link; a bot's message starts with its subject as
       a heading. -->
  <xsl:template name="message">
    <xsl:choose>
      <xsl:when test="$mail and string(/page/@user-name) != ''">
        <xsl:call-template name="pf">
          <xsl:with-param name="k" select="'notify.greeting'"/>
          <xsl:with-param name="a" select="string(/page/@user-name)"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="$mail and string(/page/@user) != ''">
        <xsl:call-template name="pf">
          <xsl:with-param name="k" select="'notify.greeting'"/>
          <xsl:with-param name="a" select="string(/page/@user)"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="$mail">
        <xsl:call-template name="pk"><xsl:with-param name="k" select="'notify.greeting.anon'"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="h"><xsl:with-param name="c"><xsl:call-template name="subject"/></xsl:with-param></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:apply-templates select="$n" mode="body"/>
    <xsl:if test="$mail">
      <xsl:call-template name="footer"><xsl:with-param name="c">
        <xsl:call-template name="link">
          <xsl:with-param name="k" select="'notify.settings'"/>
          <xsl:with-param name="href" select="concat($url, '/edit/notify')"/>
        </xsl:call-template>
      </xsl:with-param></xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- ====================================================== catalog -->

  <xsl:template name="t">
    <xsl:param name="k"/>
    <xsl:value-of select="mb:t($k)"/>
  </xsl:template>

  <!-- Message k with {a} and {b} replaced (as form-parts.xsl t-filled). -->
  <xsl:template name="t-filled">
    <xsl:param name="k"/>
    <xsl:param name="a"/>
    <xsl:param name="b"/>
    <xsl:variable name="m" select="mb:t($k)"/>
    <xsl:variable name="ma">
      <xsl:choose>
        <xsl:when test="contains($m, '{a}')"><xsl:value-of select="concat(substring-before($m, '{a}'), $a, substring-after($m, '{a}'))"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$m"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="contains($ma, '{b}')"><xsl:value-of select="concat(substring-before($ma, '{b}'), $b, substring-after($ma, '{b}'))"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$ma"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The same for a count $c: key k.one when $c is 1 (English "1 key
       result"; both catalogs hold the .one keys). -->
  <xsl:template name="t-n">
    <xsl:param name="k"/>
    <xsl:param name="c"/>
    <xsl:param name="a" select="$c"/>
    <xsl:param name="b" select="$c"/>
    <xsl:call-template name="t-filled">
      <xsl:with-param name="k" select="concat($k, substring('.one', 1, 4 * number(number($c) = 1 and mb:has(concat($k, '.one')))))"/>
      <xsl:with-param name="a" select="$a"/>
      <xsl:with-param name="b" select="$b"/>
    </xsl:call-template>
  </xsl:template>

  <!-- A date (YYYY-MM-DD…) as the pages write it (components.xsl day). -->
  <xsl:template name="day">
    <xsl:param name="d"/>
    <xsl:variable name="ymd" select="substring($d, 1, 10)"/>
    <xsl:choose>
      <xsl:when test="$L = 'zh-CN' and string-length($ymd) = 10 and
                      substring($ymd, 5, 1) = '-' and substring($ymd, 8, 1) = '-'">
        <xsl:value-of select="concat(substring($ymd, 1, 4), '年',
            number(substring($ymd, 6, 2)), '月', number(substring($ymd, 9, 2)), '日')"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$ymd"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A person's name, else login, else "someone" (a comment whose author
       has left the directory has no <author>). -->
  <xsl:template match="*" mode="name">
    <xsl:choose>
      <xsl:when test="string(@name) != ''"><xsl:value-of select="@name"/></xsl:when>
      <xsl:when test="string(@login) != ''"><xsl:value-of select="@login"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="mb:t('notify.someone')"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template match="comment" mode="name">
    <xsl:apply-templates select="author" mode="name"/>
    <xsl:if test="not(author)"><xsl:value-of select="mb:t('notify.someone')"/></xsl:if>
  </xsl:template>

  <!-- A meeting's name: its title, else its type's. -->
  <xsl:template match="meeting" mode="name">
    <xsl:choose>
      <xsl:when test="normalize-space(title) != ''"><xsl:value-of select="title"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="mb:t(concat('meeting.type.', @type))"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============================ layout primitives (text; HTML overrides) -->

  <!-- A paragraph. -->
  <xsl:template name="p">
    <xsl:param name="c"/>
    <xsl:value-of select="concat($c, $NL, $NL)"/>
  </xsl:template>

  <!-- A heading: ### in Markdown. -->
  <xsl:template name="h">
    <xsl:param name="c"/>
    <xsl:if test="$md">### </xsl:if>
    <xsl:value-of select="concat($c, $NL, $NL)"/>
  </xsl:template>

  <!-- A list of items. -->
  <xsl:template name="list">
    <xsl:param name="c"/>
    <xsl:value-of select="$c"/>
    <xsl:if test="substring($c, string-length($c) - 1) != concat($NL, $NL)"><xsl:value-of select="$NL"/></xsl:if>
  </xsl:template>

  <!-- An item; in plain text, one of several lines stands apart. -->
  <xsl:template name="item">
    <xsl:param name="c"/>
    <xsl:value-of select="concat('- ', $c, $NL)"/>
    <xsl:if test="contains($c, $NL)"><xsl:value-of select="$NL"/></xsl:if>
  </xsl:template>

  <!-- A line break inside an item: Markdown keeps an item on one line. -->
  <xsl:template name="br">
    <xsl:choose>
      <xsl:when test="$md"><xsl:value-of select="$dot"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="concat($NL, '  ')"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A link labelled by catalog key k: [label](href) in Markdown,
       "label: href" in plain text. -->
  <xsl:template name="link">
    <xsl:param name="k"/>
    <xsl:param name="href"/>
    <xsl:choose>
      <xsl:when test="$md"><xsl:value-of select="concat('[', mb:t($k), '](', $href, ')')"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="concat(mb:t($k), mb:t('notify.link.sep'), $href)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Secondary text; what people wrote, shown as a title. -->
  <xsl:template name="muted">
    <xsl:param name="c"/>
    <xsl:value-of select="$c"/>
  </xsl:template>
  <xsl:template name="strong">
    <xsl:param name="c"/>
    <xsl:value-of select="$c"/>
  </xsl:template>

  <!-- What someone wrote, as a block: quoted line by line in Markdown, so
       no line of it becomes a heading or a list; as it is in plain text. -->
  <xsl:template name="quote">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="$md">
        <xsl:call-template name="quote-lines"><xsl:with-param name="s" select="translate($s, '&#13;', '')"/></xsl:call-template>
        <xsl:value-of select="$NL"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="concat($s, $NL, $NL)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template name="quote-lines">
    <xsl:param name="s"/>
    <xsl:value-of select="concat('> ', substring-before(concat($s, $NL), $NL), $NL)"/>
    <xsl:if test="contains($s, $NL)">
      <xsl:call-template name="quote-lines"><xsl:with-param name="s" select="substring-after($s, $NL)"/></xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- The end of a mail, after the signature separator. -->
  <xsl:template name="footer">
    <xsl:param name="c"/>
    <xsl:value-of select="concat('-- ', $NL, $c, $NL)"/>
  </xsl:template>

  <!-- Shorthands, made of the primitives above: a paragraph of catalog
       text k (pk), of k filled with a and b (pf), of a link (pl). -->
  <xsl:template name="pk">
    <xsl:param name="k"/>
    <xsl:call-template name="p"><xsl:with-param name="c" select="mb:t($k)"/></xsl:call-template>
  </xsl:template>
  <xsl:template name="pf">
    <xsl:param name="k"/>
    <xsl:param name="a"/>
    <xsl:param name="b"/>
    <xsl:call-template name="p"><xsl:with-param name="c">
      <xsl:call-template name="t-filled">
        <xsl:with-param name="k" select="$k"/>
        <xsl:with-param name="a" select="$a"/>
        <xsl:with-param name="b" select="$b"/>
      </xsl:call-template>
    </xsl:with-param></xsl:call-template>
  </xsl:template>
  <xsl:template name="pl">
    <xsl:param name="k"/>
    <xsl:param name="href"/>
    <xsl:call-template name="p"><xsl:with-param name="c">
      <xsl:call-template name="link">
        <xsl:with-param name="k" select="$k"/>
        <xsl:with-param name="href" select="$href"/>
      </xsl:call-template>
    </xsl:with-param></xsl:call-template>
  </xsl:template>

  <!-- ================================================ subjects, titles -->

  <xsl:template match="notice" mode="title">
    <xsl:call-template name="t">
      <xsl:with-param name="k">
        <xsl:choose>
          <xsl:when test="@kind = 'checkin'">notify.title.checkin</xsl:when>
          <xsl:when test="@kind = 'escalation'">notify.title.escalation</xsl:when>
          <xsl:when test="@kind = 'digest'">notify.title.digest</xsl:when>
          <xsl:when test="@kind = 'meeting'">notify.title.meeting</xsl:when>
          <xsl:when test="@kind = 'draft'">notify.title.draft</xsl:when>
          <xsl:when test="comment/@kind = 'proposal'">notify.title.proposal</xsl:when>
          <xsl:otherwise>notify.title.comment</xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- checkin: a mail counts the reader's KRs; a bot's names the unit. -->
  <xsl:template match="notice" mode="subject">
    <xsl:choose>
      <xsl:when test="@kind = 'checkin' and owed">
        <xsl:call-template name="t-n">
          <xsl:with-param name="k" select="'notify.subject.checkin'"/>
          <xsl:with-param name="c" select="count(owed/checkin)"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="@kind = 'checkin' or @kind = 'escalation' or @kind = 'digest'">
        <xsl:call-template name="t-filled">
          <xsl:with-param name="k">
            <xsl:choose>
              <xsl:when test="@kind = 'checkin'">notify.subject.checkin.bot</xsl:when>
              <xsl:when test="@kind = 'escalation'">notify.subject.escalation</xsl:when>
              <xsl:otherwise>notify.subject.digest</xsl:otherwise>
            </xsl:choose>
          </xsl:with-param>
          <xsl:with-param name="a" select="unit/@name"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="@kind = 'meeting'">
        <xsl:call-template name="t-filled">
          <xsl:with-param name="k" select="'notify.subject.meeting'"/>
          <xsl:with-param name="a"><xsl:apply-templates select="meeting" mode="name"/></xsl:with-param>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="@kind = 'draft'">
        <xsl:call-template name="t-filled">
          <xsl:with-param name="k" select="'notify.subject.draft'"/>
          <xsl:with-param name="a" select="objective/title"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="@kind = 'comment'">
        <xsl:call-template name="t-filled">
          <xsl:with-param name="k">
            <xsl:choose>
              <xsl:when test="comment/@kind = 'proposal'">notify.subject.proposal</xsl:when>
              <xsl:otherwise>notify.subject.comment</xsl:otherwise>
            </xsl:choose>
          </xsl:with-param>
          <xsl:with-param name="a"><xsl:apply-templates select="comment" mode="name"/></xsl:with-param>
          <xsl:with-param name="b" select="objective/title"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates select="." mode="title"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ========================================================== bodies -->

  <!-- checkin, mail: the reader's KRs without a recent check-in, each
       linked to its value in the objective's check-in form (as the inbox).
       checkin, bots: who owes, with counts. -->
  <xsl:template match="notice[@kind = 'checkin']" mode="body">
    <xsl:choose>
      <xsl:when test="owed and string(owed/@checkin-days) != ''">
        <xsl:call-template name="pf">
          <xsl:with-param name="k" select="'notify.checkin.intro'"/>
          <xsl:with-param name="a" select="owed/@checkin-days"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="owed">
        <xsl:call-template name="pk"><xsl:with-param name="k" select="'notify.checkin.intro.plain'"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="pk"><xsl:with-param name="k" select="'notify.checkin.bot.intro'"/></xsl:call-template>
        <xsl:apply-templates select="." mode="owing"/>
        <xsl:apply-templates select="." mode="go-inbox"/>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:if test="owed">
      <xsl:call-template name="list"><xsl:with-param name="c">
        <xsl:for-each select="owed/checkin">
          <xsl:call-template name="item"><xsl:with-param name="c">
            <xsl:call-template name="strong"><xsl:with-param name="c" select="string(title)"/></xsl:call-template>
            <xsl:call-template name="br"/>
            <xsl:call-template name="muted"><xsl:with-param name="c">
              <xsl:value-of select="concat(objective-title, $dot)"/>
              <xsl:call-template name="t-filled">
                <xsl:with-param name="k">
                  <xsl:choose>
                    <xsl:when test="@never = '1'">notify.checkin.never</xsl:when>
                    <xsl:otherwise>notify.checkin.days</xsl:otherwise>
                  </xsl:choose>
                </xsl:with-param>
                <xsl:with-param name="a" select="@days"/>
              </xsl:call-template>
            </xsl:with-param></xsl:call-template>
            <xsl:call-template name="br"/>
            <xsl:call-template name="link">
              <xsl:with-param name="k" select="'notify.checkin.go'"/>
              <xsl:with-param name="href" select="concat($url, '/objective/', @objective, '#ci-', @objective, '-', @kr, '-value')"/>
            </xsl:call-template>
          </xsl:with-param></xsl:call-template>
        </xsl:for-each>
      </xsl:with-param></xsl:call-template>
      <xsl:call-template name="pk"><xsl:with-param name="k" select="'notify.checkin.how'"/></xsl:call-template>
      <xsl:call-template name="pl">
        <xsl:with-param name="k" select="'notify.inbox'"/>
        <xsl:with-param name="href" select="concat($url, '/inbox')"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- Who owes, in the document's order (the directory's): names and
       counts, never a ranking. -->
  <xsl:template match="notice" mode="owing">
    <xsl:if test="not(owing/person)">
      <xsl:call-template name="pk"><xsl:with-param name="k" select="'notify.owing.none'"/></xsl:call-template>
    </xsl:if>
    <xsl:if test="owing/person">
      <xsl:call-template name="list"><xsl:with-param name="c">
        <xsl:for-each select="owing/person">
          <xsl:call-template name="item"><xsl:with-param name="c">
            <xsl:call-template name="t-n">
              <xsl:with-param name="k" select="'notify.owing.person'"/>
              <xsl:with-param name="c" select="@krs"/>
              <xsl:with-param name="a"><xsl:apply-templates select="." mode="name"/></xsl:with-param>
            </xsl:call-template>
          </xsl:with-param></xsl:call-template>
        </xsl:for-each>
      </xsl:with-param></xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template match="notice" mode="go-inbox">
    <xsl:call-template name="pl">
      <xsl:with-param name="k" select="'notify.checkin.bot.go'"/>
      <xsl:with-param name="href" select="concat($url, '/inbox')"/>
    </xsl:call-template>
  </xsl:template>

  <!-- escalation: who still owes since the reminder of since/@day. -->
  <xsl:template match="notice[@kind = 'escalation']" mode="body">
    <xsl:call-template name="pf">
      <xsl:with-param name="k" select="'notify.escalation.intro'"/>
      <xsl:with-param name="a"><xsl:call-template name="day"><xsl:with-param name="d" select="since/@day"/></xsl:call-template></xsl:with-param>
      <xsl:with-param name="b" select="unit/@name"/>
    </xsl:call-template>
    <xsl:apply-templates select="." mode="owing"/>
    <xsl:if test="$mail">
      <xsl:call-template name="pk"><xsl:with-param name="k" select="'notify.escalation.note'"/></xsl:call-template>
      <xsl:call-template name="pl">
        <xsl:with-param name="k" select="'notify.escalation.go'"/>
        <xsl:with-param name="href" select="concat($url, '/inbox')"/>
      </xsl:call-template>
    </xsl:if>
    <xsl:if test="not($mail)"><xsl:apply-templates select="." mode="go-inbox"/></xsl:if>
  </xsl:template>

  <!-- digest: the unit's objectives, score and health flags; then, when
       the document has it, who has not checked in since Monday. -->
  <xsl:template match="notice[@kind = 'digest']" mode="body">
    <xsl:call-template name="pf">
      <xsl:with-param name="k" select="'notify.digest.intro'"/>
      <xsl:with-param name="a" select="unit/@name"/>
    </xsl:call-template>
    <xsl:if test="not(objective)">
      <xsl:call-template name="pk"><xsl:with-param name="k" select="'notify.digest.none'"/></xsl:call-template>
    </xsl:if>
    <xsl:if test="objective">
      <xsl:call-template name="list"><xsl:with-param name="c">
        <xsl:for-each select="objective">
          <xsl:call-template name="item"><xsl:with-param name="c">
            <xsl:call-template name="strong"><xsl:with-param name="c" select="string(title)"/></xsl:call-template>
            <xsl:call-template name="br"/>
            <xsl:call-template name="muted"><xsl:with-param name="c">
              <xsl:choose>
                <xsl:when test="@unscored"><xsl:value-of select="mb:t(@unscored)"/></xsl:when>
                <xsl:otherwise>
                  <xsl:call-template name="t-filled">
                    <xsl:with-param name="k" select="'notify.digest.score'"/>
                    <xsl:with-param name="a" select="@pct"/>
                  </xsl:call-template>
                </xsl:otherwise>
              </xsl:choose>
              <xsl:if test="flag | kr/flag">
                <xsl:value-of select="concat($dot, mb:t('flags'), mb:t('flag.sep'))"/>
                <xsl:call-template name="flag-count"><xsl:with-param name="flags" select="flag | kr/flag"/></xsl:call-template>
              </xsl:if>
            </xsl:with-param></xsl:call-template>
            <xsl:call-template name="br"/>
            <xsl:call-template name="link">
              <xsl:with-param name="k" select="'notify.open'"/>
              <xsl:with-param name="href" select="concat($url, '/objective/', @id)"/>
            </xsl:call-template>
          </xsl:with-param></xsl:call-template>
        </xsl:for-each>
      </xsl:with-param></xsl:call-template>
    </xsl:if>
    <xsl:apply-templates select="owed/team" mode="notify"/>
    <xsl:call-template name="pl">
      <xsl:with-param name="k" select="'notify.digest.unit'"/>
      <xsl:with-param name="href" select="concat($url, '/unit/', unit/@id)"/>
    </xsl:call-template>
  </xsl:template>

  <!-- The flags of an objective and its KRs by name, in health.c's order
       (components.xsl health-count): "Stale (2), Behind". -->
  <xsl:template name="flag-count">
    <xsl:param name="flags"/>
    <xsl:param name="names" select="'stale overdue behind too-few too-many unaligned no-owner too-easy '"/>
    <xsl:param name="sep" select="''"/>
    <xsl:variable name="f" select="substring-before($names, ' ')"/>
    <xsl:variable name="c" select="count($flags[@name = $f])"/>
    <xsl:if test="$c &gt; 0">
      <xsl:value-of select="$sep"/>
      <xsl:if test="$c = 1"><xsl:value-of select="mb:t(concat('flag.', $f))"/></xsl:if>
      <xsl:if test="$c &gt; 1">
        <xsl:call-template name="t-filled">
          <xsl:with-param name="k" select="'notify.digest.flag-n'"/>
          <xsl:with-param name="a" select="mb:t(concat('flag.', $f))"/>
          <xsl:with-param name="b" select="$c"/>
        </xsl:call-template>
      </xsl:if>
    </xsl:if>
    <xsl:if test="contains(substring-after($names, ' '), ' ')">
      <xsl:call-template name="flag-count">
        <xsl:with-param name="flags" select="$flags"/>
        <xsl:with-param name="names" select="substring-after($names, ' ')"/>
        <xsl:with-param name="sep" select="substring(mb:t('list.sep'), 1, 9 * number($c &gt; 0 or $sep != ''))"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- A lead's units since Monday (as the inbox): each unit, how many of
       those with KRs at work have not checked in, and who. -->
  <xsl:template match="team" mode="notify">
    <xsl:call-template name="h"><xsl:with-param name="c">
      <xsl:call-template name="t-filled">
        <xsl:with-param name="k" select="'notify.team'"/>
        <xsl:with-param name="a"><xsl:call-template name="day"><xsl:with-param name="d" select="@since"/></xsl:call-template></xsl:with-param>
      </xsl:call-template>
    </xsl:with-param></xsl:call-template>
    <xsl:call-template name="list"><xsl:with-param name="c">
      <xsl:for-each select="group">
        <xsl:call-template name="item"><xsl:with-param name="c">
          <xsl:value-of select="concat(unit/@name, mb:t('flag.sep'))"/>
          <xsl:call-template name="t-filled">
            <xsl:with-param name="k">
              <xsl:choose>
                <xsl:when test="@people = 0">notify.team.nobody</xsl:when>
                <xsl:when test="@missing = 0">notify.team.all</xsl:when>
                <xsl:otherwise>notify.team.missing</xsl:otherwise>
              </xsl:choose>
            </xsl:with-param>
            <xsl:with-param name="a" select="@missing"/>
            <xsl:with-param name="b" select="@people"/>
          </xsl:call-template>
          <xsl:if test="@missing != 0 and person">
            <xsl:value-of select="mb:t('flag.sep')"/>
            <xsl:for-each select="person">
              <xsl:if test="position() &gt; 1"><xsl:value-of select="mb:t('list.sep')"/></xsl:if>
              <xsl:apply-templates select="." mode="name"/>
            </xsl:for-each>
          </xsl:if>
        </xsl:with-param></xsl:call-template>
      </xsl:for-each>
    </xsl:with-param></xsl:call-template>
  </xsl:template>

  <!-- meeting: tomorrow's meeting, its type and what that type is for. -->
  <xsl:template match="notice[@kind = 'meeting']" mode="body">
    <xsl:variable name="m" select="meeting"/>
    <xsl:call-template name="pf">
      <xsl:with-param name="k" select="'notify.meeting.intro'"/>
      <xsl:with-param name="a" select="(unit | $m/unit)[1]/@name"/>
      <xsl:with-param name="b"><xsl:call-template name="day"><xsl:with-param name="d" select="$m/@day"/></xsl:call-template></xsl:with-param>
    </xsl:call-template>
    <xsl:if test="normalize-space($m/title) != ''">
      <xsl:call-template name="p"><xsl:with-param name="c">
        <xsl:call-template name="strong"><xsl:with-param name="c" select="string($m/title)"/></xsl:call-template>
      </xsl:with-param></xsl:call-template>
    </xsl:if>
    <xsl:call-template name="p"><xsl:with-param name="c" select="concat(mb:t(concat('meeting.type.', $m/@type)),
        mb:t('notify.link.sep'), mb:t(concat('meeting.about.', $m/@type)))"/></xsl:call-template>
    <xsl:call-template name="pk"><xsl:with-param name="k" select="'notify.meeting.prepare'"/></xsl:call-template>
    <xsl:call-template name="pl">
      <xsl:with-param name="k" select="'notify.meeting.go'"/>
      <xsl:with-param name="href" select="concat($url, '/meet/', $m/@id)"/>
    </xsl:call-template>
  </xsl:template>

  <!-- draft: a company objective to propose KRs under. -->
  <xsl:template match="notice[@kind = 'draft']" mode="body">
    <xsl:call-template name="pf">
      <xsl:with-param name="k" select="'notify.draft.intro'"/>
      <xsl:with-param name="a" select="(cycle/@name | objective/@cycle)[1]"/>
    </xsl:call-template>
    <xsl:call-template name="p"><xsl:with-param name="c">
      <xsl:call-template name="strong"><xsl:with-param name="c" select="string(objective/title)"/></xsl:call-template>
    </xsl:with-param></xsl:call-template>
    <xsl:call-template name="pk">
      <xsl:with-param name="k">
        <xsl:choose>
          <xsl:when test="$mail">notify.draft.invite</xsl:when>
          <xsl:otherwise>notify.draft.invite.bot</xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="pk"><xsl:with-param name="k" select="'notify.draft.method'"/></xsl:call-template>
    <xsl:call-template name="pl">
      <xsl:with-param name="k" select="'notify.draft.go'"/>
      <xsl:with-param name="href" select="concat($url, '/objective/', objective/@id)"/>
    </xsl:call-template>
  </xsl:template>

  <!-- comment: who wrote what on which objective, linked to the comment
       on the objective page (its id, c-ID, as the inbox links it). -->
  <xsl:template match="notice[@kind = 'comment']" mode="body">
    <xsl:call-template name="pf">
      <xsl:with-param name="k">
        <xsl:choose>
          <xsl:when test="comment/@kind = 'proposal' and $mail">notify.proposal.intro</xsl:when>
          <xsl:when test="comment/@kind = 'proposal'">notify.proposal.intro.bot</xsl:when>
          <xsl:when test="$mail">notify.comment.intro</xsl:when>
          <xsl:otherwise>notify.comment.intro.bot</xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
      <xsl:with-param name="a"><xsl:apply-templates select="comment" mode="name"/></xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="p"><xsl:with-param name="c">
      <xsl:call-template name="strong"><xsl:with-param name="c" select="string(objective/title)"/></xsl:call-template>
    </xsl:with-param></xsl:call-template>
    <xsl:call-template name="quote"><xsl:with-param name="s" select="string(comment/text)"/></xsl:call-template>
    <xsl:call-template name="pl">
      <xsl:with-param name="k" select="'notify.comment.go'"/>
      <xsl:with-param name="href" select="concat($url, '/objective/', objective/@id, '#c-', comment/@id)"/>
    </xsl:call-template>
  </xsl:template>

</xsl:stylesheet>
