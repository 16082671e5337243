package dev.briefing.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HtmlTextTest {
    @Test
    void should_put_title_first_and_each_block_on_its_own_line() {
        String html = """
                <html><head><title>普京与特朗普通电话</title><style>p { color: red }</style></head>
                <body><nav>首页 | 国际</nav>
                <h1>普京与特朗普通电话</h1>
                <p>第一段<b>加粗</b>文字。</p>
                <div>直接文字<p>嵌套段落。</p></div>
                <ul><li>要点一</li><li>要点二</li></ul>
                <script>var ad = "广告";</script>
                <footer>版权所有</footer></body></html>""";
        assertEquals("普京与特朗普通电话\n第一段加粗文字。\n直接文字\n嵌套段落。\n要点一\n要点二",
                HtmlText.extract(html));
    }

    @Test
    void should_take_first_h1_as_title_when_there_is_no_title_element() {
        String html = "<body><header><h1>标题</h1></header><p>正文。</p><h1>第二个</h1></body>";
        assertEquals("标题\n正文。\n第二个", HtmlText.extract(html));
    }

    @Test
    void should_keep_line_breaks_inside_pre_and_at_br() {
        String html = "<body><pre>第一行\n第二行</pre><p>甲<br>乙</p></body>";
        assertEquals("第一行\n第二行\n甲\n乙", HtmlText.extract(html));
    }

    @Test
    void should_recognise_html_documents_by_their_opening_only() {
        assertTrue(HtmlText.looksLikeHtml("  <!DOCTYPE html><html></html>"));
        assertTrue(HtmlText.looksLikeHtml("<html lang=\"zh\">"));
        assertFalse(HtmlText.looksLikeHtml("正文提到<html>标签"));
    }
}
