<?xml version="1.0" encoding="UTF-8"?>
<!-- tree.xsl: the alignment tree: units, then people, each with the mean
     score of their subtree and their objectives' titles. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="layout.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:call-template name="t"><xsl:with-param name="k" select="'tree.title'"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="page" mode="cycle-action">
    <xsl:value-of select="concat($base, '/tree')"/>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <header class="page-head">
      <h1><xsl:apply-templates select="." mode="title"/></h1>
      <xsl:call-template name="cycle-info"/>
      <p class="intro"><xsl:call-template name="t"><xsl:with-param name="k" select="'tree.intro'"/></xsl:call-template></p>
      <xsl:if test="tree/@unit">
        <p><a class="tree-whole" href="{$base}/tree{$cq}">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'tree.whole'"/></xsl:call-template>
        </a></p>
      </xsl:if>
    </header>
    <xsl:choose>
      <xsl:when test="tree/node">
        <ul class="tree">
          <xsl:apply-templates select="tree/node"/>
        </ul>
      </xsl:when>
      <xsl:otherwise>
        <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'tree.empty'"/></xsl:call-template></p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="node">
    <li class="node node-{@kind}">
      <div class="node-head">
        <xsl:choose>
          <xsl:when test="@kind = 'unit'">
            <xsl:call-template name="badge">
              <xsl:with-param name="class" select="'level'"/>
              <xsl:with-param name="key" select="'level'"/>
              <xsl:with-param name="v" select="@level"/>
            </xsl:call-template>
            <xsl:text> </xsl:text>
            <a class="node-name" href="{$base}/unit/{@id}{$cq}"><xsl:value-of select="@name"/></a>
          </xsl:when>
          <xsl:otherwise>
            <a class="node-name">
              <xsl:call-template name="person-href"><xsl:with-param name="login" select="@login"/></xsl:call-template>
              <xsl:value-of select="@name"/>
            </a>
          </xsl:otherwise>
        </xsl:choose>
        <xsl:text> </xsl:text>
        <xsl:choose>
          <!-- A large company's tree opens a level at a time. -->
          <xsl:when test="@closed">
            <a class="tree-open" href="{$base}/tree?unit={@id}{translate(substring($cq, 1, 1), '?', '&amp;')}{substring($cq, 2)}">
              <xsl:call-template name="t"><xsl:with-param name="k" select="'tree.open'"/></xsl:call-template>
            </a>
          </xsl:when>
          <!-- Parts below are closed: no total of what is not read. -->
          <xsl:when test="@partial">
            <span class="score none">
              <xsl:attribute name="title">
                <xsl:call-template name="t"><xsl:with-param name="k" select="'tree.partial'"/></xsl:call-template>
              </xsl:attribute>
              <xsl:text>—</xsl:text>
            </span>
          </xsl:when>
          <!-- No objectives in the subtree: there is no score to show. -->
          <xsl:when test="not(number(@count) &gt; 0)">
            <span class="score none">
              <xsl:attribute name="title">
                <xsl:call-template name="t"><xsl:with-param name="k" select="'tree.noscore'"/></xsl:call-template>
              </xsl:attribute>
              <xsl:text>—</xsl:text>
            </span>
          </xsl:when>
          <xsl:otherwise>
            <xsl:call-template name="score"/>
            <xsl:text> </xsl:text>
            <span class="count">
              <xsl:call-template name="t"><xsl:with-param name="k" select="'tree.count'"/></xsl:call-template>
              <xsl:text> </xsl:text>
              <xsl:value-of select="@count"/>
            </span>
          </xsl:otherwise>
        </xsl:choose>
      </div>
      <xsl:if test="objective">
        <ul class="olist">
          <xsl:apply-templates select="objective" mode="line"/>
        </ul>
      </xsl:if>
      <xsl:if test="node">
        <ul class="tree">
          <xsl:apply-templates select="node"/>
        </ul>
      </xsl:if>
    </li>
  </xsl:template>
</xsl:stylesheet>
