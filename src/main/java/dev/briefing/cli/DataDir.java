package dev.briefing.cli;

import java.nio.file.Path;
import org.apache.commons.cli.Option;

/**
 * Where the commands that keep state between runs (the ask index, the daily store) keep it:
 * {@code --data-dir}, else {@code BRIEFING_DATA_DIR}, else {@code data-dir} in the config file,
 * else the XDG data home ({@link Homes}).
 */
final class DataDir {
    static final String ENV = "BRIEFING_DATA_DIR";

    private DataDir() {
    }

    static Option option() {
        return Option.builder().longOpt("data-dir").hasArg().argName("DIR")
                .desc("where the index, store and call cache live (env " + ENV
                        + "; default $XDG_DATA_HOME/briefing, or ./.briefing/ where one exists)")
                .build();
    }

    /** The data directory as an absolute path; relative values resolve against the working directory. */
    static Path resolve(Settings settings, Io io) {
        String chosen = chosen(settings);
        if (chosen != null) {
            return io.workDir().resolve(chosen).toAbsolutePath().normalize();
        }
        Homes homes = Homes.of(io.env(), io.workDir());
        String note = homes.legacyNote(io.workDir());
        if (note != null && !settings.quiet()) {
            io.err().println(note);
        }
        return homes.data();
    }

    /** The directory the user named (flag, environment or config file), or null for the default home. */
    static String chosen(Settings settings) {
        return settings.get("data-dir", ENV, null);
    }
}
