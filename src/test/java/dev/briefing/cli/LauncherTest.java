package dev.briefing.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code briefing} launcher script, run by bash with a stand-in {@code java} on PATH (nothing is built). */
class LauncherTest {
    private static final Path LAUNCHER = Path.of("briefing").toAbsolutePath();
    @TempDir
    Path tmp;

    private record Ran(int code, String out, String err) {
    }

    private Ran run(Path script, String path, String... args) throws IOException, InterruptedException {
        return run(java.util.Map.of(), script, path, args);
    }

    private Ran run(java.util.Map<String, String> env, Path script, String path, String... args)
            throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("/bin/bash", script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(tmp.toFile());
        pb.environment().put("PATH", path);
        pb.environment().remove("BRIEFING_JAR");
        pb.environment().put("XDG_CACHE_HOME", tmp.resolve("cache").toString());
        pb.environment().remove("BRIEFING_JAVA_OPTS");
        pb.environment().remove("JAVA_HOME");
        pb.environment().putAll(env);
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return new Ran(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** A folder holding only the tools named, linked from the real ones, and a stand-in java. */
    private Path bin(String javaVersion, String... tools) throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("bin-" + javaVersion + "-" + tools.length));
        for (String tool : tools) {
            Path real = Path.of("/usr/bin", tool);
            Files.createSymbolicLink(bin.resolve(tool), Files.exists(real) ? real : Path.of("/bin", tool));
        }
        if (javaVersion != null) {
            Path java = bin.resolve("java");
            Files.writeString(java, "#!/bin/bash\nif [[ \"$1\" == -version ]]; then echo 'openjdk version \""
                    + javaVersion + "\" 2024-01-16' >&2; exit 0; fi\nprintf '%s\\n' \"$@\"\n", StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return bin;
    }

    /** The launcher copied into opt/briefing beside a stand-in jar, as an installed copy is. */
    private Path installed() throws IOException {
        Path install = Files.createDirectories(tmp.resolve("opt/briefing"));
        Files.copy(LAUNCHER, install.resolve("briefing"));
        Files.writeString(install.resolve("briefing.jar"), "stand-in");
        return install;
    }

    private static final String[] TOOLS = {"dirname", "readlink", "sed", "head", "find", "stat"};

    @Test
    void should_run_the_jar_beside_the_real_script_when_called_through_a_link() throws Exception {
        Path install = installed();
        Path home = Files.createDirectories(tmp.resolve("home/bin"));
        Files.createSymbolicLink(home.resolve("briefing"), Path.of("../../opt/briefing/briefing"));
        Ran ran = run(home.resolve("briefing"), bin("17.0.9", TOOLS).toString(), "brief", "--help");
        assertEquals(0, ran.code(), ran.err());
        List<String> args = ran.out().lines().toList();
        assertTrue(args.contains(install.toRealPath().resolve("briefing.jar").toString()), ran.out());
        assertEquals(List.of("brief", "--help"), args.subList(args.size() - 2, args.size()));
        assertTrue(args.contains("-Dbriefing.tty.stdout=0"), "stdout is a file here: " + ran.out());
    }

    @Test
    void should_pass_the_users_jvm_options_before_the_jar() throws Exception {
        Path install = Files.createDirectories(tmp.resolve("opts/briefing"));
        Files.copy(LAUNCHER, install.resolve("briefing"));
        Files.writeString(install.resolve("briefing.jar"), "stand-in");
        Ran ran = run(java.util.Map.of("BRIEFING_JAVA_OPTS", "-Xmx2g  -Dsome.flag=1", "BRIEFING_CDS", "0"),
                install.resolve("briefing"), bin("17.0.9", TOOLS).toString(), "brief", "seeds");
        assertEquals(0, ran.code(), ran.err());
        List<String> args = ran.out().lines().toList();
        int jar = args.indexOf("-jar");
        assertTrue(jar > 0, ran.out());
        assertTrue(args.subList(0, jar).containsAll(List.of("-Xmx2g", "-Dsome.flag=1")), ran.out());
        assertEquals(List.of("brief", "seeds"), args.subList(args.size() - 2, args.size()));
    }

    @Test
    void should_say_what_to_install_when_java_or_maven_is_missing() throws Exception {
        Path checkout = Files.createDirectories(tmp.resolve("checkout"));
        Files.copy(LAUNCHER, checkout.resolve("briefing"));
        Ran noJava = run(checkout.resolve("briefing"), bin(null, TOOLS).toString(), "--version");
        assertEquals(2, noJava.code());
        assertTrue(noJava.err().contains("install a JDK 17+ and Maven"), noJava.err());

        Ran oldJava = run(checkout.resolve("briefing"), bin("1.8.0_392", TOOLS).toString(), "--version");
        assertEquals(2, oldJava.code());
        assertTrue(oldJava.err().contains("needs Java 17 or newer; 'java' here is version 1"), oldJava.err());

        // JAVA_HOME names the JDK that is run, and the message says so: the 21 on PATH is not used.
        Path oldHome = tmp.resolve("jdk-11");
        Files.createDirectories(oldHome);
        Files.createSymbolicLink(oldHome.resolve("bin"), bin("11.0.21", TOOLS));
        Path path21 = bin("21.0.1", TOOLS);
        Ran oldJavaHome = run(java.util.Map.of("JAVA_HOME", oldHome.toString()), checkout.resolve("briefing"),
                path21.toString(), "--version");
        assertEquals(2, oldJavaHome.code());
        assertTrue(oldJavaHome.err().contains("needs Java 17 or newer; JAVA_HOME (" + oldHome + ") is version 11"),
                oldJavaHome.err());

        Ran noMaven = run(checkout.resolve("briefing"), path21.toString(), "--version");
        assertEquals(2, noMaven.code());
        assertTrue(noMaven.err().startsWith("error: mvn not found"), noMaven.err());
        assertTrue(noMaven.err().contains("install a JDK 17+ and Maven"), noMaven.err());
    }
    @Test
    void should_create_a_class_data_archive_on_the_first_run_and_map_it_on_the_next() throws Exception {
        Path install = installed();
        Path bin = bin("17.0.9", "dirname", "readlink", "sed", "head", "find", "stat", "mkdir", "mv", "rm");
        // The stand-in JVM writes the archive it is asked to write at exit, as a real one does.
        Files.writeString(bin.resolve("java"), "#!/bin/bash\nif [[ \"$1\" == -version ]]; then echo 'openjdk version"
                + " \"17.0.9\" 2024-01-16' >&2; exit 0; fi\nfor a in \"$@\"; do case \"$a\" in"
                + " -XX:ArchiveClassesAtExit=*) echo archive > \"${a#*=}\";; esac; done\nprintf '%s\\n' \"$@\"\n",
                StandardCharsets.UTF_8);
        Ran first = run(install.resolve("briefing"), bin.toString(), "-v", "--version");
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().contains("-XX:ArchiveClassesAtExit="), first.out());
        assertTrue(first.err().contains("cds: created "), first.err());
        List<Path> archives;
        try (var files = Files.list(tmp.resolve("cache/briefing/cds"))) {
            archives = files.toList();
        }
        assertEquals(1, archives.size(), archives.toString());
        assertTrue(archives.get(0).getFileName().toString().endsWith(".jsa"), archives.toString());

        Ran second = run(install.resolve("briefing"), bin.toString(), "--version");
        assertEquals(0, second.code(), second.err());
        assertTrue(second.out().contains("-XX:SharedArchiveFile=" + archives.get(0)), second.out());
        assertEquals("", second.err(), "without -v the archive is used silently");
        List<String> args = second.out().lines().toList();
        assertEquals("--version", args.get(args.size() - 1));
    }

    @Test
    void should_keep_the_archive_of_a_pipeline_run_over_a_short_commands_and_none_of_a_failed_run() throws Exception {
        Path install = installed();
        Path bin = bin("17.0.9", "dirname", "readlink", "sed", "head", "find", "stat", "mkdir", "mv", "rm");
        // Writes the archive it is asked for; exits 2 for the command "nonsense", as bad usage does.
        Files.writeString(bin.resolve("java"), "#!/bin/bash\nif [[ \"$1\" == -version ]]; then echo 'openjdk version"
                + " \"17.0.9\" 2024-01-16' >&2; exit 0; fi\ncode=0\nfor a in \"$@\"; do case \"$a\" in"
                + " -XX:ArchiveClassesAtExit=*) echo archive > \"${a#*=}\";; nonsense) code=2;; esac; done\n"
                + "printf '%s\\n' \"$@\"\nexit $code\n", StandardCharsets.UTF_8);
        Path cds = tmp.resolve("cache/briefing/cds");

        Ran failed = run(install.resolve("briefing"), bin.toString(), "nonsense");
        assertEquals(2, failed.code(), failed.err());
        assertTrue(failed.out().contains("-XX:ArchiveClassesAtExit="), failed.out());
        assertEquals(List.of(), archives(cds), "a run that ends in an error keeps no archive");

        // A pipeline command's help or dry run loads no more than a short command: no pipeline archive from it.
        for (String[] notARun : List.of(new String[] {"brief", "--help"}, new String[] {"daily", "--dry-run", "x"},
                new String[] {"ask", "-h"})) {
            Ran ran = run(install.resolve("briefing"), bin.toString(), notARun);
            assertEquals(0, ran.code(), ran.err());
            List<Path> kept = archives(cds);
            assertEquals(1, kept.size(), kept.toString());
            assertTrue(kept.get(0).getFileName().toString().endsWith(".small.jsa"), String.join(" ", notARun) + ": " + kept);
            Files.delete(kept.get(0));
        }

        Ran shortOne = run(install.resolve("briefing"), bin.toString(), "prompts", "list");
        assertEquals(0, shortOne.code(), shortOne.err());
        List<Path> small = archives(cds);
        assertEquals(1, small.size(), small.toString());
        assertTrue(small.get(0).getFileName().toString().endsWith(".small.jsa"), small.toString());
        Ran mapsSmall = run(install.resolve("briefing"), bin.toString(), "models");
        assertTrue(mapsSmall.out().contains("-XX:SharedArchiveFile=" + small.get(0)), mapsSmall.out());

        // A pipeline command records its own (the short command's archive lacks the pipeline's classes).
        Ran brief = run(install.resolve("briefing"), bin.toString(), "brief", "seeds/");
        assertEquals(0, brief.code(), brief.err());
        assertTrue(brief.out().contains("-XX:ArchiveClassesAtExit="), brief.out());
        assertFalse(brief.out().contains("-XX:SharedArchiveFile="), brief.out());
        List<Path> full = archives(cds);
        assertEquals(1, full.size(), "the small archive is dropped: " + full);
        assertFalse(full.get(0).getFileName().toString().endsWith(".small.jsa"), full.toString());
        assertTrue(full.get(0).getFileName().toString().endsWith(".brief.jsa"), full.toString());
        for (String[] command : List.of(new String[] {"--help"}, new String[] {"brief", "x"})) {
            Ran next = run(install.resolve("briefing"), bin.toString(), command);
            assertTrue(next.out().contains("-XX:SharedArchiveFile=" + full.get(0)), next.out());
            assertFalse(next.out().contains("-XX:ArchiveClassesAtExit="), next.out());
        }

        // Another pipeline command loads classes brief does not: it records its own, beside brief's.
        Ran daily = run(install.resolve("briefing"), bin.toString(), "daily", "--inbox", "news");
        assertTrue(daily.out().contains("-XX:ArchiveClassesAtExit="), daily.out());
        List<Path> both = archives(cds);
        assertEquals(2, both.size(), both.toString());
        Path dailys = both.stream().filter(f -> f.getFileName().toString().endsWith(".daily.jsa")).findFirst()
                .orElseThrow(() -> new AssertionError(both.toString()));
        Ran again = run(install.resolve("briefing"), bin.toString(), "daily", "--inbox", "news");
        assertTrue(again.out().contains("-XX:SharedArchiveFile=" + dailys), again.out());
        Ran shortAgain = run(install.resolve("briefing"), bin.toString(), "history");
        assertTrue(shortAgain.out().contains("-XX:SharedArchiveFile=" + full.get(0)), "short commands map brief's first: "
                + shortAgain.out());
    }

    /** A stand-in JVM that writes the archive it is asked to write at exit, as a real one does. */
    private static void archivingJava(Path bin) throws IOException {
        Files.writeString(bin.resolve("java"), "#!/bin/bash\nif [[ \"$1\" == -version ]]; then echo 'openjdk version"
                + " \"17.0.9\" 2024-01-16' >&2; exit 0; fi\nfor a in \"$@\"; do case \"$a\" in"
                + " -XX:ArchiveClassesAtExit=*) echo archive > \"${a#*=}\";; esac; done\nprintf '%s\\n' \"$@\"\n",
                StandardCharsets.UTF_8);
    }

    private static void script(Path file, String body) throws IOException {
        Files.writeString(file, "#!/bin/bash\n" + body, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void should_name_the_archive_by_the_jars_size_and_time_with_bsd_tools_or_without_stat() throws Exception {
        Path install = Files.createDirectories(tmp.resolve("opt/briefing"));
        Files.copy(LAUNCHER, install.resolve("briefing"));
        Path jar = install.resolve("briefing.jar");
        Files.writeString(jar, "stand-in, 22 bytes....");
        // macOS: find has no -printf, stat takes -f with its own letters (%z size, %m time) and no -c.
        Path bsd = bin("17.0.9", "dirname", "readlink", "sed", "head", "mkdir", "mv", "rm");
        script(bsd.resolve("find"), "for a in \"$@\"; do if [[ \"$a\" == -printf ]]; then"
                + " echo 'find: -printf: unknown primary or operator' >&2; exit 1; fi; done\nexec /usr/bin/find \"$@\"\n");
        script(bsd.resolve("stat"), "if [[ \"$1\" != -f ]]; then echo \"stat: illegal option -- ${1#-}\" >&2; exit 1; fi\n"
                + "exec /usr/bin/stat -c \"$(printf '%s' \"$2\" | /usr/bin/sed -e 's/%z/%s/g' -e 's/%m/%Y/g')\" \"$3\"\n");
        archivingJava(bsd);
        // No stat at all: the size from wc, the time from date -r.
        Path bare = bin("17.0.9", "dirname", "readlink", "sed", "head", "find", "mkdir", "mv", "rm", "wc", "tr", "date");
        archivingJava(bare);
        Path cds = tmp.resolve("cache/briefing/cds");
        for (Path bin : List.of(bsd, bare)) {
            Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(1_700_000_000_000L));
            Ran first = run(install.resolve("briefing"), bin.toString(), "--version");
            assertEquals(0, first.code(), first.err());
            assertTrue(first.out().contains("-XX:ArchiveClassesAtExit="), bin + ": " + first.out());
            List<Path> recorded = archives(cds);
            assertEquals(1, recorded.size(), recorded.toString());
            assertEquals("briefing-17.0.9-22-1700000000.small.jsa", recorded.get(0).getFileName().toString());
            Ran second = run(install.resolve("briefing"), bin.toString(), "--version");
            assertTrue(second.out().contains("-XX:SharedArchiveFile=" + recorded.get(0)), bin + ": " + second.out());

            // A jar with another time is another jar: its archive is recorded again, the old one dropped.
            Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(1_700_000_060_000L));
            Ran changed = run(install.resolve("briefing"), bin.toString(), "--version");
            assertTrue(changed.out().contains("-XX:ArchiveClassesAtExit="), bin + ": " + changed.out());
            assertEquals(List.of(cds.resolve("briefing-17.0.9-22-1700000060.small.jsa")), archives(cds));
            for (Path old : archives(cds)) {
                Files.delete(old);
            }
        }
    }

    /**
     * A stand-in JDK 25: records the configuration it is asked to record, builds a cache from one
     * (logging that call beside itself), exits 2 for the command "nonsense", as bad usage does.
     */
    private static Path aotJava(Path home) throws IOException {
        Path bin = Files.createDirectories(home.resolve("bin"));
        script(bin.resolve("java"), "if [[ \"$1\" == -version ]]; then echo 'openjdk version \"25.0.1\" 2025-10-21' >&2;"
                + " exit 0; fi\ncode=0; mode=; conf=; cache=\nfor a in \"$@\"; do case \"$a\" in"
                + " -XX:AOTMode=*) mode=${a#*=};; -XX:AOTConfiguration=*) conf=${a#*=};; -XX:AOTCache=*) cache=${a#*=};;"
                + " nonsense) code=2;; esac; done\n"
                + "if [[ \"$mode\" == record ]]; then echo configuration > \"$conf\"; fi\n"
                + "if [[ \"$mode\" == create ]]; then printf '%s\\n' \"$@\" >> \"$(dirname \"$0\")/create.log\";"
                + " [[ -s \"$conf\" ]] && echo cache > \"$cache\"; fi\n"
                + "printf '%s\\n' \"$@\"\nexit $code\n");
        return home;
    }

    /** Waits for the launcher's background build to finish: the cache in place, its temporary files gone. */
    static List<Path> awaitCache(Path cds, String suffix) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (true) {
            List<Path> files = archives(cds);
            boolean building = files.stream().map(f -> f.getFileName().toString())
                    .anyMatch(n -> n.endsWith(".aotconf") || n.endsWith(".part"));
            if (!building && files.stream().anyMatch(f -> f.getFileName().toString().endsWith(suffix))) {
                return files;
            }
            assertTrue(System.nanoTime() < deadline, "no " + suffix + " built in the background: " + files);
            Thread.sleep(50);
        }
    }

    @Test
    void should_use_the_jdks_aot_cache_on_jdk_25_built_in_the_background_after_the_run() throws Exception {
        Path install = installed();
        // JAVA_HOME names the JDK 25; the java on PATH is a 17 and must not be the one run.
        Path jdk25 = aotJava(tmp.resolve("jdk-25"));
        Path path = bin("17.0.9", "dirname", "readlink", "sed", "head", "find", "stat", "mkdir", "mv", "rm", "nice");
        java.util.Map<String, String> env = java.util.Map.of("JAVA_HOME", jdk25.toString());
        Path cds = tmp.resolve("cache/briefing/cds");

        Ran first = run(env, install.resolve("briefing"), path.toString(), "-v", "--version");
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().contains("-XX:AOTMode=record"), first.out());
        assertFalse(first.out().contains("-XX:ArchiveClassesAtExit="), first.out());
        assertTrue(first.err().contains("cds: creating ") && first.err().contains(".small.aot in the background"),
                first.err());
        List<Path> small = awaitCache(cds, ".small.aot");
        assertEquals(1, small.size(), small.toString());
        List<String> create = Files.readAllLines(jdk25.resolve("bin/create.log"));
        assertTrue(create.contains("-XX:AOTMode=create"), create.toString());
        assertTrue(create.contains(install.toRealPath().resolve("briefing.jar").toString()), create.toString());
        assertFalse(create.contains("--version"), "the build runs no command: " + create);

        Ran second = run(env, install.resolve("briefing"), path.toString(), "--version");
        assertEquals(0, second.code(), second.err());
        assertTrue(second.out().contains("-XX:AOTCache=" + small.get(0)), second.out());
        assertFalse(second.out().contains("-XX:AOTMode="), second.out());
        assertEquals("", second.err(), "without -v the cache is used silently");

        // A pipeline run that fails keeps neither its record nor a cache; one that ends well replaces the small one.
        Ran failed = run(env, install.resolve("briefing"), path.toString(), "brief", "nonsense");
        assertEquals(2, failed.code(), failed.err());
        assertTrue(failed.out().contains("-XX:AOTMode=record"), failed.out());
        assertEquals(small, archives(cds), "a failed run leaves nothing behind");
        Ran brief = run(env, install.resolve("briefing"), path.toString(), "brief", "seeds/");
        assertEquals(0, brief.code(), brief.err());
        assertEquals("", brief.err());
        List<Path> full = awaitCache(cds, ".aot");
        while (full.contains(small.get(0))) {
            Thread.sleep(50);
            full = archives(cds);
        }
        assertEquals(1, full.size(), full.toString());
        assertFalse(full.get(0).getFileName().toString().endsWith(".small.aot"), full.toString());
        Ran help = run(env, install.resolve("briefing"), path.toString(), "--help");
        assertTrue(help.out().contains("-XX:AOTCache=" + full.get(0)), help.out());
    }

    @Test
    void should_build_the_aot_cache_without_nice_where_the_system_has_none() throws Exception {
        Path install = installed();
        Path jdk25 = aotJava(tmp.resolve("jdk-25"));
        Path path = bin(null, "dirname", "readlink", "sed", "head", "find", "stat", "mkdir", "mv", "rm");
        Ran first = run(java.util.Map.of("JAVA_HOME", jdk25.toString()), install.resolve("briefing"), path.toString(),
                "ask", "why?", "seeds/");
        assertEquals(0, first.code(), first.err());
        List<Path> built = awaitCache(tmp.resolve("cache/briefing/cds"), ".ask.aot");
        assertEquals(1, built.size(), built.toString());
        assertFalse(Files.readString(jdk25.resolve("bin/create.log")).isEmpty());
    }

    @Test
    void should_say_so_and_use_the_java_on_path_when_java_home_has_no_java() throws Exception {
        Path install = installed();
        Path empty = Files.createDirectories(tmp.resolve("not-a-jdk"));
        Ran ran = run(java.util.Map.of("JAVA_HOME", empty.toString(), "BRIEFING_CDS", "0"), install.resolve("briefing"),
                bin("17.0.9", TOOLS).toString(), "--version");
        assertEquals(0, ran.code(), ran.err());
        assertEquals("warning: JAVA_HOME (" + empty + ") has no bin/java; using java from PATH\n", ran.err());
        assertTrue(ran.out().contains("-XX:TieredStopAtLevel=1"), ran.out());
    }

    /** A jar of one class that prints its arguments, compiled here: the real JVM needs a real jar. */
    private static Path tinyJar(Path dir) throws IOException {
        Path src = Files.createDirectories(dir.resolve("src/tiny"));
        Files.writeString(src.resolve("Hello.java"), "package tiny;\npublic class Hello {\n"
                + "    public static void main(String[] args) {\n"
                + "        System.out.println(\"hello \" + String.join(\" \", args));\n    }\n}\n");
        Path classes = Files.createDirectories(dir.resolve("classes"));
        int compiled = javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, "--release", "17", "-d",
                classes.toString(), src.resolve("Hello.java").toString());
        assertEquals(0, compiled);
        Path jar = dir.resolve("tiny.jar");
        var manifest = new java.util.jar.Manifest();
        manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MAIN_CLASS, "tiny.Hello");
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.putNextEntry(new java.util.jar.JarEntry("tiny/Hello.class"));
            out.write(Files.readAllBytes(classes.resolve("tiny/Hello.class")));
            out.closeEntry();
        }
        return jar;
    }

    @Test
    void should_build_and_map_a_real_aot_cache_with_a_real_jdk_25() throws Exception {
        Path jdk = Jdks.jdk25OrNewer();
        org.junit.jupiter.api.Assumptions.assumeTrue(jdk != null, "no JDK 25+ under /usr/lib/jvm");
        Path jar = tinyJar(tmp.resolve("tiny"));
        Path classLog = tmp.resolve("classes.log");
        java.util.Map<String, String> env = new java.util.HashMap<>(java.util.Map.of("JAVA_HOME", jdk.toString(),
                "BRIEFING_JAR", jar.toString()));
        Path cds = tmp.resolve("cache/briefing/cds");

        Ran first = run(env, LAUNCHER, "/usr/bin:/bin", "brief", "x");
        assertEquals(0, first.code(), first.err());
        assertEquals("hello brief x\n", first.out());
        assertEquals("", first.err(), "recording is silent");
        List<Path> cache = awaitCache(cds, ".aot");
        assertEquals(1, cache.size(), cache.toString());
        assertFalse(cache.get(0).getFileName().toString().endsWith(".small.aot"), cache.toString());

        env.put("BRIEFING_JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog);
        Ran second = run(env, LAUNCHER, "/usr/bin:/bin", "models");
        assertEquals(0, second.code(), second.err());
        assertEquals("hello models\n", second.out());
        assertEquals("", second.err());
        String hello = Files.readAllLines(classLog).stream().filter(l -> l.contains(" tiny.Hello ")).findFirst()
                .orElseThrow(() -> new AssertionError("tiny.Hello never loaded"));
        assertTrue(hello.contains("shared objects file"), "mapped from the cache, not read from the jar: " + hello);
    }

    @Test
    void should_keep_stdout_the_result_and_tell_only_with_v_when_the_archive_is_broken() throws Exception {
        List<Path> jdks = new java.util.ArrayList<>(List.of(Jdks.current()));
        Path jdk25 = Jdks.jdk25OrNewer();
        if (jdk25 != null) {
            jdks.add(jdk25);
        }
        Path jar = tinyJar(tmp.resolve("tiny"));
        for (Path jdk : jdks) {
            Path cache = tmp.resolve("cache-" + jdk.getFileName());
            java.util.Map<String, String> env = java.util.Map.of("JAVA_HOME", jdk.toString(), "BRIEFING_JAR",
                    jar.toString(), "XDG_CACHE_HOME", cache.toString());
            Ran first = run(env, LAUNCHER, "/usr/bin:/bin", "brief", "-v");
            assertEquals("hello brief -v\n", first.out(), jdk + ": " + first.err());
            List<Path> built = awaitCache(cache.resolve("briefing/cds"), jdk.equals(jdk25) ? ".aot" : ".jsa");
            assertEquals(1, built.size(), built.toString());
            assertFalse(built.get(0).toString().contains(".small."), built.toString());
            // Another JDK build's file, a disk error, a copy from another machine: the JVM refuses it.
            Files.writeString(built.get(0), "not an archive");

            Ran quiet = run(env, LAUNCHER, "/usr/bin:/bin", "brief");
            assertEquals(0, quiet.code(), quiet.err());
            assertEquals("hello brief\n", quiet.out(), jdk.toString());
            assertEquals("", quiet.err(), jdk.toString());
            Ran told = run(env, LAUNCHER, "/usr/bin:/bin", "brief", "-v");
            assertEquals(0, told.code(), told.err());
            assertEquals("hello brief -v\n", told.out(), jdk + ": the JVM's complaint must not reach stdout");
            assertTrue(told.err().contains("cds: using " + built.get(0)), told.err());
            if (jdk.equals(jdk25)) {
                // (JDK 17 drops a broken dynamic archive without a word at any level short of info.)
                assertTrue(told.err().lines().anyMatch(l -> l.contains("][aot] Unable to read the file header")),
                        jdk + ": -v shows why the cache was not used: " + told.err());
            }
        }
    }

    static List<Path> archives(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }
}
