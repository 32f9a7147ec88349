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
      <!-- A refused verdict on an item without a form here (no longer a
           draft, or never one): its message at least. -->
      <xsl:variable name="sent" select="/page/form[contains(@action, concat('/meet/', $m/@id, '/verdict'))]"/>
      <xsl:if test="$sent and (not($manage) or not(objective[@id = $sent/field[@name = 'objective']/@value][not($sent/field[@name = 'kr']/@value != '')] or objective[not(@decision = 'reject')]/kr[@id = $sent/field[@name = 'kr']/@value][not(@state) or @state = 'proposed']))">
        <p class="form-message status-invalid" role="alert">
          <xsl:call-template name="t"><xsl:with-param name="k" select="$sent/message/@key"/></xsl:call-template>
        </p>
      </xsl:if>
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

  <!-- Agree / revise / reject one item; those present sign off.  A
       revision gives the new title, and a KR its new start, target, unit
       and due date, pre-filled with the current terms.  The form the
       server refused for this item comes back in /page/form as typed,
       with the message beside each wrong field. -->
  <xsl:template name="verdict-form">
    <xsl:param name="field"/>
    <xsl:variable name="fid" select="concat('v-', $field, '-', @id)"/>
    <xsl:variable name="sent" select="/page/form[contains(@action, concat('/meet/', $m/@id, '/verdict'))][field[@name = $field]/@value = current()/@id]"/>
    <xsl:variable name="kind">
      <xsl:choose>
        <xsl:when test="$sent"><xsl:value-of select="$sent/field[@name = 'state']/@value"/></xsl:when>
        <xsl:otherwise>agree</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:if test="$manage and ($field = 'objective' or not(@state) or @state = 'proposed')">
      <details class="verdict-box">
        <xsl:if test="not(@decision) or $sent"><xsl:attribute name="open">open</xsl:attribute></xsl:if>
        <summary><xsl:call-template name="t"><xsl:with-param name="k" select="'consensus.decide'"/></xsl:call-template></summary>
        <form class="verdict" method="post" action="{$base}/meet/{$m/@id}/verdict">
          <xsl:call-template name="post-hidden"/>
          <input type="hidden" name="{$field}" value="{@id}"/>
          <xsl:if test="$sent">
            <p class="form-message status-invalid" role="alert">
              <xsl:call-template name="t"><xsl:with-param name="k" select="$sent/message/@key"/></xsl:call-template>
            </p>
          </xsl:if>
          <fieldset class="verdict-kind">
            <legend><xsl:call-template name="t"><xsl:with-param name="k" select="'consensus.decision'"/></xsl:call-template></legend>
            <xsl:call-template name="verdict-kind"><xsl:with-param name="v" select="'agree'"/><xsl:with-param name="kind" select="$kind"/></xsl:call-template>
            <xsl:call-template name="verdict-kind"><xsl:with-param name="v" select="'revise'"/><xsl:with-param name="kind" select="$kind"/></xsl:call-template>
            <xsl:call-template name="verdict-kind"><xsl:with-param name="v" select="'reject'"/><xsl:with-param name="kind" select="$kind"/></xsl:call-template>
            <xsl:call-template name="sent-error"><xsl:with-param name="sent" select="$sent"/><xsl:with-param name="name" select="'state'"/></xsl:call-template>
          </fieldset>
          <fieldset class="verdict-terms">
            <legend>
              <xsl:call-template name="t">
                <xsl:with-param name="k">
                  <xsl:choose>
                    <xsl:when test="$field = 'kr'">consensus.new-terms</xsl:when>
                    <xsl:otherwise>consensus.new-text</xsl:otherwise>
                  </xsl:choose>
                </xsl:with-param>
              </xsl:call-template>
            </legend>
            <xsl:call-template name="verdict-field">
              <xsl:with-param name="sent" select="$sent"/>
              <xsl:with-param name="name" select="'title'"/>
              <xsl:with-param name="label" select="'field.title'"/>
              <xsl:with-param name="stored" select="title"/>
              <xsl:with-param name="max" select="200"/>
            </xsl:call-template>
            <xsl:if test="$field = 'kr'">
              <xsl:if test="@kind != 'milestone'">
                <xsl:call-template name="verdict-field">
                  <xsl:with-param name="sent" select="$sent"/>
                  <xsl:with-param name="name" select="'start'"/>
                  <xsl:with-param name="stored" select="@start"/>
                </xsl:call-template>
                <xsl:call-template name="verdict-field">
                  <xsl:with-param name="sent" select="$sent"/>
                  <xsl:with-param name="name" select="'target'"/>
                  <xsl:with-param name="stored" select="@target"/>
                </xsl:call-template>
                <xsl:call-template name="verdict-field">
                  <xsl:with-param name="sent" select="$sent"/>
                  <xsl:with-param name="name" select="'unit-label'"/>
                  <xsl:with-param name="stored" select="@unit-label"/>
                  <xsl:with-param name="max" select="20"/>
                </xsl:call-template>
              </xsl:if>
              <xsl:call-template name="verdict-field">
                <xsl:with-param name="sent" select="$sent"/>
                <xsl:with-param name="name" select="'due'"/>
                <xsl:with-param name="type" select="'date'"/>
                <xsl:with-param name="stored" select="@due"/>
              </xsl:call-template>
            </xsl:if>
          </fieldset>
          <xsl:call-template name="verdict-field">
            <xsl:with-param name="sent" select="$sent"/>
            <xsl:with-param name="name" select="'note'"/>
            <xsl:with-param name="label" select="'consensus.note'"/>
            <xsl:with-param name="max" select="1000"/>
          </xsl:call-template>
          <fieldset class="signers">
            <legend><xsl:call-template name="t"><xsl:with-param name="k" select="'consensus.signed'"/></xsl:call-template></legend>
            <xsl:for-each select="$m/attendance/person[@present = '1']">
              <label>
                <input type="checkbox" name="login" value="{@login}">
                  <xsl:if test="not($sent) or $sent/field[@name = 'login']/@value = current()/@login">
                    <xsl:attribute name="checked">checked</xsl:attribute>
                  </xsl:if>
                </input>
                <xsl:text> </xsl:text>
                <xsl:call-template name="person-name"/>
              </label>
            </xsl:for-each>
            <xsl:call-template name="sent-error"><xsl:with-param name="sent" select="$sent"/><xsl:with-param name="name" select="'login'"/></xsl:call-template>
          </fieldset>
          <button type="submit"><xsl:call-template name="t"><xsl:with-param name="k" select="'consensus.record'"/></xsl:call-template></button>
        </form>
      </details>
    </xsl:if>
  </xsl:template>

  <!-- One choice of decision, checked when it is the one sent. -->
  <xsl:template name="verdict-kind">
    <xsl:param name="v"/>
    <xsl:param name="kind"/>
    <label>
      <input type="radio" name="state" value="{$v}">
        <xsl:if test="$v = $kind"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
      </input>
      <xsl:text> </xsl:text>
      <xsl:call-template name="t"><xsl:with-param name="k" select="concat('consensus.', $v)"/></xsl:call-template>
    </label>
  </xsl:template>

  <!-- One text field of the verdict form: what was sent, else stored. -->
  <xsl:template name="verdict-field">
    <xsl:param name="sent"/>
    <xsl:param name="name"/>
    <xsl:param name="label" select="concat('field.', $name)"/>
    <xsl:param name="type" select="'text'"/>
    <xsl:param name="stored" select="''"/>
    <xsl:param name="max" select="0"/>
    <xsl:variable name="id" select="concat('v-', local-name(), '-', @id, '-', $name)"/>
    <div class="field">
      <label for="{$id}"><xsl:call-template name="t"><xsl:with-param name="k" select="$label"/></xsl:call-template></label>
      <input type="{$type}" id="{$id}" name="{$name}">
        <xsl:attribute name="value">
          <xsl:choose>
            <xsl:when test="$sent"><xsl:value-of select="$sent/field[@name = $name][1]/@value"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="$stored"/></xsl:otherwise>
          </xsl:choose>
        </xsl:attribute>
        <xsl:if test="$max &gt; 0"><xsl:attribute name="maxlength"><xsl:value-of select="$max"/></xsl:attribute></xsl:if>
        <xsl:if test="$type = 'text' and ($name = 'start' or $name = 'target')"><xsl:attribute name="inputmode">decimal</xsl:attribute></xsl:if>
        <xsl:if test="$sent/field[@name = $name][string(@error) != '']"><xsl:attribute name="aria-invalid">true</xsl:attribute></xsl:if>
      </input>
      <xsl:call-template name="sent-error"><xsl:with-param name="sent" select="$sent"/><xsl:with-param name="name" select="$name"/></xsl:call-template>
    </div>
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
      <xsl:choose>
        <xsl:when test="change">
          <xsl:text> · </xsl:text>
          <span class="changes">
            <xsl:call-template name="t"><xsl:with-param name="k" select="'consensus.changed'"/></xsl:call-template>
            <xsl:for-each select="change">
              <xsl:text> </xsl:text>
              <span class="change change-{@term}">
                <xsl:call-template name="t"><xsl:with-param name="k" select="concat('field.', @term)"/></xsl:call-template>
                <xsl:text> </xsl:text>
                <del><xsl:value-of select="@from"/></del>
                <xsl:text> → </xsl:text>
                <ins><xsl:value-of select="@to"/></ins>
              </span>
              <xsl:if test="position() != last()"> ·</xsl:if>
            </xsl:for-each>
          </span>
        </xsl:when>
        <xsl:when test="text">
          <xsl:text> ← </xsl:text><q class="new-text"><xsl:value-of select="text"/></q>
        </xsl:when>
      </xsl:choose>
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
