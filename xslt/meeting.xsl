<?xml version="1.0" encoding="UTF-8"?>
<!-- meeting.xsl: one meeting (issue 4): its type, date and unit; for a
     review meeting the four-quadrant board (四象限看板) in a 2 x 2 grid for
     the projector; attendance; minutes and decisions.  Forms only while
     the meeting is not closed: a closed meeting is frozen, shown as the
     room saw it.  A quarterly meeting adds the grading of the cycle's
     KRs and the collective summary of the grades.  /page/@print = '1'
     (?print=1): no nav, forms or buttons ($print in layout.xsl). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="layout.xsl"/>

  <xsl:variable name="m" select="/page/meeting"/>
  <xsl:variable name="closed" select="$m/@state = 'closed' or $m/@frozen = '1'"/>
  <!-- Forms are offered: not closed, not printing, a known user. -->
  <xsl:variable name="live" select="not($closed) and not($print) and string(/page/@token) != ''"/>
  <xsl:variable name="manage" select="$live and $m/@can-manage = '1'"/>

  <xsl:template match="page" mode="title">
    <xsl:apply-templates select="meeting" mode="name"/>
    <xsl:text> · </xsl:text>
    <xsl:value-of select="meeting/@date"/>
  </xsl:template>

  <!-- Its title, else its type. -->
  <xsl:template match="meeting" mode="name">
    <xsl:choose>
      <xsl:when test="normalize-space(title) != ''"><xsl:value-of select="title"/></xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="t"><xsl:with-param name="k" select="concat('meeting.type.', @type)"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <header class="page-head meeting-head">
      <div class="title-row">
        <xsl:for-each select="$m"><xsl:call-template name="mtype"/></xsl:for-each>
        <h1><xsl:apply-templates select="$m" mode="name"/></h1>
        <xsl:for-each select="$m"><xsl:call-template name="mstate"/></xsl:for-each>
      </div>
      <dl class="meta">
        <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'meeting.date'"/></xsl:call-template></dt>
        <dd><time datetime="{$m/@date}"><xsl:value-of select="$m/@date"/></time></dd>
        <xsl:if test="$m/unit">
          <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'o.unit'"/></xsl:call-template></dt>
          <dd><xsl:apply-templates select="$m/unit" mode="link"/></dd>
        </xsl:if>
        <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'field.objective'"/></xsl:call-template></dt>
        <dd>
          <xsl:choose>
            <xsl:when test="$m/objective">
              <a href="{$base}/objective/{$m/objective/@id}"><xsl:apply-templates select="$m/objective" mode="ref-title"/></a>
            </xsl:when>
            <xsl:otherwise><xsl:call-template name="t"><xsl:with-param name="k" select="'meeting.whole-unit'"/></xsl:call-template></xsl:otherwise>
          </xsl:choose>
        </dd>
      </dl>
      <p class="intro">
        <xsl:call-template name="t"><xsl:with-param name="k" select="concat('meeting.about.', $m/@type)"/></xsl:call-template>
      </p>
      <xsl:if test="not($print)">
        <div class="actions">
          <xsl:if test="$m/unit">
            <a class="action" href="{$base}/meet/unit/{$m/unit/@id}{$cq}">
              <xsl:call-template name="t"><xsl:with-param name="k" select="'meetings'"/></xsl:call-template>
            </a>
          </xsl:if>
          <a class="action" href="{$base}/meet/{$m/@id}?print=1">
            <xsl:call-template name="t"><xsl:with-param name="k" select="'meeting.print'"/></xsl:call-template>
          </a>
          <xsl:if test="$manage and $m/@state = 'planned'">
            <xsl:call-template name="button-form">
              <xsl:with-param name="action" select="concat($base, '/meet/', $m/@id, '/open')"/>
              <xsl:with-param name="label-key" select="'meeting.open'"/>
              <xsl:with-param name="version" select="$m/@version"/>
              <xsl:with-param name="class" select="'meet-open'"/>
            </xsl:call-template>
          </xsl:if>
          <xsl:if test="$manage and $m/@state = 'open'">
            <xsl:call-template name="button-form">
              <xsl:with-param name="action" select="concat($base, '/meet/', $m/@id, '/close')"/>
              <xsl:with-param name="label-key" select="'meeting.close'"/>
              <xsl:with-param name="version" select="$m/@version"/>
              <xsl:with-param name="class" select="'meet-close'"/>
            </xsl:call-template>
            <span class="muted"><xsl:call-template name="t"><xsl:with-param name="k" select="'meeting.close-note'"/></xsl:call-template></span>
          </xsl:if>
        </div>
      </xsl:if>
      <xsl:call-template name="feed-links">
        <xsl:with-param name="xml" select="concat('/xml/meeting/', $m/@id)"/>
      </xsl:call-template>
      <xsl:if test="$closed">
        <p class="frozen">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'meeting.frozen'"/></xsl:call-template>
        </p>
      </xsl:if>
    </header>

    <xsl:apply-templates select="$m/board"/>
    <xsl:apply-templates select="$m/company"/>
    <xsl:apply-templates select="$m/carried"/>
    <xsl:apply-templates select="$m/consensus"/>
    <xsl:apply-templates select="$m/actions"/>
    <xsl:apply-templates select="$m/grading"/>
    <xsl:apply-templates select="$m/summary"/>
    <xsl:apply-templates select="$m/grow-board"/>
    <xsl:if test="$m/@type = 'awareness'">
      <xsl:call-template name="awareness"/>
    </xsl:if>
    <xsl:apply-templates select="$m/attendance"/>
    <xsl:call-template name="minutes"/>
  </xsl:template>

  <!-- ========================================================= attendance -->

  <xsl:template match="attendance">
    <section class="attendance" id="attendance">
      <h2>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'meeting.attendance'"/></xsl:call-template>
        <xsl:text> </xsl:text>
        <span class="count">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'meeting.present'"/></xsl:call-template>
          <xsl:text> </xsl:text>
          <xsl:value-of select="count(person[@present = '1'])"/>
          <xsl:text> / </xsl:text>
          <xsl:value-of select="count(person)"/>
        </span>
      </h2>
      <xsl:choose>
        <xsl:when test="$manage">
          <form class="attendance-form" method="post" action="{$base}/meet/{$m/@id}/attendance">
            <xsl:call-template name="post-hidden"><xsl:with-param name="version" select="$m/@version"/></xsl:call-template>
            <ul class="chips">
              <xsl:for-each select="person">
                <li>
                  <label>
                    <input type="checkbox" name="login" value="{@login}">
                      <xsl:if test="@present = '1'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
                    </input>
                    <xsl:text> </xsl:text>
                    <xsl:call-template name="person-name"/>
                  </label>
                </li>
              </xsl:for-each>
            </ul>
            <button type="submit"><xsl:call-template name="t"><xsl:with-param name="k" select="'meeting.save'"/></xsl:call-template></button>
          </form>
        </xsl:when>
        <xsl:when test="person">
          <ul class="chips attendees">
            <xsl:for-each select="person">
              <xsl:variable name="p">
                <xsl:choose>
                  <xsl:when test="@present = '1'">present</xsl:when>
                  <xsl:otherwise>absent</xsl:otherwise>
                </xsl:choose>
              </xsl:variable>
              <li class="{$p}">
                <xsl:apply-templates select="." mode="person-link"/>
                <xsl:text> </xsl:text>
                <span class="att-mark">
                  <xsl:call-template name="t"><xsl:with-param name="k" select="concat('meeting.', $p)"/></xsl:call-template>
                </span>
              </li>
            </xsl:for-each>
          </ul>
        </xsl:when>
      </xsl:choose>
    </section>
  </xsl:template>

  <xsl:template name="person-name">
    <xsl:choose>
      <xsl:when test="string(@name) != ''"><xsl:value-of select="@name"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="@login"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============================================== minutes and decisions -->

  <xsl:template name="minutes">
    <section class="minutes" id="minutes">
      <xsl:choose>
        <xsl:when test="$manage">
          <form class="edit minutes-form" method="post" action="{$base}/meet/{$m/@id}/minutes">
            <xsl:call-template name="post-hidden"><xsl:with-param name="version" select="$m/@version"/></xsl:call-template>
            <div class="fields">
              <div class="field">
                <label for="meet-minutes"><xsl:call-template name="t"><xsl:with-param name="k" select="'meeting.minutes'"/></xsl:call-template></label>
                <textarea id="meet-minutes" name="text" rows="8"><xsl:text>&#10;</xsl:text><xsl:value-of select="$m/minutes"/></textarea>
              </div>
              <div class="field">
                <label for="meet-decisions"><xsl:call-template name="t"><xsl:with-param name="k" select="'meeting.decisions'"/></xsl:call-template></label>
                <textarea id="meet-decisions" name="note" rows="5"><xsl:text>&#10;</xsl:text><xsl:value-of select="$m/decisions"/></textarea>
              </div>
            </div>
            <div class="form-buttons">
              <button type="submit"><xsl:call-template name="t"><xsl:with-param name="k" select="'meeting.save'"/></xsl:call-template></button>
            </div>
          </form>
        </xsl:when>
        <xsl:otherwise>
          <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'meeting.minutes'"/></xsl:call-template></h2>
          <xsl:call-template name="text-block"><xsl:with-param name="s" select="$m/minutes"/></xsl:call-template>
          <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'meeting.decisions'"/></xsl:call-template></h2>
          <xsl:call-template name="text-block"><xsl:with-param name="s" select="$m/decisions"/></xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <xsl:template name="text-block">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="normalize-space($s) != ''"><p class="text-block"><xsl:value-of select="$s"/></p></xsl:when>
      <xsl:otherwise><p class="empty">—</p></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ================================================= the review board -->

  <xsl:template match="board">
    <section class="board" id="board">
      <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'board'"/></xsl:call-template></h2>
      <div class="quadrants">
        <section class="quadrant q1">
          <h3><span class="qn">1</span><xsl:text> </xsl:text><xsl:call-template name="t"><xsl:with-param name="k" select="'board.q1'"/></xsl:call-template></h3>
          <xsl:choose>
            <xsl:when test="progress/objective">
              <xsl:apply-templates select="progress/objective" mode="card">
                <xsl:with-param name="h" select="'h4'"/>
                <xsl:with-param name="checkin" select="$live"/>
                <xsl:with-param name="tools" select="not($closed) and not($print)"/>
              </xsl:apply-templates>
            </xsl:when>
            <xsl:otherwise>
              <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'o.none'"/></xsl:call-template></p>
            </xsl:otherwise>
          </xsl:choose>
        </section>
        <xsl:call-template name="q2"/>
        <xsl:apply-templates select="week">
          <xsl:with-param name="n" select="3"/>
        </xsl:apply-templates>
        <xsl:apply-templates select="month">
          <xsl:with-param name="n" select="4"/>
        </xsl:apply-templates>
      </div>
      <xsl:if test="$live and $m/@can-act = '1'">
        <xsl:call-template name="action-form"/>
      </xsl:if>
    </section>
  </xsl:template>

  <!-- Quadrant 2: the overall status, the derived one when it was set by
       hand, and what it is derived from. -->
  <xsl:template name="q2">
    <xsl:variable name="overridden" select="string(@override-reason) != '' or (string(@derived) != '' and @derived != @status)"/>
    <section class="quadrant q2">
      <h3><span class="qn">2</span><xsl:text> </xsl:text><xsl:call-template name="t"><xsl:with-param name="k" select="'board.q2'"/></xsl:call-template></h3>
      <p class="status-big status-{@status}">
        <xsl:call-template name="t"><xsl:with-param name="k" select="concat('board.status.', @status)"/></xsl:call-template>
      </p>
      <xsl:if test="$overridden">
        <p class="override-info">
          <span class="badge"><xsl:call-template name="t"><xsl:with-param name="k" select="'board.override'"/></xsl:call-template></span>
          <xsl:if test="string(@override-reason) != ''">
            <xsl:text> </xsl:text>
            <span class="label"><xsl:call-template name="t"><xsl:with-param name="k" select="'board.reason'"/></xsl:call-template></span>
            <xsl:text> </xsl:text>
            <span class="reason"><xsl:value-of select="@override-reason"/></span>
          </xsl:if>
        </p>
      </xsl:if>
      <xsl:if test="string(@derived) != ''">
        <p class="derived">
          <span class="label"><xsl:call-template name="t"><xsl:with-param name="k" select="'board.derived'"/></xsl:call-template></span>
          <xsl:text> </xsl:text>
          <strong class="status-{@derived}"><xsl:call-template name="t"><xsl:with-param name="k" select="concat('board.status.', @derived)"/></xsl:call-template></strong>
        </p>
      </xsl:if>
      <dl class="gauges">
        <xsl:if test="string(@elapsed) != ''">
          <xsl:variable name="ep" select="round(number(@elapsed) * 100)"/>
          <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'board.elapsed'"/></xsl:call-template></dt>
          <dd>
            <span class="score-wrap">
              <span class="score elapsed"><xsl:value-of select="$ep"/>%</span>
              <xsl:call-template name="bar">
                <xsl:with-param name="pct" select="$ep"/>
                <xsl:with-param name="band" select="'elapsed'"/>
              </xsl:call-template>
            </span>
          </dd>
        </xsl:if>
        <xsl:if test="string(@score) != ''">
          <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'board.mean-score'"/></xsl:call-template></dt>
          <dd>
            <!-- The band follows the documented thresholds (README). -->
            <xsl:variable name="s" select="number(@score)"/>
            <xsl:call-template name="score-as">
              <xsl:with-param name="score" select="@score"/>
              <xsl:with-param name="pct" select="round($s * 100)"/>
              <xsl:with-param name="band">
                <xsl:choose>
                  <xsl:when test="$s &gt;= 0.7">green</xsl:when>
                  <xsl:when test="$s &gt;= 0.4">yellow</xsl:when>
                  <xsl:otherwise>red</xsl:otherwise>
                </xsl:choose>
              </xsl:with-param>
            </xsl:call-template>
          </dd>
        </xsl:if>
      </dl>
      <xsl:if test="$manage">
        <xsl:variable name="cur">
          <xsl:if test="$overridden"><xsl:value-of select="@status"/></xsl:if>
        </xsl:variable>
        <form class="override-form" method="post" action="{$base}/meet/{$m/@id}/status">
          <xsl:call-template name="post-hidden"><xsl:with-param name="version" select="$m/@version"/></xsl:call-template>
          <fieldset>
            <legend><xsl:call-template name="t"><xsl:with-param name="k" select="'board.override'"/></xsl:call-template></legend>
            <div class="field">
              <label for="ov-state"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.state'"/></xsl:call-template></label>
              <select id="ov-state" name="state">
                <option value="">
                  <xsl:call-template name="t"><xsl:with-param name="k" select="'board.auto'"/></xsl:call-template>
                  <xsl:if test="string(@derived) != ''">
                    <xsl:text> (</xsl:text>
                    <xsl:call-template name="t"><xsl:with-param name="k" select="concat('board.status.', @derived)"/></xsl:call-template>
                    <xsl:text>)</xsl:text>
                  </xsl:if>
                </option>
                <xsl:call-template name="status-option"><xsl:with-param name="v" select="'on-track'"/><xsl:with-param name="cur" select="$cur"/></xsl:call-template>
                <xsl:call-template name="status-option"><xsl:with-param name="v" select="'at-risk'"/><xsl:with-param name="cur" select="$cur"/></xsl:call-template>
                <xsl:call-template name="status-option"><xsl:with-param name="v" select="'off-track'"/><xsl:with-param name="cur" select="$cur"/></xsl:call-template>
              </select>
            </div>
            <div class="field">
              <label for="ov-text"><xsl:call-template name="t"><xsl:with-param name="k" select="'board.reason'"/></xsl:call-template></label>
              <input type="text" id="ov-text" name="text" maxlength="500" value="{@override-reason}"/>
            </div>
            <button type="submit"><xsl:call-template name="t"><xsl:with-param name="k" select="'meeting.save'"/></xsl:call-template></button>
          </fieldset>
        </form>
      </xsl:if>
    </section>
  </xsl:template>

  <xsl:template name="status-option">
    <xsl:param name="v"/>
    <xsl:param name="cur"/>
    <option value="{$v}">
      <xsl:if test="$v = $cur"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
      <xsl:call-template name="t"><xsl:with-param name="k" select="concat('board.status.', $v)"/></xsl:call-template>
    </option>
  </xsl:template>

  <!-- Quadrants 3 (this week) and 4 (the coming month): action items. -->
  <xsl:template match="week | month">
    <xsl:param name="n"/>
    <section class="quadrant q{$n}">
      <h3><span class="qn"><xsl:value-of select="$n"/></span><xsl:text> </xsl:text><xsl:call-template name="t"><xsl:with-param name="k" select="concat('board.q', $n)"/></xsl:call-template></h3>
      <p class="dates">
        <time datetime="{@from}"><xsl:value-of select="@from"/></time>
        <xsl:text> – </xsl:text>
        <time datetime="{@to}"><xsl:value-of select="@to"/></time>
      </p>
      <xsl:choose>
        <xsl:when test="action">
          <ul class="action-items"><xsl:apply-templates select="action"/></ul>
        </xsl:when>
        <xsl:otherwise>
          <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'action.none'"/></xsl:call-template></p>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <xsl:template match="action">
    <li class="action-item state-{@state}" id="a-{@id}">
      <span class="a-title"><xsl:value-of select="title"/></span>
      <xsl:if test="@state = 'done'">
        <xsl:text> </xsl:text>
        <span class="badge state-done"><xsl:call-template name="t"><xsl:with-param name="k" select="'action.state.done'"/></xsl:call-template></span>
      </xsl:if>
      <span class="a-meta">
        <xsl:apply-templates select="owner" mode="person-link"/>
        <xsl:if test="string(@due) != ''">
          <xsl:if test="owner"><xsl:text> · </xsl:text></xsl:if>
          <time datetime="{@due}"><xsl:value-of select="@due"/></time>
        </xsl:if>
        <xsl:if test="string(kr-title) != ''">
          <xsl:text> · </xsl:text>
          <span class="kr-ref">
            <xsl:choose>
              <xsl:when test="string(@kr) != '' and ../../progress/objective/kr[@id = current()/@kr]"><a href="#kr-{@kr}"><xsl:value-of select="kr-title"/></a></xsl:when>
              <xsl:otherwise><xsl:value-of select="kr-title"/></xsl:otherwise>
            </xsl:choose>
          </span>
        </xsl:if>
      </span>
      <xsl:if test="$live and @state = 'open' and @can-edit = '1'">
        <xsl:call-template name="button-form">
          <xsl:with-param name="action" select="concat($base, '/meet/action/', @id, '/done')"/>
          <xsl:with-param name="label-key" select="'action.done'"/>
          <xsl:with-param name="version" select="@version"/>
          <xsl:with-param name="class" select="'action-done'"/>
        </xsl:call-template>
      </xsl:if>
    </li>
  </xsl:template>

  <!-- ============================================ department action meeting -->

  <!-- The company's objectives, passed on to the department. -->
  <xsl:template match="company">
    <section class="company-okrs">
      <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'meeting.company-okrs'"/></xsl:call-template></h2>
      <xsl:apply-templates select="objective" mode="card">
        <xsl:with-param name="h" select="'h3'"/>
        <xsl:with-param name="tools" select="false()"/>
      </xsl:apply-templates>
    </section>
  </xsl:template>

  <!-- ========================================================= consensus -->

  <!-- The company consensus meeting (公司级OKR共识会): each draft objective
       and each KR proposed under it, taken one by one: agree, revise with
       the new text, or reject, with a note and who signed off.  The status
       line says what still keeps the meeting from closing. -->
  <xsl:template match="consensus">
    <section class="consensus" id="consensus">
      <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'consensus'"/></xsl:call-template></h2>
      <p class="intro"><xsl:call-template name="t"><xsl:with-param name="k" select="'consensus.rule'"/></xsl:call-template></p>
      <xsl:choose>
        <xsl:when test="objective">
          <p>
            <xsl:choose>
              <xsl:when test="@ready = '1'">
                <xsl:attribute name="class">consensus-status ready</xsl:attribute>
                <xsl:call-template name="t"><xsl:with-param name="k" select="'consensus.ready'"/></xsl:call-template>
              </xsl:when>
              <xsl:otherwise>
                <xsl:attribute name="class">consensus-status pending</xsl:attribute>
                <xsl:call-template name="t"><xsl:with-param name="k" select="'consensus.open'"/></xsl:call-template>
                <xsl:text> </xsl:text><strong class="open-count"><xsl:value-of select="@open"/></strong>
                <xsl:text> · </xsl:text>
                <xsl:call-template name="t"><xsl:with-param name="k" select="'consensus.lacking'"/></xsl:call-template>
                <xsl:text> </xsl:text><strong class="lacking-count"><xsl:value-of select="@lacking"/></strong>
              </xsl:otherwise>
            </xsl:choose>
          </p>
          <xsl:if test="$manage and not(../attendance/person[@present = '1'])">
            <p class="hint"><xsl:call-template name="t"><xsl:with-param name="k" select="'consensus.attendance-first'"/></xsl:call-template></p>
          </xsl:if>
          <xsl:apply-templates select="objective" mode="consensus"/>
        </xsl:when>
        <xsl:otherwise>
          <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'consensus.none'"/></xsl:call-template></p>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:if test="verdict">
        <h3><xsl:call-template name="t"><xsl:with-param name="k" select="'consensus.log'"/></xsl:call-template></h3>
        <ol class="verdicts">
          <xsl:apply-templates select="verdict"/>
        </ol>
      </xsl:if>
    </section>
  </xsl:template>

  <xsl:template match="objective" mode="consensus">
    <article id="co-{@id}">
      <xsl:attribute name="class">
        <xsl:text>consensus-o</xsl:text>
        <xsl:if test="@lacking = '1'"> lacking</xsl:if>
      </xsl:attribute>
      <header class="o-head">
        <div class="o-title-row">
          <xsl:call-template name="level"><xsl:with-param name="l" select="@level"/></xsl:call-template>
          <h3 class="o-title"><a href="{$base}/objective/{@id}"><xsl:value-of select="title"/></a></h3>
          <xsl:call-template name="decision"/>
        </div>
        <xsl:apply-templates select="owner" mode="person-link"/>
      </header>
      <xsl:if test="@lacking = '1'">
        <p class="hint lacking-note"><xsl:call-template name="t"><xsl:with-param name="k" select="'consensus.two-krs'"/></xsl:call-template></p>
      </xsl:if>
      <xsl:call-template name="verdict-form"><xsl:with-param name="field" select="'objective'"/></xsl:call-template>
      <ol class="consensus-krs">
        <xsl:for-each select="kr">
          <li id="ck-{@id}">
            <xsl:attribute name="class">
              <xsl:text>consensus-kr</xsl:text>
              <xsl:if test="@decision"> decided-<xsl:value-of select="@decision"/></xsl:if>
            </xsl:attribute>
            <span class="kr-title"><xsl:value-of select="title"/></span>
            <xsl:text> </xsl:text>
            <span class="kr-terms">
              <xsl:if test="@kind != 'milestone'">
                <xsl:value-of select="@start"/><xsl:text> → </xsl:text><xsl:value-of select="@target"/>
                <xsl:if test="string(@unit-label) != ''"><xsl:text> </xsl:text><xsl:value-of select="@unit-label"/></xsl:if>
                <xsl:text> · </xsl:text>
              </xsl:if>
              <xsl:if test="@due"><time datetime="{@due}"><xsl:value-of select="@due"/></time><xsl:text> · </xsl:text></xsl:if>
            </span>
            <xsl:apply-templates select="owner" mode="person-link"/>
            <xsl:text> </xsl:text>
            <xsl:call-template name="decision"/>
            <xsl:apply-templates select="hint"/>
            <xsl:if test="not(../@decision = 'reject')">
              <xsl:call-template name="verdict-form"><xsl:with-param name="field" select="'kr'"/></xsl:call-template>
            </xsl:if>
          </li>
        </xsl:for-each>
      </ol>
      <xsl:if test="not(kr)">
        <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'consensus.no-krs'"/></xsl:call-template></p>
      </xsl:if>
    </article>
  </xsl:template>

  <!-- The decision that counts on an item, or "open". -->
  <xsl:template name="decision">
    <xsl:variable name="d">
      <xsl:choose>
        <xsl:when test="@decision"><xsl:value-of select="@decision"/></xsl:when>
        <xsl:when test="self::kr and @state and @state != 'proposed'">none</xsl:when>
        <xsl:otherwise>open-item</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:if test="$d != 'none'">
      <span class="badge decision decision-{$d}">
        <xsl:call-template name="t"><xsl:with-param name="k" select="concat('consensus.', $d)"/></xsl:call-template>
      </span>
    </xsl:if>
  </xsl:template>

  <!-- Agree / revise / reject one item; those present sign off. -->
  <xsl:template name="verdict-form">
    <xsl:param name="field"/>
    <xsl:variable name="fid" select="concat('v-', $field, '-', @id)"/>
    <xsl:if test="$manage and ($field = 'objective' or not(@state) or @state = 'proposed')">
      <details class="verdict-box">
        <xsl:if test="not(@decision)"><xsl:attribute name="open">open</xsl:attribute></xsl:if>
        <summary><xsl:call-template name="t"><xsl:with-param name="k" select="'consensus.decide'"/></xsl:call-template></summary>
        <form class="verdict" method="post" action="{$base}/meet/{$m/@id}/verdict">
          <xsl:call-template name="post-hidden"/>
          <input type="hidden" name="{$field}" value="{@id}"/>
          <fieldset class="verdict-kind">
            <legend><xsl:call-template name="t"><xsl:with-param name="k" select="'consensus.decision'"/></xsl:call-template></legend>
            <label><input type="radio" name="state" value="agree" checked="checked"/><xsl:text> </xsl:text><xsl:call-template name="t"><xsl:with-param name="k" select="'consensus.agree'"/></xsl:call-template></label>
            <label><input type="radio" name="state" value="revise"/><xsl:text> </xsl:text><xsl:call-template name="t"><xsl:with-param name="k" select="'consensus.revise'"/></xsl:call-template></label>
            <label><input type="radio" name="state" value="reject"/><xsl:text> </xsl:text><xsl:call-template name="t"><xsl:with-param name="k" select="'consensus.reject'"/></xsl:call-template></label>
          </fieldset>
          <div class="field">
            <label for="{$fid}-title"><xsl:call-template name="t"><xsl:with-param name="k" select="'consensus.new-text'"/></xsl:call-template></label>
            <input type="text" id="{$fid}-title" name="title" maxlength="200" value="{title}"/>
          </div>
          <div class="field">
            <label for="{$fid}-note"><xsl:call-template name="t"><xsl:with-param name="k" select="'consensus.note'"/></xsl:call-template></label>
            <input type="text" id="{$fid}-note" name="note" maxlength="1000" value=""/>
          </div>
          <fieldset class="signers">
            <legend><xsl:call-template name="t"><xsl:with-param name="k" select="'consensus.signed'"/></xsl:call-template></legend>
            <xsl:for-each select="$m/attendance/person[@present = '1']">
              <label>
                <input type="checkbox" name="login" value="{@login}" checked="checked"/>
                <xsl:text> </xsl:text>
                <xsl:call-template name="person-name"/>
              </label>
            </xsl:for-each>
          </fieldset>
          <button type="submit"><xsl:call-template name="t"><xsl:with-param name="k" select="'consensus.record'"/></xsl:call-template></button>
        </form>
      </details>
    </xsl:if>
  </xsl:template>

  <xsl:template match="verdict">
    <xsl:variable name="o" select="../objective[@id = current()/@objective]"/>
    <li class="verdict decision-{@kind}">
      <time datetime="{@at}"><xsl:value-of select="substring(@at, 1, 10)"/></time>
      <xsl:text> </xsl:text>
      <span class="badge decision decision-{@kind}">
        <xsl:call-template name="t"><xsl:with-param name="k" select="concat('consensus.', @kind)"/></xsl:call-template>
      </span>
      <xsl:text> </xsl:text>
      <span class="item">
        <xsl:choose>
          <xsl:when test="@kr"><xsl:value-of select="$o/kr[@id = current()/@kr]/title"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="$o/title"/></xsl:otherwise>
        </xsl:choose>
      </span>
      <xsl:if test="text">
        <xsl:text> ← </xsl:text><q class="new-text"><xsl:value-of select="text"/></q>
      </xsl:if>
      <xsl:if test="note">
        <xsl:text> · </xsl:text><span class="reason"><xsl:value-of select="note"/></span>
      </xsl:if>
      <xsl:text> · </xsl:text>
      <span class="signed">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'consensus.signed-by'"/></xsl:call-template>
        <xsl:text> </xsl:text>
        <xsl:for-each select="signer">
          <xsl:if test="position() &gt; 1">, </xsl:if>
          <xsl:call-template name="person-name"/>
        </xsl:for-each>
      </span>
      <xsl:if test="@by-name">
        <xsl:text> · </xsl:text><span class="by"><xsl:value-of select="@by-name"/></span>
      </xsl:if>
    </li>
  </xsl:template>

  <!-- The company KRs this department carries: each must be served by
       one of its objectives, or deferred with a reason, before the
       meeting closes. -->
  <xsl:template match="carried">
    <section class="carried" id="carried">
      <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'meeting.carried'"/></xsl:call-template></h2>
      <p class="intro"><xsl:call-template name="t"><xsl:with-param name="k" select="'meeting.carried.rule'"/></xsl:call-template></p>
      <xsl:choose>
        <xsl:when test="kr">
          <ul class="carried-krs">
            <xsl:for-each select="kr">
              <li class="carried-kr">
                <xsl:attribute name="class">
                  <xsl:text>carried-kr </xsl:text>
                  <xsl:choose>
                    <xsl:when test="@covered = '1'">covered</xsl:when>
                    <xsl:when test="deferred">deferred</xsl:when>
                    <xsl:otherwise>uncovered</xsl:otherwise>
                  </xsl:choose>
                </xsl:attribute>
                <span class="kr-title"><xsl:value-of select="title"/></span>
                <xsl:text> </xsl:text>
                <xsl:apply-templates select="owner" mode="person-link"/>
                <xsl:text> · </xsl:text>
                <xsl:call-template name="t">
                  <xsl:with-param name="k">
                    <xsl:choose>
                      <xsl:when test="@covered = '1'">meeting.kr.covered</xsl:when>
                      <xsl:when test="deferred">meeting.kr.deferred</xsl:when>
                      <xsl:otherwise>meeting.kr.uncovered</xsl:otherwise>
                    </xsl:choose>
                  </xsl:with-param>
                </xsl:call-template>
                <xsl:if test="deferred">
                  <xsl:text>: </xsl:text><span class="reason"><xsl:value-of select="deferred"/></span>
                </xsl:if>
                <xsl:if test="$live and $manage and not(@covered = '1') and not(deferred)">
                  <form class="defer" method="post" action="{$base}/meet/{$m/@id}/defer">
                    <xsl:call-template name="post-hidden"/>
                    <input type="hidden" name="version" value="{$m/@version}"/>
                    <input type="hidden" name="kr" value="{@id}"/>
                    <label for="defer-{@id}"><xsl:call-template name="t"><xsl:with-param name="k" select="'board.reason'"/></xsl:call-template></label>
                    <input type="text" id="defer-{@id}" name="text" maxlength="200" value=""/>
                    <button type="submit"><xsl:call-template name="t"><xsl:with-param name="k" select="'meeting.defer'"/></xsl:call-template></button>
                  </form>
                </xsl:if>
              </li>
            </xsl:for-each>
          </ul>
        </xsl:when>
        <xsl:otherwise>
          <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'meeting.carried.none'"/></xsl:call-template></p>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <!-- The members' plan of work items, added in this meeting. -->
  <xsl:template match="actions">
    <section class="actions-list">
      <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'meeting.work-items'"/></xsl:call-template></h2>
      <xsl:choose>
        <xsl:when test="action">
          <ul class="action-items"><xsl:apply-templates select="action"/></ul>
        </xsl:when>
        <xsl:otherwise>
          <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'action.none'"/></xsl:call-template></p>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:if test="$live and $m/@can-act = '1'">
        <xsl:call-template name="action-form"/>
      </xsl:if>
    </section>
  </xsl:template>

  <!-- POST {base}/meet/{id}/action: title, owner (one of the attendance),
       due, kr (optional: one of the board's KRs).  The due date decides
       the quadrant, so one form below the grid serves both. -->
  <xsl:template name="action-form">
    <xsl:variable name="sent" select="/page/form[contains(@action, concat('/meet/', $m/@id, '/action'))]"/>
    <xsl:variable name="owner">
      <xsl:choose>
        <xsl:when test="$sent"><xsl:value-of select="$sent/field[@name = 'owner']/@value"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="/page/@user"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="kr" select="string($sent/field[@name = 'kr']/@value)"/>
    <details class="action-form">
      <xsl:if test="$sent"><xsl:attribute name="open">open</xsl:attribute></xsl:if>
      <summary><xsl:call-template name="t"><xsl:with-param name="k" select="'action.add'"/></xsl:call-template></summary>
      <form class="edit" method="post" action="{$base}/meet/{$m/@id}/action">
        <xsl:call-template name="post-hidden"/>
        <xsl:if test="$sent">
          <p class="form-message status-invalid" role="alert">
            <xsl:call-template name="t">
              <xsl:with-param name="k">
                <xsl:choose>
                  <xsl:when test="string($sent/message/@key) != ''"><xsl:value-of select="$sent/message/@key"/></xsl:when>
                  <xsl:otherwise>form.invalid</xsl:otherwise>
                </xsl:choose>
              </xsl:with-param>
            </xsl:call-template>
          </p>
        </xsl:if>
        <div class="fields">
          <div class="field">
            <label for="act-title"><xsl:call-template name="t"><xsl:with-param name="k" select="'action.item'"/></xsl:call-template></label>
            <input type="text" id="act-title" name="title" maxlength="200" value="{$sent/field[@name = 'title']/@value}"/>
            <xsl:call-template name="sent-error"><xsl:with-param name="sent" select="$sent"/><xsl:with-param name="name" select="'title'"/></xsl:call-template>
          </div>
          <div class="field">
            <label for="act-owner"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.owner'"/></xsl:call-template></label>
            <select id="act-owner" name="owner">
              <xsl:for-each select="$m/attendance/person">
                <option value="{@login}">
                  <xsl:if test="@login = $owner"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
                  <xsl:call-template name="person-name"/>
                </option>
              </xsl:for-each>
            </select>
            <xsl:call-template name="sent-error"><xsl:with-param name="sent" select="$sent"/><xsl:with-param name="name" select="'owner'"/></xsl:call-template>
          </div>
          <div class="field">
            <label for="act-due"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.due'"/></xsl:call-template></label>
            <input type="date" id="act-due" name="due" value="{$sent/field[@name = 'due']/@value}"/>
            <xsl:call-template name="sent-error"><xsl:with-param name="sent" select="$sent"/><xsl:with-param name="name" select="'due'"/></xsl:call-template>
          </div>
          <div class="field">
            <label for="act-kr"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.kr'"/></xsl:call-template></label>
            <select id="act-kr" name="kr">
              <option value=""><xsl:call-template name="t"><xsl:with-param name="k" select="'form.none'"/></xsl:call-template></option>
              <xsl:for-each select="$m/carried[kr]">
                <xsl:for-each select="kr">
                  <option value="{@id}">
                    <xsl:if test="string(@id) = $kr"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
                    <xsl:value-of select="title"/>
                  </option>
                </xsl:for-each>
              </xsl:for-each>
              <xsl:for-each select="progress/objective[kr]">
                <optgroup label="{title}">
                  <xsl:for-each select="kr">
                    <option value="{@id}">
                      <xsl:if test="string(@id) = $kr"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
                      <xsl:value-of select="title"/>
                    </option>
                  </xsl:for-each>
                </optgroup>
              </xsl:for-each>
            </select>
            <xsl:call-template name="sent-error"><xsl:with-param name="sent" select="$sent"/><xsl:with-param name="name" select="'kr'"/></xsl:call-template>
          </div>
        </div>
        <div class="form-buttons">
          <button type="submit"><xsl:call-template name="t"><xsl:with-param name="k" select="'action.add'"/></xsl:call-template></button>
        </div>
      </form>
    </details>
  </xsl:template>

  <!-- ========================================= quarterly review meeting -->

  <!-- The final grades of the cycle's KRs (the unit's objectives and those
       below it).  Each KR the user may grade gets its own small form while
       the meeting is live; the others show their grade, or the one their
       progress proposes. -->
  <!-- ======================================= the all-hands awareness meeting -->

  <!-- What an OKR is and what makes a good one (the method's standard),
       "I acknowledge", a live check of a KR's wording, and who came. -->
  <xsl:template name="awareness">
    <section class="awareness" id="standard">
      <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'aw.standard'"/></xsl:call-template></h2>
      <ul class="standard">
        <li><xsl:call-template name="t"><xsl:with-param name="k" select="'aw.o'"/></xsl:call-template></li>
        <li><xsl:call-template name="t"><xsl:with-param name="k" select="'aw.kr'"/></xsl:call-template></li>
        <li><xsl:call-template name="t"><xsl:with-param name="k" select="'aw.score'"/></xsl:call-template></li>
        <li><xsl:call-template name="t"><xsl:with-param name="k" select="'aw.transparency'"/></xsl:call-template></li>
        <li><xsl:call-template name="t"><xsl:with-param name="k" select="'aw.not-rating'"/></xsl:call-template></li>
      </ul>
      <!-- Offered to those the meeting is for, as the store allows. -->
      <xsl:if test="$live and $m/@state = 'open' and string(/page/@token) != '' and $m/attendance/person[@login = /page/@user] and not($m/attendance/person[@login = /page/@user][@present = '1'])">
        <xsl:call-template name="button-form">
          <xsl:with-param name="action" select="concat($base, '/meet/', $m/@id, '/ack')"/>
          <xsl:with-param name="label-key" select="'aw.ack'"/>
          <xsl:with-param name="class" select="'aw-ack'"/>
        </xsl:call-template>
      </xsl:if>
      <xsl:if test="$m/attendance/person[@login = /page/@user][@present = '1']">
        <p class="acked"><xsl:call-template name="t"><xsl:with-param name="k" select="'aw.acked'"/></xsl:call-template></p>
      </xsl:if>
    </section>
    <xsl:if test="not($print)">
      <section class="kr-check" id="kr-check">
        <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'aw.check'"/></xsl:call-template></h2>
        <form method="get" action="{$base}/meet/{$m/@id}#kr-check">
          <label for="kr-check-text"><xsl:call-template name="t"><xsl:with-param name="k" select="'aw.check.label'"/></xsl:call-template></label>
          <input type="text" id="kr-check-text" name="text" maxlength="200" value="{$m/kr-check}"/>
          <button type="submit"><xsl:call-template name="t"><xsl:with-param name="k" select="'aw.check.go'"/></xsl:call-template></button>
        </form>
        <xsl:for-each select="$m/kr-check">
          <p class="check-text">“<xsl:value-of select="."/>”</p>
          <ul class="check-result">
            <li class="check-{@number}"><xsl:call-template name="t"><xsl:with-param name="k" select="concat('aw.check.number.', @number)"/></xsl:call-template></li>
            <li class="check-{@date}"><xsl:call-template name="t"><xsl:with-param name="k" select="concat('aw.check.date.', @date)"/></xsl:call-template></li>
          </ul>
        </xsl:for-each>
      </section>
    </xsl:if>
    <xsl:apply-templates select="$m/coverage"/>
  </xsl:template>

  <xsl:template match="coverage">
    <section class="coverage" id="coverage">
      <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'aw.coverage'"/></xsl:call-template></h2>
      <table class="coverage">
        <thead><tr>
          <th><xsl:call-template name="t"><xsl:with-param name="k" select="'o.unit'"/></xsl:call-template></th>
          <th><xsl:call-template name="t"><xsl:with-param name="k" select="'aw.came'"/></xsl:call-template></th>
          <th><xsl:call-template name="t"><xsl:with-param name="k" select="'aw.share'"/></xsl:call-template></th>
        </tr></thead>
        <tbody>
          <xsl:for-each select="unit">
            <tr>
              <td><a href="{$base}/unit/{@id}"><xsl:value-of select="@name"/></a></td>
              <td class="num"><xsl:value-of select="@came"/> / <xsl:value-of select="@people"/></td>
              <td class="num"><xsl:value-of select="@pct"/>%</td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </section>
  </xsl:template>

  <!-- ============================================== the monthly review -->

  <!-- Per KR: progress since a month before the meeting, and how the team
       will reach it, in the GROW model (Goal, Reality, Options, Will). -->
  <xsl:template match="grow-board">
    <section class="grow-board" id="grow">
      <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'grow'"/></xsl:call-template></h2>
      <p class="intro"><xsl:call-template name="t"><xsl:with-param name="k" select="'grow.intro'"/></xsl:call-template></p>
      <xsl:choose>
        <xsl:when test="objective/kr">
          <xsl:for-each select="objective">
            <article class="grow-objective">
              <h3><a href="{$base}/objective/{@id}"><xsl:value-of select="title"/></a></h3>
              <xsl:apply-templates select="kr" mode="grow"/>
            </article>
          </xsl:for-each>
        </xsl:when>
        <xsl:otherwise>
          <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'grading.none'"/></xsl:call-template></p>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <xsl:template match="kr" mode="grow">
    <section class="grow-kr" id="grow-{@id}">
      <h4><xsl:value-of select="title"/></h4>
      <p class="since">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'grow.since'"/></xsl:call-template>
        <xsl:text> </xsl:text>
        <time datetime="{../../@since}"><xsl:value-of select="../../@since"/></time>
        <xsl:text>: </xsl:text>
        <xsl:value-of select="@then"/>
        <xsl:text> → </xsl:text>
        <strong><xsl:value-of select="@current"/></strong>
        <xsl:if test="string(@unit-label) != ''"><xsl:text> </xsl:text><xsl:value-of select="@unit-label"/></xsl:if>
        <xsl:text> (</xsl:text>
        <xsl:if test="number(@delta) &gt; 0">+</xsl:if>
        <xsl:value-of select="@delta"/>
        <xsl:text>) · </xsl:text>
        <xsl:call-template name="score-of"><xsl:with-param name="s" select="@score"/></xsl:call-template>
      </p>
      <xsl:if test="grow">
        <dl class="grow">
          <xsl:for-each select="grow/goal | grow/reality | grow/options | grow/will">
            <dt><xsl:call-template name="t"><xsl:with-param name="k" select="concat('grow.', local-name())"/></xsl:call-template></dt>
            <dd><xsl:value-of select="."/></dd>
          </xsl:for-each>
        </dl>
        <p class="muted">
          <xsl:apply-templates select="grow/author" mode="person-link"/>
        </p>
      </xsl:if>
      <xsl:if test="$live and $m/@can-act = '1'">
        <details class="grow-form">
          <summary><xsl:call-template name="t"><xsl:with-param name="k" select="'grow.record'"/></xsl:call-template></summary>
          <form class="edit" method="post" action="{$base}/meet/{$m/@id}/grow">
            <xsl:call-template name="post-hidden"/>
            <input type="hidden" name="kr" value="{@id}"/>
            <xsl:call-template name="grow-field"><xsl:with-param name="part" select="'goal'"/></xsl:call-template>
            <xsl:call-template name="grow-field"><xsl:with-param name="part" select="'reality'"/></xsl:call-template>
            <xsl:call-template name="grow-field"><xsl:with-param name="part" select="'options'"/></xsl:call-template>
            <xsl:call-template name="grow-field"><xsl:with-param name="part" select="'will'"/></xsl:call-template>
            <div class="form-buttons">
              <button type="submit"><xsl:call-template name="t"><xsl:with-param name="k" select="'meeting.save'"/></xsl:call-template></button>
            </div>
          </form>
        </details>
      </xsl:if>
    </section>
  </xsl:template>

  <!-- One GROW part of a KR's form (context: the kr), prefilled with
       the latest note. -->
  <xsl:template name="grow-field">
    <xsl:param name="part"/>
    <div class="field">
      <label for="grow-{@id}-{$part}"><xsl:call-template name="t"><xsl:with-param name="k" select="concat('grow.', $part)"/></xsl:call-template></label>
      <textarea id="grow-{@id}-{$part}" name="{$part}" rows="2"><xsl:text>&#10;</xsl:text><xsl:value-of select="grow/*[local-name() = $part]"/></textarea>
    </div>
  </xsl:template>

  <xsl:template match="grading">
    <section class="grading" id="grading">
      <h2>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'grading'"/></xsl:call-template>
        <xsl:if test="string(@cycle) != ''">
          <xsl:text> · </xsl:text>
          <span class="cycle-name"><xsl:value-of select="@cycle"/></span>
        </xsl:if>
        <xsl:if test="string(@cycle-state) != ''">
          <xsl:text> </xsl:text>
          <xsl:call-template name="cstate"><xsl:with-param name="s" select="@cycle-state"/></xsl:call-template>
        </xsl:if>
      </h2>
      <p class="intro"><xsl:call-template name="t"><xsl:with-param name="k" select="'grading.intro'"/></xsl:call-template></p>
      <xsl:if test="$live and string(@cycle-state) != '' and @cycle-state != 'review'">
        <p class="note-rule grade-state"><xsl:call-template name="t"><xsl:with-param name="k" select="'err.grade.state'"/></xsl:call-template></p>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="objective/kr">
          <xsl:apply-templates select="objective" mode="grade"/>
        </xsl:when>
        <xsl:otherwise>
          <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'grading.none'"/></xsl:call-template></p>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <xsl:template match="objective" mode="grade">
    <article class="grade-objective" id="go-{@id}">
      <header class="o-head">
        <h3 class="o-title">
          <xsl:if test="string(@level) != ''">
            <xsl:call-template name="level"><xsl:with-param name="l" select="@level"/></xsl:call-template>
            <xsl:text> </xsl:text>
          </xsl:if>
          <a href="{$base}/objective/{@id}"><xsl:value-of select="title"/></a>
        </h3>
        <xsl:if test="unit">
          <span class="o-unit"><xsl:apply-templates select="unit" mode="link"/></span>
        </xsl:if>
      </header>
      <xsl:choose>
        <xsl:when test="kr">
          <div class="table-wrap">
            <table class="grades">
              <thead>
                <tr>
                  <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'kr.kr'"/></xsl:call-template></th>
                  <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'kr.score'"/></xsl:call-template></th>
                  <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'grading.grade'"/></xsl:call-template></th>
                </tr>
              </thead>
              <tbody>
                <xsl:apply-templates select="kr" mode="grade"/>
              </tbody>
            </table>
          </div>
        </xsl:when>
        <xsl:otherwise>
          <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'o.nokrs'"/></xsl:call-template></p>
        </xsl:otherwise>
      </xsl:choose>
    </article>
  </xsl:template>

  <xsl:template match="kr" mode="grade">
    <xsl:variable name="graded" select="string(@grade) != ''"/>
    <tr id="g-kr-{@id}">
      <xsl:attribute name="class">
        <xsl:text>grade-kr </xsl:text>
        <xsl:choose>
          <xsl:when test="$graded">graded</xsl:when>
          <xsl:otherwise>ungraded</xsl:otherwise>
        </xsl:choose>
      </xsl:attribute>
      <td class="kr-title"><xsl:value-of select="title"/></td>
      <td>
        <xsl:call-template name="score-of"><xsl:with-param name="s" select="@score"/></xsl:call-template>
      </td>
      <td class="grade-cell">
        <xsl:choose>
          <xsl:when test="$live and @can-grade = '1'">
            <xsl:call-template name="grade-form"/>
          </xsl:when>
          <xsl:when test="$graded">
            <xsl:call-template name="score-of"><xsl:with-param name="s" select="@grade"/></xsl:call-template>
            <xsl:if test="string(@proposed) != '' and number(@proposed) != number(@grade)">
              <xsl:text> </xsl:text>
              <xsl:call-template name="proposed"/>
            </xsl:if>
          </xsl:when>
          <xsl:when test="string(@proposed) != ''">
            <xsl:call-template name="proposed"/>
          </xsl:when>
          <xsl:otherwise><span class="score none">—</span></xsl:otherwise>
        </xsl:choose>
      </td>
    </tr>
  </xsl:template>

  <!-- "Proposed: 0.6" -->
  <xsl:template name="proposed">
    <span class="proposed">
      <xsl:call-template name="t"><xsl:with-param name="k" select="'grading.proposed'"/></xsl:call-template>
      <xsl:text> </xsl:text>
      <xsl:value-of select="@proposed"/>
    </span>
  </xsl:template>

  <!-- POST {base}/meet/{id}/grade: kr, version (the KR's), value (0, 0.1
       … 1; the grade if set, else the proposed one), note (the reason:
       required when the grade is not the proposed one). -->
  <xsl:template name="grade-form">
    <xsl:variable name="cur">
      <xsl:choose>
        <xsl:when test="string(@grade) != ''"><xsl:value-of select="@grade"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="@proposed"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <form class="grade-form" method="post" action="{$base}/meet/{$m/@id}/grade">
      <xsl:call-template name="post-hidden"><xsl:with-param name="version" select="@version"/></xsl:call-template>
      <input type="hidden" name="kr" value="{@id}"/>
      <div class="field">
        <label for="grade-{@id}"><xsl:call-template name="t"><xsl:with-param name="k" select="'grading.grade'"/></xsl:call-template></label>
        <select id="grade-{@id}" name="value">
          <xsl:call-template name="confidence-options"><xsl:with-param name="cur" select="$cur"/></xsl:call-template>
        </select>
        <xsl:if test="string(@proposed) != ''">
          <xsl:text> </xsl:text>
          <xsl:call-template name="proposed"/>
        </xsl:if>
      </div>
      <div class="field">
        <label for="grade-note-{@id}"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.reason'"/></xsl:call-template></label>
        <input type="text" id="grade-note-{@id}" name="note" maxlength="500" value=""
               aria-describedby="grade-need-{@id}"/>
        <span class="reason-needed" id="grade-need-{@id}"><xsl:call-template name="t"><xsl:with-param name="k" select="'grading.reason-needed'"/></xsl:call-template></span>
      </div>
      <button type="submit"><xsl:call-template name="t"><xsl:with-param name="k" select="'meeting.save'"/></xsl:call-template></button>
    </form>
  </xsl:template>

  <!-- A 0-1 number as a score with its bar, banded by the documented
       thresholds (README): the grading page carries the number only. -->
  <xsl:template name="score-of">
    <xsl:param name="s"/>
    <xsl:variable name="n" select="number($s)"/>
    <xsl:choose>
      <xsl:when test="string($s) = '' or $n != $n"><span class="score none">—</span></xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="score-as">
          <xsl:with-param name="score" select="$s"/>
          <xsl:with-param name="pct" select="round($n * 100)"/>
          <xsl:with-param name="band">
            <xsl:choose>
              <xsl:when test="$n &gt;= 0.7">green</xsl:when>
              <xsl:when test="$n &gt;= 0.4">yellow</xsl:when>
              <xsl:otherwise>red</xsl:otherwise>
            </xsl:choose>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The distribution of the grades, per unit and in total: collective,
       never per person, in the server's order (no ranking). -->
  <xsl:template match="summary">
    <section class="grade-summary" id="summary">
      <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'summary'"/></xsl:call-template></h2>
      <p class="note-rule summary-note"><xsl:call-template name="t"><xsl:with-param name="k" select="'summary.note'"/></xsl:call-template></p>
      <p class="chart-legend">
        <span class="swatch in-band"></span>
        <xsl:text> </xsl:text>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'summary.in-band'"/></xsl:call-template>
      </p>
      <div class="table-wrap">
        <table class="summary">
          <thead>
            <tr>
              <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'o.unit'"/></xsl:call-template></th>
              <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'summary.chart'"/></xsl:call-template></th>
              <th scope="col" class="num"><xsl:call-template name="t"><xsl:with-param name="k" select="'summary.count'"/></xsl:call-template></th>
              <th scope="col" class="num"><xsl:call-template name="t"><xsl:with-param name="k" select="'summary.in-band'"/></xsl:call-template></th>
              <th scope="col" class="num"><xsl:call-template name="t"><xsl:with-param name="k" select="'summary.mean'"/></xsl:call-template></th>
            </tr>
          </thead>
          <xsl:if test="unit">
            <tbody><xsl:apply-templates select="unit" mode="summary"/></tbody>
          </xsl:if>
          <xsl:if test="total">
            <tfoot><xsl:apply-templates select="total[1]" mode="summary"/></tfoot>
          </xsl:if>
        </table>
      </div>
    </section>
  </xsl:template>

  <xsl:template match="unit | total" mode="summary">
    <xsl:variable name="count" select="number(@count)"/>
    <tr class="sum-{local-name()}">
      <th scope="row">
        <xsl:choose>
          <xsl:when test="self::total"><xsl:call-template name="t"><xsl:with-param name="k" select="'summary.total'"/></xsl:call-template></xsl:when>
          <xsl:otherwise><xsl:apply-templates select="." mode="link"/></xsl:otherwise>
        </xsl:choose>
      </th>
      <td class="chart-cell"><xsl:call-template name="grade-chart"/></td>
      <td class="num">
        <xsl:value-of select="@count"/>
        <xsl:if test="string(@graded) != '' and number(@graded) != $count">
          <span class="graded">
            <xsl:call-template name="t"><xsl:with-param name="k" select="'summary.graded'"/></xsl:call-template>
            <xsl:text> </xsl:text>
            <xsl:value-of select="@graded"/>
          </span>
        </xsl:if>
      </td>
      <td class="num">
        <xsl:choose>
          <xsl:when test="$count &gt; 0 and number(@in-band) &gt;= 0">
            <xsl:value-of select="@in-band"/>
            <xsl:text> / </xsl:text>
            <xsl:value-of select="@count"/>
            <span class="share"><xsl:value-of select="round(number(@in-band) * 100 div $count)"/>%</span>
          </xsl:when>
          <xsl:otherwise>—</xsl:otherwise>
        </xsl:choose>
      </td>
      <td class="num">
        <xsl:choose>
          <xsl:when test="$count &gt; 0 and string(@mean) != ''"><xsl:value-of select="@mean"/></xsl:when>
          <xsl:otherwise>—</xsl:otherwise>
        </xsl:choose>
      </td>
    </tr>
  </xsl:template>

  <!-- 11 bins (0, 0.1 … 1) as SVG rects, each 10 units wide; heights
       scaled to the row's largest bin (plain XPath arithmetic).  The 0.6
       and 0.7 bins, the method's healthy final score, sit on a highlighted
       zone and carry the class in-band. -->
  <xsl:template name="grade-chart">
    <xsl:variable name="max" select="number(bin[not(../bin/@count &gt; @count)][1]/@count)"/>
    <svg class="grade-chart" width="132" height="48" viewBox="0 0 110 40"
         preserveAspectRatio="none" role="img" focusable="false">
      <xsl:attribute name="aria-label">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'summary.chart'"/></xsl:call-template>
        <xsl:text>: </xsl:text>
        <xsl:for-each select="bin">
          <xsl:if test="position() &gt; 1"><xsl:text>, </xsl:text></xsl:if>
          <xsl:value-of select="concat(@grade, ' × ', @count)"/>
        </xsl:for-each>
      </xsl:attribute>
      <rect class="chart-band" x="60" y="0" width="20" height="38"/>
      <rect class="chart-base" x="0" y="38" width="110" height="2"/>
      <xsl:for-each select="bin">
        <xsl:variable name="i" select="round(number(@grade) * 10)"/>
        <xsl:variable name="c" select="number(@count)"/>
        <xsl:if test="$i &gt;= 0 and $i &lt;= 10 and $c &gt; 0 and $max &gt; 0">
          <xsl:variable name="h0" select="38 * $c div $max"/>
          <xsl:variable name="h">
            <xsl:choose>
              <xsl:when test="$h0 &gt; 38">38</xsl:when>
              <xsl:when test="$h0 &lt; 1">1</xsl:when>
              <xsl:otherwise><xsl:value-of select="$h0"/></xsl:otherwise>
            </xsl:choose>
          </xsl:variable>
          <rect x="{$i * 10 + 1}" y="{38 - $h}" width="8" height="{$h}">
            <xsl:attribute name="class">
              <xsl:text>chart-bin</xsl:text>
              <xsl:if test="$i = 6 or $i = 7"> in-band</xsl:if>
            </xsl:attribute>
          </rect>
        </xsl:if>
      </xsl:for-each>
    </svg>
    <span class="chart-axis" aria-hidden="true"><span>0</span><span>0.5</span><span>1</span></span>
  </xsl:template>
</xsl:stylesheet>
