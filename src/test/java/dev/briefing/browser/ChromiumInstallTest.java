package dev.briefing.browser;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When Chromium cannot be installed, the browser tests fail and say what to do. */
class ChromiumInstallTest {

    @TempDir
    Path tmp;

    @Test
    void should_fail_with_what_to_do_when_apt_get_fails() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Chromium.install(tmp.resolve("chromium"), List.of(), "false"));
        assertTrue(e.getMessage().contains("'false -o DPkg::Lock::Timeout=300 update' exited 1"), e.getMessage());
        assertTrue(e.getMessage().endsWith("install it first: apt-get install chromium"), e.getMessage());
        assertTrue(e.getMessage().contains("apt-get.log"), e.getMessage());
    }

    @Test
    void should_fail_with_what_to_do_when_there_is_no_way_to_install() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Chromium.install(tmp.resolve("chromium"), List.of("no-such-sudo-here", "-n"), "apt-get"));
        assertTrue(e.getMessage().contains("could not start"), e.getMessage());
        assertTrue(e.getMessage().endsWith("Install it with: apt-get install chromium"), e.getMessage());
    }

    @Test
    void should_fail_when_the_install_leaves_no_browser() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Chromium.install(tmp.resolve("chromium"), List.of(), "true"));
        assertTrue(e.getMessage().contains("is not there"), e.getMessage());
    }
}
