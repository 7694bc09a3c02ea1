package jp.ofuku.registry;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The languages letters are printed in. A resident's other language code is kept but printed as Japanese. */
public enum Language {
    JA("ja"), JA_EASY("ja-easy"), EN("en"), ZH_HANS("zh-Hans"), KO("ko"), VI("vi"), PT("pt"), TL("tl");

    public static final Language FALLBACK = JA;

    private final String tag;

    Language(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }

    /** The supported language with this tag, ignoring case and '_' for '-'. */
    public static Optional<Language> ofTag(String tag) {
        String wanted = tag.strip().replace('_', '-').toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(l -> l.tag.toLowerCase(Locale.ROOT).equals(wanted)).findFirst();
    }
}
