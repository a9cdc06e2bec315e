package casegrid.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlainTextTest {

    @Test
    void chineseTextEmojiAndOrdinaryPunctuationAreClean() {
        assertThat(PlainText.firstDisallowed("福源路1号 · 张三（住户）😀 — “漏水”", false)).isEmpty();
        assertThat(PlainText.firstDisallowed(null, false)).isEmpty();
    }

    @Test
    void controlCharactersAreNamedByTheirCodePoint() {
        assertThat(PlainText.firstDisallowed("a\u0000b", true)).contains("U+0000");
        assertThat(PlainText.firstDisallowed("张\u0007三", false)).contains("U+0007");
        assertThat(PlainText.firstDisallowed("x\u007f", false)).contains("U+007F");
        assertThat(PlainText.firstDisallowed("x\u0085", false)).contains("U+0085");
    }

    @Test
    void lineBreaksAndTabsOnlyWhereTheFieldIsMultiLine() {
        assertThat(PlainText.firstDisallowed("一\r\n二\t三", true)).isEmpty();
        assertThat(PlainText.firstDisallowed("一\n二", false)).contains("U+000A");
        assertThat(PlainText.firstDisallowed("一\t二", false)).contains("U+0009");
    }

    @Test
    void bidirectionalOverridesLoneSurrogatesAndNonCharactersAreRefused() {
        assertThat(PlainText.firstDisallowed("abc\u202edef", true)).contains("U+202E");
        assertThat(PlainText.firstDisallowed("abc\u2066def", true)).contains("U+2066");
        assertThat(PlainText.firstDisallowed("abc\ud800", true)).contains("U+D800");
        assertThat(PlainText.firstDisallowed("\udc00abc", true)).contains("U+DC00");
        assertThat(PlainText.firstDisallowed("abc\uffff", true)).contains("U+FFFF");
    }

    @Test
    void theProblemNamesTheFieldAndSaysWhatIsWrongInChinese() {
        assertThat(PlainText.problem("parties[0].name", "当事人姓名", "张\u0000三", false))
                .hasValueSatisfying(p -> {
                    assertThat(p.field()).isEqualTo("parties[0].name");
                    assertThat(p.message()).startsWith("当事人姓名含有不允许的控制字符 U+0000");
                });
    }
}
