<?xml version="1.0" encoding="UTF-8"?>
<!-- csv.xsl: a cycle's key results as CSV (RFC 4180) for spreadsheet
     users, made from the cycle's XML export (xmlio.c).  UTF-8 with a
     byte-order mark, so that Excel opens Chinese text correctly; CRLF
     line ends; one row per KR with its objective, unit and owner.  The
     header names are fixed (English), for scripts as much as people. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:m="urn:mubiao:okr:1">
  <xsl:output method="text" encoding="UTF-8" media-type="text/csv"/>

  <xsl:key name="unit" match="m:unit" use="@id"/>
  <xsl:key name="person" match="m:person" use="@id"/>
  <xsl:key name="objective" match="m:objective" use="@id"/>
  <xsl:variable name="cycle" select="/m:mubiao/m:cycle[@id = /m:mubiao/@of]"/>
  <xsl:variable name="nl" select="'&#13;&#10;'"/>

  <xsl:template match="/m:mubiao">
    <xsl:text>&#xFEFF;cycle,unit,level,objective_id,objective,objective_state,objective_owner,kr_id,key_result,kr_owner,kind,direction,start,current,target,unit_label,due,weight,confidence,score,grade,kr_state</xsl:text>
    <xsl:value-of select="$nl"/>
    <xsl:for-each select="m:kr">
      <xsl:sort select="@objective" data-type="number"/>
      <xsl:sort select="@id" data-type="number"/>
      <xsl:variable name="o" select="key('objective', @objective)"/>
      <xsl:call-template name="text"><xsl:with-param name="v" select="$cycle/m:name"/></xsl:call-template>
      <xsl:call-template name="text"><xsl:with-param name="v" select="key('unit', $o/@unit)/m:name"/></xsl:call-template>
      <xsl:call-template name="cell"><xsl:with-param name="v" select="$o/@level"/></xsl:call-template>
      <xsl:call-template name="cell"><xsl:with-param name="v" select="$o/@id"/></xsl:call-template>
      <xsl:call-template name="text"><xsl:with-param name="v" select="$o/m:title"/></xsl:call-template>
      <xsl:call-template name="cell"><xsl:with-param name="v" select="$o/@state"/></xsl:call-template>
      <xsl:call-template name="text"><xsl:with-param name="v" select="key('person', $o/@owner)/m:name"/></xsl:call-template>
      <xsl:call-template name="cell"><xsl:with-param name="v" select="@id"/></xsl:call-template>
      <xsl:call-template name="text"><xsl:with-param name="v" select="m:title"/></xsl:call-template>
      <xsl:call-template name="text"><xsl:with-param name="v" select="key('person', @owner)/m:name"/></xsl:call-template>
      <xsl:call-template name="cell"><xsl:with-param name="v" select="@kind"/></xsl:call-template>
      <xsl:call-template name="cell"><xsl:with-param name="v" select="@direction"/></xsl:call-template>
      <xsl:call-template name="cell"><xsl:with-param name="v" select="@start"/></xsl:call-template>
      <xsl:call-template name="cell"><xsl:with-param name="v" select="@current"/></xsl:call-template>
      <xsl:call-template name="cell"><xsl:with-param name="v" select="@target"/></xsl:call-template>
      <xsl:call-template name="text"><xsl:with-param name="v" select="m:unit-label"/></xsl:call-template>
      <xsl:call-template name="cell"><xsl:with-param name="v" select="@due"/></xsl:call-template>
      <xsl:call-template name="cell"><xsl:with-param name="v" select="@weight"/></xsl:call-template>
      <xsl:call-template name="cell"><xsl:with-param name="v" select="@confidence"/></xsl:call-template>
      <xsl:call-template name="cell"><xsl:with-param name="v"><xsl:call-template name="score"/></xsl:with-param></xsl:call-template>
      <xsl:call-template name="cell"><xsl:with-param name="v" select="@grade"/></xsl:call-template>
      <xsl:call-template name="cell">
        <xsl:with-param name="v" select="@state"/>
        <xsl:with-param name="last" select="true()"/>
      </xsl:call-template>
    </xsl:for-each>
  </xsl:template>

  <!-- The KR's score as okr.c computes it: its grade once graded, else
       the share of the way from start to target (either direction), 0
       to 1; a milestone is 0 or 1. -->
  <xsl:template name="score">
    <xsl:variable name="s" select="number(@start)"/>
    <xsl:variable name="t" select="number(@target)"/>
    <xsl:variable name="c" select="number(@current)"/>
    <xsl:variable name="raw">
      <xsl:choose>
        <xsl:when test="@kind = 'milestone'"><xsl:value-of select="number($c &gt;= 1)"/></xsl:when>
        <xsl:when test="$t = $s and @direction = 'decrease'"><xsl:value-of select="number($c &lt;= $t)"/></xsl:when>
        <xsl:when test="$t = $s"><xsl:value-of select="number($c &gt;= $t)"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="($c - $s) div ($t - $s)"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="@grade"><xsl:value-of select="format-number(@grade, '0.00')"/></xsl:when>
      <xsl:when test="not(number($raw) &gt; 0)">0.00</xsl:when>
      <xsl:when test="number($raw) &gt; 1">1.00</xsl:when>
      <xsl:otherwise><xsl:value-of select="format-number($raw, '0.00')"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A field of text people typed (names, titles, the unit label): one
       a spreadsheet would run as a formula (it begins with = + - @, a tab
       or a CR) is written as text, a quote before it and quoted (OWASP,
       "CSV injection").  The other columns are ids, numbers, days and
       names of states that Mubiao writes itself: a negative number stays
       a number. -->
  <xsl:template name="text">
    <xsl:param name="v"/>
    <xsl:variable name="s" select="string($v)"/>
    <xsl:choose>
      <xsl:when test="contains('=+-@&#9;&#13;', substring($s, 1, 1)) and $s != ''">
        <xsl:call-template name="cell">
          <xsl:with-param name="v" select="concat(&quot;'&quot;, $s)"/>
          <xsl:with-param name="quoted" select="true()"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="cell"><xsl:with-param name="v" select="$s"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- One field: quoted, quotes doubled, when it holds a comma, a quote
       or a line break (or when quoted says so); then a comma, or the
       line end. -->
  <xsl:template name="cell">
    <xsl:param name="v"/>
    <xsl:param name="last" select="false()"/>
    <xsl:param name="quoted" select="false()"/>
    <xsl:variable name="s" select="string($v)"/>
    <xsl:choose>
      <xsl:when test="$quoted or contains($s, ',') or contains($s, '&quot;') or contains($s, '&#10;') or contains($s, '&#13;')">
        <xsl:text>"</xsl:text>
        <xsl:call-template name="quote"><xsl:with-param name="s" select="$s"/></xsl:call-template>
        <xsl:text>"</xsl:text>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
    </xsl:choose>
    <xsl:choose>
      <xsl:when test="$last"><xsl:value-of select="$nl"/></xsl:when>
      <xsl:otherwise>,</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="quote">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="contains($s, '&quot;')">
        <xsl:value-of select="substring-before($s, '&quot;')"/>
        <xsl:text>""</xsl:text>
        <xsl:call-template name="quote"><xsl:with-param name="s" select="substring-after($s, '&quot;')"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
