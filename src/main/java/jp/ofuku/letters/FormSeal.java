package jp.ofuku.letters;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What the reply form's 2D code carries: form code, layout version and a keyed MAC
 * (HMAC-SHA256, 50 bits in base32), so that a forged or altered code is rejected. The key
 * comes from configuration; it is never in the repository.
 */
public final class FormSeal {

    public static final String PREFIX = "OFK1";
    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final int MAC_CHARS = 10;

    private final SecretKeySpec key;

    public FormSeal(byte[] key) {
        if (key.length < 16) {
            throw new IllegalArgumentException("the form MAC key must be at least 16 bytes");
        }
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    /** "OFK1:1000000155:1:ABCDEFGHJK" — QR alphanumeric characters only. */
    public String payload(FormCode code, int layoutVersion) {
        return PREFIX + ":" + code.digits() + ":" + layoutVersion + ":" + mac(code.digits() + ":" + layoutVersion);
    }

    /** The form code and layout of a payload whose MAC is right. */
    public Optional<Sealed> open(String payload) {
        String[] parts = payload.strip().split(":");
        if (parts.length != 4 || !parts[0].equals(PREFIX) || !parts[2].matches("[0-9]{1,3}")) {
            return Optional.empty();
        }
        Optional<FormCode> code = FormCode.parse(parts[1]);
        if (code.isEmpty()) {
            return Optional.empty();
        }
        byte[] expected = mac(parts[1] + ":" + parts[2]).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, parts[3].getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        return Optional.of(new Sealed(code.get(), Integer.parseInt(parts[2])));
    }

    private String mac(String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] h = mac.doFinal(message.getBytes(StandardCharsets.US_ASCII));
            StringBuilder out = new StringBuilder(MAC_CHARS);
            long bits = 0;
            for (int i = 0; i < 8; i++) {
                bits = (bits << 8) | (h[i] & 0xFF);
            }
            for (int i = 0; i < MAC_CHARS; i++) {
                out.append(BASE32[(int) ((bits >>> (64 - 5 * (i + 1))) & 31)]);
            }
            return out.toString();
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    public record Sealed(FormCode code, int layoutVersion) {
    }
}
