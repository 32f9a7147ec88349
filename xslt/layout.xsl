<?xml version="1.0" encoding="UTF-8"?>
<!--
  layout.xsl: shared by every page sheet (xsl:include).  Provides the
  catalog lookup `t`, the HTML skeleton (match "/"), and the shared pieces:
  objective card, objective line, KR rows, check-ins, score and SVG bar.

  A page sheet supplies:
    <xsl:template match="page" mode="title">   the subject for <title>
    <xsl:template match="page" mode="main">    the content of <main>
    <xsl:template match="page" mode="cycle-action">  (optional) the path the
        cycle switcher submits to; default {base}/ (pages that do not
        depend on the cycle: the switcher takes you to the home page).

  The read pages' editing additions (issue 3) live here too: the action
  bar of a card, the check-in form, trend, hints, history and comments.
  The generic form renderer of the form pages is in forms.xsl.

  Rules kept here: no disable-output-escaping, no format-number, no style
  attributes (CSP), document() only on the catalog chosen from $lang.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:output method="html" encoding="UTF-8"
              doctype-system="about:legacy-compat" indent="no"/>

  <xsl:param name="lang" select="'en'"/>

  <!-- Only two catalogs exist; anything else falls back to English, so the
       document() argument is always one of two constant paths. -->
  <xsl:variable name="L">
    <xsl:choose>
      <xsl:when test="$lang = 'zh-CN'">zh-CN</xsl:when>
      <xsl:otherwise>en</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <!-- Relative to this stylesheet's URI, i.e. xslt/i18n/. -->
  <xsl:variable name="msgs" select="document(concat('i18n/', $L, '.xml'))/messages/m"/>
  <!-- One node of the catalog, for key(): libxslt copies a variable's
       node-set each time it is read, and $msgs[1] copied every message
       for every look-up (7% of a home page's instructions, callgrind). -->
  <xsl:variable name="msg1" select="document(concat('i18n/', $L, '.xml'))/messages"/>

  <xsl:variable name="base" select="/page/@base"/>
  <!-- A print view (meeting page, ?print=1): no nav, forms or buttons. -->
  <xsl:variable name="print" select="/page/@print = '1'"/>
  <xsl:variable name="sel" select="/page/cycles/@selected"/>
  <!-- Query suffix for links to pages that depend on the cycle. -->
  <xsl:variable name="cq">
    <xsl:if test="string($sel) != ''">
      <xsl:text>?cycle=</xsl:text>
      <xsl:call-template name="enc"><xsl:with-param name="s" select="$sel"/></xsl:call-template>
    </xsl:if>
  </xsl:variable>

  <!-- ============================================================ URLs -->

  <!-- Percent-encodes the characters that would change a URL's structure
       (% & # ? + / ; =) in a cycle name or login.  The HTML serializer
       already escapes spaces and non-ASCII in href/action, and leaves %XX
       alone, so nothing is encoded twice. -->
  <xsl:template name="enc">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="translate($s, '%&amp;#?+/;=', '') = $s">
        <xsl:value-of select="$s"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="c" select="substring($s, 1, 1)"/>
        <xsl:choose>
          <xsl:when test="$c = '%'">%25</xsl:when>
          <xsl:when test="$c = '&amp;'">%26</xsl:when>
          <xsl:when test="$c = '#'">%23</xsl:when>
          <xsl:when test="$c = '?'">%3F</xsl:when>
          <xsl:when test="$c = '+'">%2B</xsl:when>
          <xsl:when test="$c = '/'">%2F</xsl:when>
          <xsl:when test="$c = ';'">%3B</xsl:when>
          <xsl:when test="$c = '='">%3D</xsl:when>
          <xsl:otherwise><xsl:value-of select="$c"/></xsl:otherwise>
        </xsl:choose>
        <xsl:call-template name="enc"><xsl:with-param name="s" select="substring($s, 2)"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- href="{base}/person/{login}".  Logins hold only A-Z a-z 0-9 . _ @ -
       (the people form, the import and REMOTE_USER are checked against
       that set), none of which enc would change, so it is not asked: on a
       home page its 250 calls were 5% of the render. -->
  <xsl:template name="person-href">
    <xsl:param name="login"/>
    <xsl:attribute name="href"><xsl:value-of select="concat($base, '/person/', $login)"/></xsl:attribute>
  </xsl:template>

  <!-- href="{base}/?cycle={name}": a given cycle's home page. -->
  <xsl:template name="cycle-href">
    <xsl:param name="name"/>
    <xsl:attribute name="href">
      <xsl:value-of select="concat($base, '/?cycle=')"/>
      <xsl:call-template name="enc"><xsl:with-param name="s" select="$name"/></xsl:call-template>
    </xsl:attribute>
  </xsl:template>

  <!-- ============================================================ i18n -->

  <!-- Catalog text for key $k; the key itself when missing, so a gap is
       visible in review rather than silently blank. -->
  <!-- The lookup goes through a key on the catalog (key() works in the
       document of the context node, hence the for-each): libxslt indexes
       it once per transform instead of scanning every message per call. -->
  <xsl:key name="msg" match="m" use="@k"/>
  <xsl:template name="t">
    <xsl:param name="k"/>
    <xsl:for-each select="$msg1">
      <xsl:variable name="m" select="key('msg', $k)"/>
      <xsl:choose>
        <xsl:when test="$m"><xsl:value-of select="$m[1]"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$k"/></xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <!-- The labels every objective card and KR row repeats, looked up once
       per page rather than once per card or row (a home page asked the
       catalog over 1,000 times). -->
  <xsl:variable name="t.kr.kr"><xsl:call-template name="t"><xsl:with-param name="k" select="'kr.kr'"/></xsl:call-template></xsl:variable>
  <xsl:variable name="t.kr.progress"><xsl:call-template name="t"><xsl:with-param name="k" select="'kr.progress'"/></xsl:call-template></xsl:variable>
  <xsl:variable name="t.kr.due"><xsl:call-template name="t"><xsl:with-param name="k" select="'kr.due'"/></xsl:call-template></xsl:variable>
  <xsl:variable name="t.kr.weight"><xsl:call-template name="t"><xsl:with-param name="k" select="'kr.weight'"/></xsl:call-template></xsl:variable>
  <xsl:variable name="t.kr.confidence"><xsl:call-template name="t"><xsl:with-param name="k" select="'kr.confidence'"/></xsl:call-template></xsl:variable>
  <xsl:variable name="t.kr.score"><xsl:call-template name="t"><xsl:with-param name="k" select="'kr.score'"/></xsl:call-template></xsl:variable>
  <xsl:variable name="t.o.unit"><xsl:call-template name="t"><xsl:with-param name="k" select="'o.unit'"/></xsl:call-template></xsl:variable>
  <xsl:variable name="t.o.owner"><xsl:call-template name="t"><xsl:with-param name="k" select="'o.owner'"/></xsl:call-template></xsl:variable>
  <xsl:variable name="t.dir.increase"><xsl:call-template name="t"><xsl:with-param name="k" select="'dir.increase'"/></xsl:call-template></xsl:variable>
  <xsl:variable name="t.dir.decrease"><xsl:call-template name="t"><xsl:with-param name="k" select="'dir.decrease'"/></xsl:call-template></xsl:variable>
  <xsl:variable name="t.action.edit"><xsl:call-template name="t"><xsl:with-param name="k" select="'action.edit'"/></xsl:call-template></xsl:variable>

  <!-- ======================================================== skeleton -->

  <xsl:template match="/">
    <html lang="{$L}">
      <head>
        <!-- libxslt's HTML serializer always inserts this http-equiv form
             unless it finds it; a <meta charset> beside it would declare
             the encoding twice (invalid HTML5), so state it this way once. -->
        <meta http-equiv="Content-Type" content="text/html; charset=UTF-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>
          <xsl:apply-templates select="page" mode="title"/>
          <xsl:text> · </xsl:text>
          <xsl:call-template name="t"><xsl:with-param name="k" select="'app.name'"/></xsl:call-template>
        </title>
        <link rel="stylesheet" href="{$base}/static/okr.css"/>
        <xsl:apply-templates select="/page" mode="head-links"/>
      </head>
      <body class="page-{page/@name}">
        <xsl:if test="$print">
          <xsl:attribute name="class"><xsl:value-of select="concat('page-', page/@name, ' print-view')"/></xsl:attribute>
        </xsl:if>
        <a class="skip" href="#main">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'a11y.skip'"/></xsl:call-template>
        </a>
        <xsl:apply-templates select="page" mode="header"/>
        <main id="main">
          <xsl:apply-templates select="page" mode="main"/>
        </main>
        <xsl:apply-templates select="page" mode="footer"/>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="page" mode="header">
    <header class="site">
      <a class="brand" href="{$base}/{$cq}">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'app.name'"/></xsl:call-template>
      </a>
      <xsl:if test="not($print)">
      <nav class="main-nav">
        <xsl:attribute name="aria-label">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'nav.label'"/></xsl:call-template>
        </xsl:attribute>
        <ul>
          <li>
            <a href="{$base}/{$cq}">
              <xsl:if test="@name = 'home'">
                <xsl:attribute name="class">current</xsl:attribute>
                <xsl:attribute name="aria-current">page</xsl:attribute>
              </xsl:if>
              <xsl:call-template name="t"><xsl:with-param name="k" select="'nav.home'"/></xsl:call-template>
            </a>
          </li>
          <li>
            <a href="{$base}/tree{$cq}">
              <xsl:if test="@name = 'tree'">
                <xsl:attribute name="class">current</xsl:attribute>
                <xsl:attribute name="aria-current">page</xsl:attribute>
              </xsl:if>
              <xsl:call-template name="t"><xsl:with-param name="k" select="'nav.tree'"/></xsl:call-template>
            </a>
          </li>
          <xsl:if test="@user-name">
            <li>
              <a>
                <xsl:call-template name="person-href"><xsl:with-param name="login" select="@user"/></xsl:call-template>
                <xsl:if test="@name = 'person' and person/@login = current()/@user">
                  <xsl:attribute name="class">current</xsl:attribute>
                  <xsl:attribute name="aria-current">page</xsl:attribute>
                </xsl:if>
                <xsl:call-template name="t"><xsl:with-param name="k" select="'nav.me'"/></xsl:call-template>
              </a>
            </li>
          </xsl:if>
          <xsl:if test="@admin = '1'">
            <li>
              <a href="{$base}/edit/admin/units">
                <xsl:if test="starts-with(@name, 'admin-')">
                  <xsl:attribute name="class">current</xsl:attribute>
                  <xsl:attribute name="aria-current">page</xsl:attribute>
                </xsl:if>
                <xsl:call-template name="t"><xsl:with-param name="k" select="'admin'"/></xsl:call-template>
              </a>
            </li>
          </xsl:if>
        </ul>
      </nav>
      <div class="tools">
        <xsl:apply-templates select="cycles[cycle]" mode="switch"/>
        <xsl:call-template name="lang-switch"/>
        <xsl:if test="string(@user) != ''">
          <p class="who">
            <xsl:call-template name="t"><xsl:with-param name="k" select="'user.signed'"/></xsl:call-template>
            <xsl:text> </xsl:text>
            <xsl:choose>
              <xsl:when test="@user-name">
                <a>
                  <xsl:call-template name="person-href"><xsl:with-param name="login" select="@user"/></xsl:call-template>
                  <xsl:value-of select="@user-name"/>
                </a>
              </xsl:when>
              <xsl:otherwise>
                <span class="login"><xsl:value-of select="@user"/></span>
                <xsl:text> </xsl:text>
                <span class="muted">
                  <xsl:call-template name="t"><xsl:with-param name="k" select="'user.unknown'"/></xsl:call-template>
                </span>
              </xsl:otherwise>
            </xsl:choose>
          </p>
        </xsl:if>
      </div>
      </xsl:if>
    </header>
  </xsl:template>

  <!-- The cycle switcher: a plain GET form, so it works without script.
       Only one named control (cycle); the button has no name. -->
  <xsl:template match="cycles" mode="switch">
    <form class="cycle-switch" method="get">
      <xsl:attribute name="action">
        <xsl:apply-templates select="/page" mode="cycle-action"/>
      </xsl:attribute>
      <label for="cycle-select">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'cycle.label'"/></xsl:call-template>
      </label>
      <select id="cycle-select" name="cycle">
        <xsl:for-each select="cycle">
          <option value="{@name}">
            <xsl:if test="@name = ../@selected">
              <xsl:attribute name="selected">selected</xsl:attribute>
            </xsl:if>
            <xsl:value-of select="@name"/>
            <xsl:text> · </xsl:text>
            <xsl:call-template name="t"><xsl:with-param name="k" select="concat('state.', @state)"/></xsl:call-template>
          </option>
        </xsl:for-each>
      </select>
      <button type="submit">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'cycle.switch'"/></xsl:call-template>
      </button>
    </form>
  </xsl:template>

  <!-- Default target of the switcher; page sheets override (priority 0). -->
  <xsl:template match="page" mode="cycle-action" priority="-1">
    <xsl:value-of select="concat($base, '/')"/>
  </xsl:template>

  <!-- Each language is named in itself (an endonym), so a reader who cannot
       read the current language still finds their own. -->
  <xsl:template name="lang-switch">
    <ul class="lang-switch">
      <xsl:attribute name="aria-label">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'lang.label'"/></xsl:call-template>
      </xsl:attribute>
      <xsl:call-template name="lang-link"><xsl:with-param name="code" select="'en'"/></xsl:call-template>
      <xsl:call-template name="lang-link"><xsl:with-param name="code" select="'zh-CN'"/></xsl:call-template>
    </ul>
  </xsl:template>

  <xsl:template name="lang-link">
    <xsl:param name="code"/>
    <li>
      <a href="{$base}/lang?set={$code}&amp;back={/page/@back-q}" hreflang="{$code}" lang="{$code}">
        <xsl:if test="$code = $L">
          <xsl:attribute name="class">current</xsl:attribute>
          <xsl:attribute name="aria-current">true</xsl:attribute>
        </xsl:if>
        <xsl:call-template name="t"><xsl:with-param name="k" select="concat('lang.', $code)"/></xsl:call-template>
      </a>
    </li>
  </xsl:template>

  <xsl:template match="page" mode="footer">
    <footer class="site">
      <p class="rule">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'footer.healthy'"/></xsl:call-template>
      </p>
      <p class="rule">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'footer.transparent'"/></xsl:call-template>
      </p>
      <ul class="legend">
        <xsl:attribute name="aria-label">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'legend.label'"/></xsl:call-template>
        </xsl:attribute>
        <li><span class="swatch band-red"></span>&lt; 0.4 <xsl:call-template name="t"><xsl:with-param name="k" select="'band.red'"/></xsl:call-template></li>
        <li><span class="swatch band-yellow"></span>0.4–0.69 <xsl:call-template name="t"><xsl:with-param name="k" select="'band.yellow'"/></xsl:call-template></li>
        <li><span class="swatch band-green"></span>≥ 0.7 <xsl:call-template name="t"><xsl:with-param name="k" select="'band.green'"/></xsl:call-template></li>
      </ul>
    </footer>
  </xsl:template>

  <!-- The selected cycle, stated under a page heading (home, unit, tree). -->
  <xsl:template name="cycle-info">
    <xsl:variable name="c" select="/page/cycles/cycle[@name = $sel]"/>
    <xsl:if test="$c">
      <p class="cycle-info">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'cycle.label'"/></xsl:call-template>
        <xsl:text> </xsl:text>
        <strong><xsl:value-of select="$c/@name"/></strong>
        <xsl:text> </xsl:text>
        <xsl:call-template name="cstate"><xsl:with-param name="s" select="$c/@state"/></xsl:call-template>
        <xsl:text> </xsl:text>
        <span class="dates">
          <time datetime="{$c/@start}"><xsl:value-of select="$c/@start"/></time>
          <xsl:text> – </xsl:text>
          <time datetime="{$c/@end}"><xsl:value-of select="$c/@end"/></time>
        </span>
      </p>
    </xsl:if>
  </xsl:template>

  <!-- ========================================================= badges -->

  <xsl:template name="cstate">
    <xsl:param name="s"/>
    <span class="badge state-{$s}">
      <xsl:call-template name="t"><xsl:with-param name="k" select="concat('state.', $s)"/></xsl:call-template>
    </span>
  </xsl:template>

  <!-- Meetings (issue 4): type and state of a meeting. -->
  <xsl:template name="mtype">
    <xsl:param name="t" select="@type"/>
    <span class="badge mtype-{$t}">
      <xsl:call-template name="t"><xsl:with-param name="k" select="concat('meeting.type.', $t)"/></xsl:call-template>
    </span>
  </xsl:template>

  <!-- The title of an objective reference (meetings):
       its <title>, else its own text (<objective id>title</objective>). -->
  <xsl:template match="*" mode="ref-title">
    <xsl:choose>
      <xsl:when test="title"><xsl:value-of select="title"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="mstate">
    <xsl:param name="s" select="@state"/>
    <span class="badge mstate-{$s}">
      <xsl:call-template name="t"><xsl:with-param name="k" select="concat('meeting.state.', $s)"/></xsl:call-template>
    </span>
  </xsl:template>

  <xsl:template name="level">
    <xsl:param name="l"/>
    <span class="badge level-{$l}">
      <xsl:call-template name="t"><xsl:with-param name="k" select="concat('level.', $l)"/></xsl:call-template>
    </span>
  </xsl:template>

  <xsl:template name="role">
    <xsl:param name="r"/>
    <span class="badge role-{$r}">
      <xsl:call-template name="t"><xsl:with-param name="k" select="concat('role.', $r)"/></xsl:call-template>
    </span>
  </xsl:template>

  <!-- ====================================================== links -->

  <xsl:template match="unit | parent" mode="link">
    <a href="{$base}/unit/{@id}{$cq}"><xsl:value-of select="@name"/></a>
  </xsl:template>

  <!-- owner, lead, manager, person: all carry login + name; the login
       goes into the link as it is (see person-href). -->
  <xsl:template match="*" mode="person-link">
    <a href="{$base}/person/{@login}">
      <xsl:choose>
        <xsl:when test="string(@name) != ''"><xsl:value-of select="@name"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="@login"/></xsl:otherwise>
      </xsl:choose>
    </a>
  </xsl:template>

  <!-- ===================================================== score + bar -->

  <!-- The score as text in its band colour, then the bar.  The number is
       always shown, so colour is never the only carrier. -->
  <xsl:template name="score">
    <span class="score-wrap">
      <span class="score band-{@band}"><xsl:value-of select="@score"/></span>
      <!-- The bar (template "bar" below), written here: every score has one. -->
      <meter class="bar band-{@band}" max="100" value="{@pct}"/>
    </span>
  </xsl:template>

  <!-- The same for a score computed in the stylesheet (a board's mean).
       Two templates, not one with parameters defaulting to the context's
       attributes: evaluating those defaults was a fifth of the cost of a
       home page's 250 scores. -->
  <xsl:template name="score-as">
    <xsl:param name="score"/>
    <xsl:param name="pct"/>
    <xsl:param name="band"/>
    <span class="score-wrap">
      <span class="score band-{$band}"><xsl:value-of select="$score"/></span>
      <meter class="bar band-{$band}" max="100" value="{$pct}"/>
    </span>
  </xsl:template>

  <!-- A <meter> from 0 to 100, its class the band's colour; okr.css
       draws the track, the fill and the ticks at 60 and 70 that mark the
       method's healthy final score.  One element instead of an SVG of
       five with 28 attributes: the bar was 18% of a home page's render
       (callgrind), and a meter clamps its value and tells assistive
       technology its value by itself. -->
  <xsl:template name="bar">
    <xsl:param name="pct" select="@pct"/>
    <xsl:param name="band" select="@band"/>
    <meter class="bar band-{$band}" max="100" value="{$pct}"/>
  </xsl:template>

  <!-- ================================================= objective card -->

  <!-- $h: heading element for the title; $detail: objective page (shows
       description, KR kinds and check-ins); $checkin: offer the check-in
       form (objective page, the signed-in person's own page, an open
       review board); $tools: false drops every edit link, button and
       form (print view, a closed meeting's frozen board). -->
  <xsl:template match="objective" mode="card">
    <xsl:param name="h" select="'h3'"/>
    <xsl:param name="detail" select="false()"/>
    <xsl:param name="checkin" select="$detail"/>
    <xsl:param name="tools" select="not($print)"/>
    <article class="objective level-{@level}" id="o-{@id}">
      <header class="o-head">
        <div class="o-title-row">
          <xsl:call-template name="level"><xsl:with-param name="l" select="@level"/></xsl:call-template>
          <xsl:element name="{$h}">
            <xsl:attribute name="class">o-title</xsl:attribute>
            <a href="{$base}/objective/{@id}"><xsl:value-of select="title"/></a>
          </xsl:element>
          <span class="badge ostate-{@state}">
            <xsl:call-template name="t"><xsl:with-param name="k" select="concat('ostate.', @state)"/></xsl:call-template>
          </span>
        </div>
        <xsl:call-template name="score"/>
      </header>
      <dl class="meta">
        <xsl:if test="unit">
          <dt><xsl:value-of select="$t.o.unit"/></dt>
          <dd><xsl:apply-templates select="unit" mode="link"/></dd>
        </xsl:if>
        <xsl:if test="owner">
          <dt><xsl:value-of select="$t.o.owner"/></dt>
          <dd><xsl:apply-templates select="owner" mode="person-link"/></dd>
        </xsl:if>
        <xsl:if test="$detail and @cycle">
          <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'o.cycle'"/></xsl:call-template></dt>
          <dd>
            <a>
              <xsl:call-template name="cycle-href"><xsl:with-param name="name" select="@cycle"/></xsl:call-template>
              <xsl:value-of select="@cycle"/>
            </a>
          </dd>
        </xsl:if>
        <xsl:if test="$detail and @version">
          <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'o.version'"/></xsl:call-template></dt>
          <dd><xsl:value-of select="@version"/></dd>
        </xsl:if>
      </dl>
      <!-- A closed cycle's objective cannot be edited but may still be
           carried over by its owner: next-cycle alone shows the bar. -->
      <xsl:if test="$tools and (@can-edit = '1' or @can-propose = '1' or string(@next-cycle) != '')">
        <xsl:apply-templates select="." mode="actions"/>
      </xsl:if>
      <xsl:if test="$detail and @state = 'agreed'">
        <p class="note agreed-note">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'o.agreed-note'"/></xsl:call-template>
        </p>
      </xsl:if>
      <xsl:apply-templates select="hint"/>
      <xsl:apply-templates select="parent-kr"/>
      <xsl:if test="$detail and string(description) != ''">
        <p class="description"><xsl:value-of select="description"/></p>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="kr">
          <xsl:call-template name="kr-table">
            <xsl:with-param name="detail" select="$detail"/>
            <xsl:with-param name="tools" select="$tools"/>
          </xsl:call-template>
        </xsl:when>
        <!-- Say "no KRs" only where KRs were sent; aligned objectives
             and tree entries come without them by design. -->
        <xsl:when test="$detail or @krs = 0">
          <p class="empty">
            <xsl:call-template name="t"><xsl:with-param name="k" select="'o.nokrs'"/></xsl:call-template>
          </p>
        </xsl:when>
      </xsl:choose>
      <xsl:if test="$tools and $checkin and @can-checkin = '1' and kr[@can-checkin = '1'] and string(/page/@token) != ''">
        <xsl:apply-templates select="." mode="checkin-form">
          <xsl:with-param name="open" select="$detail"/>
        </xsl:apply-templates>
      </xsl:if>
    </article>
  </xsl:template>

  <!-- The KR this objective serves: links to that KR's row. -->
  <xsl:template match="parent-kr">
    <p class="parent-kr">
      <span class="label">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'o.serves'"/></xsl:call-template>
      </span>
      <xsl:text> </xsl:text>
      <a href="{$base}/objective/{@objective}#kr-{@id}"><xsl:value-of select="title"/></a>
      <xsl:if test="string(objective-title) != ''">
        <xsl:text> </xsl:text>
        <span class="muted">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'o.serves-in'"/></xsl:call-template>
          <xsl:text> </xsl:text>
          <a href="{$base}/objective/{@objective}"><xsl:value-of select="objective-title"/></a>
        </span>
      </xsl:if>
    </p>
  </xsl:template>

  <!-- One line per objective: aligned lists and the tree. -->
  <xsl:template match="objective" mode="line">
    <li class="oline level-{@level}">
      <xsl:call-template name="level"><xsl:with-param name="l" select="@level"/></xsl:call-template>
      <xsl:text> </xsl:text>
      <a class="o-link" href="{$base}/objective/{@id}"><xsl:value-of select="title"/></a>
      <xsl:if test="unit or owner">
        <xsl:text> </xsl:text>
        <span class="muted">
          <xsl:apply-templates select="unit" mode="link"/>
          <xsl:if test="unit and owner"><xsl:text> · </xsl:text></xsl:if>
          <xsl:apply-templates select="owner" mode="person-link"/>
        </span>
      </xsl:if>
      <xsl:text> </xsl:text>
      <xsl:call-template name="score"/>
    </li>
  </xsl:template>

  <!-- ======================================================= KR table -->

  <xsl:template name="kr-table">
    <xsl:param name="detail" select="false()"/>
    <xsl:param name="tools" select="not($print)"/>
    <div class="table-wrap">
      <table class="krs">
        <thead>
          <tr>
            <th scope="col"><xsl:value-of select="$t.kr.kr"/></th>
            <th scope="col"><xsl:value-of select="$t.kr.progress"/></th>
            <th scope="col"><xsl:value-of select="$t.kr.due"/></th>
            <th scope="col" class="num"><xsl:value-of select="$t.kr.weight"/></th>
            <th scope="col" class="num"><xsl:value-of select="$t.kr.confidence"/></th>
            <th scope="col"><xsl:value-of select="$t.kr.score"/></th>
          </tr>
        </thead>
        <xsl:apply-templates select="kr" mode="row">
          <xsl:with-param name="detail" select="$detail"/>
          <xsl:with-param name="tools" select="$tools"/>
        </xsl:apply-templates>
      </table>
    </div>
  </xsl:template>

  <!-- One tbody per KR, so the KR row and its follow-up row (check-ins,
       aligned objectives) stay grouped. -->
  <xsl:template match="kr" mode="row">
    <xsl:param name="detail" select="false()"/>
    <xsl:param name="tools" select="not($print)"/>
    <tbody class="kr" id="kr-{@id}">
      <tr>
        <th scope="row" class="kr-title">
          <xsl:value-of select="title"/>
          <xsl:if test="@state">
            <span class="badge krstate-{@state}">
              <xsl:call-template name="t"><xsl:with-param name="k" select="concat('krstate.', @state)"/></xsl:call-template>
            </span>
          </xsl:if>
          <xsl:if test="owner or $detail or ($tools and @can-edit = '1')">
            <span class="kr-sub">
              <xsl:if test="$detail">
                <span class="badge kind-{@kind}">
                  <xsl:call-template name="t"><xsl:with-param name="k" select="concat('kind.', @kind)"/></xsl:call-template>
                </span>
                <xsl:text> </xsl:text>
              </xsl:if>
              <xsl:apply-templates select="owner" mode="person-link"/>
              <xsl:if test="$tools and @can-edit = '1'">
                <xsl:text> </xsl:text>
                <a class="edit-link" href="{$base}/edit/kr/{@id}">
                  <xsl:value-of select="$t.action.edit"/>
                </a>
              </xsl:if>
            </span>
          </xsl:if>
          <xsl:apply-templates select="hint"/>
        </th>
        <td class="kr-progress">
          <xsl:choose>
            <xsl:when test="@kind = 'milestone'">
              <xsl:call-template name="milestone"><xsl:with-param name="v" select="@current"/></xsl:call-template>
            </xsl:when>
            <xsl:otherwise>
              <span class="start"><xsl:value-of select="@start"/></span>
              <span class="arrow"> → </span>
              <strong class="current"><xsl:value-of select="@current"/></strong>
              <span class="arrow"> → </span>
              <span class="target"><xsl:value-of select="@target"/></span>
              <xsl:if test="string(@unit-label) != ''">
                <xsl:text> </xsl:text>
                <span class="ulabel"><xsl:value-of select="@unit-label"/></span>
              </xsl:if>
              <span class="dir dir-{@direction}">
                <xsl:choose>
                  <xsl:when test="@direction = 'increase'"><xsl:value-of select="$t.dir.increase"/></xsl:when>
                  <xsl:when test="@direction = 'decrease'"><xsl:value-of select="$t.dir.decrease"/></xsl:when>
                  <xsl:otherwise><xsl:call-template name="t"><xsl:with-param name="k" select="concat('dir.', @direction)"/></xsl:call-template></xsl:otherwise>
                </xsl:choose>
              </span>
            </xsl:otherwise>
          </xsl:choose>
          <xsl:apply-templates select="trend"/>
        </td>
        <td class="due"><xsl:if test="@due"><time datetime="{@due}"><xsl:value-of select="@due"/></time></xsl:if></td>
        <td class="num"><xsl:value-of select="@weight"/></td>
        <td class="num"><xsl:value-of select="@confidence"/></td>
        <td class="kr-score"><xsl:call-template name="score"/></td>
      </tr>
      <xsl:if test="$detail or aligned/objective">
        <tr class="kr-extra">
          <td colspan="6">
            <xsl:if test="$detail">
              <xsl:call-template name="checkins"/>
            </xsl:if>
            <xsl:if test="aligned/objective">
              <div class="aligned">
                <p class="sub">
                  <xsl:call-template name="t"><xsl:with-param name="k" select="'kr.aligned'"/></xsl:call-template>
                </p>
                <ul class="olist">
                  <xsl:apply-templates select="aligned/objective" mode="line"/>
                </ul>
              </div>
            </xsl:if>
          </td>
        </tr>
      </xsl:if>
    </tbody>
  </xsl:template>

  <xsl:template name="milestone">
    <xsl:param name="v"/>
    <xsl:choose>
      <xsl:when test="number($v) = 1">
        <span class="milestone done">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'kr.done'"/></xsl:call-template>
        </span>
      </xsl:when>
      <xsl:otherwise>
        <span class="milestone todo">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'kr.notdone'"/></xsl:call-template>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Check-in history of the context KR, oldest first as sent. -->
  <xsl:template name="checkins">
    <div class="checkins">
      <p class="sub">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'kr.checkins'"/></xsl:call-template>
      </p>
      <xsl:choose>
        <xsl:when test="checkin">
          <table class="checkins">
            <thead>
              <tr>
                <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'ci.date'"/></xsl:call-template></th>
                <th scope="col" class="num"><xsl:call-template name="t"><xsl:with-param name="k" select="'ci.value'"/></xsl:call-template></th>
                <th scope="col" class="num"><xsl:call-template name="t"><xsl:with-param name="k" select="'ci.confidence'"/></xsl:call-template></th>
                <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'ci.author'"/></xsl:call-template></th>
                <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'ci.note'"/></xsl:call-template></th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="checkin">
                <tr>
                  <td><time datetime="{@at}"><xsl:value-of select="@date"/></time></td>
                  <td class="num">
                    <xsl:choose>
                      <xsl:when test="../@kind = 'milestone'">
                        <xsl:call-template name="milestone"><xsl:with-param name="v" select="@value"/></xsl:call-template>
                      </xsl:when>
                      <xsl:otherwise><xsl:value-of select="@value"/></xsl:otherwise>
                    </xsl:choose>
                  </td>
                  <td class="num"><xsl:value-of select="@confidence"/></td>
                  <td>
                    <a>
                      <xsl:call-template name="person-href"><xsl:with-param name="login" select="@author"/></xsl:call-template>
                      <xsl:choose>
                        <xsl:when test="string(@author-name) != ''"><xsl:value-of select="@author-name"/></xsl:when>
                        <xsl:otherwise><xsl:value-of select="@author"/></xsl:otherwise>
                      </xsl:choose>
                    </a>
                  </td>
                  <td class="note"><xsl:value-of select="note"/></td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </xsl:when>
        <xsl:otherwise>
          <p class="empty">
            <xsl:call-template name="t"><xsl:with-param name="k" select="'ci.none'"/></xsl:call-template>
          </p>
        </xsl:otherwise>
      </xsl:choose>
    </div>
  </xsl:template>

  <!-- ================================================ editing (issue 3) -->

  <!-- The hidden fields every POST form carries: the CSRF token bound to
       the user, where to land after saving (this page), and the version
       the form was built from when the write is optimistic. -->
  <xsl:template name="post-hidden">
    <xsl:param name="back" select="/page/@path"/>
    <xsl:param name="version"/>
    <input type="hidden" name="token" value="{/page/@token}"/>
    <input type="hidden" name="back" value="{$back}"/>
    <xsl:if test="string($version) != ''">
      <input type="hidden" name="version" value="{$version}"/>
    </xsl:if>
  </xsl:template>

  <!-- The error a refused POST came back with, for field $name of $sent
       (the /page/form the server echoes, as for comments and check-ins). -->
  <xsl:template name="sent-error">
    <xsl:param name="sent"/>
    <xsl:param name="name"/>
    <xsl:for-each select="$sent/field[@name = $name][string(@error) != '']">
      <p class="field-error"><xsl:call-template name="t"><xsl:with-param name="k" select="@error"/></xsl:call-template></p>
    </xsl:for-each>
  </xsl:template>

  <!-- A one-button POST form (archive, carry over, next cycle): a link
       would be followed by crawlers and prefetchers, a POST is not. -->
  <xsl:template name="button-form">
    <xsl:param name="action"/>
    <xsl:param name="label-key"/>
    <xsl:param name="label-extra"/>
    <xsl:param name="version"/>
    <xsl:param name="class" select="''"/>
    <form class="button-form" method="post" action="{$action}">
      <xsl:if test="$class != ''">
        <xsl:attribute name="class"><xsl:value-of select="concat('button-form ', $class)"/></xsl:attribute>
      </xsl:if>
      <xsl:call-template name="post-hidden">
        <xsl:with-param name="version" select="$version"/>
      </xsl:call-template>
      <button type="submit">
        <xsl:call-template name="t"><xsl:with-param name="k" select="$label-key"/></xsl:call-template>
        <xsl:if test="string($label-extra) != ''">
          <xsl:text> </xsl:text>
          <xsl:value-of select="$label-extra"/>
        </xsl:if>
      </button>
    </form>
  </xsl:template>

  <!-- The action bar of an objective the user may edit.  Without a token
       (user not in the store) POSTs would be refused, so no buttons. -->
  <xsl:template match="objective" mode="actions">
    <div class="actions">
      <xsl:if test="@can-edit = '1'">
        <a class="action" href="{$base}/edit/objective/{@id}">
          <xsl:value-of select="$t.action.edit"/>
        </a>
        <xsl:if test="@state != 'agreed'">
          <a class="action" href="{$base}/edit/kr/new?objective={@id}">
            <xsl:call-template name="t"><xsl:with-param name="k" select="'action.add-kr'"/></xsl:call-template>
          </a>
        </xsl:if>
      </xsl:if>
      <xsl:if test="@can-propose = '1'">
        <a class="action" href="{$base}/edit/kr/new?objective={@id}">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'action.propose-kr'"/></xsl:call-template>
        </a>
      </xsl:if>
      <xsl:if test="string(/page/@token) != ''">
        <xsl:if test="@can-edit = '1' and @state != 'archived' and @state != 'agreed'">
          <xsl:call-template name="button-form">
            <xsl:with-param name="action" select="concat($base, '/edit/objective/', @id, '/archive')"/>
            <xsl:with-param name="label-key" select="'action.archive'"/>
            <xsl:with-param name="version" select="@version"/>
          </xsl:call-template>
        </xsl:if>
        <xsl:if test="string(@next-cycle) != ''">
          <xsl:call-template name="button-form">
            <xsl:with-param name="action" select="concat($base, '/edit/objective/', @id, '/carry')"/>
            <xsl:with-param name="label-key" select="'action.carry'"/>
            <xsl:with-param name="label-extra" select="@next-cycle"/>
          </xsl:call-template>
        </xsl:if>
      </xsl:if>
    </div>
  </xsl:template>

  <!-- Pages with an Atom feed announce it in <head> (unit, person). -->
  <xsl:template match="page" mode="head-links"/>

  <!-- The feeds of a page (issue 5): paths under $base, each optional. -->
  <xsl:template name="feed-links">
    <xsl:param name="xml"/>
    <xsl:param name="atom"/>
    <xsl:param name="csv"/>
    <xsl:param name="all"/>
    <xsl:if test="not($print)">
      <p class="feeds">
        <span class="label"><xsl:call-template name="t"><xsl:with-param name="k" select="'feed.links'"/></xsl:call-template></span>
        <xsl:if test="$xml != ''">
          <xsl:text> </xsl:text>
          <a class="feed-xml" type="application/xml" href="{$base}{$xml}"><xsl:call-template name="t"><xsl:with-param name="k" select="'feed.xml'"/></xsl:call-template></a>
        </xsl:if>
        <xsl:if test="$atom != ''">
          <xsl:text> · </xsl:text>
          <a class="feed-atom" type="application/atom+xml" href="{$base}{$atom}"><xsl:call-template name="t"><xsl:with-param name="k" select="'feed.atom'"/></xsl:call-template></a>
        </xsl:if>
        <xsl:if test="$csv != ''">
          <xsl:text> · </xsl:text>
          <a class="feed-csv" type="text/csv" href="{$base}{$csv}"><xsl:call-template name="t"><xsl:with-param name="k" select="'feed.csv'"/></xsl:call-template></a>
        </xsl:if>
        <xsl:if test="$all != ''">
          <xsl:text> · </xsl:text>
          <a class="feed-all" type="application/xml" href="{$base}{$all}"><xsl:call-template name="t"><xsl:with-param name="k" select="'feed.all'"/></xsl:call-template></a>
        </xsl:if>
      </p>
    </xsl:if>
  </xsl:template>

  <!-- A method hint (objective or KR): advice, not an error. -->
  <xsl:template match="hint">
    <p class="hint">
      <xsl:call-template name="t"><xsl:with-param name="k" select="@key"/></xsl:call-template>
    </p>
  </xsl:template>

  <!-- Check-in values, already scaled to width x height by the server. -->
  <xsl:template match="trend">
    <svg class="trend" width="{@width}" height="{@height}" viewBox="0 0 {@width} {@height}"
         role="img" focusable="false">
      <xsl:attribute name="aria-label">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'kr.trend'"/></xsl:call-template>
      </xsl:attribute>
      <polyline class="trend-line" points="{@points}"/>
    </svg>
  </xsl:template>

  <!-- <time> for an ISO instant: date and hh:mm (UTC, as stored). -->
  <xsl:template name="when">
    <xsl:param name="at" select="@at"/>
    <time datetime="{$at}">
      <xsl:value-of select="substring($at, 1, 10)"/>
      <xsl:if test="string-length($at) &gt;= 16">
        <xsl:text> </xsl:text>
        <xsl:value-of select="substring($at, 12, 5)"/>
      </xsl:if>
    </time>
  </xsl:template>

  <!-- ONE check-in form per objective: the repeated fields kr, value,
       confidence, note, in KR order, so the handler pairs them by
       position.  An empty value skips that KR. -->
  <xsl:template match="objective" mode="checkin-form">
    <xsl:param name="open" select="false()"/>
    <!-- A check-in the server refused comes back in /page/form: one
         field per KR with what was typed and its error. -->
    <xsl:variable name="sent" select="/page/form[contains(@action, concat('/edit/checkin/', current()/@id))]"/>
    <details class="checkin-form">
      <xsl:if test="$open or $sent"><xsl:attribute name="open">open</xsl:attribute></xsl:if>
      <summary>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'action.checkin'"/></xsl:call-template>
      </summary>
      <form class="checkin" method="post" action="{$base}/edit/checkin/{@id}">
        <xsl:call-template name="post-hidden"/>
        <p class="muted">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'ci.skip'"/></xsl:call-template>
        </p>
        <xsl:if test="$sent">
          <p class="form-message" role="alert"><xsl:call-template name="t"><xsl:with-param name="k" select="'form.invalid'"/></xsl:call-template></p>
        </xsl:if>
        <xsl:for-each select="kr[@can-checkin = '1']">
          <xsl:variable name="id" select="concat('ci-', ../@id, '-', @id, '-')"/>
          <xsl:variable name="mine" select="$sent/field[@kr = current()/@id]"/>
          <fieldset class="ci-kr">
            <legend><xsl:value-of select="title"/></legend>
            <input type="hidden" name="kr" value="{@id}"/>
            <div class="field">
              <label for="{$id}value">
                <xsl:call-template name="t"><xsl:with-param name="k" select="'field.value'"/></xsl:call-template>
              </label>
              <xsl:choose>
                <xsl:when test="@kind = 'milestone'">
                  <select id="{$id}value" name="value">
                    <option value="">
                      <xsl:call-template name="t"><xsl:with-param name="k" select="'ci.unchanged'"/></xsl:call-template>
                    </option>
                    <option value="0">
                      <xsl:if test="$mine/@value = '0'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
                      <xsl:call-template name="t"><xsl:with-param name="k" select="'kr.notdone'"/></xsl:call-template>
                    </option>
                    <option value="1">
                      <xsl:if test="$mine/@value = '1'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
                      <xsl:call-template name="t"><xsl:with-param name="k" select="'kr.done'"/></xsl:call-template>
                    </option>
                  </select>
                </xsl:when>
                <xsl:otherwise>
                  <input type="text" inputmode="decimal" id="{$id}value" name="value" value="{$mine/@value}" size="10"/>
                  <span class="ulabel"><xsl:value-of select="@unit-label"/></span>
                </xsl:otherwise>
              </xsl:choose>
              <span class="muted ci-now">
                <xsl:call-template name="t"><xsl:with-param name="k" select="'ci.now'"/></xsl:call-template>
                <xsl:text> </xsl:text>
                <xsl:choose>
                  <xsl:when test="@kind = 'milestone'">
                    <xsl:call-template name="milestone"><xsl:with-param name="v" select="@current"/></xsl:call-template>
                  </xsl:when>
                  <xsl:otherwise><xsl:value-of select="@current"/></xsl:otherwise>
                </xsl:choose>
              </span>
            </div>
            <div class="field">
              <label for="{$id}confidence">
                <xsl:call-template name="t"><xsl:with-param name="k" select="'field.confidence'"/></xsl:call-template>
              </label>
              <select id="{$id}confidence" name="confidence">
                <xsl:call-template name="confidence-options">
                  <xsl:with-param name="cur">
                    <xsl:choose>
                      <xsl:when test="$mine"><xsl:value-of select="$mine/@confidence"/></xsl:when>
                      <xsl:otherwise><xsl:value-of select="@confidence"/></xsl:otherwise>
                    </xsl:choose>
                  </xsl:with-param>
                </xsl:call-template>
              </select>
            </div>
            <div class="field field-note">
              <label for="{$id}note">
                <xsl:call-template name="t"><xsl:with-param name="k" select="'field.note'"/></xsl:call-template>
              </label>
              <input type="text" id="{$id}note" name="note" value="{$mine/@note}"/>
            </div>
            <xsl:if test="$mine/@error">
              <p class="field-error"><xsl:call-template name="t"><xsl:with-param name="k" select="$mine/@error"/></xsl:call-template></p>
            </xsl:if>
          </fieldset>
        </xsl:for-each>
        <button type="submit">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'action.checkin'"/></xsl:call-template>
        </button>
      </form>
    </details>
  </xsl:template>

  <!-- 0, 0.1 … 1 with the KR's confidence preselected (compared as
       numbers: "1" and "1.0" are the same).  A stored value off this grid
       gets its own option first, so submitting unchanged keeps it instead
       of silently dropping to 0. -->
  <xsl:template name="confidence-options">
    <xsl:param name="cur"/>
    <xsl:param name="grid" select="'0 0.1 0.2 0.3 0.4 0.5 0.6 0.7 0.8 0.9 1 '"/>
    <xsl:param name="first" select="true()"/>
    <xsl:if test="$first and string($cur) != '' and not(contains(concat(' ', $grid), concat(' ', number($cur), ' ')))">
      <option value="{$cur}" selected="selected"><xsl:value-of select="$cur"/></option>
    </xsl:if>
    <xsl:if test="contains($grid, ' ')">
      <xsl:variable name="v" select="substring-before($grid, ' ')"/>
      <option value="{$v}">
        <xsl:if test="string($cur) != '' and number($cur) = number($v)">
          <xsl:attribute name="selected">selected</xsl:attribute>
        </xsl:if>
        <xsl:value-of select="$v"/>
      </option>
      <xsl:call-template name="confidence-options">
        <xsl:with-param name="cur" select="$cur"/>
        <xsl:with-param name="grid" select="substring-after($grid, ' ')"/>
        <xsl:with-param name="first" select="false()"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- A comment or proposal: on the objective page (comments) and in the
       owner's inbox, where it also links the objective it was made on. -->
  <xsl:template match="comment">
    <li class="comment kind-{@kind}" id="c-{@id}">
      <p class="c-head">
        <!-- author is absent when that person has left the directory. -->
        <xsl:if test="string(@author) != ''">
          <a>
            <xsl:call-template name="person-href"><xsl:with-param name="login" select="@author"/></xsl:call-template>
            <xsl:choose>
              <xsl:when test="string(@author-name) != ''"><xsl:value-of select="@author-name"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="@author"/></xsl:otherwise>
            </xsl:choose>
          </a>
        </xsl:if>
        <xsl:text> </xsl:text>
        <xsl:call-template name="when"/>
        <xsl:if test="@kind = 'proposal'">
          <xsl:text> </xsl:text>
          <span class="badge kind-proposal">
            <xsl:call-template name="t"><xsl:with-param name="k" select="'comment.kind.proposal'"/></xsl:call-template>
          </span>
        </xsl:if>
      </p>
      <xsl:if test="@objective">
        <p class="c-on">
          <span class="label"><xsl:call-template name="t"><xsl:with-param name="k" select="'inbox.on'"/></xsl:call-template></span>
          <xsl:text> </xsl:text>
          <a href="{$base}/objective/{@objective}#c-{@id}"><xsl:value-of select="objective-title"/></a>
        </p>
      </xsl:if>
      <p class="c-text"><xsl:value-of select="text"/></p>
    </li>
  </xsl:template>

</xsl:stylesheet>
