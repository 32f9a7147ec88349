<?xml version="1.0" encoding="UTF-8"?>
<!-- export.xsl: Mubiao's XML export (xmlio.c) as it is: the identity.
     The document itself is the format (xslt/mubiao.rng, xslt/XML.md);
     this sheet only gives it its media type through the one output
     path every response takes. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="xml" encoding="UTF-8" indent="yes" media-type="application/xml"/>
  <xsl:template match="/">
    <xsl:copy-of select="node()"/>
  </xsl:template>
</xsl:stylesheet>
