package jp.ofuku.letters;

import java.time.LocalDate;

/** What every letter of a run shares: sender, layout settings, seal, and its dates. */
public record LetterContext(MunicipalityProperties municipality, LetterProperties layout, FormSeal seal,
        LocalDate letterDate) {

    public LocalDate replyBy() {
        return letterDate.plusDays(layout.replyDays());
    }
}
