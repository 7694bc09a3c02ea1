package jp.ofuku.cli;

import java.io.PrintWriter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import jp.ofuku.OfukuApplication;
import jp.ofuku.ops.Refusal;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ofuku} command. The application (and its database) starts only when a
 * subcommand needs it, so {@code --help} and usage errors answer at once.
 */
@Command(name = "ofuku", mixinStandardHelpOptions = true, version = "ofuku 0.1",
        description = "Vaccination invitations by post: letters out, reply forms back, sessions booked.",
        subcommands = {ImportCommand.class, InviteCommand.class, ReadCommand.class, ReviewCommand.class, AllocateCommand.class, ConfirmCommand.class, NightlyCommand.class, RestartCommand.class, StopCommand.class, BackupCommand.class, RestoreCommand.class, ServeCommand.class, UserCommand.class, ExportCommand.class, LettersCommand.class, BookingCommand.class, SessionsCommand.class, WaveCommand.class, StatusCommand.class, DemoCommand.class, BenchmarkCommand.class, AccuracyCommand.class, SamplesCommand.class, WorkerCommand.class,
                CommandLine.HelpCommand.class})
public class OfukuCommand implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OfukuCommand.class);

    /** Exit code when the embedded database is owned by another command. */
    public static final int EXIT_BUSY = 3;

    /**
     * Exit code of a run that completed but left something undone an operator must act on:
     * residents left out, letters held back, pages sent to review. Its summary says what and why.
     */
    public static final int EXIT_INCOMPLETE = 4;

    private ConfigurableApplicationContext context;

    public static int execute(String... args) {
        try {
            boolean onlyHelp = args.length == 0 || args[0].equals("help")
                    || java.util.Arrays.stream(args).anyMatch(a -> java.util.List.of("-h", "--help", "-V", "--version").contains(a));
            if (!onlyHelp) {
                jp.ofuku.ops.DataFolder.closeToOthers(jp.ofuku.ops.DataFolder.of(System.getenv()))
                        .ifPresent(done -> System.err.println("ofuku: " + done));
            }
        } catch (java.io.IOException | RuntimeException e) {
            System.err.println("ofuku: could not make sure the data folder is closed to other accounts: " + e.getMessage()
                    + "; check its owner and rights (chmod 750)");
        }
        try (OfukuCommand root = new OfukuCommand()) {
            CommandLine commandLine = new CommandLine(root);
            commandLine.setExecutionExceptionHandler(OfukuCommand::failed);
            return commandLine.execute(args);
        }
    }

    /** The Spring application, started on first use. */
    public <T> T bean(Class<T> type) {
        if (context == null) {
            SpringApplication app = new SpringApplication(OfukuApplication.class);
            app.setBannerMode(Banner.Mode.OFF);
            app.setLogStartupInfo(false);
            app.setAddCommandLineProperties(false);
            context = app.run();
        }
        return context.getBean(type);
    }

    /** One line on stderr saying what went wrong and what to do; the details go to the log. */
    private static int failed(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof Refusal refusal) {
                // a UserError was worded by its command; the machine being busy is nobody's command's
                boolean worded = refusal instanceof UserError || refusal.exitCode() == EXIT_BUSY;
                err.println("ofuku: " + (worded ? "" : command(parseResult) + ": ") + refusal.getMessage());
                return refusal.exitCode();
            }
        }
        log.error("command failed", e);
        err.println("ofuku: failed: " + e + " (details in data/logs/ofuku.log)");
        return 1;
    }

    /** The command as typed, without its options: "booking move". */
    private static String command(CommandLine.ParseResult parseResult) {
        java.util.List<String> names = new java.util.ArrayList<>();
        for (CommandLine.ParseResult p = parseResult.subcommand(); p != null; p = p.subcommand()) {
            names.add(p.commandSpec().name());
        }
        return names.isEmpty() ? "ofuku" : String.join(" ", names);
    }

    @Override
    public void close() {
        if (context != null) {
            context.close();
        }
    }

    /** A refusal worded by its command (naming the command itself), reported as its message alone. */
    public static class UserError extends Refusal {
        public UserError(String message) {
            super(message);
        }
    }
}
