<?xml version="1.0" encoding="UTF-8"?>
<!-- meeting.xsl: one meeting: its type, date and unit, the section of
     its type (one included sheet per type), attendance, minutes and
     decisions, and the parts several types share.  Forms only while the
     meeting is not closed: a closed meeting is frozen, shown as the room
     saw it.  /page/@print = '1' (?print=1): no nav, forms or buttons
     ($print in layout.xsl). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="layout.xsl"/>
  <xsl:include href="meeting-review.xsl"/>
  <xsl:include href="meeting-action.xsl"/>
  <xsl:include href="meeting-consensus.xsl"/>
  <xsl:include href="meeting-awareness.xsl"/>
  <xsl:include href="meeting-monthly.xsl"/>
  <xsl:include href="meeting-quarterly.xsl"/>
  <xsl:include href="meeting-present.xsl"/>

  <xsl:variable name="m" select="/page/meeting"/>
  <xsl:variable name="closed" select="$m/@state = 'closed' or $m/@frozen = '1'"/>
  <!-- Forms are offered: not closed, not printing, a known user. -->
  <xsl:variable name="live" select="not($closed) and not($print) and string(/page/@token) != ''"/>
  <xsl:variable name="manage" select="$live and $m/@can-manage = '1'"/>

  <xsl:template match="page" mode="title">
    <xsl:apply-templates select="meeting" mode="name"/>
    <xsl:text> · </xsl:text>
    <xsl:call-template name="day"><xsl:with-param name="d" select="meeting/@date"/></xsl:call-template>
  </xsl:template>

  <!-- Its title, else its type. -->
  <xsl:template match="meeting" mode="name">
    <xsl:choose>
      <xsl:when test="normalize-space(title) != ''"><xsl:value-of select="title"/></xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="t"><xsl:with-param name="k" select="concat('meeting.type.', @type)"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <header class="page-head meeting-head">
      <div class="title-row">
        <xsl:call-template name="badge">
          <xsl:with-param name="class" select="'mtype'"/>
          <xsl:with-param name="key" select="'meeting.type'"/>
          <xsl:with-param name="v" select="$m/@type"/>
        </xsl:call-template>
        <h1><xsl:apply-templates select="$m" mode="name"/></h1>
        <xsl:call-template name="badge">
          <xsl:with-param name="class" select="'mstate'"/>
          <xsl:with-param name="key" select="'meeting.state'"/>
          <xsl:with-param name="v" select="$m/@state"/>
        </xsl:call-template>
      </div>
      <dl class="meta">
        <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'meeting.date'"/></xsl:call-template></dt>
        <dd><time datetime="{$m/@date}"><xsl:call-template name="day"><xsl:with-param name="d" select="$m/@date"/></xsl:call-template></time></dd>
        <xsl:if test="$m/unit">
          <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'o.unit'"/></xsl:call-template></dt>
          <dd><xsl:apply-templates select="$m/unit" mode="link"/></dd>
        </xsl:if>
        <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'field.objective'"/></xsl:call-template></dt>
        <dd>
          <xsl:choose>
            <xsl:when test="$m/objective">
              <a href="{$base}/objective/{$m/objective/@id}"><xsl:apply-templates select="$m/objective" mode="ref-title"/></a>
            </xsl:when>
            <xsl:otherwise><xsl:call-template name="t"><xsl:with-param name="k" select="'meeting.whole-unit'"/></xsl:call-template></xsl:otherwise>
          </xsl:choose>
        </dd>
      </dl>
      <p class="intro">
        <xsl:call-template name="t"><xsl:with-param name="k" select="concat('meeting.about.', $m/@type)"/></xsl:call-template>
      </p>
      <xsl:if test="not($print)">
        <div class="actions">
          <xsl:if test="$m/unit">
            <a class="action" href="{$base}/meet/unit/{$m/unit/@id}{$cq}">
              <xsl:call-template name="t"><xsl:with-param name="k" select="'meetings'"/></xsl:call-template>
            </a>
          </xsl:if>
          <a class="action" href="{$base}/meet/{$m/@id}?print=1">
            <xsl:call-template name="t"><xsl:with-param name="k" select="'meeting.print'"/></xsl:call-template>
          </a>
          <a class="action" href="{$base}/meet/{$m/@id}?present=1">
            <xsl:call-template name="t"><xsl:with-param name="k" select="'meeting.presenter'"/></xsl:call-template>
          </a>
          <xsl:if test="$manage and $m/@state = 'planned'">
            <xsl:call-template name="button-form">
              <xsl:with-param name="action" select="concat($base, '/meet/', $m/@id, '/open')"/>
              <xsl:with-param name="label-key" select="'meeting.open'"/>
              <xsl:with-param name="version" select="$m/@version"/>
              <xsl:with-param name="class" select="'meet-open'"/>
            </xsl:call-template>
          </xsl:if>
          <xsl:if test="$manage and $m/@state = 'open'">
            <xsl:call-template name="button-form">
              <xsl:with-param name="action" select="concat($base, '/meet/', $m/@id, '/close')"/>
              <xsl:with-param name="label-key" select="'meeting.close'"/>
              <xsl:with-param name="version" select="$m/@version"/>
              <xsl:with-param name="class" select="'meet-close'"/>
            </xsl:call-template>
            <span class="muted"><xsl:call-template name="t"><xsl:with-param name="k" select="'meeting.close-note'"/></xsl:call-template></span>
          </xsl:if>
        </div>
      </xsl:if>
      <xsl:call-template name="feed-links">
        <xsl:with-param name="xml" select="concat('/xml/meeting/', $m/@id)"/>
      </xsl:call-template>
      <xsl:if test="$closed">
        <p class="frozen">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'meeting.frozen'"/></xsl:call-template>
        </p>
      </xsl:if>
    </header>

    <xsl:apply-templates select="$m/board"/>
    <xsl:apply-templates select="$m/company"/>
    <xsl:apply-templates select="$m/carried"/>
    <xsl:apply-templates select="$m/own"/>
    <xsl:apply-templates select="$m/consensus"/>
    <xsl:apply-templates select="$m/actions"/>
    <xsl:apply-templates select="$m/grading"/>
    <xsl:apply-templates select="$m/summary"/>
    <xsl:apply-templates select="$m/grow-board"/>
    <xsl:if test="$m/@type = 'awareness'">
      <xsl:call-template name="awareness"/>
    </xsl:if>
    <xsl:choose>
      <!-- Attendance and minutes are one form: saving either sends what
           is typed in the other too, so neither is lost to a reload. -->
      <xsl:when test="$manage">
        <xsl:variable name="sent" select="$msent"/>
        <form class="edit minutes-form" method="post" action="{$base}/meet/{$m/@id}/minutes">
          <xsl:call-template name="post-hidden">
            <xsl:with-param name="version">
              <xsl:choose>
                <xsl:when test="string($sent/@version) != ''"><xsl:value-of select="$sent/@version"/></xsl:when>
                <xsl:otherwise><xsl:value-of select="$m/@minutes-version"/></xsl:otherwise>
              </xsl:choose>
            </xsl:with-param>
          </xsl:call-template>
          <xsl:if test="$m/attendance">
            <!-- Who the page shows present: only the boxes changed here
                 change, so two people ticking at once do not collide. -->
            <input type="hidden" name="current">
              <xsl:attribute name="value">
                <xsl:choose>
                  <xsl:when test="$sent"><xsl:value-of select="$sent/field[@name = 'current']/@value"/></xsl:when>
                  <xsl:otherwise>
                    <xsl:for-each select="$m/attendance/person[@present = '1']">
                      <xsl:if test="position() &gt; 1"><xsl:text> </xsl:text></xsl:if>
                      <xsl:value-of select="@login"/>
                    </xsl:for-each>
                  </xsl:otherwise>
                </xsl:choose>
              </xsl:attribute>
            </input>
          </xsl:if>
          <xsl:call-template name="sent-message"><xsl:with-param name="sent" select="$sent"/></xsl:call-template>
          <xsl:apply-templates select="$m/attendance"/>
          <xsl:call-template name="minutes"/>
        </form>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates select="$m/attendance"/>
        <xsl:call-template name="minutes"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The minutes form (attendance, minutes, decisions) sent back. -->
  <xsl:variable name="msent" select="/page/form[contains(@action, concat('/meet/', $m/@id, '/minutes'))]"/>

  <!-- ========================================================= attendance -->

  <xsl:template match="attendance">
    <section class="attendance" id="attendance">
      <h2>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'meeting.attendance'"/></xsl:call-template>
        <xsl:text> </xsl:text>
        <span class="count">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'meeting.present'"/></xsl:call-template>
          <xsl:text> </xsl:text>
          <xsl:value-of select="count(person[@present = '1'])"/>
          <xsl:text> / </xsl:text>
          <xsl:value-of select="count(person)"/>
        </span>
      </h2>
      <xsl:choose>
        <xsl:when test="$manage">
          <!-- Inside the minutes form (see the page template). -->
          <div class="attendance-form">
            <ul class="chips">
              <xsl:for-each select="person">
                <li>
                  <label>
                    <input type="checkbox" name="login" value="{@login}">
                      <xsl:if test="($msent and $msent/field[@name = 'login'][@value = current()/@login]) or (not($msent) and @present = '1')"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
                    </input>
                    <xsl:text> </xsl:text>
                    <xsl:call-template name="person-name"/>
                  </label>
                </li>
              </xsl:for-each>
            </ul>
            <xsl:call-template name="sent-error"><xsl:with-param name="sent" select="$msent"/><xsl:with-param name="name" select="'login'"/></xsl:call-template>
            <button type="submit"><xsl:call-template name="t"><xsl:with-param name="k" select="'meeting.save'"/></xsl:call-template></button>
          </div>
        </xsl:when>
        <xsl:when test="person">
          <ul class="chips attendees">
            <xsl:for-each select="person">
              <xsl:variable name="p">
                <xsl:choose>
                  <xsl:when test="@present = '1'">present</xsl:when>
                  <xsl:otherwise>absent</xsl:otherwise>
                </xsl:choose>
              </xsl:variable>
              <li class="{$p}">
                <xsl:apply-templates select="." mode="person-link"/>
                <xsl:text> </xsl:text>
                <span class="att-mark">
                  <xsl:call-template name="t"><xsl:with-param name="k" select="concat('meeting.', $p)"/></xsl:call-template>
                </span>
              </li>
            </xsl:for-each>
          </ul>
        </xsl:when>
      </xsl:choose>
    </section>
  </xsl:template>

  <xsl:template name="person-name">
    <xsl:choose>
      <xsl:when test="string(@name) != ''"><xsl:value-of select="@name"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="@login"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============================================== minutes and decisions -->

  <xsl:template name="minutes">
    <section class="minutes" id="minutes">
      <xsl:choose>
        <xsl:when test="$manage">
          <!-- Inside the minutes form (see the page template). -->
          <div class="fields">
            <xsl:call-template name="minutes-field">
              <xsl:with-param name="name" select="'text'"/>
              <xsl:with-param name="id" select="'meet-minutes'"/>
              <xsl:with-param name="label" select="'meeting.minutes'"/>
              <xsl:with-param name="stored" select="$m/minutes"/>
              <xsl:with-param name="rows" select="8"/>
            </xsl:call-template>
            <xsl:call-template name="minutes-field">
              <xsl:with-param name="name" select="'note'"/>
              <xsl:with-param name="id" select="'meet-decisions'"/>
              <xsl:with-param name="label" select="'meeting.decisions'"/>
              <xsl:with-param name="stored" select="$m/decisions"/>
              <xsl:with-param name="rows" select="5"/>
            </xsl:call-template>
          </div>
          <div class="form-buttons">
            <button type="submit"><xsl:call-template name="t"><xsl:with-param name="k" select="'meeting.save'"/></xsl:call-template></button>
          </div>
        </xsl:when>
        <xsl:otherwise>
          <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'meeting.minutes'"/></xsl:call-template></h2>
          <xsl:call-template name="text-block"><xsl:with-param name="s" select="$m/minutes"/></xsl:call-template>
          <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'meeting.decisions'"/></xsl:call-template></h2>
          <xsl:call-template name="text-block"><xsl:with-param name="s" select="$m/decisions"/></xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <!-- A textarea of the minutes form: what was typed when it came back,
       with its error, and on a conflict what was saved meanwhile beside
       it (both kept: the user merges). -->
  <xsl:template name="minutes-field">
    <xsl:param name="name"/>
    <xsl:param name="id"/>
    <xsl:param name="label"/>
    <xsl:param name="stored"/>
    <xsl:param name="rows"/>
    <xsl:variable name="f" select="$msent/field[@name = $name]"/>
    <div class="field">
      <label for="{$id}"><xsl:call-template name="t"><xsl:with-param name="k" select="$label"/></xsl:call-template></label>
      <textarea id="{$id}" name="{$name}" rows="{$rows}"><xsl:text>&#10;</xsl:text><xsl:call-template name="sent-value">
          <xsl:with-param name="sent" select="$msent"/>
          <xsl:with-param name="name" select="$name"/>
          <xsl:with-param name="stored" select="$stored"/>
        </xsl:call-template></textarea>
      <xsl:call-template name="sent-error"><xsl:with-param name="sent" select="$msent"/><xsl:with-param name="name" select="$name"/></xsl:call-template>
      <xsl:if test="$f/@current">
        <div class="field-current">
          <p class="label"><xsl:call-template name="t"><xsl:with-param name="k" select="'form.current'"/></xsl:call-template></p>
          <p class="text-block current-value"><xsl:value-of select="$f/@current"/></p>
        </div>
      </xsl:if>
    </div>
  </xsl:template>

  <xsl:template name="text-block">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="normalize-space($s) != ''"><p class="text-block"><xsl:value-of select="$s"/></p></xsl:when>
      <xsl:otherwise><p class="empty">—</p></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ==================================== parts several types share -->

  <!-- An action item: on the review board (quadrants 3 and 4) and in the
       action meeting's work items. -->
  <xsl:template match="action">
    <li class="action-item state-{@state}" id="a-{@id}">
      <span class="a-title"><xsl:value-of select="title"/></span>
      <xsl:if test="@state = 'done'">
        <xsl:text> </xsl:text>
        <xsl:call-template name="badge">
          <xsl:with-param name="class" select="'state'"/>
          <xsl:with-param name="key" select="'action.state'"/>
          <xsl:with-param name="v" select="'done'"/>
        </xsl:call-template>
      </xsl:if>
      <!-- Added in this meeting: what the room just decided stands out. -->
      <xsl:if test="@new = '1'">
        <xsl:text> </xsl:text>
        <xsl:call-template name="badge">
          <xsl:with-param name="class" select="'action'"/>
          <xsl:with-param name="key" select="'action'"/>
          <xsl:with-param name="v" select="'new'"/>
        </xsl:call-template>
      </xsl:if>
      <span class="a-meta">
        <xsl:apply-templates select="owner" mode="person-link"/>
        <xsl:if test="string(@due) != ''">
          <xsl:if test="owner"><xsl:text> · </xsl:text></xsl:if>
          <time datetime="{@due}"><xsl:call-template name="day"><xsl:with-param name="d" select="@due"/></xsl:call-template></time>
        </xsl:if>
        <xsl:if test="string(kr-title) != ''">
          <xsl:text> · </xsl:text>
          <span class="kr-ref">
            <xsl:choose>
              <xsl:when test="string(@kr) != '' and ../../progress/objective/kr[@id = current()/@kr]"><a href="#kr-{@kr}"><xsl:value-of select="kr-title"/></a></xsl:when>
              <xsl:otherwise><xsl:value-of select="kr-title"/></xsl:otherwise>
            </xsl:choose>
          </span>
        </xsl:if>
      </span>
      <xsl:if test="$live and @state = 'open' and @can-edit = '1'">
        <xsl:call-template name="button-form">
          <xsl:with-param name="action" select="concat($base, '/meet/action/', @id, '/done')"/>
          <xsl:with-param name="label-key" select="'action.done'"/>
          <xsl:with-param name="version" select="@version"/>
          <xsl:with-param name="class" select="'action-done'"/>
        </xsl:call-template>
      </xsl:if>
    </li>
  </xsl:template>

  <!-- The company's objectives: passed on to the department (action
       meeting), or presented to everyone (awareness meeting). -->
  <xsl:template match="company">
    <section class="company-okrs">
      <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'meeting.company-okrs'"/></xsl:call-template></h2>
      <xsl:apply-templates select="objective" mode="card">
        <xsl:with-param name="h" select="'h3'"/>
        <xsl:with-param name="tools" select="false()"/>
      </xsl:apply-templates>
    </section>
  </xsl:template>

  <!-- POST {base}/meet/{id}/action: title, owner (one of the attendance),
       due, kr (optional: one of the board's KRs).  The due date decides
       the quadrant, so one form below the grid serves both. -->
  <xsl:template name="action-form">
    <xsl:variable name="sent" select="/page/form[contains(@action, concat('/meet/', $m/@id, '/action'))]"/>
    <xsl:variable name="owner">
      <xsl:choose>
        <xsl:when test="$sent"><xsl:value-of select="$sent/field[@name = 'owner']/@value"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="/page/@user"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="kr" select="string($sent/field[@name = 'kr']/@value)"/>
    <details class="action-form">
      <xsl:if test="$sent"><xsl:attribute name="open">open</xsl:attribute></xsl:if>
      <summary><xsl:call-template name="t"><xsl:with-param name="k" select="'action.add'"/></xsl:call-template></summary>
      <form class="edit" method="post" action="{$base}/meet/{$m/@id}/action">
        <xsl:call-template name="post-hidden"/>
        <xsl:call-template name="sent-message"><xsl:with-param name="sent" select="$sent"/></xsl:call-template>
        <div class="fields">
          <div class="field">
            <label for="act-title"><xsl:call-template name="t"><xsl:with-param name="k" select="'action.item'"/></xsl:call-template></label>
            <input type="text" id="act-title" name="title" value="{$sent/field[@name = 'title']/@value}"/>
            <xsl:call-template name="sent-error"><xsl:with-param name="sent" select="$sent"/><xsl:with-param name="name" select="'title'"/></xsl:call-template>
          </div>
          <div class="field">
            <label for="act-owner"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.owner'"/></xsl:call-template></label>
            <select id="act-owner" name="owner">
              <xsl:for-each select="$m/attendance/person">
                <option value="{@login}">
                  <xsl:if test="@login = $owner"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
                  <xsl:call-template name="person-name"/>
                </option>
              </xsl:for-each>
            </select>
            <xsl:call-template name="sent-error"><xsl:with-param name="sent" select="$sent"/><xsl:with-param name="name" select="'owner'"/></xsl:call-template>
          </div>
          <div class="field">
            <label for="act-due"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.due'"/></xsl:call-template></label>
            <input type="date" id="act-due" name="due" value="{$sent/field[@name = 'due']/@value}"/>
            <xsl:call-template name="sent-error"><xsl:with-param name="sent" select="$sent"/><xsl:with-param name="name" select="'due'"/></xsl:call-template>
          </div>
          <div class="field">
            <label for="act-kr"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.kr'"/></xsl:call-template></label>
            <select id="act-kr" name="kr">
              <option value=""><xsl:call-template name="t"><xsl:with-param name="k" select="'form.none'"/></xsl:call-template></option>
              <xsl:for-each select="$m/carried[kr]">
                <xsl:for-each select="kr">
                  <option value="{@id}">
                    <xsl:if test="string(@id) = $kr"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
                    <xsl:value-of select="title"/>
                  </option>
                </xsl:for-each>
              </xsl:for-each>
              <!-- An action meeting's items serve the carried KRs or the
                   department's own. -->
              <xsl:for-each select="progress/objective[kr] | $m/own/objective[kr]">
                <optgroup label="{title}">
                  <xsl:for-each select="kr">
                    <option value="{@id}">
                      <xsl:if test="string(@id) = $kr"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
                      <xsl:value-of select="title"/>
                    </option>
                  </xsl:for-each>
                </optgroup>
              </xsl:for-each>
            </select>
            <xsl:call-template name="sent-error"><xsl:with-param name="sent" select="$sent"/><xsl:with-param name="name" select="'kr'"/></xsl:call-template>
          </div>
        </div>
        <div class="form-buttons">
          <button type="submit"><xsl:call-template name="t"><xsl:with-param name="k" select="'action.add'"/></xsl:call-template></button>
        </div>
      </form>
    </details>
  </xsl:template>

  <!-- A 0-1 number as a score with its bar, banded by the documented
       thresholds (README): the grading page carries the number only. -->
  <xsl:template name="score-of">
    <xsl:param name="s"/>
    <xsl:variable name="n" select="number($s)"/>
    <xsl:choose>
      <xsl:when test="string($s) = '' or $n != $n"><span class="score none">—</span></xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="score-as">
          <xsl:with-param name="score" select="$s"/>
          <xsl:with-param name="pct" select="round($n * 100)"/>
          <xsl:with-param name="band">
            <xsl:choose>
              <xsl:when test="$n &gt;= 0.7">green</xsl:when>
              <xsl:when test="$n &gt;= 0.4">yellow</xsl:when>
              <xsl:otherwise>red</xsl:otherwise>
            </xsl:choose>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
