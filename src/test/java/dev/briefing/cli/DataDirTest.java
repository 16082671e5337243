package dev.briefing.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Options;
import org.junit.jupiter.api.Test;

class DataDirTest {
    private static final Path WORK = Path.of("/tmp/work");

    private static Path resolve(Map<String, String> env, String... args) throws Exception {
        CommandLine line = new DefaultParser().parse(new Options().addOption(DataDir.option()), args);
        Io io = new Io(null, null, null, env, null, null, WORK);
        return DataDir.resolve(new Settings(line, env), io);
    }

    @Test
    void should_default_to_the_xdg_data_home() throws Exception {
        assertEquals(Path.of("/home/u/.local/share/briefing"), resolve(Map.of("HOME", "/home/u")));
        assertEquals(Path.of("/srv/data/briefing"),
                resolve(Map.of("HOME", "/home/u", "XDG_DATA_HOME", "/srv/data")));
    }

    @Test
    void should_fall_back_to_dot_briefing_in_the_working_directory_when_no_home_is_known() throws Exception {
        assertEquals(WORK.resolve(".briefing"), resolve(Map.of()));
    }

    @Test
    void should_prefer_the_flag_over_the_environment() throws Exception {
        assertEquals(Path.of("/data/flag"), resolve(Map.of(DataDir.ENV, "/data/env"), "--data-dir", "/data/flag"));
        assertEquals(Path.of("/data/env"), resolve(Map.of(DataDir.ENV, "/data/env")));
    }

    @Test
    void should_resolve_a_relative_directory_against_the_working_directory() throws Exception {
        assertEquals(WORK.resolve("state"), resolve(Map.of(), "--data-dir", "state/./"));
    }
}
