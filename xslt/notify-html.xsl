<?xml version="1.0" encoding="UTF-8"?>
<!--
  notify-html.xsl: the HTML part of a notification mail (cgi/notify.c,
  part 'html').  The words and their order are notify.xsl's: this sheet
  imports it and overrides only the root and the layout primitives, so the
  HTML part says what the text part says, with links as <a href>.

  A mail is read in clients that drop <style> and block images and scripts:
  inline styles only, no external CSS, no images, no scripts.  Everything
  people wrote is text, escaped by the HTML serializer.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:mb="urn:mubiao:render" exclude-result-prefixes="mb">

  <xsl:import href="notify.xsl"/>

  <xsl:output method="html" encoding="UTF-8" indent="no"
              doctype-system="about:legacy-compat"/>

  <xsl:variable name="muted-color" select="'#59636e'"/>
  <xsl:variable name="rule" select="'1px solid #d8dde3'"/>

  <xsl:template match="/">
    <html>
      <xsl:attribute name="lang">
        <xsl:choose>
          <xsl:when test="string(/page/@lang) != ''"><xsl:value-of select="/page/@lang"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="$L"/></xsl:otherwise>
        </xsl:choose>
      </xsl:attribute>
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:call-template name="subject"/></title>
      </head>
      <body style="margin:0;padding:0;background-color:#f4f5f7;">
        <div style="max-width:640px;margin:0 auto;padding:24px 12px;">
          <div style="background-color:#ffffff;border:{$rule};border-radius:6px;padding:24px;font-family:-apple-system,'Segoe UI','PingFang SC','Hiragino Sans GB','Microsoft YaHei',Helvetica,Arial,sans-serif;font-size:15px;line-height:1.6;color:#1f2328;">
            <xsl:if test="$mail">
              <h1 style="margin:0 0 16px;font-size:20px;line-height:1.3;font-weight:600;"><xsl:call-template name="subject"/></h1>
            </xsl:if>
            <xsl:call-template name="message"/>
          </div>
        </div>
      </body>
    </html>
  </xsl:template>

  <!-- ===================================== the primitives, as HTML -->

  <xsl:template name="p">
    <xsl:param name="c"/>
    <p style="margin:0 0 14px;"><xsl:copy-of select="$c"/></p>
  </xsl:template>

  <xsl:template name="h">
    <xsl:param name="c"/>
    <h2 style="margin:22px 0 10px;font-size:16px;line-height:1.4;font-weight:600;"><xsl:copy-of select="$c"/></h2>
  </xsl:template>

  <xsl:template name="list">
    <xsl:param name="c"/>
    <ul style="margin:0 0 14px;padding:0 0 0 20px;"><xsl:copy-of select="$c"/></ul>
  </xsl:template>

  <xsl:template name="item">
    <xsl:param name="c"/>
    <li style="margin:0 0 10px;"><xsl:copy-of select="$c"/></li>
  </xsl:template>

  <xsl:template name="br"><br/></xsl:template>

  <xsl:template name="link">
    <xsl:param name="k"/>
    <xsl:param name="href"/>
    <a href="{$href}" style="color:#0b5cad;text-decoration:underline;"><xsl:value-of select="mb:t($k)"/></a>
  </xsl:template>

  <xsl:template name="muted">
    <xsl:param name="c"/>
    <span style="color:{$muted-color};font-size:14px;"><xsl:copy-of select="$c"/></span>
  </xsl:template>

  <xsl:template name="strong">
    <xsl:param name="c"/>
    <strong style="font-weight:600;"><xsl:copy-of select="$c"/></strong>
  </xsl:template>

  <!-- What someone wrote, its line breaks kept. -->
  <xsl:template name="quote">
    <xsl:param name="s"/>
    <blockquote style="margin:0 0 14px;padding:8px 12px;border-left:3px solid #d0d7de;background-color:#f6f8fa;white-space:pre-wrap;"><xsl:value-of select="$s"/></blockquote>
  </xsl:template>

  <xsl:template name="footer">
    <xsl:param name="c"/>
    <p style="margin:24px 0 0;padding:12px 0 0;border-top:{$rule};font-size:13px;color:{$muted-color};"><xsl:copy-of select="$c"/></p>
  </xsl:template>

</xsl:stylesheet>
