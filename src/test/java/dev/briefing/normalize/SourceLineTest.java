package dev.briefing.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SourceLineTest {
    @Test
    void should_keep_a_bracket_right_after_the_name_and_leave_the_rest_as_text() {
        assertEquals(Optional.of(new SourceLine("倍可親(backchina.com)", "當地時間7月28日,美國總統特朗普")),
                SourceLine.parse("來源:倍可親(backchina.com)當地時間7月28日,美國總統特朗普"));
    }

    @Test
    void should_end_the_name_at_whitespace_or_a_delimiter() {
        assertEquals(Optional.of(new SourceLine("新华社", "记者张三")), SourceLine.parse("来源：新华社 记者张三"));
        assertEquals(Optional.of(new SourceLine("人民日报", "作者：李四")),
                SourceLine.parse("文章来源：人民日报，作者：李四"));
        assertEquals(Optional.of(new SourceLine("中国新闻网（北京）", "")), SourceLine.parse("來源：中国新闻网（北京）"));
        assertEquals(Optional.of(new SourceLine("央视新闻", "")), SourceLine.parse("来源: 央视新闻"));
    }

    @Test
    void should_not_take_a_heading_or_a_mid_sentence_mention_as_the_source() {
        assertEquals(Optional.empty(), SourceLine.parse("信息来源"));
        assertEquals(Optional.empty(), SourceLine.parse("来源"));
        assertEquals(Optional.empty(), SourceLine.parse("本文来源：网易"));
        assertEquals(Optional.empty(), SourceLine.parse("消息来源:知情人士"));
    }
}
