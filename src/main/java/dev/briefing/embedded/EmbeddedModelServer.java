package dev.briefing.embedded;

import dev.briefing.error.ModelUnavailableException;
import dev.briefing.llm.ModelInfo;
import dev.briefing.llm.ModelServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The embedded backend seen as a "server": reachable once its model file is on disk (fetched
 * on first use when it is the default one), readable as GGUF, and the native library loads.
 */
public final class EmbeddedModelServer implements ModelServer {
    private final ModelFiles files;
    private final ModelDownload download;
    private GgufHeader header;

    public EmbeddedModelServer(ModelFiles files, ModelDownload download) {
        this.files = Objects.requireNonNull(files, "files");
        this.download = Objects.requireNonNull(download, "download");
    }

    @Override
    public String host() {
        return "embedded:" + files.file();
    }

    @Override
    public synchronized void ensureReachable() {
        if (header != null) {
            return;
        }
        if (!files.present()) {
            if (files.download() == null) {
                throw new ModelUnavailableException("the model file " + files.file() + " is gone",
                        "set " + ModelFiles.FILE_ENV + " to a .gguf file");
            }
            download.fetch(files.download(), files.file());
        }
        GgufHeader read = GgufHeader.read(files.file());
        NativeLibrary.ensureLoaded();
        header = read;
    }

    /** The GGUF files in the models directory (or the one named file). */
    @Override
    public List<String> models() {
        Path dir = files.file().getParent();
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".gguf")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The loaded file's context length, whatever {@code model} says: the file is the model. */
    @Override
    public ModelInfo show(String model) {
        ensureReachable();
        int context = header.contextLength();
        return new ModelInfo(files.file().getFileName().toString(), context > 0 ? context : 4096);
    }
}
