<?xml version="1.0" encoding="UTF-8"?>
<!-- components.xsl: the pieces page sheets share (badges, cards, KR table, …). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:mb="urn:mubiao:render" extension-element-prefixes="mb"
    exclude-result-prefixes="mb">

  <!-- ========================================================= badges -->

  <!-- A badge: <span class="badge {$class}-{$v}"> holding the catalog
       text of {$key}.{$v}, as for a cycle's state ('state', 'state'), a
       meeting's type ('mtype', 'meeting.type') or a unit's level ('level',
       'level'). -->
  <xsl:template name="badge">
    <xsl:param name="class"/>
    <xsl:param name="key"/>
    <xsl:param name="v"/>
    <span class="badge {$class}-{$v}">
      <xsl:call-template name="t"><xsl:with-param name="k" select="concat($key, '.', $v)"/></xsl:call-template>
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

  <!-- ====================================================== links -->

  <xsl:template match="unit | parent" mode="link">
    <a href="{$base}/unit/{@id}{$cq}"><xsl:value-of select="@name"/></a>
  </xsl:template>

  <!-- owner, lead, manager, person: all carry login + name; the login
       goes into the link as it is (see person-href). -->
  <xsl:template match="*" mode="person-link">
    <a href="{$base}/person/{@login}{$cq}">
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
      <xsl:choose>
        <!-- A draft, or a cycle in planning: its state, not a red 0.00. -->
        <xsl:when test="@unscored">
          <span class="score unscored"><xsl:call-template name="t"><xsl:with-param name="k" select="@unscored"/></xsl:call-template></span>
        </xsl:when>
        <xsl:otherwise>
          <span class="score band-{@band}"><xsl:value-of select="@score"/></span>
          <!-- The bar (template "bar" below), written here: every score has one. -->
          <meter class="bar band-{@band}" max="100" value="{@pct}"/>
        </xsl:otherwise>
      </xsl:choose>
    </span>
  </xsl:template>

  <!-- The same for a score computed in the stylesheet (a board's mean).
       Two templates, not one with parameters defaulting to the context's
       attributes: evaluating those defaults is costly on a page of
       hundreds of scores. -->
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
       method's healthy final score.  A meter is one cheap element, clamps
       its value and tells assistive technology its value by itself. -->
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
    <!-- A card is rendered once and its HTML kept for every page and user
         that shows the same one (cgi/render.c names it, in @card, by a
         digest of this objective's subtree, the language, /page's
         attributes and /page/cycles, or cgi/view.c by the records the
         subtree is made of, and then sends it empty, @stub, when its card
         is kept; its parameters are added here).  So
         the card may read nothing else of the page, nor ask where it
         stands (position(), generate-id()), and no sheet may override a
         template it applies. -->
    <xsl:choose>
      <xsl:when test="@card">
        <xsl:variable name="key" select="concat(@card, '-', $h, '-', number($detail), number($checkin), number($tools))"/>
        <xsl:choose>
          <xsl:when test="mb:card($key)"><mb:card-html/></xsl:when>
          <xsl:otherwise>
            <mubiao-card key="{$key}">
              <xsl:apply-templates select="." mode="card-body">
                <xsl:with-param name="h" select="$h"/>
                <xsl:with-param name="detail" select="$detail"/>
                <xsl:with-param name="checkin" select="$checkin"/>
                <xsl:with-param name="tools" select="$tools"/>
              </xsl:apply-templates>
            </mubiao-card>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates select="." mode="card-body">
          <xsl:with-param name="h" select="$h"/>
          <xsl:with-param name="detail" select="$detail"/>
          <xsl:with-param name="checkin" select="$checkin"/>
          <xsl:with-param name="tools" select="$tools"/>
        </xsl:apply-templates>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="objective" mode="card-body">
    <xsl:param name="h"/>
    <xsl:param name="detail"/>
    <xsl:param name="checkin"/>
    <xsl:param name="tools"/>
    <article class="objective level-{@level}" id="o-{@id}">
      <header class="o-head">
        <div class="o-title-row">
          <xsl:call-template name="badge">
            <xsl:with-param name="class" select="'level'"/>
            <xsl:with-param name="key" select="'level'"/>
            <xsl:with-param name="v" select="@level"/>
          </xsl:call-template>
          <xsl:element name="{$h}">
            <xsl:attribute name="class">o-title</xsl:attribute>
            <a href="{$base}/objective/{@id}"><xsl:value-of select="title"/></a>
          </xsl:element>
          <xsl:call-template name="badge">
            <xsl:with-param name="class" select="'ostate'"/>
            <xsl:with-param name="key" select="'ostate'"/>
            <xsl:with-param name="v" select="@state"/>
          </xsl:call-template>
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
      <xsl:call-template name="flags"/>
      <xsl:apply-templates select="parent-kr"/>
      <xsl:apply-templates select="carried-from | carried-to"/>
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
  <!-- The original of a carried copy, and the copy of an original. -->
  <xsl:template match="carried-from | carried-to">
    <p class="{name()}">
      <span class="label">
        <xsl:call-template name="t"><xsl:with-param name="k" select="concat('o.', name())"/></xsl:call-template>
      </span>
      <xsl:text> </xsl:text>
      <a href="{$base}/objective/{@id}"><xsl:value-of select="title"/></a>
      <xsl:if test="@cycle">
        <xsl:text> </xsl:text>
        <span class="muted">(<xsl:value-of select="@cycle"/>)</span>
      </xsl:if>
    </p>
  </xsl:template>

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
      <xsl:call-template name="badge">
        <xsl:with-param name="class" select="'level'"/>
        <xsl:with-param name="key" select="'level'"/>
        <xsl:with-param name="v" select="@level"/>
      </xsl:call-template>
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

  <!-- ===================================================== table heads -->

  <!-- <thead> with a column head per catalog key in $cols (keys separated
       by single spaces; num:KEY heads a numeric column, class "num").
       $scope: each th's scope attribute, none when ''. -->
  <xsl:template name="thead">
    <xsl:param name="cols"/>
    <xsl:param name="scope" select="'col'"/>
    <thead>
      <tr>
        <xsl:call-template name="th">
          <xsl:with-param name="cols" select="$cols"/>
          <xsl:with-param name="scope" select="$scope"/>
        </xsl:call-template>
      </tr>
    </thead>
  </xsl:template>

  <!-- The th of the first key of $cols, then of the rest. -->
  <xsl:template name="th">
    <xsl:param name="cols"/>
    <xsl:param name="scope"/>
    <xsl:variable name="c" select="substring-before(concat($cols, ' '), ' ')"/>
    <th>
      <xsl:if test="$scope != ''">
        <xsl:attribute name="scope"><xsl:value-of select="$scope"/></xsl:attribute>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="starts-with($c, 'num:')">
          <xsl:attribute name="class">num</xsl:attribute>
          <xsl:call-template name="t"><xsl:with-param name="k" select="substring($c, 5)"/></xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="t"><xsl:with-param name="k" select="$c"/></xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
    </th>
    <xsl:if test="contains($cols, ' ')">
      <xsl:call-template name="th">
        <xsl:with-param name="cols" select="substring-after($cols, ' ')"/>
        <xsl:with-param name="scope" select="$scope"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- ======================================================= KR table -->

  <!-- The head of every KR table, built once per page rather than once
       per objective card. -->
  <xsl:variable name="kr-head">
    <xsl:call-template name="thead">
      <xsl:with-param name="cols" select="'kr.kr kr.progress kr.due num:kr.weight num:kr.confidence kr.score'"/>
    </xsl:call-template>
  </xsl:variable>

  <xsl:template name="kr-table">
    <xsl:param name="detail" select="false()"/>
    <xsl:param name="tools" select="not($print)"/>
    <div class="table-wrap">
      <table class="krs">
        <xsl:copy-of select="$kr-head"/>
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
            <xsl:call-template name="badge">
              <xsl:with-param name="class" select="'krstate'"/>
              <xsl:with-param name="key" select="'krstate'"/>
              <xsl:with-param name="v" select="@state"/>
            </xsl:call-template>
          </xsl:if>
          <xsl:if test="owner or $detail or ($tools and @can-edit = '1')">
            <span class="kr-sub">
              <xsl:if test="$detail">
                <xsl:call-template name="badge">
                  <xsl:with-param name="class" select="'kind'"/>
                  <xsl:with-param name="key" select="'kind'"/>
                  <xsl:with-param name="v" select="@kind"/>
                </xsl:call-template>
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
          <xsl:call-template name="flags"/>
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
        <td class="due"><xsl:if test="@due"><time datetime="{@due}"><xsl:call-template name="day"><xsl:with-param name="d" select="@due"/></xsl:call-template></time></xsl:if></td>
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
            <xsl:call-template name="thead">
              <xsl:with-param name="cols" select="'ci.date num:ci.value num:ci.confidence ci.author ci.note'"/>
            </xsl:call-template>
            <tbody>
              <xsl:for-each select="checkin">
                <tr>
                  <td><xsl:call-template name="when"/></td>
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

  <!-- The feeds of a page: paths under $base, each optional. -->
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

  <!-- The health flags of the context objective or KR (cgi/health.c):
       each its name, then its reason with the figures <flag> carries. -->
  <xsl:variable name="t.flag.sep" select="mb:t('flag.sep')"/>
  <xsl:template name="flags">
    <xsl:if test="flag">
      <ul class="flags">
        <xsl:for-each select="flag">
          <li class="flag flag-{@name}">
            <strong class="flag-name"><xsl:value-of select="mb:t(concat('flag.', @name))"/></strong>
            <xsl:value-of select="$t.flag.sep"/>
            <span class="flag-why">
              <xsl:call-template name="t-filled">
                <xsl:with-param name="k" select="concat('flag.', @name, '.why')"/>
                <xsl:with-param name="a" select="string(@days | @pct | @krs)"/>
                <xsl:with-param name="b" select="string(@expected)"/>
              </xsl:call-template>
            </span>
          </li>
        </xsl:for-each>
      </ul>
    </xsl:if>
  </xsl:template>

  <!-- The health flags of a page's objectives and KRs counted by name,
       in health.c's order (unit and person pages): a glance before the
       cards, which say which and why. -->
  <xsl:template name="health-summary">
    <xsl:param name="flags" select="//flag"/>
    <div class="health-summary">
      <span class="label"><xsl:value-of select="mb:t('flags')"/></span>
      <xsl:text> </xsl:text>
      <xsl:choose>
        <xsl:when test="$flags">
          <ul class="flags">
            <xsl:call-template name="health-count">
              <xsl:with-param name="flags" select="$flags"/>
              <xsl:with-param name="names" select="'stale overdue behind too-few too-many unaligned no-owner too-easy'"/>
            </xsl:call-template>
          </ul>
        </xsl:when>
        <xsl:otherwise><span class="empty"><xsl:value-of select="mb:t('flags.none')"/></span></xsl:otherwise>
      </xsl:choose>
    </div>
  </xsl:template>

  <xsl:template name="health-count">
    <xsl:param name="flags"/>
    <xsl:param name="names"/>
    <xsl:variable name="n" select="substring-before(concat($names, ' '), ' ')"/>
    <xsl:variable name="c" select="count($flags[@name = $n])"/>
    <xsl:if test="$c &gt; 0">
      <li class="flag flag-{$n}">
        <strong class="flag-name"><xsl:value-of select="mb:t(concat('flag.', $n))"/></strong>
        <xsl:value-of select="$t.flag.sep"/>
        <span class="flag-count"><xsl:value-of select="$c"/></span>
      </li>
    </xsl:if>
    <xsl:if test="contains($names, ' ')">
      <xsl:call-template name="health-count">
        <xsl:with-param name="flags" select="$flags"/>
        <xsl:with-param name="names" select="substring-after($names, ' ')"/>
      </xsl:call-template>
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

  <!-- A date (the first ten characters of d, YYYY-MM-DD) as the page's
       language writes it: 2027-01-15, or 2027年1月15日 in Chinese. -->
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

  <!-- <time> for an instant: the machine's UTC in datetime, the local
       date (as day writes it) and hh:mm (view_when()) for people, with the
       zone's offset, since a reader may sit in another zone than the
       server's. -->
  <xsl:template name="when">
    <time datetime="{@at}">
      <xsl:call-template name="day"><xsl:with-param name="d" select="@local"/></xsl:call-template>
      <xsl:if test="string-length(@local) &gt;= 16">
        <xsl:text> </xsl:text>
        <xsl:value-of select="substring(@local, 12, 5)"/>
      </xsl:if>
      <xsl:if test="string(@zone) != ''">
        <xsl:text> </xsl:text>
        <span class="zone"><xsl:value-of select="@zone"/></span>
      </xsl:if>
    </time>
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
          <xsl:call-template name="badge">
            <xsl:with-param name="class" select="'kind'"/>
            <xsl:with-param name="key" select="'comment.kind'"/>
            <xsl:with-param name="v" select="'proposal'"/>
          </xsl:call-template>
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
      <xsl:if test="@new = '1'">
        <p class="c-new"><span class="badge new"><xsl:value-of select="mb:t('owed.comments.new')"/></span></p>
      </xsl:if>
    </li>
  </xsl:template>

</xsl:stylesheet>
