package jp.ofuku.letters;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Who sends the letters and where replies go: printed on every letter and form. */
@ConfigurationProperties("ofuku.municipality")
public record MunicipalityProperties(String name, String department, String postalCode, String address, String phone,
        String fax) {
}
