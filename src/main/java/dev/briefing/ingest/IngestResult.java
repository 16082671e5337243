package dev.briefing.ingest;

import java.util.List;

/** The documents that could be read, and one warning line for each input that was skipped. */
public record IngestResult(List<SourceDocument> documents, List<String> warnings) {
    public IngestResult {
        documents = List.copyOf(documents);
        warnings = List.copyOf(warnings);
    }
}
