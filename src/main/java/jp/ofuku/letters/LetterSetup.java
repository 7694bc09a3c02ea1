package jp.ofuku.letters;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.function.Consumer;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/** The configured sender, layout and form key, ready to print letters dated a given day. */
@Component
@EnableConfigurationProperties({MunicipalityProperties.class, LetterProperties.class})
public class LetterSetup {

    private final MunicipalityProperties municipality;
    private final LetterProperties layout;
    private FormSeal seal;
    private volatile Consumer<Path> afterRender = pdf -> { };

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

    /** What sees each rendered print file before its check: nothing, unless a test damages pages on purpose. */
    public Consumer<Path> afterRender() {
        return afterRender;
    }

    /** For tests that prove a damaged page is held: {@code damage} changes each rendered PDF before it is checked. */
    public void damageAfterRender(Consumer<Path> damage) {
        this.afterRender = damage;
    }
}
