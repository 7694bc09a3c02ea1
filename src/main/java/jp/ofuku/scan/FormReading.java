package jp.ofuku.scan;

import java.util.List;
import java.util.Optional;

import jp.ofuku.letters.FormCode;

/** What a page says, as read: which form (and how it was known), and every box. */
public record FormReading(Identification identification, Optional<FormCode> code, boolean upsideDown,
        List<BoxReading> options, BoxReading none, BoxReading decline, List<BoxReading> needs) {

    /** How the form was identified. */
    public enum Identification {
        /** the QR code was read and its MAC verified */
        SEALED_CODE,
        /** a QR code was read but its MAC is wrong: forged or altered */
        FORGED_CODE,
        /** corner marks found but no readable code */
        UNIDENTIFIED,
        /** no corner marks: not a reply form of ours */
        NOT_A_FORM
    }

    public List<Integer> marked() {
        return options.stream().filter(b -> b.state() == BoxReading.State.MARKED)
                .map(b -> Integer.parseInt(b.box())).toList();
    }

    public boolean sure() {
        return identification == Identification.SEALED_CODE
                && options.stream().noneMatch(b -> b.state() == BoxReading.State.UNSURE)
                && none.state() != BoxReading.State.UNSURE && decline.state() != BoxReading.State.UNSURE
                && needs.stream().noneMatch(b -> b.state() == BoxReading.State.UNSURE);
    }
}
