<?xml version="1.0" encoding="UTF-8"?>
<!-- inbox.xsl: what the signed-in person owes (<owed>, view_owed()), each
     entry a link to the form or page that settles it, then the comments
     and proposals on their OKRs (<inbox>).  An entry leaves when it is
     settled: the page is built from the store each time. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:mb="urn:mubiao:render" exclude-result-prefixes="mb">
  <xsl:include href="layout.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:call-template name="t"><xsl:with-param name="k" select="'owed'"/></xsl:call-template>
  </xsl:template>

  <xsl:variable name="t.list.sep" select="mb:t('list.sep')"/>

  <xsl:template match="page" mode="main">
    <xsl:variable name="o" select="owed"/>
    <header class="page-head">
      <h1><xsl:call-template name="t"><xsl:with-param name="k" select="'owed'"/></xsl:call-template></h1>
      <p class="intro">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'owed.intro'"/></xsl:call-template>
      </p>
    </header>
    <xsl:if test="not($o/*[not(self::team)])">
      <p class="empty owed-none"><xsl:call-template name="t"><xsl:with-param name="k" select="'owed.none'"/></xsl:call-template></p>
    </xsl:if>
    <xsl:if test="$o/checkin">
      <section class="owed owed-checkins">
        <h2>
          <xsl:call-template name="t-filled">
            <xsl:with-param name="k" select="'owed.checkins'"/>
            <xsl:with-param name="a" select="$o/@checkin-days"/>
          </xsl:call-template>
        </h2>
        <ul class="owed-list">
          <xsl:for-each select="$o/checkin">
            <li class="owed-checkin" id="owed-kr-{@kr}">
              <a href="{$base}/objective/{@objective}#ci-{@objective}-{@kr}-value"><xsl:value-of select="title"/></a>
              <xsl:text> </xsl:text>
              <span class="muted">
                <xsl:value-of select="objective-title"/>
                <xsl:text> · </xsl:text>
                <xsl:call-template name="t-filled">
                  <xsl:with-param name="k">
                    <xsl:choose>
                      <xsl:when test="@never = '1'">owed.checkin.never</xsl:when>
                      <xsl:otherwise>owed.checkin.days</xsl:otherwise>
                    </xsl:choose>
                  </xsl:with-param>
                  <xsl:with-param name="a" select="@days"/>
                </xsl:call-template>
              </span>
            </li>
          </xsl:for-each>
        </ul>
      </section>
    </xsl:if>
    <xsl:if test="$o/action">
      <section class="owed owed-actions">
        <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'owed.actions'"/></xsl:call-template></h2>
        <ul class="owed-list">
          <xsl:for-each select="$o/action">
            <li class="owed-action" id="owed-action-{@id}">
              <a>
                <xsl:attribute name="href">
                  <xsl:choose>
                    <xsl:when test="@meeting"><xsl:value-of select="concat($base, '/meet/', @meeting)"/></xsl:when>
                    <xsl:otherwise><xsl:value-of select="concat($base, '/meet/unit/', @unit)"/></xsl:otherwise>
                  </xsl:choose>
                </xsl:attribute>
                <xsl:value-of select="title"/>
              </a>
              <xsl:text> </xsl:text>
              <span class="muted">
                <xsl:call-template name="t"><xsl:with-param name="k" select="'owed.due'"/></xsl:call-template>
                <xsl:text> </xsl:text>
                <time datetime="{@due}"><xsl:call-template name="day"><xsl:with-param name="d" select="@due"/></xsl:call-template></time>
              </span>
              <xsl:if test="@overdue = '1'">
                <xsl:text> </xsl:text>
                <span class="badge overdue"><xsl:call-template name="t"><xsl:with-param name="k" select="'flag.overdue'"/></xsl:call-template></span>
              </xsl:if>
            </li>
          </xsl:for-each>
        </ul>
      </section>
    </xsl:if>
    <xsl:if test="$o/meeting">
      <section class="owed owed-meetings">
        <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'owed.meetings'"/></xsl:call-template></h2>
        <ul class="owed-list">
          <xsl:for-each select="$o/meeting">
            <li class="owed-meeting" id="owed-meeting-{@id}">
              <a href="{$base}/meet/{@id}"><xsl:value-of select="title"/></a>
              <xsl:text> </xsl:text>
              <span class="muted">
                <xsl:call-template name="t"><xsl:with-param name="k" select="concat('meeting.type.', @type)"/></xsl:call-template>
                <xsl:text> · </xsl:text>
                <xsl:apply-templates select="unit" mode="link"/>
                <xsl:text> · </xsl:text>
                <time datetime="{@day}"><xsl:call-template name="day"><xsl:with-param name="d" select="@day"/></xsl:call-template></time>
              </span>
              <xsl:if test="@ack = '1'">
                <xsl:text> </xsl:text>
                <span class="badge ack-needed"><xsl:call-template name="t"><xsl:with-param name="k" select="'owed.ack'"/></xsl:call-template></span>
              </xsl:if>
              <xsl:if test="@open">
                <xsl:text> </xsl:text>
                <span class="badge signoff">
                  <xsl:call-template name="t-filled">
                    <xsl:with-param name="k" select="'owed.signoff'"/>
                    <xsl:with-param name="a" select="@open"/>
                  </xsl:call-template>
                </span>
              </xsl:if>
            </li>
          </xsl:for-each>
        </ul>
      </section>
    </xsl:if>
    <xsl:if test="$o/draft">
      <section class="owed owed-drafts">
        <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'owed.drafts'"/></xsl:call-template></h2>
        <ul class="owed-list">
          <xsl:for-each select="$o/draft">
            <li class="owed-draft" id="owed-draft-{@objective}">
              <a href="{$base}/objective/{@objective}"><xsl:value-of select="title"/></a>
              <xsl:text> </xsl:text>
              <span class="muted"><xsl:value-of select="@cycle"/></span>
            </li>
          </xsl:for-each>
        </ul>
      </section>
    </xsl:if>
    <xsl:if test="$o/comments">
      <section class="owed owed-comments">
        <h2>
          <xsl:call-template name="t-filled">
            <xsl:with-param name="k" select="'owed.comments'"/>
            <xsl:with-param name="a" select="$o/comments/@new"/>
          </xsl:call-template>
        </h2>
        <ul class="owed-list">
          <li class="owed-comments" id="owed-comments-{$o/comments/@new}">
            <a href="#inbox"><xsl:call-template name="t"><xsl:with-param name="k" select="'owed.comments.read'"/></xsl:call-template></a>
            <xsl:text> </xsl:text>
            <form class="button-form" method="post" action="{$base}/edit/inbox/seen">
              <xsl:call-template name="post-hidden"/>
              <button type="submit"><xsl:call-template name="t"><xsl:with-param name="k" select="'owed.comments.seen'"/></xsl:call-template></button>
            </form>
          </li>
        </ul>
      </section>
    </xsl:if>
    <!-- A lead's units: who has not checked in this week, collectively
         (counts and names in the directory's order, never a ranking). -->
    <xsl:if test="$o/team">
      <section class="owed owed-team">
        <h2>
          <xsl:call-template name="t-filled">
            <xsl:with-param name="k" select="'owed.team'"/>
            <xsl:with-param name="a"><xsl:call-template name="day"><xsl:with-param name="d" select="$o/team/@since"/></xsl:call-template></xsl:with-param>
          </xsl:call-template>
        </h2>
        <ul class="owed-team-list">
          <xsl:for-each select="$o/team/group">
            <li class="owed-group" id="owed-group-{unit/@id}">
              <xsl:apply-templates select="unit" mode="link"/>
              <xsl:value-of select="$t.flag.sep"/>
              <xsl:choose>
                <xsl:when test="@people = 0">
                  <span class="muted"><xsl:call-template name="t"><xsl:with-param name="k" select="'owed.team.nobody'"/></xsl:call-template></span>
                </xsl:when>
                <xsl:when test="@missing = 0">
                  <xsl:call-template name="t-filled">
                    <xsl:with-param name="k" select="'owed.team.all'"/>
                    <xsl:with-param name="a" select="@people"/>
                  </xsl:call-template>
                </xsl:when>
                <xsl:otherwise>
                  <xsl:call-template name="t-filled">
                    <xsl:with-param name="k" select="'owed.team.missing'"/>
                    <xsl:with-param name="a" select="@missing"/>
                    <xsl:with-param name="b" select="@people"/>
                  </xsl:call-template>
                  <xsl:value-of select="$t.flag.sep"/>
                  <xsl:for-each select="person">
                    <xsl:if test="position() &gt; 1"><xsl:value-of select="$t.list.sep"/></xsl:if>
                    <xsl:apply-templates select="." mode="person-link"/>
                  </xsl:for-each>
                </xsl:otherwise>
              </xsl:choose>
            </li>
          </xsl:for-each>
        </ul>
      </section>
    </xsl:if>
    <section class="inbox" id="inbox">
      <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'inbox'"/></xsl:call-template></h2>
      <xsl:choose>
        <xsl:when test="inbox/comment">
          <ol class="comments"><xsl:apply-templates select="inbox/comment"/></ol>
        </xsl:when>
        <xsl:otherwise>
          <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'inbox.none'"/></xsl:call-template></p>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>
</xsl:stylesheet>
