package jp.ofuku.letters;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FormCodeTest {

    @Test
    void checkDigitsCatchEverySingleDigitErrorAndAdjacentSwap() {
        FormCode code = FormCode.ofSerial(12_345_678);
        String d = code.digits();
        assertThat(FormCode.parse(code.printed())).contains(code);
        for (int i = 0; i < 10; i++) {
            for (char c = '0'; c <= '9'; c++) {
                if (c != d.charAt(i)) {
                    String wrong = d.substring(0, i) + c + d.substring(i + 1);
                    assertThat(FormCode.parse(wrong)).as(wrong).isEmpty();
                }
            }
            if (i < 9 && d.charAt(i) != d.charAt(i + 1)) {
                String swapped = d.substring(0, i) + d.charAt(i + 1) + d.charAt(i) + d.substring(i + 2);
                assertThat(FormCode.parse(swapped)).as(swapped).isEmpty();
            }
        }
    }

    @Test
    void sealedPayloadOpensOnlyWithTheRightKeyAndUnaltered() {
        FormSeal seal = new FormSeal("0123456789abcdef0123456789abcdef".getBytes());
        FormCode code = FormCode.ofSerial(10_000_001);
        String payload = seal.payload(code, 1);
        assertThat(payload).matches("OFK1:[0-9]{10}:1:[A-Z2-7]{10}");
        assertThat(seal.open(payload)).hasValueSatisfying(s -> assertThat(s.code()).isEqualTo(code));
        FormCode other = FormCode.ofSerial(10_000_002);
        assertThat(seal.open(payload.replace(code.digits(), other.digits()))).isEmpty();
        assertThat(seal.open(payload.replace(":1:", ":2:"))).isEmpty();
        assertThat(new FormSeal("another key, 32 bytes long......".getBytes()).open(payload)).isEmpty();
    }
}
