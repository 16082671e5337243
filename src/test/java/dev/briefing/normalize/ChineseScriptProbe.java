package dev.briefing.normalize;

/** Run in a JVM of its own by ChineseScriptTest: what ChineseScript does with the class path it was given. */
public final class ChineseScriptProbe {
    private ChineseScriptProbe() {
    }

    public static void main(String[] args) {
        System.out.println(ChineseScript.tabled() + " " + ChineseScript.convertsWithoutIcu() + " "
                + ChineseScript.detect(args[0]) + " " + ChineseScript.toSimplified(args[0]));
    }
}
