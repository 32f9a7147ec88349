<?xml version="1.0" encoding="UTF-8"?>
<!-- admin-import.xsl (admins only): import a Mubiao XML document.  The
     page holds <import written="N"?> after a successful import, or
     <import> with <error> (what is wrong, with its line) and <xml> (the
     document as sent, kept in the textarea) after a refused one. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="layout.xsl"/>
  <xsl:include href="forms.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:call-template name="admin-title"/>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <xsl:call-template name="admin-head"/>
    <p class="intro"><xsl:call-template name="t"><xsl:with-param name="k" select="'import.intro'"/></xsl:call-template></p>
    <xsl:if test="import/@written">
      <p class="form-message status-done" role="status">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'import.done'"/></xsl:call-template>
        <xsl:text> </xsl:text>
        <strong class="written"><xsl:value-of select="import/@written"/></strong>
      </p>
    </xsl:if>
    <xsl:if test="import/error">
      <div class="form-message status-invalid" role="alert">
        <p><xsl:call-template name="t"><xsl:with-param name="k" select="'err.import'"/></xsl:call-template></p>
        <pre class="import-error"><xsl:value-of select="import/error"/></pre>
      </div>
    </xsl:if>
    <xsl:if test="string(/page/@token) != ''">
      <form class="edit import" method="post" action="{$base}/edit/admin/import">
        <xsl:call-template name="post-hidden"/>
        <div class="field">
          <label for="import-xml"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.xml'"/></xsl:call-template></label>
          <textarea id="import-xml" name="xml" rows="20" cols="80"><xsl:text>&#10;</xsl:text><xsl:value-of select="import/xml"/></textarea>
        </div>
        <div class="form-buttons">
          <button type="submit"><xsl:call-template name="t"><xsl:with-param name="k" select="'import.button'"/></xsl:call-template></button>
        </div>
      </form>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
