<?xml version="1.0" encoding="UTF-8"?>
<!-- home.xsl: the company's objectives for the selected cycle and the way
     into each department. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="layout.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:choose>
      <xsl:when test="string(company/@name) != ''"><xsl:value-of select="company/@name"/></xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'nav.home'"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <header class="page-head">
      <h1><xsl:apply-templates select="." mode="title"/></h1>
      <xsl:call-template name="cycle-info"/>
      <xsl:if test="string($sel) != ''">
        <xsl:variable name="q"><xsl:text>?cycle=</xsl:text><xsl:call-template name="enc"><xsl:with-param name="s" select="$sel"/></xsl:call-template></xsl:variable>
        <xsl:call-template name="feed-links">
          <xsl:with-param name="xml" select="concat('/xml/cycle', $q)"/>
          <xsl:with-param name="csv" select="concat('/csv/cycle', $q)"/>
          <xsl:with-param name="all" select="'/xml'"/>
        </xsl:call-template>
      </xsl:if>
    </header>

    <section class="objectives">
      <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'home.objectives'"/></xsl:call-template></h2>
      <xsl:choose>
        <xsl:when test="objective">
          <xsl:apply-templates select="objective" mode="card"/>
        </xsl:when>
        <xsl:otherwise>
          <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'o.none'"/></xsl:call-template></p>
        </xsl:otherwise>
      </xsl:choose>
    </section>

    <section class="units">
      <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'home.departments'"/></xsl:call-template></h2>
      <xsl:choose>
        <xsl:when test="units/unit">
          <ul class="chips">
            <xsl:for-each select="units/unit">
              <li><xsl:apply-templates select="." mode="link"/></li>
            </xsl:for-each>
          </ul>
        </xsl:when>
        <xsl:otherwise>
          <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'home.nodepts'"/></xsl:call-template></p>
        </xsl:otherwise>
      </xsl:choose>
      <p><a href="{$base}/tree{$cq}"><xsl:call-template name="t"><xsl:with-param name="k" select="'home.seetree'"/></xsl:call-template></a></p>
    </section>
  </xsl:template>
</xsl:stylesheet>
