<?xml version="1.0" encoding="UTF-8"?>
<!-- objective.xsl: one objective in full: description, the KR it serves,
     every KR with its check-in history and the objectives aligned to it.
     Does not depend on the selected cycle (the switcher goes home). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="layout.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:value-of select="objective/title"/>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <xsl:apply-templates select="objective" mode="card">
      <xsl:with-param name="h" select="'h1'"/>
      <xsl:with-param name="detail" select="true()"/>
    </xsl:apply-templates>
  </xsl:template>
</xsl:stylesheet>
