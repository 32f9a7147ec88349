<?xml version="1.0" encoding="UTF-8"?>
<!--
  admin-notify.xsl (admins only): the notifications.  A page of units, each
  with its check-in reminder time (a small form), its chat bots (a form per
  bot, and a form that deletes it once its box is ticked) and a form that
  adds one; then the deliveries that failed for good, each with a button
  that sends it again, and the last ones sent.  The fields are those of
  edit-notify.xsl, which this sheet imports (and with it layout.xsl and
  forms.xsl).
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="edit-notify.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:call-template name="admin-title"/>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <xsl:call-template name="admin-head"/>
    <p class="intro">
      <xsl:call-template name="t"><xsl:with-param name="k" select="'admin.notify.intro'"/></xsl:call-template>
    </p>
    <!-- A new bot refused for a unit that is gone: above the units. -->
    <xsl:apply-templates select="admin/form"/>
    <section class="notify-units">
      <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'admin.notify.units'"/></xsl:call-template></h2>
      <xsl:apply-templates select="admin/unit"/>
      <xsl:apply-templates select="admin/pager"/>
    </section>
    <xsl:apply-templates select="admin/deliveries"/>
  </xsl:template>

  <xsl:template match="admin/pager">
    <nav class="pager">
      <xsl:if test="@prev">
        <a rel="prev" href="{$base}/edit/admin/notify?from={@prev}">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'admin.prev'"/></xsl:call-template>
        </a>
      </xsl:if>
      <xsl:text> </xsl:text>
      <xsl:if test="@next">
        <a rel="next" href="{$base}/edit/admin/notify?from={@next}">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'admin.next'"/></xsl:call-template>
        </a>
      </xsl:if>
    </nav>
  </xsl:template>

  <!-- A unit: its reminder time, its bots, a new bot. -->
  <xsl:template match="admin/unit">
    <section class="notify-unit" id="unit-{@id}">
      <h3>
        <a href="{$base}/unit/{@id}"><xsl:value-of select="@name"/></a>
        <xsl:text> </xsl:text>
        <span class="muted">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'admin.notify.remind'"/></xsl:call-template>
          <xsl:text> </xsl:text>
          <xsl:choose>
            <xsl:when test="string(@remind) != ''"><xsl:value-of select="@remind"/></xsl:when>
            <xsl:otherwise>
              <xsl:call-template name="t"><xsl:with-param name="k" select="'admin.notify.remind-default'"/></xsl:call-template>
              <xsl:if test="@remind-default">
                <xsl:text> (</xsl:text><xsl:value-of select="@remind-default"/><xsl:text>)</xsl:text>
              </xsl:if>
            </xsl:otherwise>
          </xsl:choose>
        </span>
      </h3>
      <xsl:apply-templates select="form[@purpose = 'remind']">
        <xsl:with-param name="class" select="'remind-form'"/>
      </xsl:apply-templates>
      <xsl:choose>
        <xsl:when test="bot">
          <xsl:for-each select="bot">
            <div class="bot-row bot-{@kind}" id="bot-{@id}">
              <h4>
                <xsl:value-of select="@name"/>
                <xsl:text> </xsl:text>
                <span class="muted">
                  <xsl:call-template name="t"><xsl:with-param name="k" select="concat('form.notify.bot.', @kind)"/></xsl:call-template>
                </span>
              </h4>
              <xsl:apply-templates select="form[not(@purpose)]">
                <xsl:with-param name="class" select="'row-form'"/>
              </xsl:apply-templates>
              <xsl:apply-templates select="form[@purpose = 'delete']"/>
            </div>
          </xsl:for-each>
        </xsl:when>
        <xsl:otherwise>
          <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'admin.notify.no-bots'"/></xsl:call-template></p>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:for-each select="form[not(@purpose)]">
        <details class="new-bot">
          <xsl:if test="@status != 'new'"><xsl:attribute name="open">open</xsl:attribute></xsl:if>
          <summary><xsl:call-template name="t"><xsl:with-param name="k" select="'admin.notify.new-bot'"/></xsl:call-template></summary>
          <xsl:apply-templates select="."/>
        </details>
      </xsl:for-each>
    </section>
  </xsl:template>

  <!-- Deleting a bot: a box to tick, then the button (no script: a
       plain POST, refused with the box's message when not ticked). -->
  <xsl:template match="form[@purpose = 'delete']">
    <xsl:variable name="fid" select="concat('f', count(preceding::form) + 1)"/>
    <form class="edit delete-bot status-{@status}" method="post" action="{@action}">
      <xsl:call-template name="form-message"/>
      <xsl:call-template name="post-hidden">
        <xsl:with-param name="back" select="@back"/>
        <xsl:with-param name="version" select="@version"/>
      </xsl:call-template>
      <div class="fields">
        <xsl:apply-templates select="field">
          <xsl:with-param name="fid" select="$fid"/>
        </xsl:apply-templates>
      </div>
      <div class="form-buttons">
        <button type="submit">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'admin.notify.delete'"/></xsl:call-template>
        </button>
      </div>
    </form>
  </xsl:template>

  <!-- The dead deliveries (each with "Send again"), the last sent. -->
  <xsl:template match="admin/deliveries">
    <xsl:variable name="dead" select="@state = 'dead'"/>
    <section class="deliveries deliveries-{@state}" id="deliveries-{@state}">
      <h2>
        <xsl:call-template name="t">
          <xsl:with-param name="k">
            <xsl:choose>
              <xsl:when test="$dead">admin.notify.dead</xsl:when>
              <xsl:otherwise>admin.notify.sent</xsl:otherwise>
            </xsl:choose>
          </xsl:with-param>
        </xsl:call-template>
      </h2>
      <xsl:choose>
        <xsl:when test="delivery">
          <table class="deliveries">
            <xsl:choose>
              <xsl:when test="$dead">
                <xsl:call-template name="thead">
                  <xsl:with-param name="cols" select="'admin.notify.col.when admin.notify.col.kind admin.notify.col.unit admin.notify.col.target num:admin.notify.col.tries admin.notify.col.error admin.notify.col.action'"/>
                </xsl:call-template>
              </xsl:when>
              <xsl:otherwise>
                <xsl:call-template name="thead">
                  <xsl:with-param name="cols" select="'admin.notify.col.when admin.notify.col.kind admin.notify.col.unit admin.notify.col.target num:admin.notify.col.tries'"/>
                </xsl:call-template>
              </xsl:otherwise>
            </xsl:choose>
            <tbody>
              <xsl:apply-templates select="delivery">
                <xsl:with-param name="dead" select="$dead"/>
              </xsl:apply-templates>
            </tbody>
          </table>
        </xsl:when>
        <xsl:otherwise>
          <p class="empty">
            <xsl:call-template name="t">
              <xsl:with-param name="k">
                <xsl:choose>
                  <xsl:when test="$dead">admin.notify.dead-none</xsl:when>
                  <xsl:otherwise>admin.notify.sent-none</xsl:otherwise>
                </xsl:choose>
              </xsl:with-param>
            </xsl:call-template>
          </p>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <xsl:template match="delivery">
    <xsl:param name="dead"/>
    <tr id="delivery-{@id}" class="delivery channel-{@channel}">
      <td><xsl:call-template name="when"/></td>
      <td>
        <xsl:if test="string(@kind) != ''">
          <xsl:call-template name="t"><xsl:with-param name="k" select="concat('form.notify.kind.', @kind)"/></xsl:call-template>
        </xsl:if>
      </td>
      <td><xsl:value-of select="@unit-name"/></td>
      <td>
        <xsl:choose>
          <xsl:when test="@channel = 'mail'">
            <xsl:call-template name="t"><xsl:with-param name="k" select="'admin.notify.channel.mail'"/></xsl:call-template>
            <xsl:text> </xsl:text>
            <xsl:if test="string(@target-login) != ''">
              <a>
                <xsl:call-template name="person-href"><xsl:with-param name="login" select="@target-login"/></xsl:call-template>
                <xsl:value-of select="@target-name"/>
              </a>
            </xsl:if>
          </xsl:when>
          <xsl:when test="string(@bot-kind) != ''">
            <xsl:call-template name="t"><xsl:with-param name="k" select="concat('form.notify.bot.', @bot-kind)"/></xsl:call-template>
            <xsl:text> </xsl:text>
            <xsl:value-of select="@target-name"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:call-template name="t"><xsl:with-param name="k" select="'admin.notify.bot-gone'"/></xsl:call-template>
          </xsl:otherwise>
        </xsl:choose>
      </td>
      <td class="num"><xsl:value-of select="@tries"/></td>
      <xsl:if test="$dead">
        <td class="error"><xsl:value-of select="error"/></td>
        <td>
          <xsl:if test="string(/page/@token) != ''">
            <xsl:call-template name="button-form">
              <xsl:with-param name="action" select="concat($base, '/edit/admin/delivery/', @id, '/resend')"/>
              <xsl:with-param name="label-key" select="'admin.notify.resend'"/>
              <xsl:with-param name="class" select="'resend'"/>
            </xsl:call-template>
          </xsl:if>
        </td>
      </xsl:if>
    </tr>
  </xsl:template>
</xsl:stylesheet>
