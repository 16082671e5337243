package dev.briefing.ask;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.briefing.reduce.AliasTable;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryExpansionTest {
    private static final AliasTable ALIASES = AliasTable.parse(List.of(
            "特朗普|川普|Donald Trump|Trump", "普京|普丁|Vladimir Putin|Putin", "美国|美方|United States|US",
            "北约|北約|NATO"));

    @Test
    void should_add_the_chinese_names_of_actors_named_in_english_as_whole_words() {
        assertEquals("特朗普 川普 普京 普丁", QueryExpansion.of("What did Putin tell Trump?", ALIASES));
        assertEquals("", QueryExpansion.of("Was it a trumpet or a putting green?", ALIASES));
    }

    @Test
    void should_match_short_capital_names_only_in_capitals() {
        assertEquals("", QueryExpansion.of("What did he tell us about it?", ALIASES));
        assertEquals("美国 美方", QueryExpansion.of("What did the US say?", ALIASES));
    }

    @Test
    void should_add_names_written_in_the_other_script_and_english_dates() {
        assertEquals("北约 北約", QueryExpansion.of("北約峰會", ALIASES));
        assertEquals("普京 普丁 10月16日 7月28日", QueryExpansion.of("Putin on Oct. 16th and July 28", ALIASES));
        assertEquals("10月16日", QueryExpansion.of("What happened on 16 October?", ALIASES));
        assertEquals("", QueryExpansion.of("What happened in May?", ALIASES));
    }
}
