package jp.ofuku.letters;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import jp.ofuku.registry.Language;

/**
 * The words of a letter in one language (src/main/resources/letters/messages_TAG.properties),
 * with its date format and the order in which fonts are tried. Each catalog says whether a
 * native speaker has reviewed it.
 */
public final class Catalog {

    private static final Map<Language, Catalog> LOADED = new EnumMap<>(Language.class);
    private static final Map<String, Path> FONTS = Map.of("ipaex", FontFiles.IPAEX_GOTHIC, "ipamj", FontFiles.IPAMJ_MINCHO,
            "noto", FontFiles.NOTO_SANS, "nanum", FontFiles.NANUM_GOTHIC, "droid", FontFiles.DROID_FALLBACK);

    private final Language language;
    private final Properties messages;
    private final List<Path> fonts;
    private final DateTimeFormatter date;
    private final DateTimeFormatter eraDate;
    private final DateTimeFormatter time;

    private Catalog(Language language, Properties messages) {
        this.language = language;
        this.messages = messages;
        this.fonts = Arrays.stream(get("fonts").split(",")).map(String::strip).map(FONTS::get).toList();
        Locale locale = Locale.forLanguageTag(get("date.locale"));
        this.date = DateTimeFormatter.ofPattern(get("date.pattern"), locale);
        // Japanese dates may be written in the era (令和9年); other languages keep the Gregorian year
        String era = messages.getProperty("date.era.pattern");
        this.eraDate = era == null ? date
                : DateTimeFormatter.ofPattern(era, locale).withChronology(java.time.chrono.JapaneseChronology.INSTANCE);
        this.time = DateTimeFormatter.ofPattern(get("time.pattern"), locale);
    }

    public static synchronized Catalog of(Language language) {
        return LOADED.computeIfAbsent(language, Catalog::load);
    }

    /** The catalog for a resident's language code; unknown codes get Japanese. */
    public static Catalog forTag(String tag) {
        return of(Language.ofTag(tag).orElse(Language.FALLBACK));
    }

    private static Catalog load(Language language) {
        String name = "/letters/messages_" + language.tag() + ".properties";
        try (InputStream in = Catalog.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("message catalog " + name + " is missing");
            }
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return new Catalog(language, p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Language language() {
        return language;
    }

    public boolean reviewed() {
        return Boolean.parseBoolean(get("reviewed"));
    }

    public List<Path> fonts() {
        return fonts;
    }

    public List<String> keys() {
        return messages.stringPropertyNames().stream().sorted().toList();
    }

    /** The message with {0}, {1}… replaced by the arguments. */
    public String text(String key, Object... args) {
        String s = get(key);
        for (int i = 0; i < args.length; i++) {
            s = s.replace("{" + i + "}", String.valueOf(args[i]));
        }
        return s;
    }

    public String date(LocalDate day) {
        return date(day, false);
    }

    /** The date as this language writes it; with {@code era}, Japanese uses the era year (令和9年1月12日). */
    public String date(LocalDate day, boolean era) {
        return (era ? eraDate : date).format(day);
    }

    /** "2027年1月12日(火)  9:30～12:00" */
    public String session(LocalDateTime start, LocalDateTime end) {
        return session(start, end, false);
    }

    public String session(LocalDateTime start, LocalDateTime end, boolean era) {
        return date(start.toLocalDate(), era) + "  " + text("time.range", time.format(start), time.format(end));
    }

    private String get(String key) {
        String value = messages.getProperty(key);
        if (value == null) {
            throw new IllegalStateException("message " + key + " is missing from the " + language.tag() + " catalog");
        }
        return value;
    }
}
