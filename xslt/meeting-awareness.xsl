<?xml version="1.0" encoding="UTF-8"?>
<!-- meeting-awareness.xsl: the all-hands awareness meeting's standard, coverage. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

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

  <!-- Each unit below the meeting's counts its own sub-units (a team
       shows under its department, indented); the foot is the whole. -->
  <xsl:template match="coverage">
    <section class="coverage" id="coverage">
      <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'aw.coverage'"/></xsl:call-template></h2>
      <table class="coverage">
        <xsl:call-template name="thead">
          <xsl:with-param name="cols" select="'o.unit aw.came aw.share'"/>
          <xsl:with-param name="scope" select="''"/>
        </xsl:call-template>
        <tbody>
          <xsl:for-each select="unit//unit">
            <tr class="depth-{count(ancestor::unit) - 1} level-{@level}">
              <td><a href="{$base}/unit/{@id}{$cq}"><xsl:value-of select="@name"/></a></td>
              <xsl:apply-templates select="." mode="coverage-share"/>
            </tr>
          </xsl:for-each>
        </tbody>
        <xsl:for-each select="unit">
          <tfoot>
            <tr class="total">
              <td>
                <span class="total-label"><xsl:call-template name="t"><xsl:with-param name="k" select="'aw.total'"/></xsl:call-template></span>
                <xsl:text> </xsl:text>
                <a href="{$base}/unit/{@id}"><xsl:value-of select="@name"/></a>
              </td>
              <xsl:apply-templates select="." mode="coverage-share"/>
            </tr>
          </tfoot>
        </xsl:for-each>
      </table>
    </section>
  </xsl:template>

  <xsl:template match="unit" mode="coverage-share">
    <td class="num"><xsl:value-of select="@came"/> / <xsl:value-of select="@people"/></td>
    <td class="num"><xsl:value-of select="@pct"/>%</td>
  </xsl:template>
</xsl:stylesheet>
