package dev.briefing.bench;

import dev.briefing.normalize.Article;
import dev.briefing.normalize.Paragraph;
import dev.briefing.pipeline.ArticleLoader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Corpora made from the seed articles, deterministically (a fixed RNG seed): each synthetic
 * article takes a run of consecutive paragraphs from one seed and a few paragraphs from the
 * others, under a headline taken from its first paragraph. Events and actors therefore repeat
 * across articles as they do in a day's news, which is what the reduce has to merge.
 */
public final class SyntheticCorpus {
    private final List<Article> seeds;

    private SyntheticCorpus(List<Article> seeds) {
        this.seeds = List.copyOf(seeds);
    }

    /** The seed articles as the engine reads them (cleaned, paragraphs numbered). */
    public static SyntheticCorpus fromSeeds(Path seedDir) {
        ArticleLoader.Loaded loaded = ArticleLoader.load(List.of(seedDir.toString()),
                new ByteArrayInputStream(new byte[0]), seedDir);
        return new SyntheticCorpus(loaded.articles());
    }

    public List<Article> seeds() {
        return seeds;
    }

    /** The text of synthetic article {@code n} of a corpus made with {@code rngSeed}. */
    String article(Random rng, int n) {
        Article main = seeds.get(rng.nextInt(seeds.size()));
        List<Paragraph> ps = main.paragraphs();
        int run = Math.min(ps.size(), 6 + rng.nextInt(8));
        int start = rng.nextInt(ps.size() - run + 1);
        List<String> body = new ArrayList<>();
        for (int i = start; i < start + run; i++) {
            body.add(ps.get(i).text());
        }
        int borrowed = 1 + rng.nextInt(4);
        for (int i = 0; i < borrowed; i++) {
            Article other = seeds.get(rng.nextInt(seeds.size()));
            body.add(1 + rng.nextInt(body.size()), other.paragraphs().get(rng.nextInt(other.paragraphs().size())).text());
        }
        String first = body.get(0);
        int cut = Math.min(first.length(), 22);
        StringBuilder text = new StringBuilder();
        text.append(first, 0, cut).append("（综合报道之").append(n + 1).append("）\n");
        text.append("来源：合成语料第").append(n % 17 + 1).append("号通讯社\n\n");
        for (String p : body) {
            text.append(p).append("\n\n");
        }
        return text.toString();
    }

    /** Writes {@code count} articles as UTF-8 .txt files into {@code dir}; returns the bytes written. */
    public long write(Path dir, int count, long rngSeed) throws IOException {
        Files.createDirectories(dir);
        Random rng = new Random(rngSeed);
        long bytes = 0;
        for (int n = 0; n < count; n++) {
            byte[] data = article(rng, n).getBytes(StandardCharsets.UTF_8);
            Files.write(dir.resolve(String.format(Locale.ROOT, "a%05d.txt", n)), data);
            bytes += data.length;
        }
        return bytes;
    }

    /**
     * At least {@code targetBytes} of input as a web scrape delivers it: mostly UTF-8 text, one
     * article in ten as GB18030 text and one in ten as an HTML page with navigation around it.
     *
     * @return the bytes written
     */
    public long writeMixed(Path dir, long targetBytes, long rngSeed) throws IOException {
        Files.createDirectories(dir);
        Random rng = new Random(rngSeed);
        Charset gb = Charset.forName("GB18030");
        long bytes = 0;
        for (int n = 0; bytes < targetBytes; n++) {
            String text = article(rng, n);
            byte[] data;
            String name;
            if (n % 10 == 3) {
                data = text.getBytes(gb);
                name = String.format(Locale.ROOT, "a%06d.txt", n);
            } else if (n % 10 == 7) {
                StringBuilder html = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>")
                        .append(text, 0, text.indexOf('\n')).append("</title></head><body><nav><a href=\"/\">首页</a>"
                                + " | <a href=\"/world\">国际</a></nav><article>");
                for (String line : text.split("\n")) {
                    if (!line.isBlank()) {
                        html.append("<p>").append(line).append("</p>\n");
                    }
                }
                html.append("</article><footer>版权所有 未经授权不得转载</footer></body></html>\n");
                data = html.toString().getBytes(StandardCharsets.UTF_8);
                name = String.format(Locale.ROOT, "a%06d.html", n);
            } else {
                data = text.getBytes(StandardCharsets.UTF_8);
                name = String.format(Locale.ROOT, "a%06d.txt", n);
            }
            Files.write(dir.resolve(name), data);
            bytes += data.length;
        }
        return bytes;
    }
}
