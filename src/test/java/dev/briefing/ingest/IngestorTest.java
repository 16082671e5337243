package dev.briefing.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class IngestorTest {
    private static final InputStream NO_STDIN = InputStream.nullInputStream();

    private final Ingestor ingestor = new Ingestor();

    @TempDir
    Path dir;

    @Test
    void should_read_each_seed_as_utf8_plain_text() {
        List<Path> seeds = List.of(Seeds.S000, Seeds.S002, Seeds.S003);
        IngestResult result = ingestor.read(seeds.stream().map(Path::toString).toList(), NO_STDIN);

        assertEquals(List.of(), result.warnings());
        assertEquals(3, result.documents().size());
        for (int i = 0; i < seeds.size(); i++) {
            SourceDocument doc = result.documents().get(i);
            assertEquals(seeds.get(i).toString(), doc.path());
            assertEquals("UTF-8", doc.charset());
            assertEquals("text/plain", doc.mediaType());
            assertEquals(Seeds.text(seeds.get(i)), doc.text());
        }
    }

    @Test
    void should_skip_missing_empty_and_binary_files_with_one_warning_each_and_read_the_rest()
            throws IOException {
        Path empty = write("empty.txt", new byte[0]);
        Path blank = write("blank.txt", " \n\t\u3000\n".getBytes(StandardCharsets.UTF_8));
        Path binary = write("x.bin", new byte[] {'P', 'K', 3, 4, 0, 0, 'a'});
        Path missing = dir.resolve("nope.txt");

        IngestResult result = ingestor.read(List.of(empty.toString(), Seeds.S000.toString(),
                binary.toString(), missing.toString(), blank.toString(), Seeds.S003.toString()), NO_STDIN);

        assertEquals(List.of(
                "skipped " + empty + ": empty",
                "skipped " + binary + ": binary file",
                "skipped " + missing + ": no such file or directory",
                "skipped " + blank + ": empty"), result.warnings());
        assertEquals(List.of(Seeds.S000.toString(), Seeds.S003.toString()), paths(result));
    }

    @Test
    void should_skip_undecodable_bytes_with_warning() throws IOException {
        Path bad = write("bad.txt", new byte[] {'a', (byte) 0x80, 'b', (byte) 0xFF, '\n'});
        IngestResult result = ingestor.read(List.of(bad.toString()), NO_STDIN);
        assertEquals(List.of(), result.documents());
        assertEquals(List.of("skipped " + bad + ": not valid UTF-8, UTF-16, GB18030 or Big5 text"),
                result.warnings());
    }

    @Test
    void should_detect_gbk_gb18030_and_big5_copies_of_the_seeds() throws IOException {
        String s000 = Seeds.text(Seeds.S000);
        String s003 = Seeds.text(Seeds.S003);
        Path gbk = write("gbk.txt", s000.getBytes(Charset.forName("GBK")));
        Path gb18030 = write("gb18030.txt", s000.getBytes(Charset.forName("GB18030")));
        Path big5 = write("big5.txt", s003.getBytes(Charset.forName("Big5")));

        IngestResult result = ingestor.read(List.of(gbk.toString(), gb18030.toString(), big5.toString()),
                NO_STDIN);

        assertEquals(List.of(), result.warnings());
        List<SourceDocument> docs = result.documents();
        assertEquals("GB18030", docs.get(0).charset());
        assertEquals(s000, docs.get(0).text());
        assertEquals("GB18030", docs.get(1).charset());
        assertEquals(s000, docs.get(1).text());
        assertEquals("Big5", docs.get(2).charset());
        assertEquals(s003, docs.get(2).text());
    }

    @Test
    void should_strip_utf8_bom_from_file() throws IOException {
        byte[] body = Seeds.text(Seeds.S002).getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        Path file = write("bom.txt", withBom);

        SourceDocument doc = only(ingestor.read(List.of(file.toString()), NO_STDIN));
        assertEquals("UTF-8", doc.charset());
        assertEquals(Seeds.text(Seeds.S002), doc.text());
    }

    @Test
    void should_walk_directory_recursively_in_sorted_order_taking_only_article_files() throws IOException {
        write("b.txt", "乙".getBytes(StandardCharsets.UTF_8));
        write("a/z.md", "# 标题".getBytes(StandardCharsets.UTF_8));
        write("a/y.HTML", "<p>段落</p>".getBytes(StandardCharsets.UTF_8));
        write("c.markdown", "丙".getBytes(StandardCharsets.UTF_8));
        write("d.htm", "<p>丁</p>".getBytes(StandardCharsets.UTF_8));
        write("notes.pdf", "不是文章".getBytes(StandardCharsets.UTF_8));
        write(".hidden.txt", "隐藏".getBytes(StandardCharsets.UTF_8));
        write(".git/config.txt", "隐藏目录".getBytes(StandardCharsets.UTF_8));

        IngestResult result = ingestor.read(List.of(dir.toString()), NO_STDIN);

        assertEquals(List.of(), result.warnings());
        assertEquals(List.of(dir.resolve("a/y.HTML").toString(), dir.resolve("a/z.md").toString(),
                dir.resolve("b.txt").toString(), dir.resolve("c.markdown").toString(),
                dir.resolve("d.htm").toString()), paths(result));
        assertEquals(List.of("text/html", "text/markdown", "text/plain", "text/markdown", "text/html"),
                result.documents().stream().map(SourceDocument::mediaType).toList());
    }

    @Test
    void should_walk_a_hidden_directory_the_user_named() throws IOException {
        write(".drafts/a.txt", "甲".getBytes(StandardCharsets.UTF_8));
        IngestResult result = ingestor.read(List.of(dir.resolve(".drafts").toString()), NO_STDIN);
        assertEquals(List.of(dir.resolve(".drafts/a.txt").toString()), paths(result));
    }

    @Test
    void should_warn_about_a_directory_without_article_files() throws IOException {
        write("notes.pdf", "x".getBytes(StandardCharsets.UTF_8));
        IngestResult result = ingestor.read(List.of(dir.toString()), NO_STDIN);
        assertEquals(List.of(), result.documents());
        assertEquals(1, result.warnings().size());
        assertTrue(result.warnings().get(0).startsWith("skipped " + dir + ": no .txt"), result.warnings().get(0));
    }

    @Test
    void should_read_explicitly_named_file_with_other_extension_as_plain_text() throws IOException {
        Path file = write("article.dat", "正文。".getBytes(StandardCharsets.UTF_8));
        SourceDocument doc = only(ingestor.read(List.of(file.toString()), NO_STDIN));
        assertEquals("正文。", doc.text());
        assertEquals("text/plain", doc.mediaType());
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void should_not_follow_a_symlink_loop_in_a_directory() throws IOException {
        write("sub/a.txt", "甲".getBytes(StandardCharsets.UTF_8));
        Path loop = dir.resolve("sub/loop");
        try {
            Files.createSymbolicLink(loop, dir);
        } catch (UnsupportedOperationException | IOException e) {
            assumeTrue(false, "file system without symbolic links: " + e);
        }

        IngestResult result = ingestor.read(List.of(dir.toString()), NO_STDIN);

        assertEquals(List.of(dir.resolve("sub/a.txt").toString()), paths(result));
        assertEquals(List.of("skipped " + loop + ": symbolic link to a directory, not followed"),
                result.warnings());
    }

    @Test
    void should_read_stdin_for_dash() {
        byte[] big5 = Seeds.text(Seeds.S003).getBytes(Charset.forName("Big5"));
        IngestResult result = ingestor.read(List.of("-", Seeds.S000.toString()), new ByteArrayInputStream(big5));

        assertEquals(List.of("-", Seeds.S000.toString()), paths(result));
        SourceDocument stdin = result.documents().get(0);
        assertEquals(Seeds.text(Seeds.S003), stdin.text());
        assertEquals("Big5", stdin.charset());
        assertEquals("text/plain", stdin.mediaType());
    }

    @Test
    void should_extract_text_from_html_without_scripts_or_styles() throws IOException {
        Path page = write("page.html", """
                <!DOCTYPE html>
                <html><head><meta charset="utf-8"><title>特朗普对普京转向强硬</title>
                <style>body { font-family: serif }</style>
                <script>window.tracker = "追踪代码";</script></head>
                <body><p>当地时间7月28日,特朗普表示失望。</p><p>第二段。</p></body></html>
                """.getBytes(StandardCharsets.UTF_8));

        SourceDocument doc = only(ingestor.read(List.of(page.toString()), NO_STDIN));

        assertEquals("text/html", doc.mediaType());
        assertEquals("特朗普对普京转向强硬\n当地时间7月28日,特朗普表示失望。\n第二段。", doc.text());
    }

    @Test
    void should_treat_stdin_that_opens_like_an_html_document_as_html() {
        byte[] html = "<html><body><script>x()</script><p>正文</p></body></html>".getBytes(StandardCharsets.UTF_8);
        SourceDocument doc = only(ingestor.read(List.of("-"), new ByteArrayInputStream(html)));
        assertEquals("text/html", doc.mediaType());
        assertEquals("正文", doc.text());
    }

    @Test
    void should_read_only_the_first_part_of_an_oversized_file_cut_at_a_line_and_warn() throws IOException {
        Path big = write("big.txt", "第一行\n第二行\n第三行\n".getBytes(StandardCharsets.UTF_8));
        IngestResult result = new Ingestor(24).read(List.of(big.toString()), NO_STDIN);

        assertEquals("第一行\n第二行\n", only(result).text());
        assertEquals(List.of("truncated " + big + ": larger than 24 bytes, read only the first 24 bytes"
                + " (cut at a line end)"), result.warnings());
    }

    @Test
    void should_bound_the_default_read_at_2_mb() throws IOException {
        String line = "俄乌冲突的下一步不再是勝負決戰。\n";
        byte[] lineBytes = line.getBytes(StandardCharsets.UTF_8);
        Path big = dir.resolve("huge.txt");
        int lines = Ingestor.DEFAULT_MAX_BYTES / lineBytes.length + 100;
        try (var out = Files.newOutputStream(big)) {
            for (int i = 0; i < lines; i++) {
                out.write(lineBytes);
            }
        }

        IngestResult result = ingestor.read(List.of(big.toString()), NO_STDIN);

        String text = only(result).text();
        assertTrue(text.getBytes(StandardCharsets.UTF_8).length <= Ingestor.DEFAULT_MAX_BYTES);
        assertTrue(text.endsWith(line), "cut at a line end");
        assertEquals(List.of("truncated " + big + ": larger than 2 MB, read only the first 2 MB"
                + " (cut at a line end)"), result.warnings());
    }

    @Test
    void should_skip_each_input_after_the_inputs_read_reach_the_total_a_run_takes() throws IOException {
        Path a = write("a.txt", "第一篇。\n".getBytes(StandardCharsets.UTF_8));
        Path b = write("b.txt", "第二篇，长一些。\n".getBytes(StandardCharsets.UTF_8));
        Path c = write("c.txt", "第三篇。\n".getBytes(StandardCharsets.UTF_8));
        long total = Files.size(a) + Files.size(b);

        IngestResult result = new Ingestor(1024, total).read(List.of(a.toString(), b.toString(), c.toString(), "-"),
                new ByteArrayInputStream("第四篇。".getBytes(StandardCharsets.UTF_8)));

        assertEquals(List.of(a.toString(), b.toString()), paths(result));
        assertEquals(List.of(
                "skipped " + c + ": the inputs before it already total " + total + " bytes, the most one run reads;"
                        + " brief the rest in another run",
                "skipped -: the inputs before it already total " + total + " bytes, the most one run reads;"
                        + " brief the rest in another run"), result.warnings());
    }

    @Test
    void should_read_less_in_all_when_the_heap_could_not_brief_the_default_total() throws IOException {
        long mb = 1024 * 1024;
        assertEquals(Ingestor.DEFAULT_MAX_TOTAL_BYTES, Ingestor.totalFor(8192 * mb), "a large heap: the default");
        assertEquals(32 * mb, Ingestor.totalFor(256 * mb));
        assertEquals(30 * mb, Ingestor.totalFor(247 * mb), "whole megabytes");
        assertEquals(Ingestor.DEFAULT_MAX_BYTES, Ingestor.totalFor(mb), "never less than one input");
        String line = "北约成员国在海牙讨论国防开支。\n";
        Path a = write("a.txt", line.repeat((int) (1.5 * mb / line.getBytes(StandardCharsets.UTF_8).length))
                .getBytes(StandardCharsets.UTF_8));
        Path b = write("b.txt", line.repeat(20_000).getBytes(StandardCharsets.UTF_8));
        Path c = write("c.txt", "第三篇。\n".getBytes(StandardCharsets.UTF_8));

        IngestResult result = Ingestor.forHeap(16 * mb).read(List.of(a.toString(), b.toString(), c.toString()),
                NO_STDIN);

        assertEquals(List.of(a.toString(), b.toString()), paths(result));
        assertEquals(List.of("skipped " + c + ": the inputs before it already total 2 MB, the most this run's 16 MB "
                + "heap can brief; brief the rest in another run, or give Java more memory "
                + "(BRIEFING_JAVA_OPTS=-Xmx512m)"), result.warnings());
        assertEquals(Ingestor.DEFAULT_MAX_TOTAL_BYTES, Ingestor.forHeap(8192 * mb).maxTotalBytes());
    }

    @Test
    void should_report_nothing_for_an_empty_input_list() {
        IngestResult result = ingestor.read(List.of(), NO_STDIN);
        assertEquals(List.of(), result.documents());
        assertEquals(List.of(), result.warnings());
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes);
    }

    private static List<String> paths(IngestResult result) {
        return result.documents().stream().map(SourceDocument::path).toList();
    }

    private static SourceDocument only(IngestResult result) {
        assertEquals(1, result.documents().size(), () -> "documents: " + paths(result) + " warnings: "
                + result.warnings());
        return result.documents().get(0);
    }
}
