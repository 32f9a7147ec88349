<?xml version="1.0" encoding="UTF-8"?>
<!--
  edit-notify.xsl: a person's notification settings (their own, or
  anyone's for an admin): the mail address, the language of the messages,
  and a box per kind of notice, ticked to be mailed it.  The <form> is
  forms.xsl's; this sheet adds the field types of the notification forms
  (checkbox, checkboxes, password) and labels them form.notify.field.NAME.
  admin-notify.xsl imports it for the same.

  Imported rather than included (layout.xsl, forms.xsl): what is defined
  here wins over theirs (field-label).
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:mb="urn:mubiao:render" exclude-result-prefixes="mb">
  <xsl:import href="layout.xsl"/>
  <xsl:import href="forms.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:call-template name="t"><xsl:with-param name="k" select="'form.notify.title'"/></xsl:call-template>
    <xsl:if test="not(notify/@self = '1')">
      <xsl:text> · </xsl:text>
      <xsl:value-of select="notify/@name"/>
    </xsl:if>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <header class="page-head">
      <h1><xsl:apply-templates select="." mode="title"/></h1>
      <p class="intro">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'form.notify.intro'"/></xsl:call-template>
      </p>
      <xsl:if test="not(notify/@self = '1')">
        <p class="note">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'form.notify.other'"/></xsl:call-template>
          <xsl:text> </xsl:text>
          <a>
            <xsl:call-template name="person-href"><xsl:with-param name="login" select="notify/@login"/></xsl:call-template>
            <xsl:value-of select="notify/@name"/>
          </a>
        </p>
      </xsl:if>
    </header>
    <xsl:apply-templates select="form">
      <xsl:with-param name="class" select="'notify-settings'"/>
    </xsl:apply-templates>
  </xsl:template>

  <!-- ============================================ the notification fields -->

  <!-- form.notify.field.NAME, else as forms.xsl labels a field. -->
  <xsl:template name="field-label">
    <xsl:variable name="own" select="concat('form.notify.field.', @name)"/>
    <xsl:variable name="page" select="concat('field.', /page/@name, '.', @name)"/>
    <xsl:call-template name="t">
      <xsl:with-param name="k">
        <xsl:choose>
          <xsl:when test="mb:has($own)"><xsl:value-of select="$own"/></xsl:when>
          <xsl:when test="mb:has($page)"><xsl:value-of select="$page"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="concat('field.', @name)"/></xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- A secret: never a value, neither stored nor typed (the server
       sends none either); its hint says whether one is stored. -->
  <xsl:template match="field[@type = 'password']" mode="input">
    <xsl:param name="id"/>
    <input type="password" autocomplete="new-password">
      <xsl:call-template name="control-attrs"><xsl:with-param name="id" select="$id"/></xsl:call-template>
      <xsl:call-template name="maxlength"/>
    </input>
  </xsl:template>

  <!-- One box (value 1): the box, then its label. -->
  <xsl:template match="field[@type = 'checkbox']">
    <xsl:param name="fid"/>
    <xsl:variable name="id" select="concat($fid, '-', @name)"/>
    <div class="field field-{@name} type-checkbox">
      <xsl:if test="string(@error) != ''">
        <xsl:attribute name="class">field field-<xsl:value-of select="@name"/> type-checkbox has-error</xsl:attribute>
      </xsl:if>
      <input type="checkbox" value="{@value}">
        <xsl:call-template name="control-attrs"><xsl:with-param name="id" select="$id"/></xsl:call-template>
        <xsl:if test="@checked = '1'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
      </input>
      <xsl:text> </xsl:text>
      <label for="{$id}"><xsl:call-template name="field-label"/></label>
      <xsl:if test="string(@error) != ''">
        <p class="field-error" id="{$id}-err"><xsl:call-template name="field-error-text"/></p>
      </xsl:if>
    </div>
  </xsl:template>

  <!-- A box per kind of notice: each option its own key (name="mail-KIND"
       value="1") or one repeated key (the field's name, value KIND).  On a
       conflict, current lists the kinds ticked in what was saved. -->
  <xsl:template match="field[@type = 'checkboxes']">
    <xsl:param name="fid"/>
    <xsl:variable name="id" select="concat($fid, '-', @name)"/>
    <fieldset class="field field-{@name} type-checkboxes">
      <xsl:if test="string(@error) != ''">
        <xsl:attribute name="class">field field-<xsl:value-of select="@name"/> type-checkboxes has-error</xsl:attribute>
        <xsl:attribute name="aria-describedby"><xsl:value-of select="concat($id, '-err')"/></xsl:attribute>
      </xsl:if>
      <legend><xsl:call-template name="field-label"/></legend>
      <xsl:for-each select="option">
        <xsl:variable name="oid" select="concat($id, '-', @kind)"/>
        <div class="check">
          <input type="checkbox" id="{$oid}" value="{@value}">
            <xsl:attribute name="name">
              <xsl:choose>
                <xsl:when test="@name"><xsl:value-of select="@name"/></xsl:when>
                <xsl:otherwise><xsl:value-of select="../@name"/></xsl:otherwise>
              </xsl:choose>
            </xsl:attribute>
            <xsl:if test="@checked = '1'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
          </input>
          <xsl:text> </xsl:text>
          <label for="{$oid}"><xsl:apply-templates select="." mode="label"/></label>
        </div>
      </xsl:for-each>
      <xsl:if test="string(@error) != ''">
        <p class="field-error" id="{$id}-err"><xsl:call-template name="field-error-text"/></p>
      </xsl:if>
      <xsl:if test="@current">
        <xsl:variable name="cur" select="concat(' ', @current, ' ')"/>
        <p class="field-current" id="{$id}-cur">
          <span class="label">
            <xsl:call-template name="t"><xsl:with-param name="k" select="'form.current'"/></xsl:call-template>
          </span>
          <xsl:text> </xsl:text>
          <span class="current-value">
            <xsl:for-each select="option[contains($cur, concat(' ', @kind, ' '))]">
              <xsl:if test="position() &gt; 1">, </xsl:if>
              <xsl:apply-templates select="." mode="label"/>
            </xsl:for-each>
            <xsl:if test="normalize-space(@current) = ''">
              <xsl:call-template name="t"><xsl:with-param name="k" select="'form.none'"/></xsl:call-template>
            </xsl:if>
          </span>
        </p>
      </xsl:if>
    </fieldset>
  </xsl:template>
</xsl:stylesheet>
