<?xml version="1.0" encoding="utf-8"?>
<!-- Shows a Koers Atom feed as a readable page in a browser; feed readers ignore it. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:atom="http://www.w3.org/2005/Atom">
  <xsl:output method="html" encoding="utf-8" indent="yes"/>
  <xsl:template match="/atom:feed">
    <html lang="nl">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="atom:title"/></title>
        <link rel="stylesheet" href="/static/koers/koers.css"/>
      </head>
      <body class="utrecht-document">
        <main id="inhoud" style="max-width: 48rem; margin: 2rem auto; padding: 0 1rem;">
          <p class="utrecht-paragraph"><strong>Dit is een nieuwsfeed.</strong> Kopieer het adres van deze pagina in uw feedlezer om het nieuws te volgen. (This is a news feed: copy its address into your feed reader.)</p>
          <h1 class="utrecht-heading-1"><xsl:value-of select="atom:title"/></h1>
          <xsl:if test="atom:subtitle"><p class="utrecht-paragraph"><xsl:value-of select="atom:subtitle"/></p></xsl:if>
          <p class="utrecht-paragraph"><a class="utrecht-link" href="{atom:link[@rel='alternate']/@href}">Naar de nieuwspagina</a></p>
          <xsl:for-each select="atom:entry">
            <article>
              <h2 class="utrecht-heading-2"><a class="utrecht-link" href="{atom:link[@rel='alternate']/@href}"><xsl:value-of select="atom:title"/></a></h2>
              <p class="utrecht-paragraph"><time datetime="{atom:updated}"><xsl:value-of select="substring(atom:published, 1, 10)"/></time></p>
              <p class="utrecht-paragraph"><xsl:value-of select="atom:summary"/></p>
            </article>
          </xsl:for-each>
        </main>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
