package jp.ofuku.scan;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

import jp.ofuku.letters.FormCode;
import jp.ofuku.letters.FormSeal;
import jp.ofuku.letters.ReplyFormLayout;
import jp.ofuku.letters.SheetMark;

/**
 * Reads a reply form: aligns the page on its corner marks, identifies it from the sealed QR
 * code (trying the page both ways up), then measures the ink inside every box.
 */
public final class FormReader {

    /** Mean darkness inside a box (0 white, 1 black) from which it counts as marked. */
    public static final double MARKED = 0.045;
    /** … and up to which it counts as empty; between the two, a person decides. */
    public static final double EMPTY = 0.015;
    /** Millimetres kept clear inside each box edge: the printed outline and a little misalignment. */
    static final double INSET = 1.4;
    static final double SAMPLE_MM = 0.2;
    /**
     * Gray levels this close to white are paper, not ink: the grain of recycled paper, a JPEG's
     * ripples, what is left of a shadow once the page is evened out.
     */
    static final int PAPER_FLOOR = 24;

    private final FormSeal seal;

    public FormReader(FormSeal seal) {
        this.seal = seal;
    }

    public FormReading read(GrayPage page, int options, boolean largePrint) {
        return read(page, code -> Optional.of(new ReplyFormLayout(largePrint, options)));
    }

    /**
     * Reads a page whose layout depends on the form: {@code layouts} gives the layout of an
     * identified form (its number of options, large print or not), or empty when it is unknown.
     */
    public FormReading read(GrayPage page, java.util.function.Function<FormCode, Optional<ReplyFormLayout>> layouts) {
        Optional<PageAlignment> found = PageAlignment.find(page);
        if (found.isEmpty()) {
            return new FormReading(FormReading.Identification.NOT_A_FORM, Optional.empty(), false, List.of(), empty("none"),
                    empty("decline"), List.of(), List.of(), Optional.empty(), Optional.empty(), page.damage().notes());
        }
        PageAlignment upright = found.get();
        FormReading.Identification identification = FormReading.Identification.UNIDENTIFIED;
        Optional<FormCode> code = Optional.empty();
        PageAlignment map = upright;
        boolean upsideDown = false;
        for (PageAlignment candidate : List.of(upright, upright.upsideDown())) {
            Optional<String> payload = qr(page, candidate);
            if (payload.isPresent()) {
                map = candidate;
                upsideDown = candidate != upright;
                Optional<FormSeal.Sealed> sealed = seal.open(payload.get());
                identification = sealed.isPresent() ? FormReading.Identification.SEALED_CODE
                        : FormReading.Identification.FORGED_CODE;
                code = sealed.map(FormSeal.Sealed::code);
                if (sealed.isPresent()) {
                    // the printed digits must not name another form: a QR code pasted from another letter
                    Optional<FormCode> printed = printedCode(page, candidate);
                    if (printed.isPresent() && !printed.get().equals(code.get())) {
                        identification = FormReading.Identification.CODES_DISAGREE;
                    }
                }
                break;
            }
        }
        if (identification == FormReading.Identification.UNIDENTIFIED) {
            // no readable QR code: the printed digits, when their check digits hold, identify the form,
            // unless the sheet code at the foot of the page names another
            for (PageAlignment candidate : List.of(upright, upright.upsideDown())) {
                Optional<FormCode> printed = printedCode(page, candidate);
                if (printed.isPresent()) {
                    map = candidate;
                    upsideDown = candidate != upright;
                    code = printed;
                    Optional<SheetMark.Mark> sheet = SheetMarkReader.read(page);
                    identification = sheet.isPresent() && !sheet.get().code().equals(printed.get())
                            ? FormReading.Identification.CODES_DISAGREE : FormReading.Identification.PRINTED_CODE;
                    break;
                }
            }
        }
        Optional<ReplyFormLayout> known = code.flatMap(layouts);
        if (known.isEmpty()) {
            FormReading.Identification unknown = identification == FormReading.Identification.SEALED_CODE
                    || identification == FormReading.Identification.PRINTED_CODE
                    ? FormReading.Identification.UNKNOWN_FORM : identification;
            return new FormReading(unknown, code, upsideDown, List.of(), empty("none"), empty("decline"), List.of(), List.of(),
                    Optional.of(map), Optional.empty(), page.damage().notes());
        }
        ReplyFormLayout layout = known.get();
        if (map.fromThreeMarks() && !map.linedUp(page, layout.allBoxes())) {
            // placed from three corner marks, and a box is not where the map puts it: nothing on the page is read
            return new FormReading(FormReading.Identification.NOT_A_FORM, code, upsideDown, List.of(), empty("none"), empty("decline"),
                    List.of(), List.of(), Optional.of(map), Optional.empty(), page.damage().notes());
        }
        ImageDamage damage = page.damage().and(ImageDamage.levelStep(page, map));
        List<BoxReading> boxes = new ArrayList<>();
        for (int k = 1; k <= layout.options(); k++) {
            boxes.add(box(page, map, damage, layout.optionBox(k), Integer.toString(k)));
        }
        List<String> stray = new ArrayList<>();
        boxes = RowRings.read(page, map, layout, boxes, stray);
        Dots.trails(page, map, layout).ifPresent(stray::add);
        List<BoxReading> needs = new ArrayList<>();
        String[] needNames = {"wheelchair", "interpreter", "large_print"};
        for (int i = 0; i < needNames.length; i++) {
            needs.add(box(page, map, damage, layout.needBox(i), needNames[i]));
        }
        return new FormReading(identification, code, upsideDown, boxes, box(page, map, damage, layout.noneBox(), "none"),
                box(page, map, damage, layout.declineBox(), "decline"), needs, stray, Optional.of(map), known, damage.notes());
    }

    private static BoxReading empty(String name) {
        return new BoxReading(name, 0, BoxReading.State.EMPTY, "");
    }

    /** Mean darkness inside the box, sampled on a fine grid of layout points mapped onto the page. */
    static BoxReading box(GrayPage page, PageAlignment map, ImageDamage damage, ReplyFormLayout.Box box, String name) {
        double from = INSET;
        double to = box.size() - INSET;
        double sum = 0;
        int n = 0;
        for (double my = from; my <= to; my += SAMPLE_MM) {
            for (double mx = from; mx <= to; mx += SAMPLE_MM) {
                double[] p = map.toPixel(box.x() + mx, box.y() + my);
                sum += Math.max(0, 255 - PAPER_FLOOR - page.gray((int) Math.round(p[0]), (int) Math.round(p[1])));
                n++;
            }
        }
        BoxReading reading = BoxReading.of(name, sum / n / (255.0 - PAPER_FLOOR), MARKED, EMPTY);
        double[] top = map.toPixel(box.x(), box.y() - 1);
        double[] bottom = map.toPixel(box.x() + box.size(), box.y() + box.size() + 1);
        if (damage.touches(Math.min(top[1], bottom[1]), Math.max(top[1], bottom[1]))) {
            return reading.with(BoxReading.State.UNSURE, "the image is damaged here");
        }
        if (ImageDamage.streakThrough(page, map, box)) {
            return reading.with(BoxReading.State.UNSURE, "a bar runs through it (a fax line damaged in transmission)");
        }
        double outline = PageAlignment.outline(page, map, box);
        if (outline < OUTLINE) {
            // the printed outline is not all where it was printed: a damaged image, or a page torn or covered here
            return reading.with(BoxReading.State.UNSURE, String.format(java.util.Locale.ROOT,
                    "its printed outline is broken (%.0f %% found): the image may be damaged", 100 * outline));
        }
        if (reading.ink() >= SCRIBBLE_INK && RowRings.frame(page, map, box) >= SCRIBBLE_FRAME) {
            // blacked out and over the edges: struck out, or a change of mind? a person decides
            return reading.with(BoxReading.State.UNSURE, BoxReading.SCRIBBLED);
        }
        if (reading.state() == BoxReading.State.MARKED) {
            return reading;
        }
        // little darkness: judge the strokes (a thin tick, a pencil line), not the share of the box
        BoxStrokes strokes = BoxStrokes.measure(page, map, box);
        if (strokes.stroke()) {
            return reading.with(BoxReading.State.MARKED, String.format(java.util.Locale.ROOT, "a stroke of %.1f mm", strokes.longest()));
        }
        if (reading.state() == BoxReading.State.EMPTY && !strokes.clean()) {
            // specks of ink that are not one line: a pencil mark a fax kept only in part, or dirt
            return reading.with(BoxReading.State.UNSURE, String.format(java.util.Locale.ROOT,
                    BoxReading.BROKEN + " (%d specks of ink, the longest %.1f mm)", strokes.inkCells(), strokes.longest()));
        }
        if (reading.state() == BoxReading.State.UNSURE) {
            return reading.with(BoxReading.State.UNSURE, String.format(java.util.Locale.ROOT,
                    "faint ink (%.3f) and no clear stroke", reading.ink()));
        }
        return reading;
    }

    /** Share of a box's printed outline that must be found: a damaged image breaks it, a mark only adds to it. */
    static final double OUTLINE = 0.7;

    /** A box this dark inside, with ink all round its outside, was scribbled over rather than marked. */
    static final double SCRIBBLE_INK = 0.45;
    static final double SCRIBBLE_FRAME = 0.5;

    /**
     * The form code printed in large digits beside the QR code, read by OCR, if its check digits
     * hold. Two check digits catch any one misread digit and any two swapped ones.
     */
    static Optional<FormCode> printedCode(GrayPage page, PageAlignment map) {
        ReplyFormLayout.Field strip = ReplyFormLayout.codeStrip();
        Crop crop = Crop.of(page, map, strip.x(), strip.y(), strip.width(), strip.height(), OCR_DPI);
        String text = Ocr.forThread(Ocr.DIGITS).read(crop).text();
        java.util.regex.Matcher m = PRINTED.matcher(text);
        while (m.find()) {
            Optional<FormCode> parsed = FormCode.parse(m.group(1) + m.group(2) + m.group(3));
            if (parsed.isPresent()) {
                return parsed;
            }
        }
        return Optional.empty();
    }

    static final int OCR_DPI = 200;
    private static final java.util.regex.Pattern PRINTED =
            java.util.regex.Pattern.compile("(?<![0-9])([0-9]{4}) ?([0-9]{4}) ?([0-9]{2})(?![0-9])");

    /** The QR code's text, decoded from its zone of the page (with a margin), if readable. */
    static Optional<String> qr(GrayPage page, PageAlignment map) {
        double margin = 6;
        PageAlignment.Bounds zone = map.pixelBounds(ReplyFormLayout.QR_X - margin, ReplyFormLayout.QR_Y - margin,
                ReplyFormLayout.QR_SIZE + 2 * margin, ReplyFormLayout.QR_SIZE + 2 * margin);
        LuminanceSource source = new RGBLuminanceSource(zone.width(), zone.height(),
                page.argb(zone.x0(), zone.y0(), zone.width(), zone.height()));
        // the quick way first; the thorough one only for the pages that need it
        for (boolean harder : new boolean[] {false, true}) {
            Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
            hints.put(DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE));
            if (harder) {
                hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
            }
            try {
                return Optional.of(new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)), hints).getText());
            } catch (ReaderException e) {
                // try harder, then give up
            }
        }
        return Optional.empty();
    }
}
