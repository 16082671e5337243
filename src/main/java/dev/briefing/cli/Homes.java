package dev.briefing.cli;

import dev.briefing.homes.Xdg;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where briefing keeps things between runs, by the XDG base-directory rules: the store and the
 * ask index under {@code $XDG_DATA_HOME/briefing} (default {@code ~/.local/share/briefing}), the
 * call cache of {@code brief} under {@code $XDG_CACHE_HOME/briefing} ({@code ~/.cache/briefing}),
 * the config file at {@code $XDG_CONFIG_HOME/briefing/config} ({@code ~/.config/briefing/config}).
 * Nothing is created here: a directory appears only when something is first written into it.
 *
 * <p>A {@code .briefing/} folder in the working directory, the layout before these homes, is
 * still used where it is (its cache and days stay valid), with one line saying so. With no home
 * known at all (no {@code HOME}, no XDG variable) the working directory's {@code .briefing/} is used.
 *
 * @param legacy the working directory's {@code .briefing/} is in use instead of the XDG homes
 * @param config the config file's path (it may not exist), or null when no home is known
 */
record Homes(Path data, Path cache, Path config, boolean legacy) {
    static final String LEGACY = ".briefing";
    static final String APP = Xdg.APP;

    static Homes of(Map<String, String> env, Path workDir) {
        Path config = Xdg.configHome(env);
        Path configFile = config == null ? null : config.resolve(APP).resolve("config");
        Path old = workDir.resolve(LEGACY).toAbsolutePath().normalize();
        Path data = Xdg.dataHome(env);
        Path cache = Xdg.cacheHome(env);
        if (Files.isDirectory(old) || data == null || cache == null) {
            return new Homes(old, old, configFile, data != null && cache != null);
        }
        return new Homes(data.resolve(APP), cache.resolve(APP), configFile, false);
    }

    /** The file {@code brief} caches model replies in: the old single store when the old folder is in use. */
    Path callCache() {
        return legacy || data.equals(cache) ? data.resolve(StoreFile.NAME) : cache.resolve("calls.db");
    }

    /** The one line a run says when it uses the old folder (null when it does not). */
    String legacyNote(Path workDir) {
        if (!legacy) {
            return null;
        }
        return "note: using ./" + LEGACY + "/ in " + workDir + " (the layout before XDG homes); move its contents to "
                + "$XDG_DATA_HOME/briefing to share them between folders, or keep it to keep this folder separate";
    }
}
