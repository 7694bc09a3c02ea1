package jp.ofuku.replies;

import java.util.List;
import java.util.Optional;

import jp.ofuku.letters.FormCode;
import jp.ofuku.scan.FormReader;
import jp.ofuku.scan.FormReading;
import jp.ofuku.scan.GrayPage;
import jp.ofuku.scan.SheetMarkReader;
import jp.ofuku.letters.SheetMark;

/**
 * What one page becomes: a blank page (recorded, skipped), an accepted reply, one of our letters
 * returned undelivered (recorded against its invitation), or an item for a person to review with the reason and the machine's best guess. Only a sealed code and marks
 * that are all clearly marked or clearly empty make a reply without a person (and then only the
 * form's first answer, or the same answer again: see the read job).
 */
record PageVerdict(Outcome outcome, FormReading reading, String reason, FormCode returnedLetter) {

    /** What a page became; its {@link #key()} is how read_pages records it and how the run counts it. */
    enum Outcome {
        /** nearly no ink: skipped */
        BLANK,
        /** an accepted reply */
        REPLY,
        /** the same reply as the form's current one (by post and by fax): recorded, not again */
        DUPLICATE,
        /** for a person, with why */
        REVIEW,
        /** one of our letters, undelivered */
        RETURNED;

        String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }


    /** Why a form known by its printed digits alone goes to a person, whatever its marks. */
    static final String DIGITS_ONLY = "known by its printed digits only: its sealed QR code could not be read (covered, stained or"
            + " torn); check the page against the resident's letter before accepting it, since digits copied onto another form"
            + " are how a reply is forged";

    static PageVerdict of(GrayPage page, FormReader reader, ReplyStore store, double blankInk) {
        if (darkShare(page) < blankInk) {
            return new PageVerdict(Outcome.BLANK, null, "blank page", null);
        }
        FormReading reading = reader.read(page, store::layoutOf);
        if (reading.identification() == FormReading.Identification.NOT_A_FORM) {
            Optional<SheetMark.Mark> mark = SheetMarkReader.read(page);
            if (mark.isPresent() && mark.get().sheet() == 1 && store.layoutOf(mark.get().code()).isPresent()) {
                return new PageVerdict(Outcome.RETURNED, reading, "our letter to form " + mark.get().code().printed()
                        + " came back: the address may be wrong or the resident gone", mark.get().code());
            }
        }
        String reason = switch (reading.identification()) {
            case NOT_A_FORM -> "not a reply form (a letter, a fax cover sheet, another document): read it and match it by hand";
            case FORGED_CODE -> "the form's code does not carry a valid seal: forged or altered, check against the letter sent";
            case UNKNOWN_FORM -> "a sealed form this database did not print";
            case UNIDENTIFIED -> "the form's code could not be read (neither the QR code nor the printed digits)";
            case CODES_DISAGREE -> "the printed form code names another form than the QR code or the sheet code: check which letter this page belongs to";
            case SEALED_CODE -> marksReason(reading);
            case PRINTED_CODE -> DIGITS_ONLY + java.util.Optional.ofNullable(marksReason(reading)).map(r -> "; and " + r).orElse("");
        };
        if (!reading.damage().isEmpty() && reason != null && !reason.contains("the page's image is damaged")) {
            // a damaged image may hide what would have identified it: the person is told where it is damaged
            reason = "the page's image is damaged (" + reading.damage().get(0) + "), so it may not be what it seems: " + reason;
        }
        return new PageVerdict(reason == null ? Outcome.REPLY : Outcome.REVIEW, reading, reason, null);
    }

    /**
     * Why an identified form's marks go to a person (null when they need none): damage first; when
     * every box is clearly marked or empty, ink no mark explains (its first note says what to look
     * at), else nothing marked at all; otherwise boxes neither clearly marked nor clearly empty.
     */
    static String marksReason(FormReading reading) {
        if (reading.marksSure()) {
            return null;
        }
        if (!reading.damage().isEmpty()) {
            return "the page's image is damaged (" + reading.damage().get(0) + "): read its marks by eye";
        }
        boolean unsure = reading.anyUnsure();
        if (!unsure && !reading.stray().isEmpty()) {
            return reading.stray().get(0) + (reading.stray().size() > 1 ? " (and " + (reading.stray().size() - 1)
                    + " more in the notes)" : "");
        }
        if (reading.marked().isEmpty() && reading.extras().isEmpty() && !unsure) {
            return "nothing is marked on the form (sent back blank, or marks too faint for the fax)";
        }
        return "some marks are neither clearly made nor clearly empty";
    }

    Optional<FormCode> code() {
        return returnedLetter != null ? Optional.of(returnedLetter) : reading == null ? Optional.empty() : reading.code();
    }

    /** What the machine saw that a person should check: unsure boxes (and why) and stray ink. */
    String detail() {
        if (reading == null) {
            return "";
        }
        List<String> notes = new java.util.ArrayList<>();
        java.util.stream.Stream.of(reading.options().stream(), reading.needs().stream(),
                        java.util.stream.Stream.of(reading.none(), reading.decline()))
                .flatMap(s -> s)
                .filter(b -> b.state() == jp.ofuku.scan.BoxReading.State.UNSURE)
                .forEach(b -> notes.add((b.box().matches("[0-9]+") ? "option " : "") + b.box() + ": "
                        + (b.how().isEmpty() ? String.format(java.util.Locale.ROOT, "faint (ink %.3f)", b.ink()) : b.how())));
        reading.options().stream().filter(b -> b.how().contains("circled"))
                .forEach(b -> notes.add("option " + b.box() + ": row circled"));
        notes.addAll(reading.stray());
        return String.join("; ", notes);
    }

    List<Integer> marked() {
        return reading == null ? List.of() : reading.marked();
    }

    /** The share of dark pixels on the page, sampled on every second pixel of every second row. */
    static double darkShare(GrayPage page) {
        long dark = 0;
        long n = 0;
        for (int y = 0; y < page.height(); y += 2) {
            for (int x = 0; x < page.width(); x += 2) {
                dark += page.dark(x, y) ? 1 : 0;
                n++;
            }
        }
        return n == 0 ? 0 : (double) dark / n;
    }
}
