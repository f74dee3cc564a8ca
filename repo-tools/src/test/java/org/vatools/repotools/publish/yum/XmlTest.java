package org.vatools.repotools.publish.yum;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The escaping createrepo_c's output has (libxml2 without a document encoding). */
class XmlTest {
    private static String text(String s) {
        return Xml.text(new StringBuilder(), s).toString();
    }

    private static String attribute(String s) {
        return Xml.attribute(new StringBuilder(), s).toString();
    }

    @Test
    void textEscapesMarkupAndCarriageReturnOnly() {
        assertEquals("plain text/with \"quotes\" 'and' tabs\tand\nlines", text(
                "plain text/with \"quotes\" 'and' tabs\tand\nlines"));
        assertEquals("a &lt;b&gt; &amp; c&#13;", text("a <b> & c\r"));
        assertEquals("J\u00f6rg \u2013 \ud83d\ude00", text("J\u00f6rg \u2013 \ud83d\ude00"));
    }

    @Test
    void attributesAlsoEscapeQuotesWhitespaceAndEverythingBeyondAscii() {
        assertEquals("plain-1.0", attribute("plain-1.0"));
        assertEquals("&quot;a&quot; &lt;b&gt; &amp;&#10;&#9;&#13;", attribute("\"a\" <b> &\n\t\r"));
        assertEquals("M&#xFC;ller &#x2013; &#x1F600;", attribute("M\u00fcller \u2013 \ud83d\ude00"));
        assertEquals("'single'\u007f", attribute("'single'\u007f"));
    }

    @Test
    void charactersXmlForbidsAreLeftOut() {
        assertEquals("ab", text("a\u0001\u0008b"));
        assertEquals("ab", attribute("a\u000bb\ufffe"));
        assertEquals("ab", text("a\ud800b"));
        assertEquals("ab", attribute("a\udc00b"));
    }
}
