<?xml version="1.0" encoding="UTF-8"?>
<!-- meeting-action.xsl: the department action meeting's carried KRs, work items. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <!-- The company KRs this department carries: each must be served by
       one of its objectives, or deferred with a reason, before the
       meeting closes. -->
  <xsl:template match="carried">
    <section class="carried" id="carried">
      <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'meeting.carried'"/></xsl:call-template></h2>
      <p class="intro"><xsl:call-template name="t"><xsl:with-param name="k" select="'meeting.carried.rule'"/></xsl:call-template></p>
      <!-- A deferral sent back: its message here, its reason with its
           error in the form of its KR. -->
      <xsl:variable name="dsent" select="/page/form[contains(@action, concat('/meet/', $m/@id, '/defer'))]"/>
      <xsl:call-template name="sent-message"><xsl:with-param name="sent" select="$dsent"/></xsl:call-template>
      <xsl:call-template name="sent-error"><xsl:with-param name="sent" select="$dsent"/><xsl:with-param name="name" select="'kr'"/></xsl:call-template>
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
                <xsl:if test="served-by">
                  <span class="served-by">
                    <xsl:text> · </xsl:text>
                    <xsl:call-template name="t"><xsl:with-param name="k" select="'meeting.served-by'"/></xsl:call-template>
                    <xsl:for-each select="served-by">
                      <xsl:text> </xsl:text>
                      <a href="{$base}/objective/{@objective}"><xsl:value-of select="."/></a>
                    </xsl:for-each>
                  </span>
                </xsl:if>
                <!-- An uncovered KR: the department's objective for it,
                     made with the alignment already chosen. -->
                <xsl:if test="$live and not(@covered = '1') and not(deferred) and string(/page/@token) != ''">
                  <xsl:text> </xsl:text>
                  <a class="action new-aligned" href="{$base}/edit/objective/new?unit={$m/own/@unit}&amp;cycle={$m/own/@cycle}&amp;parent={@id}&amp;back={$base}/meet/{$m/@id}">
                    <xsl:call-template name="t"><xsl:with-param name="k" select="'meeting.kr.new-objective'"/></xsl:call-template>
                  </a>
                </xsl:if>
                <xsl:if test="$live and $manage and not(@covered = '1') and not(deferred)">
                  <xsl:variable name="sent" select="$dsent[field[@name = 'kr']/@value = current()/@id]"/>
                  <form class="defer" method="post" action="{$base}/meet/{$m/@id}/defer">
                    <xsl:call-template name="post-hidden"/>
                    <input type="hidden" name="version" value="{$m/@version}"/>
                    <input type="hidden" name="kr" value="{@id}"/>
                    <label for="defer-{@id}"><xsl:call-template name="t"><xsl:with-param name="k" select="'board.reason'"/></xsl:call-template></label>
                    <input type="text" id="defer-{@id}" name="text" value="{$sent/field[@name = 'text']/@value}"/>
                    <button type="submit"><xsl:call-template name="t"><xsl:with-param name="k" select="'meeting.defer'"/></xsl:call-template></button>
                    <xsl:call-template name="sent-error"><xsl:with-param name="sent" select="$sent"/><xsl:with-param name="name" select="'text'"/></xsl:call-template>
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

  <!-- The department's own objectives of the cycle, with their KRs. -->
  <xsl:template match="own">
    <section class="own-okrs" id="own-okrs">
      <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'meeting.own'"/></xsl:call-template></h2>
      <xsl:choose>
        <xsl:when test="objective">
          <xsl:apply-templates select="objective" mode="card">
            <xsl:with-param name="h" select="'h3'"/>
          </xsl:apply-templates>
        </xsl:when>
        <xsl:otherwise>
          <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'meeting.own.none'"/></xsl:call-template></p>
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
</xsl:stylesheet>
