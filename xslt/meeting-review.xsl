<?xml version="1.0" encoding="UTF-8"?>
<!-- meeting-review.xsl: the review meeting's four-quadrant board (四象限看板). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <!-- The four quadrants in a 2 x 2 grid for the projector: progress,
       status, this week's and the coming month's action items. -->
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
      <xsl:choose>
        <!-- Nothing to judge yet (drafts, a cycle in planning): its state. -->
        <xsl:when test="@unscored and not($overridden)">
          <p class="status-big unscored">
            <xsl:call-template name="t"><xsl:with-param name="k" select="@unscored"/></xsl:call-template>
          </p>
        </xsl:when>
        <xsl:otherwise>
          <p class="status-big status-{@status}">
            <xsl:call-template name="t"><xsl:with-param name="k" select="concat('board.status.', @status)"/></xsl:call-template>
          </p>
        </xsl:otherwise>
      </xsl:choose>
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
      <xsl:if test="string(@derived) != '' and not(@unscored)">
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
        <xsl:if test="string(@score) != '' and not(@unscored)">
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
        <xsl:variable name="sent" select="/page/form[contains(@action, concat('/meet/', $m/@id, '/status'))]"/>
        <xsl:variable name="cur">
          <xsl:choose>
            <xsl:when test="$sent"><xsl:value-of select="$sent/field[@name = 'state']/@value"/></xsl:when>
            <xsl:when test="$overridden"><xsl:value-of select="@status"/></xsl:when>
          </xsl:choose>
        </xsl:variable>
        <form class="override-form" method="post" action="{$base}/meet/{$m/@id}/status">
          <xsl:call-template name="post-hidden"><xsl:with-param name="version" select="$m/@version"/></xsl:call-template>
          <fieldset>
            <legend><xsl:call-template name="t"><xsl:with-param name="k" select="'board.override'"/></xsl:call-template></legend>
            <xsl:call-template name="sent-message"><xsl:with-param name="sent" select="$sent"/></xsl:call-template>
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
              <xsl:call-template name="sent-error"><xsl:with-param name="sent" select="$sent"/><xsl:with-param name="name" select="'state'"/></xsl:call-template>
            </div>
            <div class="field">
              <label for="ov-text"><xsl:call-template name="t"><xsl:with-param name="k" select="'board.reason'"/></xsl:call-template></label>
              <input type="text" id="ov-text" name="text">
                <xsl:attribute name="value">
                  <xsl:call-template name="sent-value">
                    <xsl:with-param name="sent" select="$sent"/>
                    <xsl:with-param name="name" select="'text'"/>
                    <xsl:with-param name="stored" select="@override-reason"/>
                  </xsl:call-template>
                </xsl:attribute>
              </input>
              <xsl:call-template name="sent-error"><xsl:with-param name="sent" select="$sent"/><xsl:with-param name="name" select="'text'"/></xsl:call-template>
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
        <time datetime="{@from}"><xsl:call-template name="day"><xsl:with-param name="d" select="@from"/></xsl:call-template></time>
        <xsl:text> – </xsl:text>
        <time datetime="{@to}"><xsl:call-template name="day"><xsl:with-param name="d" select="@to"/></xsl:call-template></time>
      </p>
      <xsl:choose>
        <xsl:when test="action">
          <ul class="action-items"><xsl:apply-templates select="action"/></ul>
        </xsl:when>
        <xsl:otherwise>
          <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'action.none'"/></xsl:call-template></p>
        </xsl:otherwise>
      </xsl:choose>
      <!-- Items this meeting added for after the month: shown, not lost. -->
      <xsl:if test="$n = 4 and ../later/action">
        <h4 class="later"><xsl:call-template name="t"><xsl:with-param name="k" select="'board.later'"/></xsl:call-template></h4>
        <ul class="action-items later"><xsl:apply-templates select="../later/action"/></ul>
      </xsl:if>
    </section>
  </xsl:template>
</xsl:stylesheet>
