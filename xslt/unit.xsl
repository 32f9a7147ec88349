<?xml version="1.0" encoding="UTF-8"?>
<!-- unit.xsl: one company/department/team: its rolled-up score, place in
     the organisation, people, and objectives with what aligns to each KR. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="layout.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:value-of select="unit/@name"/>
  </xsl:template>

  <!-- Switching cycle stays on this unit. -->
  <xsl:template match="page" mode="cycle-action">
    <xsl:value-of select="concat($base, '/unit/', unit/@id)"/>
  </xsl:template>

  <xsl:template match="page" mode="head-links">
    <link rel="alternate" type="application/atom+xml" href="{$base}/atom/unit/{unit/@id}">
      <xsl:attribute name="title"><xsl:call-template name="t"><xsl:with-param name="k" select="'feed.title'"/></xsl:call-template> · <xsl:value-of select="unit/@name"/></xsl:attribute>
    </link>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <xsl:variable name="u" select="unit"/>
    <header class="page-head">
      <div class="title-row">
        <xsl:call-template name="badge">
          <xsl:with-param name="class" select="'level'"/>
          <xsl:with-param name="key" select="'level'"/>
          <xsl:with-param name="v" select="$u/@level"/>
        </xsl:call-template>
        <h1><xsl:value-of select="$u/@name"/></h1>
      </div>
      <xsl:call-template name="cycle-info"/>
      <p class="rollup">
        <span class="label"><xsl:call-template name="t"><xsl:with-param name="k" select="'unit.score'"/></xsl:call-template></span>
        <xsl:text> </xsl:text>
        <xsl:for-each select="$u">
          <xsl:choose>
            <xsl:when test="string(@score) != ''"><xsl:call-template name="score"/></xsl:when>
            <xsl:otherwise><span class="score none">—</span></xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </p>
      <xsl:call-template name="health-summary"/>
      <dl class="meta">
        <xsl:if test="$u/parent">
          <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'unit.parent'"/></xsl:call-template></dt>
          <dd><xsl:apply-templates select="$u/parent" mode="link"/></dd>
        </xsl:if>
        <xsl:if test="$u/lead">
          <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'unit.lead'"/></xsl:call-template></dt>
          <dd><xsl:apply-templates select="$u/lead" mode="person-link"/></dd>
        </xsl:if>
      </dl>
      <!-- The unit's meetings: calendar, boards, minutes. -->
      <p class="actions">
        <a class="action meetings-link" href="{$base}/meet/unit/{$u/@id}{$cq}">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'meetings'"/></xsl:call-template>
        </a>
      </p>
      <xsl:call-template name="feed-links">
        <xsl:with-param name="xml" select="concat('/xml/unit/', $u/@id, '?sub=1')"/>
        <xsl:with-param name="atom" select="concat('/atom/unit/', $u/@id)"/>
      </xsl:call-template>
    </header>

    <div class="cols">
      <section class="children">
        <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'unit.children'"/></xsl:call-template></h2>
        <xsl:choose>
          <xsl:when test="$u/children/unit">
            <ul class="chips">
              <xsl:for-each select="$u/children/unit">
                <li>
                  <xsl:apply-templates select="." mode="link"/>
                  <xsl:text> </xsl:text>
                  <xsl:call-template name="badge">
                    <xsl:with-param name="class" select="'level'"/>
                    <xsl:with-param name="key" select="'level'"/>
                    <xsl:with-param name="v" select="@level"/>
                  </xsl:call-template>
                </li>
              </xsl:for-each>
            </ul>
          </xsl:when>
          <xsl:otherwise>
            <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'unit.nochildren'"/></xsl:call-template></p>
          </xsl:otherwise>
        </xsl:choose>
      </section>

      <section class="members">
        <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'unit.members'"/></xsl:call-template></h2>
        <xsl:choose>
          <xsl:when test="$u/members/person">
            <ul class="chips">
              <xsl:for-each select="$u/members/person">
                <li>
                  <xsl:apply-templates select="." mode="person-link"/>
                  <xsl:if test="@role and @role != 'member'">
                    <xsl:text> </xsl:text>
                    <xsl:call-template name="badge">
                      <xsl:with-param name="class" select="'role'"/>
                      <xsl:with-param name="key" select="'role'"/>
                      <xsl:with-param name="v" select="@role"/>
                    </xsl:call-template>
                  </xsl:if>
                </li>
              </xsl:for-each>
            </ul>
          </xsl:when>
          <xsl:otherwise>
            <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'unit.nomembers'"/></xsl:call-template></p>
          </xsl:otherwise>
        </xsl:choose>
      </section>
    </div>

    <section class="objectives">
      <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'unit.objectives'"/></xsl:call-template></h2>
      <xsl:if test="$u/@can-add = '1'">
        <p class="actions">
          <a class="action" href="{$base}/edit/objective/new?unit={$u/@id}{$cqa}">
            <xsl:call-template name="t"><xsl:with-param name="k" select="'action.new-objective'"/></xsl:call-template>
          </a>
        </p>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="objective">
          <xsl:apply-templates select="objective" mode="card"/>
        </xsl:when>
        <xsl:otherwise>
          <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'o.none'"/></xsl:call-template></p>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>
</xsl:stylesheet>
