<?xml version="1.0" encoding="UTF-8"?>
<!-- form-parts.xsl: the parts of the POST forms on the read pages. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <!-- ========================================================= editing -->

  <!-- The hidden fields every POST form carries: the CSRF token bound to
       the user, where to land after saving (this page), and the version
       the form was built from when the write is optimistic. -->
  <xsl:template name="post-hidden">
    <xsl:param name="back" select="/page/@path"/>
    <xsl:param name="version"/>
    <input type="hidden" name="token" value="{/page/@token}"/>
    <input type="hidden" name="back" value="{$back}"/>
    <xsl:if test="string($version) != ''">
      <input type="hidden" name="version" value="{$version}"/>
    </xsl:if>
  </xsl:template>

  <!-- The error a refused POST came back with, for field $name of $sent
       (the /page/form the server echoes, as for comments and check-ins). -->
  <xsl:template name="sent-error">
    <xsl:param name="sent"/>
    <xsl:param name="name"/>
    <xsl:for-each select="$sent/field[@name = $name][string(@error) != ''][1]">
      <p class="field-error"><xsl:call-template name="field-error-text"/></p>
    </xsl:for-each>
  </xsl:template>

  <!-- The message above a form the server sent back ($sent, its
       /page/form): what is wrong as a whole, else its status' own. -->
  <xsl:template name="sent-message">
    <xsl:param name="sent"/>
    <xsl:for-each select="$sent[1]">
      <p class="form-message status-{@status}" role="alert">
        <xsl:call-template name="t">
          <xsl:with-param name="k">
            <xsl:choose>
              <xsl:when test="string(message/@key) != ''"><xsl:value-of select="message/@key"/></xsl:when>
              <xsl:when test="@status = 'conflict'">form.conflict</xsl:when>
              <xsl:otherwise>form.invalid</xsl:otherwise>
            </xsl:choose>
          </xsl:with-param>
        </xsl:call-template>
      </p>
    </xsl:for-each>
  </xsl:template>

  <!-- What was typed in field $name of $sent, else $stored. -->
  <xsl:template name="sent-value">
    <xsl:param name="sent"/>
    <xsl:param name="name"/>
    <xsl:param name="stored"/>
    <xsl:choose>
      <xsl:when test="$sent"><xsl:value-of select="$sent/field[@name = $name]/@value"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$stored"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A field's error (context: the <field>) with the limit it broke: the
       characters allowed, or the first and last day a date may take. -->
  <xsl:template name="field-error-text">
    <xsl:call-template name="t"><xsl:with-param name="k" select="@error"/></xsl:call-template>
    <xsl:if test="@error = 'err.field.too-long' and number(@max) &gt; 0">
      <xsl:text> </xsl:text>
      <xsl:call-template name="t-filled">
        <xsl:with-param name="k" select="'form.max-chars'"/>
        <xsl:with-param name="a" select="format-number(@max, '#,##0')"/>
      </xsl:call-template>
    </xsl:if>
    <xsl:if test="@error = 'err.field.date-outside-cycle' and string(@from) != ''">
      <xsl:text> </xsl:text>
      <xsl:call-template name="t-filled">
        <xsl:with-param name="k" select="'form.date-range'"/>
        <xsl:with-param name="a" select="@from"/>
        <xsl:with-param name="b" select="@to"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- Message k with {a} and {b} replaced: the order of words differs
       between languages, so the number goes where the catalog puts it. -->
  <xsl:template name="t-filled">
    <xsl:param name="k"/>
    <xsl:param name="a"/>
    <xsl:param name="b"/>
    <xsl:variable name="m"><xsl:call-template name="t"><xsl:with-param name="k" select="$k"/></xsl:call-template></xsl:variable>
    <xsl:variable name="ma">
      <xsl:choose>
        <xsl:when test="contains($m, '{a}')"><xsl:value-of select="concat(substring-before($m, '{a}'), $a, substring-after($m, '{a}'))"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$m"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="contains($ma, '{b}')"><xsl:value-of select="concat(substring-before($ma, '{b}'), $b, substring-after($ma, '{b}'))"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$ma"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A one-button POST form (archive, carry over, next cycle): a link
       would be followed by crawlers and prefetchers, a POST is not. -->
  <xsl:template name="button-form">
    <xsl:param name="action"/>
    <xsl:param name="label-key"/>
    <xsl:param name="label-extra"/>
    <xsl:param name="version"/>
    <xsl:param name="class" select="''"/>
    <form class="button-form" method="post" action="{$action}">
      <xsl:if test="$class != ''">
        <xsl:attribute name="class"><xsl:value-of select="concat('button-form ', $class)"/></xsl:attribute>
      </xsl:if>
      <xsl:call-template name="post-hidden">
        <xsl:with-param name="version" select="$version"/>
      </xsl:call-template>
      <button type="submit">
        <xsl:call-template name="t"><xsl:with-param name="k" select="$label-key"/></xsl:call-template>
        <xsl:if test="string($label-extra) != ''">
          <xsl:text> </xsl:text>
          <xsl:value-of select="$label-extra"/>
        </xsl:if>
      </button>
    </form>
  </xsl:template>

  <!-- The action bar of an objective the user may edit.  Without a token
       (user not in the store) POSTs would be refused, so no buttons. -->
  <xsl:template match="objective" mode="actions">
    <div class="actions">
      <xsl:if test="@can-edit = '1'">
        <xsl:if test="not(@fixed)">
          <a class="action" href="{$base}/edit/objective/{@id}">
            <xsl:value-of select="$t.action.edit"/>
          </a>
        </xsl:if>
        <xsl:if test="@state != 'agreed'">
          <a class="action" href="{$base}/edit/kr/new?objective={@id}">
            <xsl:call-template name="t"><xsl:with-param name="k" select="'action.add-kr'"/></xsl:call-template>
          </a>
        </xsl:if>
      </xsl:if>
      <xsl:if test="@can-propose = '1'">
        <a class="action" href="{$base}/edit/kr/new?objective={@id}">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'action.propose-kr'"/></xsl:call-template>
        </a>
      </xsl:if>
      <xsl:if test="string(/page/@token) != ''">
        <xsl:if test="@can-edit = '1' and not(@fixed) and @state != 'archived' and @state != 'agreed'">
          <xsl:call-template name="button-form">
            <xsl:with-param name="action" select="concat($base, '/edit/objective/', @id, '/archive')"/>
            <xsl:with-param name="label-key" select="'action.archive'"/>
            <xsl:with-param name="version" select="@version"/>
          </xsl:call-template>
        </xsl:if>
        <xsl:if test="string(@next-cycle) != ''">
          <xsl:call-template name="button-form">
            <xsl:with-param name="action" select="concat($base, '/edit/objective/', @id, '/carry')"/>
            <xsl:with-param name="label-key" select="'action.carry'"/>
            <xsl:with-param name="label-extra" select="@next-cycle"/>
          </xsl:call-template>
        </xsl:if>
      </xsl:if>
    </div>
  </xsl:template>

  <!-- ONE check-in form per objective: the repeated fields kr, value,
       confidence, note, in KR order, so the handler pairs them by
       position.  An empty value skips that KR. -->
  <xsl:template match="objective" mode="checkin-form">
    <xsl:param name="open" select="false()"/>
    <!-- A check-in the server refused comes back in /page/form: one
         field per KR with what was typed and its error. -->
    <xsl:variable name="sent" select="/page/form[contains(@action, concat('/edit/checkin/', current()/@id))]"/>
    <details class="checkin-form">
      <xsl:if test="$open or $sent"><xsl:attribute name="open">open</xsl:attribute></xsl:if>
      <summary>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'action.checkin'"/></xsl:call-template>
      </summary>
      <form class="checkin" method="post" action="{$base}/edit/checkin/{@id}">
        <xsl:call-template name="post-hidden"/>
        <p class="muted">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'ci.skip'"/></xsl:call-template>
        </p>
        <xsl:if test="$sent">
          <p class="form-message" role="alert"><xsl:call-template name="t"><xsl:with-param name="k" select="'form.invalid'"/></xsl:call-template></p>
        </xsl:if>
        <xsl:for-each select="kr[@can-checkin = '1']">
          <xsl:variable name="id" select="concat('ci-', ../@id, '-', @id, '-')"/>
          <xsl:variable name="mine" select="$sent/field[@kr = current()/@id]"/>
          <fieldset class="ci-kr">
            <legend><xsl:value-of select="title"/></legend>
            <input type="hidden" name="kr" value="{@id}"/>
            <div class="field">
              <label for="{$id}value">
                <xsl:call-template name="t"><xsl:with-param name="k" select="'field.value'"/></xsl:call-template>
              </label>
              <xsl:choose>
                <xsl:when test="@kind = 'milestone'">
                  <select id="{$id}value" name="value">
                    <option value="">
                      <xsl:call-template name="t"><xsl:with-param name="k" select="'ci.unchanged'"/></xsl:call-template>
                    </option>
                    <option value="0">
                      <xsl:if test="$mine/@value = '0'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
                      <xsl:call-template name="t"><xsl:with-param name="k" select="'kr.notdone'"/></xsl:call-template>
                    </option>
                    <option value="1">
                      <xsl:if test="$mine/@value = '1'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
                      <xsl:call-template name="t"><xsl:with-param name="k" select="'kr.done'"/></xsl:call-template>
                    </option>
                  </select>
                </xsl:when>
                <xsl:otherwise>
                  <input type="text" inputmode="decimal" id="{$id}value" name="value" value="{$mine/@value}" size="10"/>
                  <span class="ulabel"><xsl:value-of select="@unit-label"/></span>
                </xsl:otherwise>
              </xsl:choose>
              <span class="muted ci-now">
                <xsl:call-template name="t"><xsl:with-param name="k" select="'ci.now'"/></xsl:call-template>
                <xsl:text> </xsl:text>
                <xsl:choose>
                  <xsl:when test="@kind = 'milestone'">
                    <xsl:call-template name="milestone"><xsl:with-param name="v" select="@current"/></xsl:call-template>
                  </xsl:when>
                  <xsl:otherwise><xsl:value-of select="@current"/></xsl:otherwise>
                </xsl:choose>
              </span>
            </div>
            <div class="field">
              <label for="{$id}confidence">
                <xsl:call-template name="t"><xsl:with-param name="k" select="'field.confidence'"/></xsl:call-template>
              </label>
              <select id="{$id}confidence" name="confidence">
                <xsl:call-template name="confidence-options">
                  <xsl:with-param name="cur">
                    <xsl:choose>
                      <xsl:when test="$mine"><xsl:value-of select="$mine/@confidence"/></xsl:when>
                      <xsl:otherwise><xsl:value-of select="@confidence"/></xsl:otherwise>
                    </xsl:choose>
                  </xsl:with-param>
                </xsl:call-template>
              </select>
            </div>
            <div class="field field-note">
              <label for="{$id}note">
                <xsl:call-template name="t"><xsl:with-param name="k" select="'field.note'"/></xsl:call-template>
              </label>
              <input type="text" id="{$id}note" name="note" value="{$mine/@note}"/>
            </div>
            <xsl:if test="$mine/@error">
              <p class="field-error"><xsl:call-template name="t"><xsl:with-param name="k" select="$mine/@error"/></xsl:call-template></p>
            </xsl:if>
          </fieldset>
        </xsl:for-each>
        <button type="submit">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'action.checkin'"/></xsl:call-template>
        </button>
      </form>
    </details>
  </xsl:template>

  <!-- 0, 0.1 … 1 with the KR's confidence preselected (compared as
       numbers: "1" and "1.0" are the same).  A stored value off this grid
       gets its own option first, so submitting unchanged keeps it instead
       of silently dropping to 0. -->
  <xsl:template name="confidence-options">
    <xsl:param name="cur"/>
    <xsl:param name="grid" select="'0 0.1 0.2 0.3 0.4 0.5 0.6 0.7 0.8 0.9 1 '"/>
    <xsl:param name="first" select="true()"/>
    <xsl:if test="$first and string($cur) != '' and not(contains(concat(' ', $grid), concat(' ', number($cur), ' ')))">
      <option value="{$cur}" selected="selected"><xsl:value-of select="$cur"/></option>
    </xsl:if>
    <xsl:if test="contains($grid, ' ')">
      <xsl:variable name="v" select="substring-before($grid, ' ')"/>
      <option value="{$v}">
        <xsl:if test="string($cur) != '' and number($cur) = number($v)">
          <xsl:attribute name="selected">selected</xsl:attribute>
        </xsl:if>
        <xsl:value-of select="$v"/>
      </option>
      <xsl:call-template name="confidence-options">
        <xsl:with-param name="cur" select="$cur"/>
        <xsl:with-param name="grid" select="substring-after($grid, ' ')"/>
        <xsl:with-param name="first" select="false()"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
