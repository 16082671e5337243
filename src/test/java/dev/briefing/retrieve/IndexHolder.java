package dev.briefing.retrieve;

import dev.briefing.pipeline.ArticleLoader;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Another process updating an index, for the two-process test: {@code main(dir)} opens the index
 * in {@code dir} (BM25 only), prints {@code holding}, waits for a line on stdin, then indexes the
 * seed articles, prints {@code synced N} and closes.
 */
public final class IndexHolder {
    private IndexHolder() {
    }

    public static void main(String[] args) throws IOException {
        var articles = ArticleLoader.load(List.of("seeds"), new ByteArrayInputStream(new byte[0]), Path.of("")).articles();
        try (PassageIndex index = PassageIndex.open(Path.of(args[0]), null)) {
            System.out.println("holding");
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            System.out.println("synced " + index.sync(articles).added());
            System.out.flush();
        }
    }
}
