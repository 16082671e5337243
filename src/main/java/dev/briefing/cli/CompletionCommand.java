package dev.briefing.cli;

import dev.briefing.error.BriefingException;
import dev.briefing.error.ExitCode;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code briefing completion bash|zsh}: a completion script for the shell, made from the same
 * option sets the commands parse, so it never lists an option a command would refuse.
 */
final class CompletionCommand implements Main.Command {
    @Override
    public int help(Io io) {
        io.out().println("usage: briefing completion bash|zsh");
        io.out().println("Prints a completion script. Load it with:");
        io.out().println("  bash: source <(briefing completion bash)     (or save it under ~/.local/share/bash-completion/completions/briefing)");
        io.out().println("  zsh:  source <(briefing completion zsh)      (or save it as _briefing in a folder on $fpath)");
        return ExitCode.OK.code();
    }

    @Override
    public int run(String[] args, Io io) {
        if (args.length == 1 && (args[0].equals("-h") || args[0].equals("--help"))) {
            return help(io);
        }
        if (args.length != 1 || !List.of("bash", "zsh").contains(args[0])) {
            throw BriefingException.usage("completion needs a shell: bash or zsh", "e.g. source <(briefing completion bash)");
        }
        io.out().print(args[0].equals("bash") ? bash() : zsh());
        return ExitCode.OK.code();
    }

    /** Each command's options, as typed on the command line ({@code -o}, {@code --out}). */
    static Map<String, List<String>> optionsByCommand() {
        Map<String, List<String>> all = new java.util.LinkedHashMap<>();
        for (String name : Main.COMMANDS) {
            Options options = Main.optionsOf(name);
            all.put(name, options == null ? List.of() : words(options));
        }
        return all;
    }

    private static List<String> words(Options options) {
        TreeSet<String> words = new TreeSet<>();
        for (Option o : options.getOptions()) {
            if (o.getOpt() != null) {
                words.add("-" + o.getOpt());
            }
            if (o.getLongOpt() != null) {
                words.add("--" + o.getLongOpt());
            }
        }
        return List.copyOf(words);
    }

    static String bash() {
        StringBuilder s = new StringBuilder();
        s.append("# bash completion for briefing: source <(briefing completion bash)\n");
        s.append("_briefing() {\n");
        s.append("  local cur=\"${COMP_WORDS[COMP_CWORD]}\" cmd=\"${COMP_WORDS[1]}\" opts\n");
        s.append("  if [[ $COMP_CWORD -eq 1 ]]; then\n");
        s.append("    COMPREPLY=($(compgen -W \"").append(String.join(" ", Main.COMMANDS))
                .append(" --help --version\" -- \"$cur\"))\n");
        s.append("    return\n  fi\n");
        s.append("  case \"$cmd\" in\n");
        optionsByCommand().forEach((name, opts) -> {
            String extra = switch (name) {
                case "help" -> String.join(" ", Main.COMMANDS);
                case "completion" -> "bash zsh";
                case "prompts" -> "list show";
                default -> "";
            };
            s.append("    ").append(name).append(") opts=\"").append(String.join(" ", opts))
                    .append(extra.isEmpty() ? "" : (opts.isEmpty() ? "" : " ") + extra).append("\" ;;\n");
        });
        s.append("    *) opts=\"\" ;;\n  esac\n");
        s.append("  if [[ \"$cur\" == -* || -z \"$(compgen -f -- \"$cur\")\" ]]; then\n");
        s.append("    COMPREPLY=($(compgen -W \"$opts\" -- \"$cur\"))\n");
        s.append("  else\n");
        s.append("    COMPREPLY=($(compgen -W \"$opts\" -- \"$cur\") $(compgen -f -- \"$cur\"))\n");
        s.append("  fi\n");
        s.append("}\n");
        s.append("complete -o filenames -F _briefing briefing\n");
        return s.toString();
    }

    static String zsh() {
        StringBuilder s = new StringBuilder();
        s.append("#compdef briefing\n");
        s.append("# zsh completion for briefing: source <(briefing completion zsh), or save as _briefing on $fpath\n");
        s.append("_briefing() {\n");
        s.append("  local -a commands\n");
        s.append("  commands=(").append(Main.COMMANDS.stream().map(c -> "'" + c + "'")
                .collect(Collectors.joining(" "))).append(")\n");
        s.append("  if (( CURRENT == 2 )); then\n");
        s.append("    compadd -a commands; compadd -- --help --version\n");
        s.append("    return\n  fi\n");
        s.append("  local -a opts\n");
        s.append("  case \"$words[2]\" in\n");
        optionsByCommand().forEach((name, opts) -> {
            String extra = switch (name) {
                case "help" -> String.join(" ", Main.COMMANDS);
                case "completion" -> "bash zsh";
                case "prompts" -> "list show";
                default -> "";
            };
            String all = String.join(" ", opts) + (extra.isEmpty() ? "" : (opts.isEmpty() ? "" : " ") + extra);
            s.append("    ").append(name).append(") opts=(").append(all).append(") ;;\n");
        });
        s.append("  esac\n");
        s.append("  compadd -a opts\n");
        s.append("  _files\n");
        s.append("}\n");
        s.append("if [[ $zsh_eval_context[-1] == loadautofunc ]]; then _briefing \"$@\"; else compdef _briefing briefing; fi\n");
        return s.toString();
    }
}
