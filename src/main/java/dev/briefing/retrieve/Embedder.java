package dev.briefing.retrieve;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns text into a dense vector for retrieval. The in-process model lives behind this
 * interface (dev.briefing.embed), so retrieval is tested with it and the index records which
 * model built its vectors.
 */
public interface Embedder {

    /** Names the model and how it is used; a change means the stored vectors are stale. */
    String id();

    int dimensions();

    /** The vector of a passage, unit length. */
    float[] embed(String text);

    /** The vector of a search query; models trained with a query instruction add it here. */
    default float[] embedQuery(String query) {
        return embed(query);
    }

    default List<float[]> embedAll(List<String> texts) {
        List<float[]> vectors = new ArrayList<>(texts.size());
        for (String text : texts) {
            vectors.add(embed(text));
        }
        return vectors;
    }
}
