package jp.ofuku.replies;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jp.ofuku.letters.FormCode;
import jp.ofuku.letters.ReplyFormLayout;
import jp.ofuku.scan.Crop;
import jp.ofuku.scan.FormReader;
import jp.ofuku.scan.FormReading;
import jp.ofuku.scan.GrayPage;
import jp.ofuku.scan.Ocr;
import jp.ofuku.scan.PageAlignment;

/**
 * Everything worked out about one page before it is recorded: the verdict, the crops a person
 * will look at, and for a page that is not our form its text (OCR, Japanese and English) with
 * the form or resident it most likely comes from. Runs on any thread; touches the database only
 * to look things up.
 */
record PageAnalysis(int page, PageVerdict verdict, Map<String, byte[]> crops, String pageText,
        Optional<FormCode> guessedForm, Optional<String> guessedResident) {

    /** Crops a person reads at these resolutions: enough to see a pencil tick, small enough to keep. */
    static final int ANSWERS_DPI = 100;
    static final int DETAIL_DPI = 150;
    static final int PREVIEW_WIDTH = 850;
    /** A phone field with a smaller share of inked points holds nothing worth keeping. */
    static final double PHONE_INK = 0.004;

    private static final Pattern CODE_IN_TEXT = Pattern.compile("(?<![0-9])([0-9]{4})[ \\-]?([0-9]{4})[ \\-]?([0-9]{2})(?![0-9])");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9\\-]{1,19}");

    static PageAnalysis of(int page, GrayPage gray, FormReader reader, ReplyStore store, double blankInk) {
        PageVerdict verdict = PageVerdict.of(gray, reader, store, blankInk);
        Map<String, byte[]> crops = new LinkedHashMap<>();
        FormReading reading = verdict.reading();
        if (verdict.outcome() == PageVerdict.Outcome.BLANK || verdict.outcome() == PageVerdict.Outcome.RETURNED) {
            return new PageAnalysis(page, verdict, crops, null, Optional.empty(), Optional.empty());
        }
        Optional<PageAlignment> map = reading.alignment();
        if (map.isPresent()) {
            // the form's own layout when it was identified; else where the boxes of any form lie
            ReplyFormLayout layout = reading.layout().orElse(new ReplyFormLayout(false, 12));
            ReplyFormLayout.Field phone = layout.phoneField();
            Crop phoneCrop = Crop.of(gray, map.get(), phone.x(), phone.y(), phone.width(), phone.height(), DETAIL_DPI);
            if (verdict.outcome() == PageVerdict.Outcome.REVIEW) {
                double bottom = phone.y() + phone.height() + 2;
                crops.put("answers", Crop.of(gray, map.get(), 12, layout.firstRowTop() - 3, 186, bottom - layout.firstRowTop() + 3,
                        ANSWERS_DPI).png());
                crops.put("code", Crop.of(gray, map.get(), ReplyFormLayout.BOX_X - 2, ReplyFormLayout.QR_Y - 3,
                        ReplyFormLayout.QR_X + ReplyFormLayout.QR_SIZE + 5 - ReplyFormLayout.BOX_X, ReplyFormLayout.QR_SIZE + 6,
                        DETAIL_DPI).png());
                crops.put("phone", phoneCrop.png());
            } else if (inkShare(phoneCrop) >= PHONE_INK) {
                crops.put("phone", phoneCrop.png());
            }
            return new PageAnalysis(page, verdict, crops, null, Optional.empty(), Optional.empty());
        }
        // not our form: a letter, a cover sheet. Its text, and whose it may be, for the person who reads it
        crops.put("page", Crop.whole(gray, PREVIEW_WIDTH).png());
        String text = Ocr.forThread(Ocr.PAGE).read(Crop.whole(gray, 1700)).text();
        Optional<FormCode> form = formCodeIn(text).filter(code -> store.layoutOf(code).isPresent());
        Optional<String> resident = form.flatMap(store::residentOf);
        if (resident.isEmpty()) {
            resident = store.firstResident(tokens(text));
        }
        return new PageAnalysis(page, verdict, crops, text, form, resident);
    }

    /** The first form code with valid check digits written in a text. */
    static Optional<FormCode> formCodeIn(String text) {
        Matcher m = CODE_IN_TEXT.matcher(text.replace('－', '-').replace('ー', '-'));
        while (m.find()) {
            Optional<FormCode> code = FormCode.parse(m.group(1) + m.group(2) + m.group(3));
            if (code.isPresent()) {
                return code;
            }
        }
        return Optional.empty();
    }

    /** Words that could be a resident number, in the order they are written. */
    static List<String> tokens(String text) {
        String ascii = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKC);
        return TOKEN.matcher(ascii).results().map(java.util.regex.MatchResult::group).filter(t -> t.chars().anyMatch(Character::isDigit))
                .distinct().limit(200).toList();
    }

    /** The share of a crop's pixels that are dark, inside a margin that keeps the printed frame out. */
    static double inkShare(Crop crop) {
        int margin = Math.max(2, crop.dpi() / 25);
        long dark = 0;
        long n = 0;
        for (int y = margin; y < crop.height() - margin; y++) {
            for (int x = margin; x < crop.width() - margin; x++) {
                dark += (crop.pixels()[y * crop.width() + x] & 0xFF) < 128 ? 1 : 0;
                n++;
            }
        }
        return n == 0 ? 0 : (double) dark / n;
    }
}
