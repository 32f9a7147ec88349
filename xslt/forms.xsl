<?xml version="1.0" encoding="UTF-8"?>
<!--
  forms.xsl: the generic form renderer of the form pages (edit-objective,
  edit-kr, admin-*), included after layout.xsl.  A <form> document node
  becomes an HTML POST form; its <field>s are rendered by @type:
  text, textarea, number, date, select (options, optgroups), hidden.

  Every value goes into a value attribute or textarea text and is escaped
  by the serializer.  Ids are "f{n}-{name}", n counting the <form>s of the
  document, so the several forms of an admin page never share an id.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:mb="urn:mubiao:render" exclude-result-prefixes="mb">

  <!-- The options of one select sharing a group, for <optgroup>. -->
  <xsl:key name="opt-group" match="option[@group]" use="concat(generate-id(..), '|', @group)"/>

  <!-- ============================================================ form -->

  <xsl:template match="form">
    <xsl:param name="class" select="''"/>
    <xsl:variable name="fid" select="concat('f', count(preceding::form) + 1)"/>
    <xsl:variable name="back">
      <xsl:choose>
        <xsl:when test="@back"><xsl:value-of select="@back"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="/page/@path"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="new"><xsl:call-template name="form-is-new"/></xsl:variable>
    <form class="edit status-{@status}" method="post" action="{@action}">
      <xsl:if test="$class != ''">
        <xsl:attribute name="class"><xsl:value-of select="concat('edit status-', @status, ' ', $class)"/></xsl:attribute>
      </xsl:if>
      <xsl:call-template name="form-message"/>
      <xsl:if test="@agreed = '1'">
        <p class="note agreed-note"><xsl:call-template name="t"><xsl:with-param name="k" select="'o.agreed-note'"/></xsl:call-template></p>
      </xsl:if>
      <xsl:if test="@fixed = 'review' and not(message)">
        <p class="note agreed-note fixed-note"><xsl:call-template name="t"><xsl:with-param name="k" select="'err.review.objective'"/></xsl:call-template></p>
      </xsl:if>
      <xsl:call-template name="post-hidden">
        <xsl:with-param name="back" select="$back"/>
        <xsl:with-param name="version" select="@version"/>
      </xsl:call-template>
      <xsl:for-each select="field[@type = 'hidden']">
        <input type="hidden" name="{@name}" value="{@value}"/>
        <!-- A hidden field has no place to show its error: say it here. -->
        <xsl:if test="string(@error) != ''">
          <p class="field-error">
            <xsl:call-template name="field-label"/>
            <xsl:text>: </xsl:text>
            <xsl:call-template name="t"><xsl:with-param name="k" select="@error"/></xsl:call-template>
          </p>
        </xsl:if>
      </xsl:for-each>
      <div class="fields">
        <xsl:apply-templates select="field[not(@type = 'hidden')]">
          <xsl:with-param name="fid" select="$fid"/>
        </xsl:apply-templates>
      </div>
      <div class="form-buttons">
        <!-- A fixed form shows; it has nothing to save. -->
        <xsl:if test="not(@fixed)">
        <button type="submit">
          <xsl:call-template name="t">
            <xsl:with-param name="k">
              <xsl:choose>
                <xsl:when test="$new = '1'">form.create</xsl:when>
                <xsl:otherwise>form.save</xsl:otherwise>
              </xsl:choose>
            </xsl:with-param>
          </xsl:call-template>
        </button>
        </xsl:if>
        <!-- back may come from the POSTed form on a re-render: link it
             only when it is a path of this app (no javascript:, no
             //other.host). -->
        <xsl:if test="@back and starts-with(@back, concat($base, '/')) and not(starts-with(@back, '//'))">
          <xsl:text> </xsl:text>
          <a class="cancel" href="{@back}">
            <xsl:call-template name="t"><xsl:with-param name="k" select="'form.cancel'"/></xsl:call-template>
          </a>
        </xsl:if>
      </div>
    </form>
  </xsl:template>

  <!-- '1' when the form creates a record.  A "new" form that came back
       invalid or in conflict keeps its .../new action, so test that too. -->
  <xsl:template name="form-is-new">
    <xsl:param name="f" select="."/>
    <xsl:variable name="a" select="string($f/@action)"/>
    <xsl:if test="$f/@status = 'new' or substring($a, string-length($a) - 3) = '/new'
                  or contains($a, '/new?')">1</xsl:if>
  </xsl:template>

  <!-- The message above the form: the one sent, else the status' own. -->
  <xsl:template name="form-message">
    <xsl:variable name="k">
      <xsl:choose>
        <xsl:when test="string(message/@key) != ''"><xsl:value-of select="message/@key"/></xsl:when>
        <xsl:when test="@status = 'conflict'">form.conflict</xsl:when>
        <xsl:when test="@status = 'invalid'">form.invalid</xsl:when>
      </xsl:choose>
    </xsl:variable>
    <xsl:if test="$k != ''">
      <div class="form-message status-{@status}" role="alert">
        <p><xsl:call-template name="t"><xsl:with-param name="k" select="$k"/></xsl:call-template></p>
      </div>
    </xsl:if>
  </xsl:template>

  <!-- Label of a field: field.{page}.{name} when the page needs its own
       word (a cycle's start is a date, a KR's a value), else field.{name}. -->
  <xsl:template name="field-label">
    <xsl:variable name="own" select="concat('field.', /page/@name, '.', @name)"/>
    <xsl:call-template name="t">
      <xsl:with-param name="k">
        <xsl:choose>
          <xsl:when test="mb:has($own)"><xsl:value-of select="$own"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="concat('field.', @name)"/></xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- =========================================================== field -->

  <xsl:template match="field">
    <xsl:param name="fid"/>
    <xsl:variable name="id" select="concat($fid, '-', @name)"/>
    <div class="field field-{@name} type-{@type}">
      <xsl:if test="string(@error) != ''">
        <xsl:attribute name="class">field field-<xsl:value-of select="@name"/> type-<xsl:value-of select="@type"/> has-error</xsl:attribute>
      </xsl:if>
      <label for="{$id}"><xsl:call-template name="field-label"/></label>
      <xsl:apply-templates select="." mode="input">
        <xsl:with-param name="id" select="$id"/>
      </xsl:apply-templates>
      <xsl:if test="@hint">
        <p class="field-hint">
          <xsl:call-template name="t"><xsl:with-param name="k" select="@hint"/></xsl:call-template>
        </p>
      </xsl:if>
      <xsl:if test="string(@error) != ''">
        <p class="field-error" id="{$id}-err">
          <xsl:call-template name="field-error-text"/>
          <!-- The record the error names (the cycle the dates overlap). -->
          <xsl:if test="string(@error-about) != ''">
            <xsl:text> </xsl:text>
            <span class="error-about"><xsl:value-of select="@error-about"/></span>
          </xsl:if>
        </p>
      </xsl:if>
      <!-- Conflict: what was saved meanwhile, beside the user's value. -->
      <xsl:if test="@current">
        <p class="field-current" id="{$id}-cur">
          <span class="label">
            <xsl:call-template name="t"><xsl:with-param name="k" select="'form.current'"/></xsl:call-template>
          </span>
          <xsl:text> </xsl:text>
          <span class="current-value">
            <xsl:variable name="opt" select="option[@value = current()/@current]"/>
            <xsl:choose>
              <xsl:when test="$opt"><xsl:apply-templates select="$opt[1]" mode="label"/></xsl:when>
              <xsl:when test="string(@current) = ''">
                <xsl:call-template name="t"><xsl:with-param name="k" select="'form.none'"/></xsl:call-template>
              </xsl:when>
              <xsl:otherwise><xsl:value-of select="@current"/></xsl:otherwise>
            </xsl:choose>
          </span>
        </p>
      </xsl:if>
    </div>
  </xsl:template>

  <!-- id, name and the ARIA links to the error and the saved value;
       called first inside each control so these are its first attributes. -->
  <xsl:template name="control-attrs">
    <xsl:param name="id"/>
    <xsl:attribute name="id"><xsl:value-of select="$id"/></xsl:attribute>
    <xsl:attribute name="name"><xsl:value-of select="@name"/></xsl:attribute>
    <!-- What was agreed is shown, not offered for change. -->
    <xsl:if test="@readonly = '1' and @type != 'select'">
      <xsl:attribute name="readonly">readonly</xsl:attribute>
    </xsl:if>
    <xsl:if test="string(@error) != ''">
      <xsl:attribute name="aria-invalid">true</xsl:attribute>
    </xsl:if>
    <xsl:if test="string(@error) != '' or @current">
      <xsl:attribute name="aria-describedby">
        <xsl:if test="string(@error) != ''"><xsl:value-of select="concat($id, '-err')"/></xsl:if>
        <xsl:if test="string(@error) != '' and @current"><xsl:text> </xsl:text></xsl:if>
        <xsl:if test="@current"><xsl:value-of select="concat($id, '-cur')"/></xsl:if>
      </xsl:attribute>
    </xsl:if>
  </xsl:template>

  <!-- @max is a length for text and textarea only: on a number it could
       as well mean the largest value, which the server checks anyway. -->
  <xsl:template name="maxlength">
    <xsl:if test="number(@max) &gt; 0">
      <xsl:attribute name="maxlength"><xsl:value-of select="@max"/></xsl:attribute>
    </xsl:if>
  </xsl:template>

  <!-- text, and anything unknown: a plain text input loses nothing. -->
  <xsl:template match="field" mode="input">
    <xsl:param name="id"/>
    <input type="text">
      <xsl:call-template name="control-attrs"><xsl:with-param name="id" select="$id"/></xsl:call-template>
      <xsl:call-template name="maxlength"/>
      <xsl:attribute name="value"><xsl:value-of select="@value"/></xsl:attribute>
    </input>
  </xsl:template>

  <!-- type="text" + inputmode="decimal": the phone shows digits, yet the
       browser neither rejects nor rewrites the value by its locale (a
       type="number" field silently empties "1,5"); the server validates. -->
  <xsl:template match="field[@type = 'number']" mode="input">
    <xsl:param name="id"/>
    <input type="text" inputmode="decimal" class="num" size="10">
      <xsl:call-template name="control-attrs"><xsl:with-param name="id" select="$id"/></xsl:call-template>
      <xsl:attribute name="value"><xsl:value-of select="@value"/></xsl:attribute>
    </input>
  </xsl:template>

  <xsl:template match="field[@type = 'date']" mode="input">
    <xsl:param name="id"/>
    <input type="date">
      <xsl:call-template name="control-attrs"><xsl:with-param name="id" select="$id"/></xsl:call-template>
      <xsl:attribute name="value"><xsl:value-of select="@value"/></xsl:attribute>
    </input>
  </xsl:template>

  <!-- HTML drops one newline right after <textarea>: emit one, so a value
       that itself starts with a newline survives the round trip. -->
  <xsl:template match="field[@type = 'textarea']" mode="input">
    <xsl:param name="id"/>
    <textarea rows="5">
      <xsl:call-template name="control-attrs"><xsl:with-param name="id" select="$id"/></xsl:call-template>
      <xsl:call-template name="maxlength"/>
      <xsl:text>&#10;</xsl:text>
      <xsl:value-of select="@value"/>
    </textarea>
  </xsl:template>

  <!-- Options in document order; an option with a group opens that
       group's <optgroup> where the group first appears. -->
  <xsl:template match="field[@type = 'select']" mode="input">
    <xsl:param name="id"/>
    <select>
      <xsl:call-template name="control-attrs"><xsl:with-param name="id" select="$id"/></xsl:call-template>
      <xsl:variable name="fk" select="generate-id()"/>
      <!-- A read-only choice offers only what it holds. -->
      <xsl:for-each select="option[not(../@readonly = '1') or string(@value) = string(../@value)]">
        <xsl:choose>
          <xsl:when test="not(@group)">
            <xsl:apply-templates select="."/>
          </xsl:when>
          <xsl:when test="generate-id() = generate-id(key('opt-group', concat($fk, '|', @group))[1])">
            <optgroup label="{@group}">
              <xsl:apply-templates select="key('opt-group', concat($fk, '|', @group))"/>
            </optgroup>
          </xsl:when>
        </xsl:choose>
      </xsl:for-each>
    </select>
  </xsl:template>

  <xsl:template match="option">
    <option value="{@value}">
      <xsl:if test="string(@value) = string(../@value)">
        <xsl:attribute name="selected">selected</xsl:attribute>
      </xsl:if>
      <xsl:apply-templates select="." mode="label"/>
    </option>
  </xsl:template>

  <!-- User text (@label) or catalog text (@label-key), then the owner and
       score that help choose a KR to align to.  Plain text: an <option>
       holds no markup. -->
  <xsl:template match="option" mode="label">
    <xsl:choose>
      <xsl:when test="@label"><xsl:value-of select="@label"/></xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="t"><xsl:with-param name="k" select="@label-key"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:if test="string(@owner-name) != '' or string(@score) != ''">
      <xsl:text> —</xsl:text>
      <xsl:if test="string(@owner-name) != ''">
        <xsl:text> </xsl:text>
        <xsl:value-of select="@owner-name"/>
      </xsl:if>
      <xsl:if test="string(@owner-name) != '' and string(@score) != ''"> ·</xsl:if>
      <xsl:if test="string(@score) != ''">
        <xsl:text> </xsl:text>
        <xsl:value-of select="@score"/>
      </xsl:if>
    </xsl:if>
  </xsl:template>

  <!-- ===================================================== form pages -->

  <!-- Title of edit-objective / edit-kr: "new" or "edit" wording. -->
  <xsl:template name="form-title">
    <xsl:param name="new-key"/>
    <xsl:param name="edit-key"/>
    <xsl:variable name="new">
      <xsl:call-template name="form-is-new"><xsl:with-param name="f" select="/page/form"/></xsl:call-template>
    </xsl:variable>
    <xsl:call-template name="t">
      <xsl:with-param name="k">
        <xsl:choose>
          <xsl:when test="$new = '1'"><xsl:value-of select="$new-key"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="$edit-key"/></xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- The form, then the objective it is about (with its KRs). -->
  <xsl:template name="form-page">
    <header class="page-head">
      <h1><xsl:apply-templates select="." mode="title"/></h1>
    </header>
    <xsl:apply-templates select="form"/>
    <xsl:if test="objective">
      <section class="context">
        <xsl:apply-templates select="objective" mode="card">
          <xsl:with-param name="h" select="'h2'"/>
        </xsl:apply-templates>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- ==================================================== admin pages -->

  <xsl:template name="admin-kind">
    <xsl:choose>
      <xsl:when test="string(/page/admin/@kind) != ''"><xsl:value-of select="/page/admin/@kind"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="substring-after(/page/@name, 'admin-')"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="admin-title">
    <xsl:variable name="kind"><xsl:call-template name="admin-kind"/></xsl:variable>
    <xsl:call-template name="t"><xsl:with-param name="k" select="'admin'"/></xsl:call-template>
    <xsl:text> · </xsl:text>
    <xsl:call-template name="t"><xsl:with-param name="k" select="concat('admin.', $kind)"/></xsl:call-template>
  </xsl:template>

  <xsl:template name="admin-link">
    <xsl:param name="kind"/>
    <xsl:param name="cur"/>
    <li>
      <a href="{$base}/edit/admin/{$kind}">
        <xsl:if test="$kind = $cur">
          <xsl:attribute name="class">current</xsl:attribute>
          <xsl:attribute name="aria-current">page</xsl:attribute>
        </xsl:if>
        <xsl:call-template name="t"><xsl:with-param name="k" select="concat('admin.', $kind)"/></xsl:call-template>
      </a>
    </li>
  </xsl:template>

  <!-- Units, people, cycles: the links between them, one small form per
       row, then the form that adds one.  The "new" form is told apart by
       its action (…/new), which it keeps when it comes back invalid. -->
  <xsl:template name="admin-page">
    <xsl:call-template name="admin-head"/>
    <xsl:call-template name="admin-rows"/>
  </xsl:template>

  <!-- The admin pages' title and their sub-navigation. -->
  <xsl:template name="admin-head">
    <xsl:variable name="kind"><xsl:call-template name="admin-kind"/></xsl:variable>
    <header class="page-head">
      <h1><xsl:call-template name="admin-title"/></h1>
      <nav class="subnav">
        <xsl:attribute name="aria-label">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'admin'"/></xsl:call-template>
        </xsl:attribute>
        <ul>
          <xsl:call-template name="admin-link"><xsl:with-param name="kind" select="'units'"/><xsl:with-param name="cur" select="$kind"/></xsl:call-template>
          <xsl:call-template name="admin-link"><xsl:with-param name="kind" select="'people'"/><xsl:with-param name="cur" select="$kind"/></xsl:call-template>
          <xsl:call-template name="admin-link"><xsl:with-param name="kind" select="'cycles'"/><xsl:with-param name="cur" select="$kind"/></xsl:call-template>
          <xsl:call-template name="admin-link"><xsl:with-param name="kind" select="'import'"/><xsl:with-param name="cur" select="$kind"/></xsl:call-template>
          <xsl:call-template name="admin-link"><xsl:with-param name="kind" select="'notify'"/><xsl:with-param name="cur" select="$kind"/></xsl:call-template>
        </ul>
      </nav>
    </header>
  </xsl:template>

  <xsl:template name="admin-rows">
    <xsl:variable name="kind"><xsl:call-template name="admin-kind"/></xsl:variable>
    <xsl:variable name="forms" select="admin/form"/>
    <xsl:variable name="new" select="$forms[@status = 'new' or substring(@action, string-length(@action) - 3) = '/new'
                                           or contains(@action, '/new?')]"/>
    <section class="admin-rows">
      <xsl:apply-templates select="$forms[count(. | $new) != count($new)]">
        <xsl:with-param name="class" select="'row-form'"/>
      </xsl:apply-templates>
    </section>
    <!-- A large organisation is shown a page of rows at a time. -->
    <xsl:for-each select="admin/pager">
      <nav class="pager">
        <xsl:if test="@prev">
          <a rel="prev" href="{$base}/edit/admin/{$kind}?from={@prev}">
            <xsl:call-template name="t"><xsl:with-param name="k" select="'admin.prev'"/></xsl:call-template>
          </a>
        </xsl:if>
        <xsl:text> </xsl:text>
        <xsl:if test="@next">
          <a rel="next" href="{$base}/edit/admin/{$kind}?from={@next}">
            <xsl:call-template name="t"><xsl:with-param name="k" select="'admin.next'"/></xsl:call-template>
          </a>
        </xsl:if>
      </nav>
    </xsl:for-each>
    <xsl:if test="$kind = 'cycles' and string(/page/@token) != ''">
      <xsl:call-template name="button-form">
        <xsl:with-param name="action" select="concat($base, '/edit/admin/cycle/next')"/>
        <xsl:with-param name="label-key" select="'action.next-cycle'"/>
        <xsl:with-param name="class" select="'next-cycle'"/>
      </xsl:call-template>
    </xsl:if>
    <xsl:if test="$new">
      <section class="admin-new">
        <h2><xsl:call-template name="t"><xsl:with-param name="k" select="concat('admin.new.', $kind)"/></xsl:call-template></h2>
        <xsl:apply-templates select="$new"/>
      </section>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
