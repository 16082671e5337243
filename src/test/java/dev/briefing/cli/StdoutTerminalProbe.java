package dev.briefing.cli;

/** Prints what {@link StdoutTerminal} decides in a fresh JVM, for the pseudo-terminal test. */
public final class StdoutTerminalProbe {

    private StdoutTerminalProbe() {
    }

    public static void main(String[] args) {
        System.err.println("stdout terminal: " + StdoutTerminal.detect());
    }
}
