<?xml version="1.0" encoding="UTF-8"?>
<!-- objective.xsl: one objective in full: description, the KR it serves,
     every KR with its check-in history and the objectives aligned to it;
     then its change history and its comments with the comment form.
     Does not depend on the selected cycle (the switcher goes home). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:mb="urn:mubiao:render" exclude-result-prefixes="mb">
  <xsl:include href="layout.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:value-of select="objective/title"/>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <xsl:apply-templates select="objective" mode="card">
      <xsl:with-param name="h" select="'h1'"/>
      <xsl:with-param name="detail" select="true()"/>
    </xsl:apply-templates>
    <!-- history and comments are page-level siblings of <objective>;
         accepted inside it too, the contract does not pin the place. -->
    <xsl:apply-templates select="(comments | objective/comments)[1]"/>
    <xsl:apply-templates select="(history | objective/history)[1]"/>
    <xsl:call-template name="feed-links">
      <xsl:with-param name="xml" select="concat('/xml/objective/', objective/@id)"/>
    </xsl:call-template>
  </xsl:template>

  <!-- ============================================================ comments -->

  <xsl:template match="comments">
    <section class="comments" id="comments">
      <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'comments'"/></xsl:call-template></h2>
      <xsl:choose>
        <xsl:when test="comment">
          <ol class="comments"><xsl:apply-templates select="comment"/></ol>
        </xsl:when>
        <xsl:otherwise>
          <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'comments.none'"/></xsl:call-template></p>
        </xsl:otherwise>
      </xsl:choose>
      <!-- Everyone may comment (transparency) while the cycle is not
           closed (@can-add, the store's rule); a POST without the token
           would be refused, so the form needs a known user. -->
      <xsl:if test="@can-add and string(/page/@token) != ''">
        <!-- A comment the server refused comes back in /page/form, with
             what was typed and the error next to the field. -->
        <xsl:variable name="sent" select="/page/form[contains(@action, '/edit/comment/')]"/>
        <form class="comment-form" method="post" action="{$base}/edit/comment/{/page/objective/@id}">
          <xsl:call-template name="post-hidden"/>
          <xsl:if test="$sent">
            <p class="form-message" role="alert"><xsl:call-template name="t"><xsl:with-param name="k" select="'form.invalid'"/></xsl:call-template></p>
          </xsl:if>
          <fieldset class="choice">
            <legend><xsl:call-template name="t"><xsl:with-param name="k" select="'field.kind'"/></xsl:call-template></legend>
            <label>
              <input type="radio" name="kind" value="comment">
                <xsl:if test="not($sent/field[@name = 'kind']/@value = 'proposal')"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
              </input>
              <xsl:text> </xsl:text>
              <xsl:call-template name="t"><xsl:with-param name="k" select="'comment.kind.comment'"/></xsl:call-template>
            </label>
            <label>
              <input type="radio" name="kind" value="proposal">
                <xsl:if test="$sent/field[@name = 'kind']/@value = 'proposal'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
              </input>
              <xsl:text> </xsl:text>
              <xsl:call-template name="t"><xsl:with-param name="k" select="'comment.kind.proposal'"/></xsl:call-template>
            </label>
          </fieldset>
          <div class="field">
            <label for="comment-text"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.text'"/></xsl:call-template></label>
            <textarea id="comment-text" name="text" rows="4"><xsl:text>&#10;</xsl:text><xsl:value-of select="$sent/field[@name = 'text']/@value"/></textarea>
            <xsl:for-each select="$sent/field[@error]">
              <p class="field-error"><xsl:call-template name="field-error-text"/></p>
            </xsl:for-each>
          </div>
          <button type="submit"><xsl:call-template name="t"><xsl:with-param name="k" select="'action.comment'"/></xsl:call-template></button>
        </form>
      </xsl:if>
      <xsl:if test="not(@can-add) and string(/page/@token) != ''">
        <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'comments.closed'"/></xsl:call-template></p>
      </xsl:if>
    </section>
  </xsl:template>

  <!-- ============================================================= history -->

  <xsl:template match="history">
    <section class="changes" id="history">
      <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'history'"/></xsl:call-template></h2>
      <xsl:choose>
        <xsl:when test="change">
          <ol class="changes"><xsl:apply-templates select="change"/></ol>
        </xsl:when>
        <xsl:otherwise>
          <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'history.none'"/></xsl:call-template></p>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <xsl:template match="change">
    <li class="change">
      <xsl:call-template name="when"/>
      <xsl:text> </xsl:text>
      <!-- by is absent when that person has left the directory. -->
      <xsl:if test="string(@by) != ''">
        <a>
          <xsl:call-template name="person-href"><xsl:with-param name="login" select="@by"/></xsl:call-template>
          <xsl:choose>
            <xsl:when test="string(@by-name) != ''"><xsl:value-of select="@by-name"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="@by"/></xsl:otherwise>
          </xsl:choose>
        </a>
      </xsl:if>
      <xsl:text> </xsl:text>
      <span class="what">
        <!-- A KR's change names the KR: its title when it is on the page
             (a deleted KR is not), else its number. -->
        <xsl:if test="@record = 'kr'">
          <xsl:variable name="kr" select="/page/objective/kr[@id = current()/@record-id]"/>
          <xsl:call-template name="t"><xsl:with-param name="k" select="'kr.kr'"/></xsl:call-template>
          <xsl:text> </xsl:text>
          <xsl:choose>
            <xsl:when test="$kr">
              <a href="#kr-{$kr/@id}"><xsl:value-of select="$kr/title"/></a>
            </xsl:when>
            <xsl:otherwise>#<xsl:value-of select="@record-id"/></xsl:otherwise>
          </xsl:choose>
          <xsl:text> · </xsl:text>
        </xsl:if>
        <strong>
          <xsl:call-template name="t"><xsl:with-param name="k" select="concat('field.', @field)"/></xsl:call-template>
        </strong>
      </span>
      <xsl:if test="string(old) != '' or string(new) != ''">
        <xsl:text> </xsl:text>
        <span class="old"><xsl:apply-templates select="old" mode="value"/></span>
        <span class="arrow"> → </span>
        <span class="new"><xsl:apply-templates select="new" mode="value"/></span>
      </xsl:if>
    </li>
  </xsl:template>

  <!-- Enumerated fields are shown in the reader's language. -->
  <xsl:template match="old | new" mode="value">
    <xsl:variable name="f" select="../@field"/>
    <xsl:variable name="prefix">
      <xsl:choose>
        <xsl:when test="$f = 'level'">level.</xsl:when>
        <xsl:when test="$f = 'state'">ostate.</xsl:when>
        <xsl:when test="$f = 'kr-state'">krstate.</xsl:when>
        <xsl:when test="$f = 'kind'">kind.</xsl:when>
        <xsl:when test="$f = 'direction'">dir.</xsl:when>
      </xsl:choose>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="string(.) = ''">—</xsl:when>
      <xsl:when test="$prefix != '' and mb:has(concat($prefix, current()))">
        <xsl:call-template name="t"><xsl:with-param name="k" select="concat($prefix, .)"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
