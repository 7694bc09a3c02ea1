package jp.ofuku.replies;

import java.util.List;
import java.util.Optional;

import jp.ofuku.letters.FormCode;
import jp.ofuku.scan.FormReader;
import jp.ofuku.scan.FormReading;
import jp.ofuku.scan.GrayPage;

/**
 * What one page becomes: a blank page (recorded, skipped), an accepted reply, or an item for a
 * person to review with the reason and the machine's best guess. Only a sealed code and marks
 * that are all clearly marked or clearly empty make a reply without a person.
 */
record PageVerdict(String outcome, FormReading reading, String reason) {

    static PageVerdict of(GrayPage page, FormReader reader, ReplyStore store, double blankInk) {
        if (meanInk(page) < blankInk) {
            return new PageVerdict("blank", null, "blank page");
        }
        FormReading reading = reader.read(page, store::layoutOf);
        String reason = switch (reading.identification()) {
            case NOT_A_FORM -> "not a reply form (a letter, a fax cover sheet, another document): read it and match it by hand";
            case FORGED_CODE -> "the form's code does not carry a valid seal: forged or altered, check against the letter sent";
            case UNKNOWN_FORM -> "a sealed form this database did not print";
            case UNIDENTIFIED -> "the form's code could not be read";
            case SEALED_CODE -> reading.sure() ? null : "some marks are neither clearly made nor clearly empty";
        };
        return new PageVerdict(reason == null ? "reply" : "review", reading, reason);
    }

    Optional<FormCode> code() {
        return reading == null ? Optional.empty() : reading.code();
    }

    List<Integer> marked() {
        return reading == null ? List.of() : reading.marked();
    }

    /** Mean darkness of the page, sampled on every fourth pixel. */
    static double meanInk(GrayPage page) {
        long sum = 0;
        long n = 0;
        for (int y = 0; y < page.height(); y += 4) {
            for (int x = 0; x < page.width(); x += 4) {
                sum += 255 - page.gray(x, y);
                n++;
            }
        }
        return n == 0 ? 0 : sum / (255.0 * n);
    }
}
