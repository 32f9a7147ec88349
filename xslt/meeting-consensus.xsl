<?xml version="1.0" encoding="UTF-8"?>
<!-- meeting-consensus.xsl: the company consensus meeting's items and verdicts. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <!-- The company consensus meeting (公司级OKR共识会): each draft objective
       and each KR proposed under it, taken one by one: agree, revise with
       the new text, or reject, with a note and who signed off.  The status
       line says what still keeps the meeting from closing. -->
  <xsl:template match="consensus">
    <section class="consensus" id="consensus">
      <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'consensus'"/></xsl:call-template></h2>
      <p class="intro"><xsl:call-template name="t"><xsl:with-param name="k" select="'consensus.rule'"/></xsl:call-template></p>
      <xsl:choose>
        <xsl:when test="objective">
          <p>
            <xsl:choose>
              <xsl:when test="@ready = '1'">
                <xsl:attribute name="class">consensus-status ready</xsl:attribute>
                <xsl:call-template name="t"><xsl:with-param name="k" select="'consensus.ready'"/></xsl:call-template>
              </xsl:when>
              <xsl:otherwise>
                <xsl:attribute name="class">consensus-status pending</xsl:attribute>
                <xsl:call-template name="t"><xsl:with-param name="k" select="'consensus.open'"/></xsl:call-template>
                <xsl:text> </xsl:text><strong class="open-count"><xsl:value-of select="@open"/></strong>
                <xsl:text> · </xsl:text>
                <xsl:call-template name="t"><xsl:with-param name="k" select="'consensus.lacking'"/></xsl:call-template>
                <xsl:text> </xsl:text><strong class="lacking-count"><xsl:value-of select="@lacking"/></strong>
              </xsl:otherwise>
            </xsl:choose>
          </p>
          <xsl:if test="$manage and not(../attendance/person[@present = '1'])">
            <p class="hint"><xsl:call-template name="t"><xsl:with-param name="k" select="'consensus.attendance-first'"/></xsl:call-template></p>
          </xsl:if>
          <xsl:apply-templates select="objective" mode="consensus"/>
        </xsl:when>
        <xsl:otherwise>
          <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'consensus.none'"/></xsl:call-template></p>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:if test="verdict">
        <h3><xsl:call-template name="t"><xsl:with-param name="k" select="'consensus.log'"/></xsl:call-template></h3>
        <ol class="verdicts">
          <xsl:apply-templates select="verdict"/>
        </ol>
      </xsl:if>
    </section>
  </xsl:template>

  <xsl:template match="objective" mode="consensus">
    <article id="co-{@id}">
      <xsl:attribute name="class">
        <xsl:text>consensus-o</xsl:text>
        <xsl:if test="@lacking = '1'"> lacking</xsl:if>
      </xsl:attribute>
      <header class="o-head">
        <div class="o-title-row">
          <xsl:call-template name="badge">
            <xsl:with-param name="class" select="'level'"/>
            <xsl:with-param name="key" select="'level'"/>
            <xsl:with-param name="v" select="@level"/>
          </xsl:call-template>
          <h3 class="o-title"><a href="{$base}/objective/{@id}"><xsl:value-of select="title"/></a></h3>
          <xsl:call-template name="decision"/>
        </div>
        <xsl:apply-templates select="owner" mode="person-link"/>
      </header>
      <xsl:if test="@lacking = '1'">
        <p class="hint lacking-note"><xsl:call-template name="t"><xsl:with-param name="k" select="'consensus.two-krs'"/></xsl:call-template></p>
      </xsl:if>
      <xsl:call-template name="verdict-form"><xsl:with-param name="field" select="'objective'"/></xsl:call-template>
      <ol class="consensus-krs">
        <xsl:for-each select="kr">
          <li id="ck-{@id}">
            <xsl:attribute name="class">
              <xsl:text>consensus-kr</xsl:text>
              <xsl:if test="@decision"> decided-<xsl:value-of select="@decision"/></xsl:if>
            </xsl:attribute>
            <span class="kr-title"><xsl:value-of select="title"/></span>
            <xsl:text> </xsl:text>
            <span class="kr-terms">
              <xsl:if test="@kind != 'milestone'">
                <xsl:value-of select="@start"/><xsl:text> → </xsl:text><xsl:value-of select="@target"/>
                <xsl:if test="string(@unit-label) != ''"><xsl:text> </xsl:text><xsl:value-of select="@unit-label"/></xsl:if>
                <xsl:text> · </xsl:text>
              </xsl:if>
              <xsl:if test="@due"><time datetime="{@due}"><xsl:call-template name="day"><xsl:with-param name="d" select="@due"/></xsl:call-template></time><xsl:text> · </xsl:text></xsl:if>
            </span>
            <xsl:apply-templates select="owner" mode="person-link"/>
            <xsl:text> </xsl:text>
            <xsl:call-template name="decision"/>
            <xsl:apply-templates select="hint"/>
            <xsl:if test="not(../@decision = 'reject')">
              <xsl:call-template name="verdict-form"><xsl:with-param name="field" select="'kr'"/></xsl:call-template>
            </xsl:if>
          </li>
        </xsl:for-each>
      </ol>
      <xsl:if test="not(kr)">
        <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'consensus.no-krs'"/></xsl:call-template></p>
      </xsl:if>
    </article>
  </xsl:template>

  <!-- The decision that counts on an item, or "open". -->
  <xsl:template name="decision">
    <xsl:variable name="d">
      <xsl:choose>
        <xsl:when test="@decision"><xsl:value-of select="@decision"/></xsl:when>
        <xsl:when test="self::kr and @state and @state != 'proposed'">none</xsl:when>
        <xsl:otherwise>open-item</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:if test="$d != 'none'">
      <span class="badge decision decision-{$d}">
        <xsl:call-template name="t"><xsl:with-param name="k" select="concat('consensus.', $d)"/></xsl:call-template>
      </span>
    </xsl:if>
  </xsl:template>

  <!-- Agree / revise / reject one item; those present sign off. -->
  <xsl:template name="verdict-form">
    <xsl:param name="field"/>
    <xsl:variable name="fid" select="concat('v-', $field, '-', @id)"/>
    <xsl:if test="$manage and ($field = 'objective' or not(@state) or @state = 'proposed')">
      <details class="verdict-box">
        <xsl:if test="not(@decision)"><xsl:attribute name="open">open</xsl:attribute></xsl:if>
        <summary><xsl:call-template name="t"><xsl:with-param name="k" select="'consensus.decide'"/></xsl:call-template></summary>
        <form class="verdict" method="post" action="{$base}/meet/{$m/@id}/verdict">
          <xsl:call-template name="post-hidden"/>
          <input type="hidden" name="{$field}" value="{@id}"/>
          <fieldset class="verdict-kind">
            <legend><xsl:call-template name="t"><xsl:with-param name="k" select="'consensus.decision'"/></xsl:call-template></legend>
            <label><input type="radio" name="state" value="agree" checked="checked"/><xsl:text> </xsl:text><xsl:call-template name="t"><xsl:with-param name="k" select="'consensus.agree'"/></xsl:call-template></label>
            <label><input type="radio" name="state" value="revise"/><xsl:text> </xsl:text><xsl:call-template name="t"><xsl:with-param name="k" select="'consensus.revise'"/></xsl:call-template></label>
            <label><input type="radio" name="state" value="reject"/><xsl:text> </xsl:text><xsl:call-template name="t"><xsl:with-param name="k" select="'consensus.reject'"/></xsl:call-template></label>
          </fieldset>
          <div class="field">
            <label for="{$fid}-title"><xsl:call-template name="t"><xsl:with-param name="k" select="'consensus.new-text'"/></xsl:call-template></label>
            <input type="text" id="{$fid}-title" name="title" maxlength="200" value="{title}"/>
          </div>
          <div class="field">
            <label for="{$fid}-note"><xsl:call-template name="t"><xsl:with-param name="k" select="'consensus.note'"/></xsl:call-template></label>
            <input type="text" id="{$fid}-note" name="note" maxlength="1000" value=""/>
          </div>
          <fieldset class="signers">
            <legend><xsl:call-template name="t"><xsl:with-param name="k" select="'consensus.signed'"/></xsl:call-template></legend>
            <xsl:for-each select="$m/attendance/person[@present = '1']">
              <label>
                <input type="checkbox" name="login" value="{@login}" checked="checked"/>
                <xsl:text> </xsl:text>
                <xsl:call-template name="person-name"/>
              </label>
            </xsl:for-each>
          </fieldset>
          <button type="submit"><xsl:call-template name="t"><xsl:with-param name="k" select="'consensus.record'"/></xsl:call-template></button>
        </form>
      </details>
    </xsl:if>
  </xsl:template>

  <xsl:template match="verdict">
    <xsl:variable name="o" select="../objective[@id = current()/@objective]"/>
    <li class="verdict decision-{@kind}">
      <time datetime="{@at}"><xsl:call-template name="day"><xsl:with-param name="d" select="@local"/></xsl:call-template></time>
      <xsl:text> </xsl:text>
      <span class="badge decision decision-{@kind}">
        <xsl:call-template name="t"><xsl:with-param name="k" select="concat('consensus.', @kind)"/></xsl:call-template>
      </span>
      <xsl:text> </xsl:text>
      <span class="item">
        <xsl:choose>
          <xsl:when test="@kr"><xsl:value-of select="$o/kr[@id = current()/@kr]/title"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="$o/title"/></xsl:otherwise>
        </xsl:choose>
      </span>
      <xsl:if test="text">
        <xsl:text> ← </xsl:text><q class="new-text"><xsl:value-of select="text"/></q>
      </xsl:if>
      <xsl:if test="note">
        <xsl:text> · </xsl:text><span class="reason"><xsl:value-of select="note"/></span>
      </xsl:if>
      <xsl:text> · </xsl:text>
      <span class="signed">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'consensus.signed-by'"/></xsl:call-template>
        <xsl:text> </xsl:text>
        <xsl:for-each select="signer">
          <xsl:if test="position() &gt; 1">, </xsl:if>
          <xsl:call-template name="person-name"/>
        </xsl:for-each>
      </span>
      <xsl:if test="@by-name">
        <xsl:text> · </xsl:text><span class="by"><xsl:value-of select="@by-name"/></span>
      </xsl:if>
    </li>
  </xsl:template>
</xsl:stylesheet>
