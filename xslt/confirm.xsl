<?xml version="1.0" encoding="UTF-8"?>
<!-- confirm.xsl: the question asked before an objective is archived or
     carried over, answered with a plain POST (no script needed); for a
     carry-over, the KRs that go on and what becomes of the alignment, or
     the copy it went to already. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="layout.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:call-template name="t"><xsl:with-param name="k" select="concat('confirm.', confirm/@what)"/></xsl:call-template>
    <xsl:text> </xsl:text>
    <xsl:value-of select="confirm/objective/title"/>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <xsl:apply-templates select="confirm"/>
  </xsl:template>

  <xsl:template match="confirm">
    <xsl:variable name="o" select="objective"/>
    <section class="confirm confirm-{@what}">
      <h1>
        <xsl:call-template name="t"><xsl:with-param name="k" select="concat('confirm.', @what)"/></xsl:call-template>
        <xsl:text> “</xsl:text>
        <a href="{$base}/objective/{$o/@id}"><xsl:value-of select="$o/title"/></a>
        <xsl:text>”</xsl:text>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'confirm.q'"/></xsl:call-template>
      </h1>
      <xsl:choose>
        <xsl:when test="@what = 'archive'">
          <p class="intro"><xsl:call-template name="t"><xsl:with-param name="k" select="'confirm.archive.note'"/></xsl:call-template></p>
          <form class="confirm" method="post" action="{$base}/edit/objective/{$o/@id}/archive">
            <xsl:call-template name="post-hidden">
              <xsl:with-param name="back" select="concat('/objective/', $o/@id)"/>
              <xsl:with-param name="version" select="$o/@version"/>
            </xsl:call-template>
            <input type="hidden" name="confirm" value="1"/>
            <xsl:call-template name="confirm-buttons">
              <xsl:with-param name="label"><xsl:call-template name="t"><xsl:with-param name="k" select="'action.archive'"/></xsl:call-template></xsl:with-param>
            </xsl:call-template>
          </form>
        </xsl:when>
        <xsl:when test="$o/carried-to">
          <p class="form-message" role="alert">
            <xsl:call-template name="t"><xsl:with-param name="k" select="'err.carry.done'"/></xsl:call-template>
          </p>
          <xsl:apply-templates select="$o/carried-to"/>
        </xsl:when>
        <xsl:when test="string($o/@next-cycle) != ''">
          <p class="intro"><xsl:call-template name="t"><xsl:with-param name="k" select="'carry.intro'"/></xsl:call-template></p>
          <form class="confirm" method="post" action="{$base}/edit/objective/{$o/@id}/carry">
            <xsl:call-template name="post-hidden">
              <xsl:with-param name="back" select="concat('/objective/', $o/@id)"/>
            </xsl:call-template>
            <input type="hidden" name="confirm" value="1"/>
            <fieldset class="carry-krs">
              <legend><xsl:call-template name="t"><xsl:with-param name="k" select="'carry.krs'"/></xsl:call-template></legend>
              <xsl:for-each select="choice">
                <xsl:variable name="kr" select="$o/kr[@id = current()/@kr]"/>
                <div class="field type-checkbox">
                  <input type="checkbox" id="carry-kr-{@kr}" name="kr" value="{@kr}">
                    <xsl:if test="@carry = '1'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
                  </input>
                  <label for="carry-kr-{@kr}">
                    <xsl:value-of select="$kr/title"/>
                    <xsl:text> </xsl:text>
                    <span class="muted"><xsl:value-of select="$kr/@score"/></span>
                    <xsl:if test="$kr/@pct = 100">
                      <xsl:text> </xsl:text>
                      <span class="badge kr-finished"><xsl:call-template name="t"><xsl:with-param name="k" select="'carry.finished'"/></xsl:call-template></span>
                    </xsl:if>
                  </label>
                </div>
              </xsl:for-each>
              <xsl:if test="not(choice)">
                <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'o.nokrs'"/></xsl:call-template></p>
              </xsl:if>
            </fieldset>
            <!-- The alignment the copy gets: the rule the store applies. -->
            <xsl:if test="$o/parent-kr">
              <p class="carry-alignment">
                <xsl:choose>
                  <xsl:when test="parent-kr">
                    <xsl:call-template name="t"><xsl:with-param name="k" select="'carry.align.keep'"/></xsl:call-template>
                    <xsl:text> </xsl:text>
                    <a href="{$base}/objective/{parent-kr/@objective}#kr-{parent-kr/@id}"><xsl:value-of select="parent-kr/title"/></a>
                  </xsl:when>
                  <xsl:otherwise>
                    <xsl:call-template name="t"><xsl:with-param name="k" select="'carry.align.drop'"/></xsl:call-template>
                  </xsl:otherwise>
                </xsl:choose>
              </p>
            </xsl:if>
            <xsl:call-template name="confirm-buttons">
              <xsl:with-param name="label">
                <xsl:call-template name="t"><xsl:with-param name="k" select="'action.carry'"/></xsl:call-template>
                <xsl:text> </xsl:text>
                <xsl:value-of select="$o/@next-cycle"/>
              </xsl:with-param>
            </xsl:call-template>
          </form>
        </xsl:when>
        <xsl:otherwise>
          <p class="form-message" role="alert"><xsl:call-template name="t"><xsl:with-param name="k" select="'err.carry'"/></xsl:call-template></p>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <!-- Go ahead, or back to the objective with nothing done. -->
  <xsl:template name="confirm-buttons">
    <xsl:param name="label"/>
    <div class="form-buttons">
      <button type="submit"><xsl:value-of select="$label"/></button>
      <xsl:text> </xsl:text>
      <a class="cancel" href="{$base}/objective/{objective/@id}">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'form.cancel'"/></xsl:call-template>
      </a>
    </div>
  </xsl:template>
</xsl:stylesheet>
