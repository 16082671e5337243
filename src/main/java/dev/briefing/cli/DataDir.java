package dev.briefing.cli;

import java.nio.file.Path;
import org.apache.commons.cli.Option;

/**
 * Where the commands that keep state between runs (the ask index, the daily store and call cache)
 * keep it: {@code --data-dir}, else {@code BRIEFING_DATA_DIR}, else {@code .briefing/} in the
 * working directory, so two projects in two folders never share a cache by accident.
 */
final class DataDir {
    static final String ENV = "BRIEFING_DATA_DIR";
    static final String DEFAULT = ".briefing";

    private DataDir() {
    }

    static Option option() {
        return Option.builder().longOpt("data-dir").hasArg().argName("DIR")
                .desc("where the index, store and call cache live (env " + ENV + "; default " + DEFAULT + "/)")
                .build();
    }

    /** The data directory as an absolute path; relative values resolve against the working directory. */
    static Path resolve(Settings settings, Io io) {
        return io.workDir().resolve(settings.get("data-dir", ENV, DEFAULT)).toAbsolutePath().normalize();
    }
}
