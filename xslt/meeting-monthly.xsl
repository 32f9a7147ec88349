<?xml version="1.0" encoding="UTF-8"?>
<!-- meeting-monthly.xsl: the monthly meeting's GROW board. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <!-- Per KR: progress since a month before the meeting, and how the team
       will reach it, in the GROW model (Goal, Reality, Options, Will). -->
  <xsl:template match="grow-board">
    <section class="grow-board" id="grow">
      <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'grow'"/></xsl:call-template></h2>
      <p class="intro"><xsl:call-template name="t"><xsl:with-param name="k" select="'grow.intro'"/></xsl:call-template></p>
      <!-- A note sent back for no KR of this board: say why here. -->
      <xsl:variable name="gsent" select="/page/form[contains(@action, concat('/meet/', $m/@id, '/grow'))]"/>
      <xsl:if test="$gsent and not(objective/kr[@id = $gsent/field[@name = 'kr']/@value])">
        <xsl:call-template name="sent-message"><xsl:with-param name="sent" select="$gsent"/></xsl:call-template>
        <xsl:call-template name="sent-error"><xsl:with-param name="sent" select="$gsent"/><xsl:with-param name="name" select="'kr'"/></xsl:call-template>
      </xsl:if>
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
        <time datetime="{../../@since}"><xsl:call-template name="day"><xsl:with-param name="d" select="../../@since"/></xsl:call-template></time>
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
        <xsl:variable name="sent" select="/page/form[contains(@action, concat('/meet/', $m/@id, '/grow'))][field[@name = 'kr']/@value = current()/@id]"/>
        <details class="grow-form">
          <xsl:if test="$sent"><xsl:attribute name="open">open</xsl:attribute></xsl:if>
          <summary><xsl:call-template name="t"><xsl:with-param name="k" select="'grow.record'"/></xsl:call-template></summary>
          <form class="edit" method="post" action="{$base}/meet/{$m/@id}/grow">
            <xsl:call-template name="post-hidden"/>
            <input type="hidden" name="kr" value="{@id}"/>
            <xsl:call-template name="sent-message"><xsl:with-param name="sent" select="$sent"/></xsl:call-template>
            <xsl:call-template name="grow-field"><xsl:with-param name="part" select="'goal'"/><xsl:with-param name="sent" select="$sent"/></xsl:call-template>
            <xsl:call-template name="grow-field"><xsl:with-param name="part" select="'reality'"/><xsl:with-param name="sent" select="$sent"/></xsl:call-template>
            <xsl:call-template name="grow-field"><xsl:with-param name="part" select="'options'"/><xsl:with-param name="sent" select="$sent"/></xsl:call-template>
            <xsl:call-template name="grow-field"><xsl:with-param name="part" select="'will'"/><xsl:with-param name="sent" select="$sent"/></xsl:call-template>
            <div class="form-buttons">
              <button type="submit"><xsl:call-template name="t"><xsl:with-param name="k" select="'meeting.save'"/></xsl:call-template></button>
            </div>
          </form>
        </details>
      </xsl:if>
    </section>
  </xsl:template>

  <!-- One GROW part of a KR's form (context: the kr), prefilled with
       the latest note, or with what was typed when $sent came back. -->
  <xsl:template name="grow-field">
    <xsl:param name="part"/>
    <xsl:param name="sent"/>
    <div class="field">
      <label for="grow-{@id}-{$part}"><xsl:call-template name="t"><xsl:with-param name="k" select="concat('grow.', $part)"/></xsl:call-template></label>
      <textarea id="grow-{@id}-{$part}" name="{$part}" rows="2"><xsl:text>&#10;</xsl:text><xsl:call-template name="sent-value">
          <xsl:with-param name="sent" select="$sent"/>
          <xsl:with-param name="name" select="$part"/>
          <xsl:with-param name="stored" select="grow/*[local-name() = $part]"/>
        </xsl:call-template></textarea>
      <xsl:call-template name="sent-error"><xsl:with-param name="sent" select="$sent"/><xsl:with-param name="name" select="$part"/></xsl:call-template>
    </div>
  </xsl:template>
</xsl:stylesheet>
