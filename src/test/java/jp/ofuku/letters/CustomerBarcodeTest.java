package jp.ofuku.letters;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CustomerBarcodeTest {

    /** Examples from Japan Post's 郵便番号・バーコードマニュアル and what its rules make of them. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "千葉市稲毛区緑町3丁目30-8 郵便ビル403号|3-30-8-403",
            "千葉県鎌ケ谷市右京塚東3丁目-20-5 郵便・A&bコーポB604号|3-20-5B604",
            "茨城県日立市宮田町6丁目7-14 ABCビル2F|6-7-14-2",
            "札幌市中央区南四条西29丁目1524-23 第2郵便ハウス501|29-1524-23-2-501",
            "福井県福井市新田塚3丁目80-25 J1ビル2-B|3-80-25J1-2B",
            "北海道札幌市東区北六条東4丁目 郵便センター6号館|4-6",
            "東京都青梅市河辺町十一丁目六番地一号 郵便タワー601|11-6-1-601",
            "大阪府堺市堺区中田出井町四丁六番十九号|4-6-19",
            "岩手県宮古市大字津軽石第二十一地割大淵川|21",
            "往復市港町２丁目５－１２ シーサイド～港～201号室|2-5-12-201"})
    void extractsTheAddressNumberByJapanPostsRules(String address, String expected) {
        assertThat(CustomerBarcode.addressNumber(address)).contains(expected);
    }

    @Test
    void joinsPostalCodeAndAddressNumberAndCutsAtTwentyCharacters() {
        assertThat(CustomerBarcode.data("263-0023", "千葉市稲毛区緑町3丁目30-8 郵便ビル403号")).contains("26300233-30-8-403");
        assertThat(CustomerBarcode.data("064-0804", "札幌市中央区南四条西29丁目1524-23 第2郵便ハウス501"))
                .contains("064080429-1524-23-2-");
        assertThat(CustomerBarcode.data("317-0055", "茨城県日立市宮田町6丁目7-14 ABCビル2F")).contains("31700556-7-14-2");
    }

    @Test
    void anAddressWithoutNumbersHasOnlyThePostalCode() {
        assertThat(CustomerBarcode.addressNumber("往復市緑町")).isEmpty();
        assertThat(CustomerBarcode.data("299-0101", "往復市緑町")).contains("2990101");
        assertThat(CustomerBarcode.data("29-0101", "往復市緑町1-1")).isEmpty();
    }

    @Test
    void convertsKanjiNumerals() {
        assertThat(CustomerBarcode.kanjiNumber("十一")).isEqualTo(11);
        assertThat(CustomerBarcode.kanjiNumber("二十一")).isEqualTo(21);
        assertThat(CustomerBarcode.kanjiNumber("百五")).isEqualTo(105);
        assertThat(CustomerBarcode.kanjiNumber("一〇五")).isEqualTo(105);
    }
}
