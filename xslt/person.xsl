<?xml version="1.0" encoding="UTF-8"?>
<!-- person.xsl: a person's profile, the method's transparency page: their
     OKRs past and present with contents and scores, newest cycle first.
     Does not depend on the selected cycle (the switcher goes home).
     On the signed-in person's own page: their inbox, a check-in form per
     objective they may check in on, and "New personal objective"; there
     and for an admin, a link to the person's notification settings. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="layout.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:value-of select="person/@name"/>
  </xsl:template>

  <xsl:template match="page" mode="head-links">
    <link rel="alternate" type="application/atom+xml" href="{$base}/atom/person/{person/@login}">
      <xsl:attribute name="title"><xsl:call-template name="t"><xsl:with-param name="k" select="'feed.title'"/></xsl:call-template> · <xsl:value-of select="person/@name"/></xsl:attribute>
    </link>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <xsl:variable name="p" select="person"/>
    <header class="page-head">
      <div class="title-row">
        <h1><xsl:value-of select="$p/@name"/></h1>
        <xsl:if test="$p/@role">
          <xsl:call-template name="badge">
            <xsl:with-param name="class" select="'role'"/>
            <xsl:with-param name="key" select="'role'"/>
            <xsl:with-param name="v" select="$p/@role"/>
          </xsl:call-template>
        </xsl:if>
      </div>
      <dl class="meta">
        <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'person.login'"/></xsl:call-template></dt>
        <dd class="login"><xsl:value-of select="$p/@login"/></dd>
        <xsl:if test="$p/unit">
          <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'person.unit'"/></xsl:call-template></dt>
          <dd><xsl:apply-templates select="$p/unit" mode="link"/></dd>
        </xsl:if>
        <xsl:if test="$p/manager">
          <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'person.manager'"/></xsl:call-template></dt>
          <dd><xsl:apply-templates select="$p/manager" mode="person-link"/></dd>
        </xsl:if>
      </dl>
      <!-- The method: OKRs are not individual performance ratings. -->
      <p class="note-rule"><xsl:call-template name="t"><xsl:with-param name="k" select="'person.notrating'"/></xsl:call-template></p>
      <xsl:call-template name="health-summary"/>
      <xsl:if test="$p/@can-add = '1'">
        <p class="actions">
          <a class="action">
            <xsl:attribute name="href">
              <xsl:value-of select="concat($base, '/edit/objective/new?owner=')"/>
              <xsl:call-template name="enc"><xsl:with-param name="s" select="$p/@login"/></xsl:call-template>
              <xsl:value-of select="$cqa"/>
            </xsl:attribute>
            <xsl:call-template name="t"><xsl:with-param name="k" select="'action.new-personal'"/></xsl:call-template>
          </a>
        </p>
      </xsl:if>
      <!-- Their notification settings: for the person themself, and for
           an admin (who may change anyone's). -->
      <xsl:if test="$p/@login = /page/@user or /page/@admin = '1'">
        <p class="actions notify-link">
          <a class="action">
            <xsl:attribute name="href">
              <xsl:value-of select="concat($base, '/edit/notify')"/>
              <xsl:if test="$p/@login != /page/@user">
                <xsl:text>/</xsl:text>
                <xsl:call-template name="enc"><xsl:with-param name="s" select="$p/@login"/></xsl:call-template>
              </xsl:if>
            </xsl:attribute>
            <xsl:call-template name="t"><xsl:with-param name="k" select="'form.notify.link'"/></xsl:call-template>
          </a>
        </p>
      </xsl:if>
      <xsl:call-template name="feed-links">
        <xsl:with-param name="xml" select="concat('/xml/person/', $p/@login)"/>
        <xsl:with-param name="atom" select="concat('/atom/person/', $p/@login)"/>
      </xsl:call-template>
    </header>

    <!-- The handler sends <inbox> only on the reader's own page; accepted
         at page level or inside <person>. -->
    <xsl:for-each select="(inbox | $p/inbox)[1]">
      <section class="inbox" id="inbox">
        <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'inbox'"/></xsl:call-template></h2>
        <xsl:choose>
          <xsl:when test="comment">
            <ol class="comments"><xsl:apply-templates select="comment"/></ol>
          </xsl:when>
          <xsl:otherwise>
            <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'inbox.none'"/></xsl:call-template></p>
          </xsl:otherwise>
        </xsl:choose>
      </section>
    </xsl:for-each>

    <section class="history">
      <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'person.history'"/></xsl:call-template></h2>
      <xsl:choose>
        <xsl:when test="history/cycle-okrs">
          <xsl:apply-templates select="history/cycle-okrs"/>
        </xsl:when>
        <xsl:otherwise>
          <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'person.nohistory'"/></xsl:call-template></p>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <xsl:template match="cycle-okrs">
    <section class="cycle-okrs state-{@state}">
      <header class="cycle-head">
        <h3>
          <a>
            <xsl:call-template name="cycle-href"><xsl:with-param name="name" select="@name"/></xsl:call-template>
            <xsl:value-of select="@name"/>
          </a>
        </h3>
        <xsl:call-template name="badge">
          <xsl:with-param name="class" select="'state'"/>
          <xsl:with-param name="key" select="'state'"/>
          <xsl:with-param name="v" select="@state"/>
        </xsl:call-template>
        <xsl:if test="objective and string(@score) != ''">
          <span class="label"><xsl:call-template name="t"><xsl:with-param name="k" select="'person.cycle-score'"/></xsl:call-template></span>
          <xsl:call-template name="score"/>
        </xsl:if>
      </header>
      <xsl:choose>
        <xsl:when test="objective">
          <xsl:apply-templates select="objective" mode="card">
            <xsl:with-param name="h" select="'h4'"/>
            <xsl:with-param name="checkin" select="/page/person/@login = /page/@user"/>
          </xsl:apply-templates>
        </xsl:when>
        <xsl:otherwise>
          <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'person.none'"/></xsl:call-template></p>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>
</xsl:stylesheet>
