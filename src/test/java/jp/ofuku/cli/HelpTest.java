package jp.ofuku.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** Every command's help prints without a picocli warning (an unescaped % in a description, say). */
class HelpTest {

    @Test
    void helpOfEveryCommandPrintsWithoutAWarning() {
        List<List<String>> commands = new ArrayList<>();
        commands.add(List.of("--help"));
        CommandLine root = new CommandLine(new OfukuCommand());
        root.getSubcommands().forEach((name, sub) -> {
            commands.add(List.of("help", name));
            sub.getSubcommands().keySet().forEach(child -> commands.add(List.of(name, child, "--help")));
        });
        PrintStream out = System.out;
        PrintStream err = System.err;
        try {
            for (List<String> args : commands) {
                ByteArrayOutputStream printed = new ByteArrayOutputStream();
                PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8);
                System.setOut(capture);
                System.setErr(capture);
                int status = OfukuCommand.execute(args.toArray(String[]::new));
                String text = printed.toString(StandardCharsets.UTF_8);
                assertThat(status).as("%s: %s", args, text).isZero();
                assertThat(text).as("%s", args).contains("Usage:").doesNotContain("WARN").doesNotContain("Could not format");
            }
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        assertThat(commands).hasSizeGreaterThan(20);
    }
}
