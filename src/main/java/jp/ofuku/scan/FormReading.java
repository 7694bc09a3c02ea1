package jp.ofuku.scan;

import java.util.List;
import java.util.Optional;

import jp.ofuku.letters.FormCode;

/** What a page says, as read: which form (and how it was known), and every box. */
public record FormReading(Identification identification, Optional<FormCode> code, boolean upsideDown,
        List<BoxReading> options, BoxReading none, BoxReading decline, List<BoxReading> needs, List<String> stray,
        Optional<PageAlignment> alignment, Optional<jp.ofuku.letters.ReplyFormLayout> layout, List<String> damage) {

    /**
     * @param stray ink where nothing should be and no mark explains it (a circle round the box
     *        only, a line between rows, a circle round two rows at once): a person looks
     * @param alignment where the form lies on the page, for the crops a person reviews
     * @param layout the layout the boxes were read with, when the form is known
     * @param damage where and how the page's image is damaged (a person reads it; boxes there are unsure)
     */
    public FormReading {
        stray = List.copyOf(stray);
        damage = List.copyOf(damage);
    }

    /** How the form was identified. */
    public enum Identification {
        /** the QR code was read and its MAC verified */
        SEALED_CODE,
        /** no readable QR code; the printed form code was read by OCR and its check digits hold: a person confirms it */
        PRINTED_CODE,
        /** the printed form code (read by OCR) names another form than the QR code or the sheet code at the foot of the page */
        CODES_DISAGREE,
        /** a QR code was read but its MAC is wrong: forged or altered */
        FORGED_CODE,
        /** a sealed code of a form this database does not know (another municipality's, or a lost database) */
        UNKNOWN_FORM,
        /** corner marks found but no readable code */
        UNIDENTIFIED,
        /** no corner marks: not a reply form of ours */
        NOT_A_FORM
    }

    public List<Integer> marked() {
        return options.stream().filter(b -> b.state() == BoxReading.State.MARKED)
                .map(b -> Integer.parseInt(b.box())).toList();
    }

    /** 0 to 1: how far the least clear box is from the line between marked and empty (1 when there are no boxes). */
    public double confidence() {
        double mid = (FormReader.MARKED + FormReader.EMPTY) / 2;
        double half = (FormReader.MARKED - FormReader.EMPTY) / 2;
        return java.util.stream.Stream.concat(java.util.stream.Stream.concat(options.stream(), needs.stream()),
                        java.util.stream.Stream.of(none, decline))
                .mapToDouble(b -> Math.min(1, Math.abs(b.ink() - mid) / half / 2 + (b.state() == BoxReading.State.UNSURE ? 0 : 0.5)))
                .min().orElse(1) * (stray.isEmpty() ? 1 : 0.5);
    }

    /** The extra boxes marked: other_dates, decline, and needs. */
    public List<String> extras() {
        List<String> extras = new java.util.ArrayList<>();
        if (none.state() == BoxReading.State.MARKED) {
            extras.add("other_dates");
        }
        if (decline.state() == BoxReading.State.MARKED) {
            extras.add("decline");
        }
        needs.stream().filter(b -> b.state() == BoxReading.State.MARKED).forEach(b -> extras.add(b.box()));
        return extras;
    }

    /**
     * Sure enough to become a reply without a person: a sealed code, every box clearly marked or
     * clearly empty, and something marked at all (a form sent back with nothing on it, or whose
     * faint marks a fax lost, is not an answer). A form known by its printed digits alone is
     * not: digits can be copied onto another form, with its QR code covered.
     */
    public boolean sure() {
        return identification == Identification.SEALED_CODE && marksSure();
    }

    /** Whether the marks alone are clear: something marked, every box clearly marked or empty, no stray ink, no damage. */
    public boolean marksSure() {
        return (!marked().isEmpty() || !extras().isEmpty())
                && stray.isEmpty()
                && damage.isEmpty()
                && !anyUnsure();
    }

    /** Whether any box (option, need, "none" or "decline") is neither clearly marked nor clearly empty. */
    public boolean anyUnsure() {
        return options.stream().anyMatch(b -> b.state() == BoxReading.State.UNSURE)
                || none.state() == BoxReading.State.UNSURE || decline.state() == BoxReading.State.UNSURE
                || needs.stream().anyMatch(b -> b.state() == BoxReading.State.UNSURE);
    }
}
