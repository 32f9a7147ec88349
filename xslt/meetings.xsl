<?xml version="1.0" encoding="UTF-8"?>
<!-- meetings.xsl: a unit's meeting calendar for the selected cycle: when
     the last review meeting was, the method's warning when it is more than
     two weeks ago, the meetings newest first, and for a lead or admin
     (can-manage) the form that plans one. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="layout.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:call-template name="t"><xsl:with-param name="k" select="'meetings'"/></xsl:call-template>
    <xsl:text> · </xsl:text>
    <xsl:value-of select="unit/@name"/>
  </xsl:template>

  <!-- Switching cycle stays on this unit's calendar. -->
  <xsl:template match="page" mode="cycle-action">
    <xsl:value-of select="concat($base, '/meet/unit/', unit/@id)"/>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <xsl:variable name="u" select="unit"/>
    <xsl:variable name="cal" select="calendar"/>
    <header class="page-head">
      <div class="title-row">
        <xsl:call-template name="badge">
          <xsl:with-param name="class" select="'level'"/>
          <xsl:with-param name="key" select="'level'"/>
          <xsl:with-param name="v" select="$u/@level"/>
        </xsl:call-template>
        <h1>
          <xsl:call-template name="t"><xsl:with-param name="k" select="'meetings'"/></xsl:call-template>
          <xsl:text> · </xsl:text>
          <xsl:apply-templates select="$u" mode="link"/>
        </h1>
      </div>
      <xsl:call-template name="cycle-info"/>
      <p class="last-review">
        <xsl:choose>
          <xsl:when test="string($cal/@last-review) != ''">
            <span class="label"><xsl:call-template name="t"><xsl:with-param name="k" select="'meeting.last-review'"/></xsl:call-template></span>
            <xsl:text> </xsl:text>
            <time datetime="{$cal/@last-review}"><xsl:call-template name="day"><xsl:with-param name="d" select="$cal/@last-review"/></xsl:call-template></time>
          </xsl:when>
          <xsl:otherwise>
            <xsl:call-template name="t"><xsl:with-param name="k" select="'meeting.no-review'"/></xsl:call-template>
          </xsl:otherwise>
        </xsl:choose>
      </p>
      <xsl:if test="$cal/@review-overdue = '1'">
        <p class="overdue">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'meeting.review-overdue'"/></xsl:call-template>
        </p>
      </xsl:if>
    </header>

    <xsl:if test="$u/@can-manage = '1' and string(/page/@token) != '' and not($print)">
      <xsl:call-template name="plan-form"/>
    </xsl:if>

    <!-- Meetings are page children; accepted inside <calendar> too. -->
    <xsl:variable name="ms" select="meeting | calendar/meeting"/>
    <section class="meetings">
      <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'meetings'"/></xsl:call-template></h2>
      <xsl:choose>
        <xsl:when test="$ms">
          <div class="table-wrap">
            <table class="meetings">
              <xsl:call-template name="thead">
                <xsl:with-param name="cols" select="'meeting.date field.meetings.kind field.title field.objective field.state'"/>
              </xsl:call-template>
              <tbody>
                <xsl:apply-templates select="$ms" mode="row"/>
              </tbody>
            </table>
          </div>
        </xsl:when>
        <xsl:otherwise>
          <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'meeting.none'"/></xsl:call-template></p>
        </xsl:otherwise>
      </xsl:choose>
    </section>
    <xsl:apply-templates select="subunits[unit]"/>
  </xsl:template>

  <!-- The units below, each with its last review and the two-week flag:
       where a lead looks to see which teams have stopped reviewing. -->
  <xsl:template match="subunits">
    <section class="subunit-reviews">
      <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'meeting.subunits'"/></xsl:call-template></h2>
      <div class="table-wrap">
        <table class="subunit-reviews">
          <xsl:call-template name="thead">
            <xsl:with-param name="cols" select="'field.unit meeting.last-review field.state'"/>
          </xsl:call-template>
          <tbody>
            <xsl:for-each select="unit">
              <tr id="su-{@id}">
                <xsl:if test="@review-overdue = '1'"><xsl:attribute name="class">overdue</xsl:attribute></xsl:if>
                <th scope="row" class="depth-{@depth}">
                  <a href="{$base}/meet/unit/{@id}{$cq}"><xsl:value-of select="@name"/></a>
                </th>
                <td>
                  <xsl:choose>
                    <xsl:when test="@last-review"><time datetime="{@last-review}"><xsl:call-template name="day"><xsl:with-param name="d" select="@last-review"/></xsl:call-template></time></xsl:when>
                    <xsl:otherwise>—</xsl:otherwise>
                  </xsl:choose>
                </td>
                <td>
                  <xsl:if test="@review-overdue = '1'">
                    <span class="badge review-overdue"><xsl:call-template name="t"><xsl:with-param name="k" select="'meeting.overdue-flag'"/></xsl:call-template></span>
                  </xsl:if>
                </td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </div>
    </section>
  </xsl:template>

  <xsl:template match="meeting" mode="row">
    <tr class="meeting mstate-{@state}">
      <td class="due"><time datetime="{@date}"><xsl:call-template name="day"><xsl:with-param name="d" select="@date"/></xsl:call-template></time></td>
      <td>
        <xsl:call-template name="badge">
          <xsl:with-param name="class" select="'mtype'"/>
          <xsl:with-param name="key" select="'meeting.type'"/>
          <xsl:with-param name="v" select="@type"/>
        </xsl:call-template>
      </td>
      <th scope="row">
        <a href="{$base}/meet/{@id}">
          <xsl:choose>
            <xsl:when test="normalize-space(title) != ''"><xsl:value-of select="title"/></xsl:when>
            <xsl:otherwise>
              <xsl:call-template name="t"><xsl:with-param name="k" select="concat('meeting.type.', @type)"/></xsl:call-template>
            </xsl:otherwise>
          </xsl:choose>
        </a>
        <!-- A meeting of another unit (none expected, but say so). -->
        <xsl:if test="unit and unit/@id != /page/unit/@id">
          <span class="kr-sub"><xsl:apply-templates select="unit" mode="link"/></span>
        </xsl:if>
      </th>
      <td>
        <xsl:choose>
          <xsl:when test="objective">
            <a href="{$base}/objective/{objective/@id}"><xsl:apply-templates select="objective" mode="ref-title"/></a>
          </xsl:when>
          <xsl:otherwise>
            <span class="muted"><xsl:call-template name="t"><xsl:with-param name="k" select="'meeting.whole-unit'"/></xsl:call-template></span>
          </xsl:otherwise>
        </xsl:choose>
      </td>
      <td>
        <xsl:call-template name="badge">
          <xsl:with-param name="class" select="'mstate'"/>
          <xsl:with-param name="key" select="'meeting.state'"/>
          <xsl:with-param name="v" select="@state"/>
        </xsl:call-template>
      </td>
    </tr>
  </xsl:template>

  <!-- POST {base}/meet/new: unit, cycle (hidden), kind, due (the date),
       title (optional), objective (optional; empty = the whole unit). -->
  <xsl:template name="plan-form">
    <xsl:variable name="sent" select="/page/form[contains(@action, '/meet/new')]"/>
    <xsl:variable name="kind">
      <xsl:choose>
        <xsl:when test="$sent/field[@name = 'kind']"><xsl:value-of select="$sent/field[@name = 'kind']/@value"/></xsl:when>
        <xsl:otherwise>review</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="obj" select="string($sent/field[@name = 'objective']/@value)"/>
    <details class="plan-form">
      <xsl:if test="$sent"><xsl:attribute name="open">open</xsl:attribute></xsl:if>
      <summary><xsl:call-template name="t"><xsl:with-param name="k" select="'meeting.plan'"/></xsl:call-template></summary>
      <form class="edit meet-plan" method="post" action="{$base}/meet/new">
        <xsl:call-template name="post-hidden"/>
        <input type="hidden" name="unit" value="{/page/unit/@id}"/>
        <input type="hidden" name="cycle" value="{$sel}"/>
        <xsl:call-template name="sent-message"><xsl:with-param name="sent" select="$sent"/></xsl:call-template>
        <div class="fields">
          <div class="field">
            <label for="plan-kind"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.meetings.kind'"/></xsl:call-template></label>
            <select id="plan-kind" name="kind">
              <xsl:call-template name="type-option"><xsl:with-param name="v" select="'awareness'"/><xsl:with-param name="cur" select="$kind"/></xsl:call-template>
              <xsl:call-template name="type-option"><xsl:with-param name="v" select="'consensus'"/><xsl:with-param name="cur" select="$kind"/></xsl:call-template>
              <xsl:call-template name="type-option"><xsl:with-param name="v" select="'action'"/><xsl:with-param name="cur" select="$kind"/></xsl:call-template>
              <xsl:call-template name="type-option"><xsl:with-param name="v" select="'review'"/><xsl:with-param name="cur" select="$kind"/></xsl:call-template>
              <xsl:call-template name="type-option"><xsl:with-param name="v" select="'monthly'"/><xsl:with-param name="cur" select="$kind"/></xsl:call-template>
              <xsl:call-template name="type-option"><xsl:with-param name="v" select="'quarterly'"/><xsl:with-param name="cur" select="$kind"/></xsl:call-template>
            </select>
            <xsl:call-template name="sent-error"><xsl:with-param name="sent" select="$sent"/><xsl:with-param name="name" select="'kind'"/></xsl:call-template>
          </div>
          <div class="field">
            <label for="plan-due"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.meetings.due'"/></xsl:call-template></label>
            <input type="date" id="plan-due" name="due" value="{$sent/field[@name = 'due']/@value}"/>
            <xsl:call-template name="sent-error"><xsl:with-param name="sent" select="$sent"/><xsl:with-param name="name" select="'due'"/></xsl:call-template>
          </div>
          <div class="field">
            <label for="plan-title"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.meetings.title'"/></xsl:call-template></label>
            <input type="text" id="plan-title" name="title" value="{$sent/field[@name = 'title']/@value}"/>
            <xsl:call-template name="sent-error"><xsl:with-param name="sent" select="$sent"/><xsl:with-param name="name" select="'title'"/></xsl:call-template>
          </div>
          <div class="field">
            <label for="plan-objective"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.objective'"/></xsl:call-template></label>
            <select id="plan-objective" name="objective">
              <option value=""><xsl:call-template name="t"><xsl:with-param name="k" select="'meeting.whole-unit'"/></xsl:call-template></option>
              <xsl:for-each select="/page/objectives/objective">
                <option value="{@id}">
                  <xsl:if test="string(@id) = $obj"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
                  <xsl:apply-templates select="." mode="ref-title"/>
                </option>
              </xsl:for-each>
            </select>
            <xsl:call-template name="sent-error"><xsl:with-param name="sent" select="$sent"/><xsl:with-param name="name" select="'objective'"/></xsl:call-template>
          </div>
        </div>
        <div class="form-buttons">
          <button type="submit"><xsl:call-template name="t"><xsl:with-param name="k" select="'meeting.plan'"/></xsl:call-template></button>
        </div>
      </form>
    </details>
  </xsl:template>

  <xsl:template name="type-option">
    <xsl:param name="v"/>
    <xsl:param name="cur"/>
    <option value="{$v}">
      <xsl:if test="$v = $cur"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
      <xsl:call-template name="t"><xsl:with-param name="k" select="concat('meeting.type.', $v)"/></xsl:call-template>
    </option>
  </xsl:template>
</xsl:stylesheet>
