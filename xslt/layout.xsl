<?xml version="1.0" encoding="UTF-8"?>
<!--
  layout.xsl: the page skeleton every page sheet includes: the catalog
  lookup `t`, the URL helpers, and the HTML frame (match "/") with its
  header, cycle and language switches and footer.  It includes the
  shared pieces (components.xsl) and the parts of the read pages' forms
  (form-parts.xsl); the generic form renderer of the form pages is
  forms.xsl.

  A page sheet supplies:
    <xsl:template match="page" mode="title">   the subject for <title>
    <xsl:template match="page" mode="main">    the content of <main>
    <xsl:template match="page" mode="cycle-action">  (optional) the path the
        cycle switcher submits to; default {base}/ (pages that do not
        depend on the cycle: the switcher takes you to the home page).
    <xsl:template match="page" mode="head-links">  (optional) links in
        <head>, such as a feed.

  Rules kept here: no disable-output-escaping, no format-number, no style
  attributes (CSP), document() only on the catalog chosen from $lang.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:mb="urn:mubiao:render" exclude-result-prefixes="mb">

  <xsl:include href="components.xsl"/>
  <xsl:include href="form-parts.xsl"/>

  <xsl:output method="html" encoding="UTF-8"
              doctype-system="about:legacy-compat" indent="no"/>

  <xsl:param name="lang" select="'en'"/>

  <!-- Only two catalogs exist; anything else is English. -->
  <!-- The globals every card and row reads are strings, made once: a
       variable holding a tree fragment or a node-set is copied and
       turned into a string again at each use, hundreds of times a page. -->
  <xsl:variable name="L" select="concat(substring('zh-CN', 1, 5 * number($lang = 'zh-CN')),
      substring('en', 1, 2 * number($lang != 'zh-CN')))"/>
  <xsl:variable name="base" select="string(/page/@base)"/>
  <!-- A print view (meeting page, ?print=1): no nav, forms or buttons. -->
  <xsl:variable name="print" select="/page/@print = '1'"/>
  <!-- A meeting's presenter view (?present=1): for the projector, no nav. -->
  <xsl:variable name="present" select="/page/@present = '1'"/>
  <!-- Pages a meeting shows follow the store as it changes (live.js polls
       the live stamp); a print is a fixed copy, and a page that brings a
       refused form back (/page/form) answers a POST: its address is the
       form's, and what was typed is the point of it. -->
  <xsl:variable name="polled" select="not($print) and not(/page/form) and
      (/page/@name = 'meeting' or /page/@name = 'objective' or /page/@name = 'unit')"/>
  <xsl:variable name="sel" select="string(/page/cycles/@selected)"/>
  <!-- Query suffix for links to pages that depend on the cycle: none in
       the current cycle, whose bare URLs bookmarks and the page cache
       know (view_cycle_query() in C). -->
  <xsl:variable name="cq-tree">
    <xsl:if test="string($sel) != '' and not(/page/cycles/cycle[@name = $sel]/@current = '1')">
      <xsl:text>?cycle=</xsl:text>
      <xsl:call-template name="enc"><xsl:with-param name="s" select="$sel"/></xsl:call-template>
    </xsl:if>
  </xsl:variable>
  <xsl:variable name="cq" select="string($cq-tree)"/>
  <!-- The same after a link's own query: "&cycle=…", or nothing. -->
  <xsl:variable name="cqa" select="concat(translate(substring($cq, 1, 1), '?', '&amp;'), substring($cq, 2))"/>

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
       that set), none of which enc would change, so it is not asked: a
       home page makes hundreds of these links. -->
  <xsl:template name="person-href">
    <xsl:param name="login"/>
    <xsl:attribute name="href"><xsl:value-of select="concat($base, '/person/', $login, $cq)"/></xsl:attribute>
  </xsl:template>

  <!-- href="{base}/?cycle={name}": a given cycle's home page; the
       current cycle's is the bare one (see $cq). -->
  <xsl:template name="cycle-href">
    <xsl:param name="name"/>
    <xsl:attribute name="href">
      <xsl:value-of select="concat($base, '/')"/>
      <xsl:if test="not(/page/cycles/cycle[@name = $name]/@current = '1')">
        <xsl:text>?cycle=</xsl:text>
        <xsl:call-template name="enc"><xsl:with-param name="s" select="$name"/></xsl:call-template>
      </xsl:if>
    </xsl:attribute>
  </xsl:template>

  <!-- ============================================================ i18n -->

  <!-- Catalog text for key $k in the page's language (xslt/i18n/LANG.xml,
       read once per process by cgi/render.c); the key itself when
       missing, so a gap is visible in review rather than silently blank. -->
  <xsl:template name="t">
    <xsl:param name="k"/>
    <xsl:value-of select="mb:t($k)"/>
  </xsl:template>

  <!-- The labels every objective card and KR row repeats, looked up once
       per page rather than once per card or row. -->
  <xsl:variable name="t.o.unit" select="mb:t('o.unit')"/>
  <xsl:variable name="t.o.owner" select="mb:t('o.owner')"/>
  <xsl:variable name="t.dir.increase" select="mb:t('dir.increase')"/>
  <xsl:variable name="t.dir.decrease" select="mb:t('dir.decrease')"/>
  <xsl:variable name="t.action.edit" select="mb:t('action.edit')"/>

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
        <xsl:if test="$polled">
          <script src="{$base}/static/live.js" defer="defer"></script>
          <!-- Without script, the projector still moves: the presenter
               view alone reloads itself. -->
          <xsl:if test="$present">
            <noscript><meta http-equiv="refresh" content="10"/></noscript>
          </xsl:if>
        </xsl:if>
        <xsl:apply-templates select="/page" mode="head-links"/>
      </head>
      <body class="page-{page/@name}">
        <xsl:if test="$print">
          <xsl:attribute name="class"><xsl:value-of select="concat('page-', page/@name, ' print-view')"/></xsl:attribute>
        </xsl:if>
        <xsl:if test="$present">
          <xsl:attribute name="class"><xsl:value-of select="concat('page-', page/@name, ' present-view')"/></xsl:attribute>
        </xsl:if>
        <xsl:if test="$polled">
          <xsl:attribute name="data-live"><xsl:value-of select="concat($base, '/live/stamp')"/></xsl:attribute>
          <xsl:if test="page/meeting/@id and not(page/meeting/@state = 'closed')">
            <xsl:attribute name="data-live-meeting"><xsl:value-of select="page/meeting/@id"/></xsl:attribute>
          </xsl:if>
        </xsl:if>
        <a class="skip" href="#main">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'a11y.skip'"/></xsl:call-template>
        </a>
        <xsl:apply-templates select="page" mode="header"/>
        <xsl:if test="$polled">
          <xsl:call-template name="live-bar"/>
        </xsl:if>
        <main id="main">
          <xsl:apply-templates select="page" mode="main"/>
        </main>
        <xsl:if test="not($present)">
          <xsl:apply-templates select="page" mode="footer"/>
        </xsl:if>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="page" mode="header">
    <header class="site">
      <a class="brand" href="{$base}/{$cq}">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'app.name'"/></xsl:call-template>
      </a>
      <xsl:if test="not($print or $present)">
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
          <!-- What the signed-in person owes, counted (view_owed()). -->
          <xsl:if test="owed-count">
            <li>
              <a class="owed-link" href="{$base}/inbox">
                <xsl:if test="@name = 'inbox'">
                  <xsl:attribute name="class">owed-link current</xsl:attribute>
                  <xsl:attribute name="aria-current">page</xsl:attribute>
                </xsl:if>
                <xsl:call-template name="t"><xsl:with-param name="k" select="'nav.owed'"/></xsl:call-template>
                <xsl:if test="owed-count/@n &gt; 0">
                  <xsl:text> </xsl:text>
                  <span class="owed-n"><xsl:value-of select="owed-count/@n"/></span>
                </xsl:if>
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

  <!-- Above a page that follows the store: a refresh link, which works
       without script; live.js marks the page live instead (the "live"
       text) and offers to follow the presenter on a meeting page. -->
  <xsl:template name="live-bar">
    <div class="live-bar" id="live-bar">
      <a class="refresh" href="">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'live.refresh'"/></xsl:call-template>
      </a>
      <span class="live-on" hidden="hidden">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'live.on'"/></xsl:call-template>
      </span>
      <xsl:if test="/page/meeting/@id and not(/page/meeting/@state = 'closed')">
        <button type="button" class="live-follow" id="live-follow" aria-pressed="false" hidden="hidden">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'live.follow'"/></xsl:call-template>
        </button>
      </xsl:if>
    </div>
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
        <xsl:call-template name="badge">
          <xsl:with-param name="class" select="'state'"/>
          <xsl:with-param name="key" select="'state'"/>
          <xsl:with-param name="v" select="$c/@state"/>
        </xsl:call-template>
        <xsl:text> </xsl:text>
        <span class="dates">
          <time datetime="{$c/@start}"><xsl:call-template name="day"><xsl:with-param name="d" select="$c/@start"/></xsl:call-template></time>
          <xsl:text> – </xsl:text>
          <time datetime="{$c/@end}"><xsl:call-template name="day"><xsl:with-param name="d" select="$c/@end"/></xsl:call-template></time>
        </span>
      </p>
    </xsl:if>
  </xsl:template>

  <!-- Pages with an Atom feed announce it in <head> (unit, person). -->
  <xsl:template match="page" mode="head-links"/>

</xsl:stylesheet>
