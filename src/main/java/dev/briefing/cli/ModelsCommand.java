package dev.briefing.cli;

import dev.briefing.error.ExitCode;
import dev.briefing.pipeline.EngineConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/** {@code briefing models}: what the server has, with the configured model marked. */
final class ModelsCommand implements Main.ParsedCommand {
    static Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("host").hasArg().argName("URL").desc("Ollama server (env OLLAMA_HOST), or an OpenAI-compatible one ending in /v1").get());
        o.addOption(Option.builder("m").longOpt("model").hasArg().argName("NAME")
                .desc("the model to mark (env BRIEFING_MODEL)").get());
        o.addOption(Option.builder("v").longOpt("verbose").desc("stack traces on errors").get());
        o.addOption(Option.builder("h").longOpt("help").desc("this help").get());
        return o;
    }

    @Override
    public int help(Io io) {
        new HelpFormatter().printHelp(new java.io.PrintWriter(io.out(), true), 100, "briefing models [--host URL]",
                "List the models the server has (Ollama's pulled ones, or what a /v1 server serves); * marks the one "
                        + "briefings use.\n\n", options(), 2, 4, "");
        return ExitCode.OK.code();
    }

    @Override
    public Options optionSet() {
        return options();
    }

    @Override
    public int run(CommandLine line, Settings s, Io io) throws ParseException {
        String model = s.get("model", "BRIEFING_MODEL", EngineConfig.DEFAULT_MODEL);
        Backend backend = io.backends().create(s.get("host", "OLLAMA_HOST", null), model, Duration.ofSeconds(10), io.env());
        String host = backend.server().host();
        // The embedded backend's "models" are the files on disk: listing them must not start the
        // first-use download (a gigabyte) that making it reachable would.
        Path modelFile = EmbeddedBackend.modelFile(host);
        boolean embedded = modelFile != null;
        if (!embedded) {
            backend.server().ensureReachable();
        }
        String marked = embedded ? modelFile.getFileName().toString() : model;
        List<String> models = backend.server().models();
        boolean found = false;
        for (String name : models) {
            boolean configured = embedded ? name.equals(marked) : sameModel(name, model);
            found |= configured;
            io.out().println((configured ? "* " : "  ") + name);
        }
        if (embedded) {
            if (!found) {
                io.err().println("the embedded model " + marked + " is not on disk yet: the first brief downloads it to "
                        + modelFile + " (or set BRIEFING_MODEL_FILE to a .gguf)");
            }
            return ExitCode.OK.code();
        }
        // An OpenAI-compatible server serves what it was started with; nothing can be pulled into it.
        boolean openai = host.endsWith("/v1");
        if (models.isEmpty()) {
            io.err().println(openai ? "the server at " + host + " lists no models"
                    : "no models are pulled on " + host + "; run 'ollama pull " + model + "'");
        } else if (!found) {
            io.err().println(openai ? "the configured model " + model + " is not served there; pass one of these with -m"
                    : "the configured model " + model + " is not pulled; run 'ollama pull " + model + "'");
        }
        return ExitCode.OK.code();
    }

    /** Ollama treats a name without a tag as NAME:latest. */
    static boolean sameModel(String listed, String wanted) {
        return withTag(listed).equals(withTag(wanted));
    }

    private static String withTag(String name) {
        return name.contains(":") ? name : name + ":latest";
    }
}
