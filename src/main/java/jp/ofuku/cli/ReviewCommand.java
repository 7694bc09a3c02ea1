package jp.ofuku.cli;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

import jp.ofuku.replies.ReviewQueue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "review", mixinStandardHelpOptions = true,
        description = "The pages a person must decide: list them, look at one, resolve it.",
        subcommands = {ReviewCommand.ListItems.class, ReviewCommand.Show.class, ReviewCommand.Resolve.class},
        footer = {"", "Examples:", "  scripts/ofuku review list", "  scripts/ofuku review show 12",
                "  scripts/ofuku review resolve 12 --form 1000000161 --options 2,5 --by yamada",
                "  scripts/ofuku review resolve 13 --not-a-reply --note 'fax cover sheet' --by yamada"})
class ReviewCommand {

    @ParentCommand
    OfukuCommand ofuku;

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Open review items, oldest first.")
    static class ListItems implements Callable<Integer> {
        @ParentCommand
        ReviewCommand review;

        @Override
        public Integer call() {
            List<ReviewQueue.Item> items = review.ofuku.bean(ReviewQueue.class).open();
            if (items.isEmpty()) {
                System.out.println("The review queue is empty.");
                return 0;
            }
            System.out.printf("%6s  %-28s %4s  %-13s %-10s  %s%n", "id", "file", "page", "form (guess)", "options", "why");
            for (ReviewQueue.Item i : items) {
                System.out.printf(Locale.ROOT, "%6d  %-28s %4d  %-13s %-10s  %s%n", i.id(), shorten(i.file(), 28), i.page(),
                        i.guessFormCode() == null ? "-" : i.guessFormCode(), i.guessOptions().isEmpty() ? "-" : i.guessOptions(),
                        i.reason());
            }
            System.out.printf(Locale.ROOT, "%,d open. Next: scripts/ofuku review show ID%n", items.size());
            return 0;
        }

        private static String shorten(String s, int n) {
            return s.length() <= n ? s : "…" + s.substring(s.length() - n + 1);
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One review item: where its page is kept and the machine's guess.")
    static class Show implements Callable<Integer> {
        @ParentCommand
        ReviewCommand review;

        @Parameters(paramLabel = "ID")
        long id;

        @Option(names = "--crops", paramLabel = "DIR", description = "write the page's crops (PNG) into DIR to look at")
        java.nio.file.Path crops;

        @Override
        public Integer call() throws java.io.IOException {
            ReviewQueue queue = review.ofuku.bean(ReviewQueue.class);
            ReviewQueue.Item i = queue.get(id)
                    .orElseThrow(() -> new OfukuCommand.UserError("no review item " + id + "; see scripts/ofuku review list"));
            System.out.println("review item " + i.id());
            System.out.println("  why:        " + i.reason());
            System.out.println("  page:       " + i.page() + " of " + i.file());
            System.out.println("  kept at:    " + i.storedAt());
            System.out.println("  guess:      form " + (i.guessFormCode() == null ? "unknown" : i.guessFormCode())
                    + ", options " + (i.guessOptions().isEmpty() ? "none" : i.guessOptions()));
            if (i.guessResident() != null) {
                System.out.println("  resident:   " + i.guessResident() + " (found in the page's text: check before resolving)");
            }
            if (i.detail() != null && !i.detail().isBlank()) {
                System.out.println("  look at:    " + i.detail());
            }
            System.out.println("  received:   " + i.created());
            java.util.Map<String, byte[]> pieces = queue.crops(i);
            if (crops != null && !pieces.isEmpty()) {
                java.nio.file.Files.createDirectories(crops);
                for (var e : pieces.entrySet()) {
                    java.nio.file.Path png = crops.resolve("review-" + i.id() + "-" + e.getKey() + ".png");
                    java.nio.file.Files.write(png, e.getValue());
                    System.out.println("  crop:       " + png);
                }
            } else if (!pieces.isEmpty()) {
                System.out.println("  crops:      " + String.join(", ", pieces.keySet()) + " (see them with --crops DIR)");
            }
            if (i.pageText() != null && !i.pageText().isBlank()) {
                System.out.println("  text on the page (OCR):");
                i.pageText().lines().filter(l -> !l.isBlank()).forEach(l -> System.out.println("    " + l));
            }
            if (i.resolvedAt() != null) {
                System.out.println("  resolved:   " + i.resolution() + " — by " + i.resolvedBy() + " at " + i.resolvedAt());
            }
            return 0;
        }
    }

    @Command(name = "resolve", mixinStandardHelpOptions = true, description = "Decide a review item; who and when are recorded.")
    static class Resolve implements Callable<Integer> {
        @ParentCommand
        ReviewCommand review;

        @Parameters(paramLabel = "ID")
        long id;

        @Option(names = "--by", required = true, description = "who decides (recorded)")
        String by;

        @Option(names = "--form", description = "the form code the page is a reply for")
        String form;

        @Option(names = "--options", split = ",", description = "the options marked, e.g. 2,5 (none: leave out)")
        List<Integer> options = List.of();

        @Option(names = "--extra", split = ",", description = "other_dates, decline, wheelchair, interpreter, large_print")
        List<String> extras = List.of();

        @Option(names = "--not-a-reply", description = "the page is not a reply (a letter, a cover sheet)")
        boolean notAReply;

        @Option(names = "--note", defaultValue = "", description = "what the page was, or why")
        String note;

        @Override
        public Integer call() {
            if ((form == null) == !notAReply) {
                throw new OfukuCommand.UserError("give either --form CODE (with --options) or --not-a-reply");
            }
            try {
                ReviewQueue queue = review.ofuku.bean(ReviewQueue.class);
                String before = queue.get(id).map(ReviewQueue.Item::reason).orElse(null);
                ReviewQueue.Item i = queue.resolve(id, by, Optional.ofNullable(form), options, extras, note);
                review.ofuku.bean(jp.ofuku.ops.Audit.class).record(jp.ofuku.ops.Audit.commandLine() + " as " + by, "review.resolve",
                        "review item " + id, before, i.resolution());
                System.out.println("Resolved review item " + i.id() + ": " + i.resolution());
                return 0;
            } catch (IllegalArgumentException e) {
                throw new OfukuCommand.UserError("review resolve: " + e.getMessage());
            }
        }
    }
}
