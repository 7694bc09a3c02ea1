package jp.ofuku.letters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The secret key of the reply forms' MAC. From configuration ({@code ofuku.letters.form-key} or
 * OFUKU_LETTERS_FORM_KEY) when given; otherwise generated once into a file readable only by its
 * owner, which must then be backed up with the database: forms printed with a lost key cannot
 * be verified.
 */
public final class FormKeys {

    private static final Logger log = LoggerFactory.getLogger(FormKeys.class);

    private FormKeys() {
    }

    public static FormSeal seal(LetterProperties properties) {
        if (!properties.formKey().isBlank()) {
            return new FormSeal(properties.formKey().getBytes(StandardCharsets.UTF_8));
        }
        Path file = Path.of(properties.formKeyFile());
        try {
            if (!Files.exists(file)) {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                Files.createDirectories(file.toAbsolutePath().getParent());
                Path temp = file.resolveSibling(file.getFileName() + ".new");
                Files.writeString(temp, HexFormat.of().formatHex(key) + "\n");
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
                Files.move(temp, file);
                log.warn("generated the reply-form key {}: back it up with the database", file);
            }
            return new FormSeal(HexFormat.of().parseHex(Files.readString(file).strip()));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or create the form key " + file, e);
        }
    }
}
