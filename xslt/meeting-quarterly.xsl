<?xml version="1.0" encoding="UTF-8"?>
<!-- meeting-quarterly.xsl: the quarterly meeting's grading and grade summary. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <!-- The final grades of the cycle's KRs (the unit's objectives and those
       below it).  While the meeting is live, ONE form grades every KR the
       user may grade, a row each with the proposed grade pre-filled; the
       other KRs show their grade, or the one their progress proposes. -->
  <xsl:template match="grading">
    <section class="grading" id="grading">
      <h2>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'grading'"/></xsl:call-template>
        <xsl:if test="string(@cycle) != ''">
          <xsl:text> · </xsl:text>
          <span class="cycle-name"><xsl:value-of select="@cycle"/></span>
        </xsl:if>
        <xsl:if test="string(@cycle-state) != ''">
          <xsl:text> </xsl:text>
          <xsl:call-template name="badge">
            <xsl:with-param name="class" select="'state'"/>
            <xsl:with-param name="key" select="'state'"/>
            <xsl:with-param name="v" select="@cycle-state"/>
          </xsl:call-template>
        </xsl:if>
      </h2>
      <p class="intro"><xsl:call-template name="t"><xsl:with-param name="k" select="'grading.intro'"/></xsl:call-template></p>
      <xsl:if test="$live and string(@cycle-state) != '' and @cycle-state != 'review'">
        <p class="note-rule grade-state"><xsl:call-template name="t"><xsl:with-param name="k" select="'err.grade.state'"/></xsl:call-template></p>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="$live and objective/kr[@can-grade = '1']">
          <xsl:call-template name="grades-form"/>
        </xsl:when>
        <xsl:when test="objective/kr">
          <xsl:apply-templates select="objective" mode="grade"/>
        </xsl:when>
        <xsl:otherwise>
          <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'grading.none'"/></xsl:call-template></p>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <xsl:template match="objective" mode="grade">
    <xsl:param name="form" select="false()"/>
    <xsl:param name="sent" select="/.."/>
    <article class="grade-objective" id="go-{@id}">
      <header class="o-head">
        <h3 class="o-title">
          <xsl:if test="string(@level) != ''">
            <xsl:call-template name="badge">
              <xsl:with-param name="class" select="'level'"/>
              <xsl:with-param name="key" select="'level'"/>
              <xsl:with-param name="v" select="@level"/>
            </xsl:call-template>
            <xsl:text> </xsl:text>
          </xsl:if>
          <a href="{$base}/objective/{@id}"><xsl:value-of select="title"/></a>
        </h3>
        <xsl:if test="unit">
          <span class="o-unit"><xsl:apply-templates select="unit" mode="link"/></span>
        </xsl:if>
      </header>
      <xsl:choose>
        <xsl:when test="kr">
          <div class="table-wrap">
            <table class="grades">
              <xsl:call-template name="thead">
                <xsl:with-param name="cols">
                  <xsl:text>kr.kr kr.score grading.grade</xsl:text>
                  <xsl:if test="$form"> field.reason</xsl:if>
                </xsl:with-param>
              </xsl:call-template>
              <tbody>
                <xsl:apply-templates select="kr" mode="grade">
                  <xsl:with-param name="form" select="$form"/>
                  <xsl:with-param name="sent" select="$sent"/>
                </xsl:apply-templates>
              </tbody>
            </table>
          </div>
        </xsl:when>
        <xsl:otherwise>
          <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'o.nokrs'"/></xsl:call-template></p>
        </xsl:otherwise>
      </xsl:choose>
    </article>
  </xsl:template>

  <!-- One KR's row: in the grading form, its grade and reason fields (a
       graded row keeps them, marked graded); a row the server refused
       comes back from /page/form with what was typed and its message. -->
  <xsl:template match="kr" mode="grade">
    <xsl:param name="form" select="false()"/>
    <xsl:param name="sent" select="/.."/>
    <xsl:variable name="graded" select="string(@grade) != ''"/>
    <xsl:variable name="mine" select="$sent/field[@kr = current()/@id]"/>
    <xsl:variable name="input" select="$form and @can-grade = '1'"/>
    <tr id="g-kr-{@id}">
      <xsl:attribute name="class">
        <xsl:text>grade-kr </xsl:text>
        <xsl:choose>
          <xsl:when test="$graded">graded</xsl:when>
          <xsl:otherwise>ungraded</xsl:otherwise>
        </xsl:choose>
        <xsl:if test="$mine"> refused</xsl:if>
      </xsl:attribute>
      <td class="kr-title">
        <xsl:value-of select="title"/>
        <xsl:if test="$graded">
          <xsl:text> </xsl:text>
          <span class="badge graded-mark"><xsl:call-template name="t"><xsl:with-param name="k" select="'grading.graded'"/></xsl:call-template></span>
        </xsl:if>
      </td>
      <td>
        <xsl:call-template name="score-of"><xsl:with-param name="s" select="@score"/></xsl:call-template>
      </td>
      <td class="grade-cell">
        <xsl:choose>
          <xsl:when test="$input">
            <xsl:variable name="cur">
              <xsl:choose>
                <xsl:when test="$mine"><xsl:value-of select="$mine/@value"/></xsl:when>
                <xsl:when test="$graded"><xsl:value-of select="@grade"/></xsl:when>
                <xsl:otherwise><xsl:value-of select="@proposed"/></xsl:otherwise>
              </xsl:choose>
            </xsl:variable>
            <input type="hidden" name="kr" value="{@id}"/>
            <input type="hidden" name="kr-version" value="{@version}"/>
            <label class="visually-hidden" for="grade-{@id}"><xsl:call-template name="t"><xsl:with-param name="k" select="'grading.grade'"/></xsl:call-template></label>
            <select id="grade-{@id}" name="value">
              <xsl:call-template name="confidence-options"><xsl:with-param name="cur" select="$cur"/></xsl:call-template>
            </select>
            <xsl:if test="string(@proposed) != ''">
              <xsl:text> </xsl:text>
              <xsl:call-template name="proposed"/>
            </xsl:if>
            <xsl:if test="string($mine/@error) != ''">
              <p class="field-error"><xsl:call-template name="t"><xsl:with-param name="k" select="$mine/@error"/></xsl:call-template></p>
            </xsl:if>
          </xsl:when>
          <xsl:when test="$graded">
            <xsl:call-template name="score-of"><xsl:with-param name="s" select="@grade"/></xsl:call-template>
            <xsl:if test="string(@proposed) != '' and number(@proposed) != number(@grade)">
              <xsl:text> </xsl:text>
              <xsl:call-template name="proposed"/>
            </xsl:if>
          </xsl:when>
          <xsl:when test="string(@proposed) != ''">
            <xsl:call-template name="proposed"/>
          </xsl:when>
          <xsl:otherwise><span class="score none">—</span></xsl:otherwise>
        </xsl:choose>
      </td>
      <xsl:if test="$form">
        <td class="reason-cell">
          <xsl:if test="$input">
            <label class="visually-hidden" for="grade-note-{@id}"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.reason'"/></xsl:call-template></label>
            <input type="text" id="grade-note-{@id}" name="note" maxlength="200" value="{$mine/@note}"
                   aria-describedby="grade-need"/>
            <xsl:if test="string($mine/@note-error) != ''">
              <p class="field-error"><xsl:call-template name="t"><xsl:with-param name="k" select="$mine/@note-error"/></xsl:call-template></p>
            </xsl:if>
          </xsl:if>
        </td>
      </xsl:if>
    </tr>
  </xsl:template>

  <!-- "Proposed: 0.6" -->
  <xsl:template name="proposed">
    <span class="proposed">
      <xsl:call-template name="t"><xsl:with-param name="k" select="'grading.proposed'"/></xsl:call-template>
      <xsl:text> </xsl:text>
      <xsl:value-of select="@proposed"/>
    </span>
  </xsl:template>

  <!-- POST {base}/meet/{id}/grade: per KR row, in order, kr, kr-version
       (the KR's version), value (0, 0.1 … 1: the grade if set, else the
       proposed one) and note (the reason: required when the grade is not
       the proposed one); state=accept (the second button) gives each KR
       not graded yet its proposed grade instead.  Saving is the first
       button, so Enter in a reason saves. -->
  <xsl:template name="grades-form">
    <xsl:variable name="sent" select="/page/form[contains(@action, concat('/meet/', $m/@id, '/grade'))]"/>
    <form class="grades-form" id="grades-form" method="post" action="{$base}/meet/{$m/@id}/grade">
      <xsl:call-template name="post-hidden"/>
      <xsl:if test="$sent">
        <p class="form-message status-invalid" role="alert">
          <xsl:call-template name="t"><xsl:with-param name="k" select="$sent/message/@key"/></xsl:call-template>
        </p>
      </xsl:if>
      <!-- Said once for every row: a row stays one line high. -->
      <p class="reason-needed" id="grade-need">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'grading.reason-needed'"/></xsl:call-template>
      </p>
      <xsl:apply-templates select="objective" mode="grade">
        <xsl:with-param name="form" select="true()"/>
        <xsl:with-param name="sent" select="$sent"/>
      </xsl:apply-templates>
      <div class="grade-actions">
        <button type="submit"><xsl:call-template name="t"><xsl:with-param name="k" select="'grading.save-all'"/></xsl:call-template></button>
        <button type="submit" name="state" value="accept" class="secondary"><xsl:call-template name="t"><xsl:with-param name="k" select="'grading.accept-all'"/></xsl:call-template></button>
      </div>
    </form>
  </xsl:template>

  <!-- The distribution of the grades, per unit and in total: collective,
       never per person, in the server's order (no ranking). -->
  <xsl:template match="summary">
    <section class="grade-summary" id="summary">
      <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'summary'"/></xsl:call-template></h2>
      <p class="note-rule summary-note"><xsl:call-template name="t"><xsl:with-param name="k" select="'summary.note'"/></xsl:call-template></p>
      <p class="chart-legend">
        <span class="swatch in-band"></span>
        <xsl:text> </xsl:text>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'summary.in-band'"/></xsl:call-template>
      </p>
      <div class="table-wrap">
        <table class="summary">
          <xsl:call-template name="thead">
            <xsl:with-param name="cols" select="'o.unit summary.chart num:summary.count num:summary.in-band num:summary.mean'"/>
          </xsl:call-template>
          <xsl:if test="unit">
            <tbody><xsl:apply-templates select="unit" mode="summary"/></tbody>
          </xsl:if>
          <xsl:if test="total">
            <tfoot><xsl:apply-templates select="total[1]" mode="summary"/></tfoot>
          </xsl:if>
        </table>
      </div>
    </section>
  </xsl:template>

  <xsl:template match="unit | total" mode="summary">
    <xsl:variable name="count" select="number(@count)"/>
    <tr class="sum-{local-name()}">
      <th scope="row">
        <xsl:choose>
          <xsl:when test="self::total"><xsl:call-template name="t"><xsl:with-param name="k" select="'summary.total'"/></xsl:call-template></xsl:when>
          <xsl:otherwise><xsl:apply-templates select="." mode="link"/></xsl:otherwise>
        </xsl:choose>
      </th>
      <td class="chart-cell"><xsl:call-template name="grade-chart"/></td>
      <td class="num">
        <xsl:value-of select="@count"/>
        <xsl:if test="string(@graded) != '' and number(@graded) != $count">
          <span class="graded">
            <xsl:call-template name="t"><xsl:with-param name="k" select="'summary.graded'"/></xsl:call-template>
            <xsl:text> </xsl:text>
            <xsl:value-of select="@graded"/>
          </span>
        </xsl:if>
      </td>
      <td class="num">
        <xsl:choose>
          <xsl:when test="$count &gt; 0 and number(@in-band) &gt;= 0">
            <xsl:value-of select="@in-band"/>
            <xsl:text> / </xsl:text>
            <xsl:value-of select="@count"/>
            <span class="share"><xsl:value-of select="round(number(@in-band) * 100 div $count)"/>%</span>
          </xsl:when>
          <xsl:otherwise>—</xsl:otherwise>
        </xsl:choose>
      </td>
      <td class="num">
        <xsl:choose>
          <xsl:when test="$count &gt; 0 and string(@mean) != ''"><xsl:value-of select="@mean"/></xsl:when>
          <xsl:otherwise>—</xsl:otherwise>
        </xsl:choose>
      </td>
    </tr>
  </xsl:template>

  <!-- 11 bins (0, 0.1 … 1) as SVG rects, each 10 units wide; heights
       scaled to the row's largest bin (plain XPath arithmetic).  The 0.6
       and 0.7 bins, the method's healthy final score, sit on a highlighted
       zone and carry the class in-band. -->
  <xsl:template name="grade-chart">
    <xsl:variable name="max" select="number(bin[not(../bin/@count &gt; @count)][1]/@count)"/>
    <svg class="grade-chart" width="132" height="48" viewBox="0 0 110 40"
         preserveAspectRatio="none" role="img" focusable="false">
      <xsl:attribute name="aria-label">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'summary.chart'"/></xsl:call-template>
        <xsl:text>: </xsl:text>
        <xsl:for-each select="bin">
          <xsl:if test="position() &gt; 1"><xsl:text>, </xsl:text></xsl:if>
          <xsl:value-of select="concat(@grade, ' × ', @count)"/>
        </xsl:for-each>
      </xsl:attribute>
      <rect class="chart-band" x="60" y="0" width="20" height="38"/>
      <rect class="chart-base" x="0" y="38" width="110" height="2"/>
      <xsl:for-each select="bin">
        <xsl:variable name="i" select="round(number(@grade) * 10)"/>
        <xsl:variable name="c" select="number(@count)"/>
        <xsl:if test="$i &gt;= 0 and $i &lt;= 10 and $c &gt; 0 and $max &gt; 0">
          <xsl:variable name="h0" select="38 * $c div $max"/>
          <xsl:variable name="h">
            <xsl:choose>
              <xsl:when test="$h0 &gt; 38">38</xsl:when>
              <xsl:when test="$h0 &lt; 1">1</xsl:when>
              <xsl:otherwise><xsl:value-of select="$h0"/></xsl:otherwise>
            </xsl:choose>
          </xsl:variable>
          <rect x="{$i * 10 + 1}" y="{38 - $h}" width="8" height="{$h}">
            <xsl:attribute name="class">
              <xsl:text>chart-bin</xsl:text>
              <xsl:if test="$i = 6 or $i = 7"> in-band</xsl:if>
            </xsl:attribute>
          </rect>
        </xsl:if>
      </xsl:for-each>
    </svg>
    <span class="chart-axis" aria-hidden="true"><span>0</span><span>0.5</span><span>1</span></span>
  </xsl:template>
</xsl:stylesheet>
