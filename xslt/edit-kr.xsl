<?xml version="1.0" encoding="UTF-8"?>
<!-- edit-kr.xsl: the key result form (title, kind, direction, start, target, current, unit, due, weight, owner),
     new or existing, then the objective it is about.  The fields are
     rendered generically by forms.xsl. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="layout.xsl"/>
  <xsl:include href="forms.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:call-template name="form-title">
      <xsl:with-param name="new-key" select="'action.add-kr'"/>
      <xsl:with-param name="edit-key" select="'edit.kr'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <xsl:call-template name="form-page"/>
  </xsl:template>
</xsl:stylesheet>
