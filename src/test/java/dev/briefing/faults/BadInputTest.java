package dev.briefing.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.briefing.cli.Backend;
import dev.briefing.cli.CliRun;
import dev.briefing.cli.Main;
import dev.briefing.llm.EchoingModel;
import dev.briefing.llm.FakeServer;
import dev.briefing.llm.ModelRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.BufferedReader;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5, bad input: each bad input goes through the real command line ({@code Main.run}) next
 * to a good article, with a deterministic model (EchoingModel, which quotes what it is shown).
 * Each test checks the one stderr line about that input, that the good article is still in the
 * briefing, and the exit code. docs/reliability.md maps each input to its test here.
 */
class BadInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GOOD = "seeds/000_aeeaa0b9bae0c82b.txt";
    private static final String OTHER = "seeds/003_0abb118a677dbc7b.txt";

    /** One 50 MB file for the class: written once, read (the first 2 MB of it) by one test. */
    @TempDir
    static Path shared;
    static Path huge;

    @TempDir
    Path work;
    private EchoingModel model;

    @BeforeAll
    static void writeHugeFile() throws IOException {
        huge = HugeInputs.fiftyMegabytes(shared.resolve("huge.txt"));
    }

    @BeforeEach
    void copySeeds() throws IOException {
        model = new EchoingModel();
        Files.createDirectories(work.resolve("seeds"));
        for (String seed : List.of(GOOD, OTHER)) {
            Files.copy(Path.of(seed), work.resolve(seed));
        }
    }

    // ---- files that hold no article ----

    @Test
    void should_skip_an_empty_file_with_one_line_and_brief_the_rest() throws IOException {
        Path empty = Files.write(work.resolve("empty.txt"), new byte[0]);

        CliRun run = brief("empty.txt", GOOD);

        assertEquals(0, run.exitCode(), run.stderr());
        assertWarned(run, "skipped " + empty + ": empty");
        assertBriefed(GOOD);
    }

    @Test
    void should_skip_a_binary_file_with_one_line_and_brief_the_rest() throws IOException {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        Path image = Files.write(work.resolve("photo.txt"), png);

        CliRun run = brief("photo.txt", GOOD);

        assertEquals(0, run.exitCode(), run.stderr());
        assertWarned(run, "skipped " + image + ": binary file");
        assertBriefed(GOOD);
    }

    @Test
    void should_skip_random_bytes_that_decode_as_chinese_without_sending_them() throws IOException {
        // GB18030 decodes almost any byte string; with no NUL or control byte only the text can tell.
        byte[] noise = new byte[4096];
        new java.util.Random(15).nextBytes(noise);
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (byte) (0x81 + Math.floorMod(noise[i], 0x7E)); // 0x81-0xFE: GB18030 pairs, all valid
        }
        Path binary = Files.write(work.resolve("binary.txt"), noise);
        byte[] withNuls = new byte[4096];
        new java.util.Random(16).nextBytes(withNuls);
        Path random = Files.write(work.resolve("random.txt"), withNuls);

        CliRun run = brief("binary.txt", "random.txt", GOOD);

        assertEquals(0, run.exitCode(), run.stderr());
        String line = run.stderr().lines().filter(l -> l.startsWith("warning: skipped " + binary + ": "))
                .findFirst().orElseThrow(() -> new AssertionError(run.stderr()));
        // Rare characters, private-use ones or both, whichever this noise holds more of.
        assertTrue(line.startsWith("warning: skipped " + binary + ": not prose: "), line);
        assertWarned(run, "skipped " + random + ": binary file");
        assertEquals(1, briefing().get("articles").size());
        assertEquals(1, model.requests().stream().filter(r -> r.purpose().startsWith("map ")).count(),
                "no model call for the noise");
        assertBriefed(GOOD);
    }

    @Test
    void should_read_a_utf8_article_with_a_stray_nul_byte_as_utf8_not_utf16() throws IOException {
        // An even length and the NUL on an odd offset: every NUL on one side, as UTF-16LE has them.
        byte[] text = Files.readAllBytes(Path.of(GOOD));
        int at = Files.readString(Path.of(GOOD)).indexOf('\n') + 1;
        at = Files.readString(Path.of(GOOD)).substring(0, at).getBytes(StandardCharsets.UTF_8).length;
        int pad = (at % 2 == 1 ? 0 : 1);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        bytes.write(text, 0, at);
        bytes.write(new byte[pad], 0, 0);
        if (pad == 1) {
            bytes.write('\n');
        }
        bytes.write(0);
        bytes.write(text, at, text.length - at);
        if (bytes.size() % 2 == 1) {
            bytes.write('\n');
        }
        byte[] withNul = bytes.toByteArray();
        assertEquals(0, withNul.length % 2);
        Files.write(work.resolve("nul.txt"), withNul);

        CliRun run = brief("nul.txt");

        assertEquals(0, run.exitCode(), run.stderr());
        assertFalse(run.stderr().contains("warning:"), run.stderr());
        assertDecodedTitle(GOOD, article("nul.txt").get("title").asText());
        assertEquals("simplified", article("nul.txt").get("script").asText());
        assertBriefed("nul.txt");
    }

    @Test
    void should_skip_a_json_file_named_txt_with_one_line_saying_why() throws IOException {
        Path json = Files.writeString(work.resolve("feed.txt"), "{\"title\": \"" + sourceTitle(GOOD)
                + "\", \"body\": " + JSON.writeValueAsString(Files.readString(Path.of(GOOD))) + "}\n");

        CliRun run = brief("feed.txt", OTHER);

        assertEquals(0, run.exitCode(), run.stderr());
        assertWarned(run, "skipped " + json + ": not prose: a JSON document, not an article (brief the text it holds"
                + " as .txt)");
        assertEquals(1, briefing().get("articles").size());
        assertBriefed(OTHER);
    }

    @Test
    void should_exit_2_with_what_to_do_when_no_input_holds_an_article() throws IOException {
        Files.write(work.resolve("empty.txt"), new byte[0]);
        Files.write(work.resolve("blob.txt"), new byte[] {0, 1, 2, 3});

        CliRun run = brief("empty.txt", "blob.txt");

        assertEquals(2, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("error: no readable article in "), run.stderr());
        assertTrue(run.stderr().contains("give .txt, .md or .html files in UTF-8, GB18030 or Big5"), run.stderr());
        assertEquals("", run.stdout());
        assertEquals(0, model.requests().size(), "nothing sent");
        assertFalse(Files.exists(work.resolve("out")), "nothing written");
    }

    // ---- a file far too big ----

    @Test
    void should_read_only_the_first_2_mb_of_a_50_mb_file_and_say_so_on_stderr_and_in_the_briefing()
            throws IOException {
        // Big chunks: fewer calls to the fake model; the cut does not depend on the chunk size.
        CliRun run = brief("--num-ctx", "32768", "--chunk-tokens", "24000", huge.toString(), GOOD);

        assertEquals(0, run.exitCode(), run.stderr());
        String line = "truncated " + huge + ": larger than 2 MB, read only the first 2 MB (cut at a line end)";
        assertWarned(run, line);
        assertTrue(warnings().contains(line), "in the briefing's warnings: " + warnings());
        assertBriefed(GOOD);
        JsonNode big = article(huge.toString());
        // Every paragraph the model saw is from the first 2 MB: the last one sent is within the cut.
        int paragraphs = big.get("paragraphs").asInt();
        assertTrue(paragraphs > 1000, "paragraphs " + paragraphs);
        String lastSent = lastParagraphSentFor(big.get("id").asText());
        long bytesUpToIt = HugeInputs.bytesThroughLine(lastSent);
        assertTrue(bytesUpToIt <= 2 * 1024 * 1024, "sent a line from byte " + bytesUpToIt);
    }

    /**
     * Memory bounded, proved the honest way: {@code brief --dry-run} (everything but the model
     * calls: read, decode, clean, chunk, build every prompt) in a JVM with {@code -Xmx128m} and at
     * most 1024 open files, over the 50 MB file and a directory of 5,000 small articles. Holding
     * the 50 MB (as bytes, then as text) or keeping 5,000 files open would fail it.
     */
    @Test
    void should_read_a_50_mb_file_and_5000_small_files_in_128_mb_of_heap_and_1024_file_handles()
            throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh for ulimit");
        Path many = Files.createDirectories(work.resolve("many"));
        for (int i = 0; i < 5_000; i++) {
            Files.writeString(many.resolve(String.format(Locale.ROOT, "%04d.txt", i)), String.format(Locale.ROOT,
                    "第%d号简讯%n%n当地时间6月%d日，第%d号简讯报道，北约成员国代表在海牙举行会谈。%n",
                    i, i % 28 + 1, i), StandardCharsets.UTF_8);
        }
        Path stdout = work.resolve("stdout.txt");
        Path stderr = work.resolve("stderr.txt");

        Process process = new ProcessBuilder("/bin/sh", "-c", "ulimit -n 1024 && exec \"$@\"", "sh",
                InterruptTest.javaBinary(), "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                "dev.briefing.cli.Main", "brief", "--dry-run", huge.toString(), "many")
                .directory(work.toFile())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        boolean ended = process.waitFor(5, TimeUnit.MINUTES);
        if (!ended) {
            process.destroyForcibly();
        }
        String err = Files.readString(stderr, StandardCharsets.UTF_8);
        assertTrue(ended, "still running after 5 minutes\n" + err);

        assertEquals(0, process.exitValue(), err);
        assertFalse(err.contains("OutOfMemoryError") || err.contains("Too many open files"), err);
        assertEquals(List.of("warning: truncated " + huge + ": larger than 2 MB, read only the first 2 MB"
                + " (cut at a line end)"), err.lines().filter(l -> l.startsWith("warning:")).toList(),
                "the cut, and no file skipped");
        // Every small article and the cut big one each got at least one prompt.
        long prompts = 0;
        int smallSeen = 0;
        try (BufferedReader lines = Files.newBufferedReader(stdout, StandardCharsets.UTF_8)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("## map ")) {
                    prompts++;
                } else if (line.startsWith("Title: 第") && line.endsWith("号简讯")) {
                    smallSeen++;
                }
            }
        }
        assertEquals(5_000, smallSeen, "each small article's prompt");
        assertTrue(prompts > 5_000, "prompts " + prompts);
    }

    // ---- encodings ----

    @Test
    void should_brief_gbk_big5_and_utf16_files_with_or_without_byte_order_mark_as_text() throws IOException {
        Files.write(work.resolve("gbk.txt"), Files.readString(Path.of(GOOD)).getBytes(Charset.forName("GBK")));
        Files.write(work.resolve("big5.txt"), Files.readString(Path.of(OTHER)).getBytes(Charset.forName("Big5")));
        byte[] utf16 = ("\uFEFF" + Files.readString(Path.of("seeds/002_69f628739a3c6881.txt")))
                .getBytes(StandardCharsets.UTF_16LE);
        Files.write(work.resolve("utf16.txt"), utf16);
        // Without a BOM, as some tools save "Unicode": the title line is ASCII-free, the body is not.
        String withAscii = Files.readString(Path.of(GOOD)).replace("10月16日", "Oct. 16 (10月16日)");
        Files.write(work.resolve("utf16le.txt"), withAscii.getBytes(StandardCharsets.UTF_16LE));
        Files.write(work.resolve("utf16be.txt"), Files.readString(Path.of(OTHER)).replace("。", ". ")
                .getBytes(StandardCharsets.UTF_16BE));

        CliRun run = brief("gbk.txt", "big5.txt", "utf16.txt", "utf16le.txt", "utf16be.txt");

        assertEquals(0, run.exitCode(), run.stderr());
        assertFalse(run.stderr().contains("warning:"), run.stderr());
        JsonNode articles = briefing().get("articles");
        assertEquals(5, articles.size());
        assertTrue(article("utf16le.txt").get("title").asText().startsWith("经俄罗斯总统普京提议,Oct. 16 (10月16日)"));
        assertTrue(article("utf16be.txt").get("title").asText().startsWith(sourceTitle(OTHER).substring(0, 8)));
        assertDecodedTitle(GOOD, article("gbk.txt").get("title").asText());
        assertEquals(sourceTitle(OTHER), article("big5.txt").get("title").asText());
        assertEquals("traditional", article("big5.txt").get("script").asText());
    }

    @Test
    void should_skip_a_file_of_mixed_encodings_instead_of_briefing_mojibake() throws IOException {
        // A UTF-8 article with a GBK one pasted after it: GB18030 would "decode" all of it.
        byte[] utf8 = Files.readAllBytes(Path.of(GOOD));
        byte[] gbk = Files.readString(Path.of(OTHER)).getBytes(Charset.forName("GBK"));
        byte[] both = new byte[utf8.length + gbk.length];
        System.arraycopy(utf8, 0, both, 0, utf8.length);
        System.arraycopy(gbk, 0, both, utf8.length, gbk.length);
        Path mixed = Files.write(work.resolve("mixed.txt"), both);
        Path broken = Files.write(work.resolve("broken.txt"), new byte[] {'a', (byte) 0x80, 'b', (byte) 0xFF, '\n'});

        CliRun run = brief("mixed.txt", "broken.txt", OTHER);

        assertEquals(0, run.exitCode(), run.stderr());
        assertWarned(run, "skipped " + mixed + ": mixed encodings: UTF-8 text with bytes that are not UTF-8 (the "
                + "first at byte " + firstNonUtf8(both) + "); save the file in one encoding");
        assertWarned(run, "skipped " + broken + ": not valid UTF-8, UTF-16, GB18030 or Big5 text");
        assertBriefed(OTHER);
        assertEquals(1, briefing().get("articles").size());
    }

    // ---- HTML ----

    @Test
    void should_brief_an_html_page_without_its_scripts_styles_or_page_chrome() throws IOException {
        Files.writeString(work.resolve("page.html"), """
                <!DOCTYPE html>
                <html><head><meta charset="utf-8"><title>北约峰会在海牙举行</title>
                <style>.ad { display: none } /* 样式表里的字 */</style>
                <script>var tracker = "脚本里的字"; document.write("<p>脚本写出的段落</p>");</script>
                </head><body>
                <nav>首页 | 国际 | 军事</nav>
                <h1>北约峰会在海牙举行</h1>
                <p>当地时间6月24日，北约峰会在荷兰海牙开幕，成员国讨论国防开支目标。</p>
                <p>多国领导人表示，将在未来十年内把国防开支提高到国内生产总值的5%。</p>
                <script>trackPageView("第二段脚本");</script>
                <footer>版权所有 网站页脚</footer>
                </body></html>
                """);

        CliRun run = brief("page.html", GOOD);

        assertEquals(0, run.exitCode(), run.stderr());
        JsonNode page = article("page.html");
        assertEquals("北约峰会在海牙举行", page.get("title").asText());
        assertEquals(2, page.get("paragraphs").asInt());
        String sent = String.join("\n", model.requests().stream()
                .flatMap(r -> r.messages().stream()).map(m -> m.text()).toList());
        assertTrue(sent.contains("成员国讨论国防开支目标"), "the article text was sent");
        for (String chrome : List.of("样式表里的字", "脚本里的字", "脚本写出的段落", "第二段脚本", "首页 | 国际", "网站页脚",
                "display: none")) {
            assertFalse(sent.contains(chrome), "sent to the model: " + chrome);
            assertFalse(Files.readString(work.resolve("out/briefing.json")).contains(chrome), "in the briefing: " + chrome);
        }
    }

    // ---- paths that cannot be read ----

    @Test
    void should_name_a_path_that_does_not_exist_and_brief_the_rest() {
        CliRun run = brief("no/such/article.txt", GOOD);

        assertEquals(0, run.exitCode(), run.stderr());
        assertWarned(run, "skipped " + work.resolve("no/such/article.txt") + ": no such file or directory");
        assertBriefed(GOOD);
    }

    @Test
    void should_skip_a_file_without_read_permission_or_read_it_as_root() throws IOException {
        Path locked = Files.copy(Path.of(OTHER), work.resolve("locked.txt"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        // root reads a mode-000 file anyway; what matters is that the message matches what happened.
        boolean readable = Files.isReadable(locked);

        CliRun run = brief("locked.txt", GOOD);

        assertEquals(0, run.exitCode(), run.stderr());
        assertBriefed(GOOD);
        if (readable) {
            assertBriefed("locked.txt");
        } else {
            assertWarned(run, "skipped " + locked + ": permission denied");
            assertEquals(1, briefing().get("articles").size());
        }
    }

    @Test
    void should_skip_a_file_whose_read_fails_even_for_root_and_brief_the_rest() {
        // Reading the first byte of a process's own memory fails with EIO, whoever runs it.
        Path mem = Path.of("/proc/self/mem");
        assumeTrue(Files.exists(mem), "needs Linux /proc");

        CliRun run = brief(mem.toString(), GOOD);

        assertEquals(0, run.exitCode(), run.stderr());
        assertWarned(run, "skipped /proc/self/mem: cannot read it (Input/output error)");
        assertBriefed(GOOD);
    }

    @Test
    void should_skip_a_symbolic_link_loop_named_or_found_in_a_directory() throws IOException {
        Path named = work.resolve("loop.txt");
        Path inDir = work.resolve("dir/again.txt");
        Path dirLoop = work.resolve("dir/up");
        try {
            Files.createSymbolicLink(named, named.getFileName());
            Files.createDirectories(inDir.getParent());
            Files.createSymbolicLink(inDir, inDir.getFileName());
            Files.createSymbolicLink(dirLoop, work.resolve("dir"));
        } catch (UnsupportedOperationException | IOException e) {
            assumeTrue(false, "no symbolic links here: " + e);
        }
        Files.copy(Path.of(OTHER), work.resolve("dir/real.txt"));

        CliRun run = brief("loop.txt", "dir", GOOD);

        assertEquals(0, run.exitCode(), run.stderr());
        assertWarned(run, "skipped " + named + ": symbolic link loop");
        assertWarned(run, "skipped " + inDir + ": symbolic link loop");
        assertWarned(run, "skipped " + dirLoop + ": symbolic link to a directory, not followed");
        assertBriefed(GOOD);
        assertBriefed("dir/real.txt");
    }

    @Test
    void should_follow_a_link_in_a_folder_only_when_its_target_stays_inside_the_folder() throws IOException {
        Path secret = Files.writeString(work.resolve("private/diary.txt".replace("/", "-")),
                "私人日记：今天的密码是 hunter2，这段文字绝不能出现在简报里。我们讨论了很多私人的事情，这些内容属于写日记的人。\n");
        Path inbox = Files.createDirectories(work.resolve("inbox"));
        Path raw = Files.createDirectories(inbox.resolve("raw"));
        Files.copy(Path.of(GOOD), raw.resolve("article.data")); // not an article name: only the link finds it
        Path outside = inbox.resolve("leak.txt");
        Path passwd = inbox.resolve("passwd.txt");
        Path within = inbox.resolve("today.txt");
        try {
            Files.createSymbolicLink(outside, secret);
            Files.createSymbolicLink(passwd, Path.of("/etc/passwd"));
            Files.createSymbolicLink(within, Path.of("raw/article.data"));
        } catch (UnsupportedOperationException | IOException e) {
            assumeTrue(false, "no symbolic links here: " + e);
        }

        CliRun run = brief("inbox");

        assertEquals(0, run.exitCode(), run.stderr());
        assertWarned(run, "skipped " + outside + ": symbolic link to a file outside " + inbox
                + ", not followed (name the file itself to read it)");
        assertWarned(run, "skipped " + passwd + ": symbolic link to a file outside " + inbox
                + ", not followed (name the file itself to read it)");
        assertBriefed("inbox/today.txt");
        assertFalse(model.requests().stream().anyMatch(r -> r.messages().toString().contains("hunter2")
                || r.messages().toString().contains("root:")), "nothing outside the inbox reaches the model");
        assertFalse(Files.readString(work.resolve("out/briefing.json")).contains("hunter2"));

        // A file named on the command line is read as given, link or not.
        Path named = work.resolve("named.txt");
        Files.createSymbolicLink(named, secret);
        CliRun asGiven = brief("named.txt", GOOD);
        assertEquals(0, asGiven.exitCode(), asGiven.stderr());
        assertTrue(model.requests().stream().anyMatch(r -> r.messages().toString().contains("hunter2")));
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void should_skip_a_pipe_in_a_directory_without_waiting_for_a_writer() throws Exception {
        Path fifo = work.resolve("dir/feed.txt");
        Files.createDirectories(fifo.getParent());
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        } catch (IOException e) {
            assumeTrue(false, "no mkfifo here: " + e);
            return;
        }
        assumeTrue(mkfifo.waitFor() == 0, "mkfifo failed");
        Files.copy(Path.of(OTHER), work.resolve("dir/real.txt"));

        CliRun run = brief("dir");

        assertEquals(0, run.exitCode(), run.stderr());
        assertWarned(run, "skipped " + fifo + ": not a regular file (a pipe, socket or device)");
        assertBriefed("dir/real.txt");
    }

    // ---- standard input ----

    @Test
    void should_skip_stdin_closed_before_anything_was_written_and_brief_the_rest() {
        CliRun run = briefWithStdin(InputStream.nullInputStream(), "-", GOOD);

        assertEquals(0, run.exitCode(), run.stderr());
        assertWarned(run, "skipped -: empty");
        assertBriefed(GOOD);
    }

    @Test
    void should_exit_2_when_stdin_is_the_only_input_and_is_closed_empty() {
        CliRun run = briefWithStdin(InputStream.nullInputStream(), "-");

        assertEquals(2, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("error: no readable article in - (1 skipped: skipped -: empty)"), run.stderr());
        assertEquals(0, model.requests().size());
    }

    @Test
    void should_skip_stdin_that_fails_while_being_read_and_brief_the_rest() {
        InputStream broken = new InputStream() {
            private int sent;

            @Override
            public int read() throws IOException {
                if (sent++ < 10) {
                    return "俄".getBytes(StandardCharsets.UTF_8)[sent % 3];
                }
                throw new IOException("Stream closed");
            }
        };

        CliRun run = briefWithStdin(broken, "-", GOOD);

        assertEquals(0, run.exitCode(), run.stderr());
        assertWarned(run, "skipped -: cannot read it (Stream closed)");
        assertBriefed(GOOD);
    }

    // ---- helpers ----

    private CliRun brief(String... inputs) {
        List<String> args = new ArrayList<>(List.of("brief", "--format", "json", "-o", "out"));
        args.addAll(List.of(inputs));
        return CliRun.run(work, backend(), Map.of(), "", args.toArray(String[]::new));
    }

    private CliRun briefWithStdin(InputStream stdin, String... inputs) {
        List<String> args = new ArrayList<>(List.of("brief", "--format", "json", "-o", "out"));
        args.addAll(List.of(inputs));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args.toArray(String[]::new), stdin, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), backend(), CliRun.CLOCK, work);
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Backend.Factory backend() {
        return (host, name, timeout) -> new Backend(FakeServer.with(name), model);
    }

    private static void assertWarned(CliRun run, String line) {
        assertTrue(run.stderr().lines().anyMatch(l -> l.equals("warning: " + line)),
                "expected the line 'warning: " + line + "' on stderr:\n" + run.stderr());
    }

    private JsonNode briefing() {
        try {
            return JSON.readTree(work.resolve("out/briefing.json").toFile());
        } catch (IOException e) {
            throw new AssertionError("no briefing written", e);
        }
    }

    private List<String> warnings() {
        List<String> lines = new ArrayList<>();
        briefing().get("warnings").forEach(w -> lines.add(w.asText()));
        return lines;
    }

    private JsonNode article(String path) {
        for (JsonNode a : briefing().get("articles")) {
            if (a.get("path").asText().equals(path)) {
                return a;
            }
        }
        throw new AssertionError("article " + path + " not in the briefing: " + briefing().get("articles"));
    }

    /** In the briefing's article list, and the model was shown its text and its notes survived. */
    private void assertBriefed(String path) {
        JsonNode a = article(path);
        String id = a.get("id").asText();
        assertTrue(model.requests().stream().anyMatch(r -> r.purpose().contains(id)), "never sent: " + path);
        assertTrue(briefing().get("events").toString().contains(id), "no event cites " + path);
    }

    private String lastParagraphSentFor(String articleId) {
        List<ModelRequest> maps = model.requests().stream()
                .filter(r -> r.purpose().startsWith("map " + articleId)).toList();
        String user = maps.get(maps.size() - 1).messages().get(1).text();
        List<String> paragraphs = user.lines().filter(l -> l.startsWith("[P")).toList();
        String last = paragraphs.get(paragraphs.size() - 1);
        return last.substring(last.indexOf("] ") + 2);
    }

    /**
     * The seed's first line is not a headline, so its title is derived: the first clause or sentence
     * of that line. Read with the wrong charset, it would not be the start of the line at all.
     */
    private static void assertDecodedTitle(String seed, String title) throws IOException {
        assertTrue(title.length() >= 8 && sourceTitle(seed).startsWith(title), title);
    }

    private static String sourceTitle(String seed) throws IOException {
        return Files.readString(Path.of(seed)).lines().filter(l -> !l.isBlank()).findFirst().orElseThrow().strip();
    }

    private static int firstNonUtf8(byte[] bytes) {
        var in = java.nio.ByteBuffer.wrap(bytes);
        StandardCharsets.UTF_8.newDecoder().decode(in, java.nio.CharBuffer.allocate(bytes.length), true);
        return in.position();
    }
}
