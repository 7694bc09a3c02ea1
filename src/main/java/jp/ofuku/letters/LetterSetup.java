package jp.ofuku.letters;

import java.time.LocalDate;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/** The configured sender, layout and form key, ready to print letters dated a given day. */
@Component
@EnableConfigurationProperties({MunicipalityProperties.class, LetterProperties.class})
public class LetterSetup {

    private final MunicipalityProperties municipality;
    private final LetterProperties layout;
    private FormSeal seal;

    public LetterSetup(MunicipalityProperties municipality, LetterProperties layout) {
        this.municipality = municipality;
        this.layout = layout;
    }

    public synchronized FormSeal seal() {
        if (seal == null) {
            seal = FormKeys.seal(layout);
        }
        return seal;
    }

    public LetterContext on(LocalDate letterDate) {
        return new LetterContext(municipality, layout, seal(), letterDate);
    }
}
