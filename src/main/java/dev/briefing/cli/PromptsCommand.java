package dev.briefing.cli;

import dev.briefing.error.BriefingException;
import dev.briefing.error.ExitCode;
import dev.briefing.prompt.PromptLibrary;

/** {@code briefing prompts list|show NAME}: the prompt files, as reviewed. */
final class PromptsCommand implements Main.Command {
    @Override
    public int help(Io io) {
        io.out().println("usage: briefing prompts list | briefing prompts show NAME");
        io.out().println("Prompts are Markdown files under prompts/ with a JSON Schema beside each.");
        return ExitCode.OK.code();
    }

    @Override
    public int run(String[] args, Io io) {
        PromptLibrary library = PromptLibrary.bundled();
        if (args.length == 0 || args[0].equals("list")) {
            for (String name : PromptLibrary.NAMES) {
                io.out().println(name + "\t" + library.description(name));
            }
            return ExitCode.OK.code();
        }
        if (args[0].equals("show")) {
            if (args.length < 2) {
                throw BriefingException.usage("prompts show needs a NAME", "run 'briefing prompts list'");
            }
            io.out().print(library.source(args[1]));
            return ExitCode.OK.code();
        }
        if (args[0].equals("-h") || args[0].equals("--help")) {
            return help(io);
        }
        throw BriefingException.usage("unknown prompts subcommand '" + args[0] + "'", "use 'list' or 'show NAME'");
    }
}
