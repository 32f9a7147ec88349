<?xml version="1.0" encoding="UTF-8"?>
<!-- atom.xsl: an Atom 1.0 feed (RFC 4287) of check-ins and changes, made
     from a unit's (with the units below) or a person's XML export
     (xmlio.c; okr-read adds @href, the app's absolute base URL, @lang and
     @updated to the root, and the authors from outside the scope).  Newest first, at most 100 entries; every
     entry links to its objective's page.  Words from the catalog. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:m="urn:mubiao:okr:1" xmlns="http://www.w3.org/2005/Atom"
    exclude-result-prefixes="m">
  <xsl:output method="xml" encoding="UTF-8" indent="yes" media-type="application/atom+xml"/>

  <xsl:param name="lang" select="'en'"/>
  <xsl:variable name="L">
    <xsl:choose>
      <xsl:when test="$lang = 'zh-CN'">zh-CN</xsl:when>
      <xsl:otherwise>en</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <!-- One node of the catalog, for key() (see layout.xsl's msg1). -->
  <xsl:variable name="msg1" select="document(concat('i18n/', $L, '.xml'))/messages"/>
  <xsl:key name="msg" match="m" use="@k"/>
  <xsl:template name="t">
    <xsl:param name="k"/>
    <xsl:for-each select="$msg1">
      <xsl:value-of select="key('msg', $k)[1]"/>
    </xsl:for-each>
  </xsl:template>

  <xsl:key name="person" match="m:person" use="@id"/>
  <xsl:key name="kr" match="m:kr" use="@id"/>
  <xsl:key name="objective" match="m:objective" use="@id"/>

  <xsl:variable name="r" select="/m:mubiao"/>
  <xsl:variable name="href" select="$r/@href"/>
  <xsl:variable name="who" select="$r/m:person[@id = $r/@of]"/>
  <!-- The page the feed is about, and its own address. -->
  <xsl:variable name="page">
    <xsl:choose>
      <xsl:when test="$r/@scope = 'person'"><xsl:value-of select="concat($href, '/person/', $who/m:login)"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="concat($href, '/unit/', $r/@of)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="self">
    <xsl:choose>
      <xsl:when test="$r/@scope = 'person'"><xsl:value-of select="concat($href, '/atom/person/', $who/m:login)"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="concat($href, '/atom/unit/', $r/@of)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <!-- Ids name the records, not the address the feed was fetched at
       (RFC 4287 4.2.6: an id never changes, whatever Host a request
       carried); links stay absolute from the request. -->
  <xsl:variable name="urn" select="'urn:mubiao:okr:'"/>
  <xsl:variable name="feed-id">
    <xsl:choose>
      <xsl:when test="$r/@scope = 'person'"><xsl:value-of select="concat($urn, 'feed:person:', $r/@of)"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="concat($urn, 'feed:unit:', $r/@of)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <xsl:template match="/m:mubiao">
    <feed xml:lang="{$L}">
      <title>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'feed.title'"/></xsl:call-template>
        <xsl:text> · </xsl:text>
        <xsl:choose>
          <xsl:when test="@scope = 'person'"><xsl:value-of select="$who/m:name"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="m:unit[@id = current()/@of]/m:name"/></xsl:otherwise>
        </xsl:choose>
      </title>
      <id><xsl:value-of select="$feed-id"/></id>
      <link rel="self" type="application/atom+xml" href="{$self}"/>
      <link rel="alternate" type="text/html" href="{$page}"/>
      <updated><xsl:value-of select="@updated"/></updated>
      <author>
        <name><xsl:call-template name="t"><xsl:with-param name="k" select="'app.name'"/></xsl:call-template></name>
      </author>
      <generator>Mubiao</generator>
      <xsl:for-each select="m:checkin | m:change">
        <xsl:sort select="@at" order="descending"/>
        <xsl:sort select="@id" data-type="number" order="descending"/>
        <xsl:if test="position() &lt;= 100">
          <xsl:apply-templates select="."/>
        </xsl:if>
      </xsl:for-each>
    </feed>
  </xsl:template>

  <xsl:template name="author">
    <xsl:param name="id"/>
    <xsl:variable name="p" select="key('person', $id)"/>
    <author>
      <name>
        <xsl:choose>
          <xsl:when test="$p"><xsl:value-of select="$p/m:name"/></xsl:when>
          <xsl:when test="string($id) = ''">
            <xsl:call-template name="t"><xsl:with-param name="k" select="'app.name'"/></xsl:call-template>
          </xsl:when>
          <xsl:otherwise><xsl:value-of select="concat('#', $id)"/></xsl:otherwise>
        </xsl:choose>
      </name>
    </author>
  </xsl:template>

  <!-- An entry's time; a record of unknown time (absent @at, as an
       import may leave it) is dated at the epoch: <updated> is required,
       and a fixed date neither changes between fetches nor puts the
       entry first. -->
  <xsl:template name="updated">
    <updated>
      <xsl:choose>
        <xsl:when test="@at"><xsl:value-of select="@at"/></xsl:when>
        <xsl:otherwise>1970-01-01T00:00:00Z</xsl:otherwise>
      </xsl:choose>
    </updated>
  </xsl:template>

  <xsl:template match="m:checkin">
    <xsl:variable name="k" select="key('kr', @kr)"/>
    <xsl:variable name="o" select="concat($href, '/objective/', $k/@objective)"/>
    <entry>
      <title>
        <xsl:value-of select="$k/m:title"/>
        <xsl:text>: </xsl:text>
        <xsl:value-of select="@value"/>
        <xsl:if test="$k/m:unit-label"><xsl:text> </xsl:text><xsl:value-of select="$k/m:unit-label"/></xsl:if>
      </title>
      <id><xsl:value-of select="concat($urn, 'checkin:', @id)"/></id>
      <link rel="alternate" type="text/html" href="{$o}"/>
      <xsl:call-template name="updated"/>
      <xsl:call-template name="author"><xsl:with-param name="id" select="@author"/></xsl:call-template>
      <category term="checkin"/>
      <content type="text">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'feed.checkin'"/></xsl:call-template>
        <xsl:text> </xsl:text>
        <xsl:value-of select="@value"/>
        <xsl:text> · </xsl:text>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'kr.confidence'"/></xsl:call-template>
        <xsl:text> </xsl:text>
        <xsl:value-of select="@confidence"/>
        <xsl:if test="m:note">
          <xsl:text> · </xsl:text>
          <xsl:value-of select="m:note"/>
        </xsl:if>
      </content>
    </entry>
  </xsl:template>

  <xsl:template match="m:change">
    <xsl:variable name="obj" select="key('objective', @objective)"/>
    <xsl:variable name="o" select="concat($href, '/objective/', @objective)"/>
    <entry>
      <title>
        <xsl:choose>
          <xsl:when test="@record = 75"><xsl:value-of select="key('kr', @record-id)/m:title"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="$obj/m:title"/></xsl:otherwise>
        </xsl:choose>
        <xsl:text>: </xsl:text>
        <xsl:value-of select="m:field"/>
      </title>
      <id><xsl:value-of select="concat($urn, 'change:', @id)"/></id>
      <link rel="alternate" type="text/html" href="{$o}"/>
      <xsl:call-template name="updated"/>
      <xsl:call-template name="author"><xsl:with-param name="id" select="@by"/></xsl:call-template>
      <category term="change"/>
      <content type="text">
        <xsl:value-of select="m:field"/>
        <xsl:text>: </xsl:text>
        <xsl:value-of select="m:old-value"/>
        <xsl:text> → </xsl:text>
        <xsl:value-of select="m:new-value"/>
      </content>
    </entry>
  </xsl:template>
</xsl:stylesheet>
