package dev.briefing.embed;

import dev.briefing.retrieve.Embedder;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;
import java.util.List;

/**
 * BAAI's bge-small-zh-v1.5 (quantized), run in-process through LangChain4j's ONNX module; the
 * weights ship inside its jar, so nothing is downloaded at run time. A Chinese model: English
 * text lands only modestly near Chinese text of the same meaning, which is why {@code briefing
 * ask} rewrites non-Chinese questions into Chinese queries first.
 *
 * <p>The only class outside dev.briefing.ollama that imports LangChain4j (ArchitectureTest).
 */
public final class BgeSmallZhEmbedder implements Embedder {
    /**
     * The query instruction the model card recommends for short queries against passages
     * ("generate a representation of this sentence for retrieving related articles").
     */
    static final String QUERY_INSTRUCTION = "为这个句子生成表示以用于检索相关文章：";
    private static final String ID = "bge-small-zh-v1.5-q/onnx/langchain4j-embeddings-1.11.0-beta19/query-instruction-v1";

    private final EmbeddingModel model;

    private BgeSmallZhEmbedder() {
        // The caller's thread does the work: no pool threads left behind by a CLI run.
        this.model = new BgeSmallZhV15QuantizedEmbeddingModel(Runnable::run);
    }

    /** Loading the model takes about half a second; one instance serves the whole process. */
    public static BgeSmallZhEmbedder shared() {
        return Holder.INSTANCE;
    }

    private static final class Holder {
        static final BgeSmallZhEmbedder INSTANCE = new BgeSmallZhEmbedder();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int dimensions() {
        return 512;
    }

    @Override
    public float[] embed(String text) {
        return model.embed(text).content().vector();
    }

    @Override
    public float[] embedQuery(String query) {
        return embed(QUERY_INSTRUCTION + query);
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        return model.embedAll(texts.stream().map(TextSegment::from).toList()).content().stream()
                .map(e -> e.vector()).toList();
    }
}
