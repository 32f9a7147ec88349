<?xml version="1.0" encoding="UTF-8"?>
<!-- error.xsl: status code and a catalog message.  The key is only ever
     looked up in the catalog; an unknown key falls back to the status'
     own message, then to err.500, never to the raw key. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:mb="urn:mubiao:render" exclude-result-prefixes="mb">
  <xsl:include href="layout.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:call-template name="t"><xsl:with-param name="k" select="'err.title'"/></xsl:call-template>
    <xsl:text> </xsl:text>
    <xsl:value-of select="error/@status"/>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <xsl:variable name="e" select="error"/>
    <xsl:variable name="key">
      <xsl:choose>
        <xsl:when test="mb:has($e/@key)"><xsl:value-of select="$e/@key"/></xsl:when>
        <xsl:when test="mb:has(concat('err.', $e/@status))"><xsl:value-of select="concat('err.', $e/@status)"/></xsl:when>
        <xsl:otherwise>err.500</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <section class="error">
      <h1>
        <span class="status"><xsl:value-of select="$e/@status"/></span>
        <xsl:text> </xsl:text>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'err.title'"/></xsl:call-template>
      </h1>
      <p class="message"><xsl:call-template name="t"><xsl:with-param name="k" select="$key"/></xsl:call-template></p>
      <p><a href="{$base}/"><xsl:call-template name="t"><xsl:with-param name="k" select="'err.home'"/></xsl:call-template></a></p>
    </section>
  </xsl:template>
</xsl:stylesheet>
