package jp.ofuku.letters;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How letters are laid out and sealed.
 *
 * @param windowX, windowY, windowWidth, windowHeight the envelope's address window on the
 *        folded A4 sheet, in millimetres from the top-left corner (長形3号 window by default)
 * @param nameMinSize the smallest point size a long name shrinks to before it wraps
 * @param formKey the secret key of the reply form's MAC (at least 16 characters); empty: a key
 *        is generated once into {@code formKeyFile}
 * @param replyDays days from the letter's date to the reply-by date printed on it
 * @param japaneseEra write Japanese dates with the era year (令和9年1月12日) instead of 2027年
 */
@ConfigurationProperties("ofuku.letters")
public record LetterProperties(
        @DefaultValue("22") double windowX,
        @DefaultValue("14") double windowY,
        @DefaultValue("92") double windowWidth,
        @DefaultValue("46") double windowHeight,
        @DefaultValue("9") float nameMinSize,
        @DefaultValue("1") int layoutVersion,
        @DefaultValue("") String formKey,
        @DefaultValue("data/form-mac.key") String formKeyFile,
        @DefaultValue("14") int replyDays,
        @DefaultValue("false") boolean japaneseEra) {
}
