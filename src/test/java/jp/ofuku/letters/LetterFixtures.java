package jp.ofuku.letters;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/** Mail pieces and a letter context for tests, without a database. */
final class LetterFixtures {

    static final String[] SITES = {"往復市民会館", "往復市保健センター", "北部公民館", "南部公民館", "往復市総合体育館"};

    private LetterFixtures() {
    }

    static LetterContext context() {
        return new LetterContext(
                new MunicipalityProperties("往復市", "健康推進課 ワクチン接種係", "299-0112", "往復市中央1丁目1-1", "0436-00-1234",
                        "0436-00-5678"),
                new LetterProperties(22, 14, 92, 46, 9f, 1, "", "", 14, false),
                new FormSeal("test key for letters only, 32 b!".getBytes()), LocalDate.of(2026, 12, 1));
    }

    static MailPiece piece(long serial, String name, String address, String language, boolean largePrint) {
        List<MailPiece.Option> options = new ArrayList<>();
        LocalDateTime start = LocalDateTime.of(2027, 1, 11, 9, 30);
        for (int k = 1; k <= 12; k++) {
            LocalDateTime s = start.plusDays(k * 2L).plusHours(k % 3 == 0 ? 8 : k % 3 == 1 ? 0 : 4);
            options.add(new MailPiece.Option(k, 1000 + k, s, s.plusMinutes(150), "S0" + (k % 5 + 1), SITES[k % 5]));
        }
        return new MailPiece(FormCode.ofSerial(serial), "R" + serial, name, address, "263-0023", language, largePrint, options);
    }
}
