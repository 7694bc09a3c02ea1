package jp.ofuku.cli;

import java.io.Console;
import java.util.Arrays;
import java.util.concurrent.Callable;

import jp.ofuku.ops.Audit;
import jp.ofuku.web.ConsoleUsers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "user", mixinStandardHelpOptions = true,
        description = {"The people who may sign in to the web console. The password is asked for twice on the terminal",
                "(or read from OFUKU_NEW_PASSWORD, for scripts); it is kept only as a salted hash."},
        subcommands = {UserCommand.Add.class, UserCommand.Password.class, UserCommand.ListUsers.class},
        footer = {"", "Examples:", "  scripts/ofuku user add yamada --role supervisor", "  scripts/ofuku user add sato --role operator",
                "  scripts/ofuku user password sato", "  scripts/ofuku user list"})
class UserCommand {

    @ParentCommand
    OfukuCommand ofuku;

    static String password() {
        String given = System.getenv("OFUKU_NEW_PASSWORD");
        if (given != null && !given.isEmpty()) {
            return given;
        }
        Console console = System.console();
        if (console == null) {
            throw new OfukuCommand.UserError("no terminal to ask for the password on: set OFUKU_NEW_PASSWORD for this command");
        }
        char[] first = console.readPassword("Password (at least %d characters): ", ConsoleUsers.MIN_PASSWORD);
        char[] second = console.readPassword("Again: ");
        if (first == null || !Arrays.equals(first, second)) {
            throw new OfukuCommand.UserError("the two passwords differ; nothing was changed");
        }
        return new String(first);
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Adds a user who may sign in.")
    static class Add implements Callable<Integer> {
        @ParentCommand
        UserCommand parent;

        @Parameters(paramLabel = "NAME", description = "2 to 40 lower-case letters, digits, '.', '_' or '-'")
        String name;

        @Option(names = "--role", required = true, description = "operator (resolves review items) or supervisor (also runs jobs, manages users)")
        String role;

        @Override
        public Integer call() {
            try {
                parent.ofuku.bean(ConsoleUsers.class).add(Audit.commandLine(), name, role, password());
            } catch (IllegalArgumentException e) {
                throw new OfukuCommand.UserError("user add refused: " + e.getMessage());
            }
            System.out.println("User " + name + " added as " + role + ". Sign in at the console (scripts/ofuku serve).");
            return 0;
        }
    }

    @Command(name = "password", mixinStandardHelpOptions = true, description = "Sets a new password for a user.")
    static class Password implements Callable<Integer> {
        @ParentCommand
        UserCommand parent;

        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            try {
                parent.ofuku.bean(ConsoleUsers.class).setPassword(Audit.commandLine(), name, password());
            } catch (IllegalArgumentException e) {
                throw new OfukuCommand.UserError("user password refused: " + e.getMessage());
            }
            System.out.println("Password of " + name + " changed.");
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the users.")
    static class ListUsers implements Callable<Integer> {
        @ParentCommand
        UserCommand parent;

        @Override
        public Integer call() {
            for (ConsoleUsers.User u : parent.ofuku.bean(ConsoleUsers.class).all()) {
                System.out.printf("%-20s %-10s %s%n", u.username(), u.role(), u.enabled() ? "" : "disabled");
            }
            return 0;
        }
    }
}
