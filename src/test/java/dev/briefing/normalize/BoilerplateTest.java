package dev.briefing.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class BoilerplateTest {
    @ParameterizedTest
    @ValueSource(strings = {
            "![]()",
            "![配图](https://example.com/a.jpg)",
            "12",
            "００２",
            "特别声明:以上内容(如有图片或视频亦包括在内)为自媒体平台“网易号”用户上传并发布,本平台仅提供信息存储服务。",
            "特別聲明：以上內容為用戶上傳",
            "Notice: The content above (including the pictures and videos if any) is uploaded and posted by a user of NetEase Hao.",
            "免责声明：本文仅代表作者观点",
            "【免責聲明】本文不構成投資建議",
            "责任编辑：王晓易_NE0011",
            "（责任编辑：张玉）",
            "責任編輯:李四",
            "版权声明：本文为原创",
            "本文来自微信公众号“某某”",
            "点击关注，获取更多资讯",
            "▲點擊關注我們",
            "(完)",
            "（完）"})
    void should_drop_platform_boilerplate_line(String line) {
        assertTrue(Boilerplate.matches(line), line);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "哈喽,各位朋友好,我是小玖。",
            "2025年,俄罗斯与美国之间的互动频率达到了近年来的高峰。",
            "信息来源",
            "他发表声明称以上内容不实。",
            "特别声明一下,我不同意。",
            "编辑部表示,责任编辑：不在此列的说法有误。",
            "完",
            "他说“完”。"})
    void should_keep_article_text_that_only_resembles_boilerplate(String line) {
        assertFalse(Boilerplate.matches(line), line);
    }

    @Test
    void should_remove_inline_images_from_text() {
        assertEquals("前文后文", Boilerplate.removeInlineImages("前文![图](http://x/y.jpg)后文"));
    }
}
