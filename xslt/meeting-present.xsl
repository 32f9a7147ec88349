<?xml version="1.0" encoding="UTF-8"?>
<!-- meeting-present.xsl: a meeting's presenter view (?present=1), made
     for a 1280 x 720 projector: no nav (layout.xsl), large type, the
     agenda beside what is shown.  A review meeting shows its four
     quadrants together; the other types show one agenda item at a time
     (?present=1&kr=N).  The agenda comes from the data (meet_agenda):
     overdue and at-risk KRs first.  Whoever may run the meeting moves
     everyone with Previous/Next (POSTs that publish the item for
     followers); anyone else gets links.  live.js adds a timer per item. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template match="page[@present = '1']" mode="main" priority="1">
    <xsl:variable name="items" select="$m/agenda/item"/>
    <!-- The item shown: the one asked for; without one, the board, or
         the first item for a meeting without a board. -->
    <xsl:variable name="asked" select="$items[@kr = current()/@item]"/>
    <xsl:variable name="cur" select="$asked | $items[not($asked) and not($m/board)][1]"/>
    <xsl:variable name="pos" select="count($cur/preceding-sibling::item) + 1"/>
    <xsl:variable name="mover" select="$m/@can-manage = '1' and not($closed) and string(/page/@token) != ''"/>
    <!-- data-item: the item asked for (0: none), which a follower's
         live.js compares with the presenter's. -->
    <div class="present" id="present" data-item="{@item}">
      <header class="present-head">
        <h1>
          <xsl:apply-templates select="$m" mode="name"/>
          <xsl:text> · </xsl:text>
          <time datetime="{$m/@date}"><xsl:value-of select="$m/@date"/></time>
          <xsl:if test="$m/unit">
            <xsl:text> · </xsl:text>
            <xsl:value-of select="$m/unit/@name"/>
          </xsl:if>
        </h1>
        <p class="timer" id="present-timer" hidden="hidden">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'present.timer'"/></xsl:call-template>
          <xsl:text> </xsl:text>
          <output class="clock">0:00</output>
        </p>
        <a class="action" href="{$base}/meet/{$m/@id}">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'present.leave'"/></xsl:call-template>
        </a>
      </header>
      <div class="present-body">
        <nav class="agenda" id="agenda">
          <xsl:attribute name="aria-label"><xsl:call-template name="t"><xsl:with-param name="k" select="'present.agenda'"/></xsl:call-template></xsl:attribute>
          <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'present.agenda'"/></xsl:call-template></h2>
          <ol>
            <xsl:if test="$m/board">
              <li id="agenda-0">
                <a href="{$base}/meet/{$m/@id}?present=1">
                  <xsl:if test="not($cur)"><xsl:attribute name="aria-current">step</xsl:attribute></xsl:if>
                  <xsl:call-template name="t"><xsl:with-param name="k" select="'present.overview'"/></xsl:call-template>
                </a>
              </li>
            </xsl:if>
            <xsl:for-each select="$items">
              <li id="agenda-kr-{@kr}" class="attention-{@attention}">
                <a href="{$base}/meet/{$m/@id}?present=1&amp;kr={@kr}">
                  <xsl:if test="@kr = $cur/@kr"><xsl:attribute name="aria-current">step</xsl:attribute></xsl:if>
                  <xsl:value-of select="title"/>
                </a>
                <xsl:text> </xsl:text>
                <xsl:if test="@attention != 'none'">
                  <xsl:call-template name="badge">
                    <xsl:with-param name="class" select="'attention'"/>
                    <xsl:with-param name="key" select="'attention'"/>
                    <xsl:with-param name="v" select="@attention"/>
                  </xsl:call-template>
                </xsl:if>
              </li>
            </xsl:for-each>
          </ol>
          <xsl:if test="not($items)">
            <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'present.no-items'"/></xsl:call-template></p>
          </xsl:if>
          <xsl:apply-templates select="$m/last-meeting" mode="present"/>
        </nav>
        <section class="present-main" id="present-main">
          <xsl:choose>
            <xsl:when test="$cur">
              <xsl:apply-templates select="$cur" mode="present"/>
            </xsl:when>
            <xsl:otherwise>
              <xsl:apply-templates select="$m/board"/>
            </xsl:otherwise>
          </xsl:choose>
          <nav class="present-steps" id="present-steps">
            <xsl:choose>
              <xsl:when test="$cur and $pos &gt; 1">
                <xsl:call-template name="present-step">
                  <xsl:with-param name="kr" select="$items[$pos - 1]/@kr"/>
                  <xsl:with-param name="key" select="'present.prev'"/>
                  <xsl:with-param name="mover" select="$mover"/>
                </xsl:call-template>
              </xsl:when>
              <xsl:when test="$cur and $m/board">
                <xsl:call-template name="present-step">
                  <xsl:with-param name="kr" select="0"/>
                  <xsl:with-param name="key" select="'present.prev'"/>
                  <xsl:with-param name="mover" select="$mover"/>
                </xsl:call-template>
              </xsl:when>
            </xsl:choose>
            <!-- After the board comes the first item. -->
            <xsl:variable name="next" select="$items[$cur and position() = $pos + 1] |
                $items[not($cur) and position() = 1]"/>
            <xsl:if test="$next">
              <xsl:call-template name="present-step">
                <xsl:with-param name="kr" select="$next/@kr"/>
                <xsl:with-param name="key" select="'present.next'"/>
                <xsl:with-param name="mover" select="$mover"/>
              </xsl:call-template>
            </xsl:if>
            <xsl:if test="$mover">
              <xsl:call-template name="present-step">
                <xsl:with-param name="kr" select="number(concat('0', $cur/@kr))"/>
                <xsl:with-param name="key" select="'present.show'"/>
                <xsl:with-param name="mover" select="$mover"/>
                <xsl:with-param name="class" select="'present-show'"/>
              </xsl:call-template>
            </xsl:if>
          </nav>
        </section>
      </div>
    </div>
  </xsl:template>

  <!-- A step to item $kr (0: the board): for whoever runs the meeting a
       POST that moves the followers too, else a link. -->
  <xsl:template name="present-step">
    <xsl:param name="kr"/>
    <xsl:param name="key"/>
    <xsl:param name="mover"/>
    <xsl:param name="class" select="concat('present-', substring-after($key, '.'))"/>
    <xsl:choose>
      <xsl:when test="$mover">
        <form class="button-form {$class}" method="post" action="{$base}/meet/{$m/@id}/present">
          <xsl:call-template name="post-hidden"/>
          <input type="hidden" name="kr" value="{$kr}"/>
          <button type="submit"><xsl:call-template name="t"><xsl:with-param name="k" select="$key"/></xsl:call-template></button>
        </form>
      </xsl:when>
      <xsl:otherwise>
        <a class="action {$class}">
          <xsl:attribute name="href">
            <xsl:value-of select="concat($base, '/meet/', $m/@id, '?present=1')"/>
            <xsl:if test="$kr != 0"><xsl:value-of select="concat('&amp;kr=', $kr)"/></xsl:if>
          </xsl:attribute>
          <xsl:call-template name="t"><xsl:with-param name="k" select="$key"/></xsl:call-template>
        </a>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- One agenda item, large: what the agenda knows of the KR, and its
       objective's card when the board has one (other sections hold
       objectives of their own shape). -->
  <xsl:template match="agenda/item" mode="present">
    <xsl:variable name="o" select="$m/board/progress/objective[@id = current()/@objective]"/>
    <article class="present-item attention-{@attention}" id="present-kr-{@kr}">
      <p class="item-of">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'present.item'"/></xsl:call-template>
        <xsl:text> </xsl:text>
        <xsl:value-of select="count(preceding-sibling::item) + 1"/>
        <xsl:text> / </xsl:text>
        <xsl:value-of select="count(../item)"/>
        <xsl:text> </xsl:text>
        <xsl:call-template name="badge">
          <xsl:with-param name="class" select="'attention'"/>
          <xsl:with-param name="key" select="'attention'"/>
          <xsl:with-param name="v" select="@attention"/>
        </xsl:call-template>
      </p>
      <h2 class="kr-title"><xsl:value-of select="title"/></h2>
      <p class="item-objective">
        <a href="{$base}/objective/{@objective}"><xsl:value-of select="objective-title"/></a>
      </p>
      <p class="item-facts">
        <xsl:call-template name="score"/>
        <xsl:text> </xsl:text>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'field.due'"/></xsl:call-template>
        <xsl:text> </xsl:text>
        <time datetime="{@due}"><xsl:value-of select="@due"/></time>
      </p>
      <xsl:if test="$o">
        <xsl:apply-templates select="$o" mode="card">
          <xsl:with-param name="h" select="'h3'"/>
          <xsl:with-param name="checkin" select="false()"/>
          <xsl:with-param name="tools" select="false()"/>
        </xsl:apply-templates>
      </xsl:if>
    </article>
  </xsl:template>

  <!-- The action items of the unit's last meeting of this type. -->
  <xsl:template match="last-meeting" mode="present">
    <section class="last-actions" id="last-actions">
      <h2>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'present.last-actions'"/></xsl:call-template>
        <xsl:text> · </xsl:text>
        <time datetime="{@date}"><xsl:value-of select="@date"/></time>
      </h2>
      <xsl:if test="not(action)">
        <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'action.none'"/></xsl:call-template></p>
      </xsl:if>
      <ul>
        <xsl:for-each select="action">
          <li class="astate-{@state}" id="last-action-{@id}">
            <xsl:call-template name="badge">
              <xsl:with-param name="class" select="'astate'"/>
              <xsl:with-param name="key" select="'action.state'"/>
              <xsl:with-param name="v" select="@state"/>
            </xsl:call-template>
            <xsl:text> </xsl:text>
            <xsl:value-of select="title"/>
            <xsl:if test="owner">
              <xsl:text> · </xsl:text>
              <xsl:value-of select="owner/@name"/>
            </xsl:if>
          </li>
        </xsl:for-each>
      </ul>
    </section>
  </xsl:template>

</xsl:stylesheet>
