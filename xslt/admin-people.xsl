<?xml version="1.0" encoding="UTF-8"?>
<!-- admin-people.xsl (admins only): the directory: each person's login, name, unit, manager and role.
     One small form per row, then the "new" form; see admin-page in
     forms.xsl. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="layout.xsl"/>
  <xsl:include href="forms.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:call-template name="admin-title"/>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <xsl:call-template name="admin-page"/>
  </xsl:template>
</xsl:stylesheet>
