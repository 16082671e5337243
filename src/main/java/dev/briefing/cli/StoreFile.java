package dev.briefing.cli;

import java.nio.file.Path;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** Where the store is: {@code --db FILE}, else {@code briefing.db} in the data directory. */
final class StoreFile {
    static final String NAME = "briefing.db";

    private StoreFile() {
    }

    static void addOptions(Options o) {
        o.addOption(DataDir.option());
        o.addOption(Option.builder().longOpt("db").hasArg().argName("FILE")
                .desc("the store and call cache (default <data-dir>/" + NAME + ")").get());
    }

    static Path resolve(Settings settings, Io io) {
        String db = settings.get("db", null, null);
        return db != null ? io.workDir().resolve(db).toAbsolutePath().normalize()
                : DataDir.resolve(settings, io).resolve(NAME);
    }

    /**
     * The file {@code brief} caches model replies in: {@code --db}, else the store of a data
     * directory the user named, else the cache home's (a cache, not data: {@code $XDG_CACHE_HOME}).
     */
    static Path callCache(Settings settings, Io io) {
        if (settings.get("db", null, null) != null || DataDir.chosen(settings) != null) {
            return resolve(settings, io);
        }
        Homes homes = Homes.of(io.env(), io.workDir());
        String note = homes.legacyNote(io.workDir());
        if (note != null && !settings.quiet()) {
            io.err().println(note);
        }
        return homes.callCache();
    }

    /** The path as the user would type it: relative to the working directory when under it. */
    static String shown(Path file, Io io) {
        Path work = io.workDir().toAbsolutePath().normalize();
        return file.startsWith(work) ? work.relativize(file).toString() : file.toString();
    }
}
