package jp.ofuku.scan;

import java.util.ArrayList;
import java.util.List;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * Tesseract, through its C API in Debian's {@code libtesseract5}. A Tesseract handle is not
 * thread-safe and costly to start (it loads its language model), so each thread keeps one
 * handle per purpose for as long as it lives: one for digits (the printed form code) and one
 * for whole pages in Japanese and English.
 *
 * <p>Set {@code OMP_THREAD_LIMIT=1} (scripts/ofuku does): Tesseract's own threads only slow
 * a machine whose cores are already busy reading pages.
 */
public final class Ocr implements AutoCloseable {

    /** The printed form code: digits and the spaces between their groups, on one line. */
    public static final Purpose DIGITS = new Purpose("eng", 7, "0123456789 ");
    /** A page that is not our form: a letter, a cover sheet, in Japanese or English. */
    public static final Purpose PAGE = new Purpose("jpn+eng", 3, null);

    /** What a handle is for: its languages, page segmentation mode and the characters it may answer with. */
    public record Purpose(String languages, int pageSegMode, String whitelist) {
    }

    /** What Tesseract read, and its mean word confidence (0 to 100). */
    public record Text(String text, int confidence) {
    }

    interface Api extends Library {
        Pointer TessBaseAPICreate();

        int TessBaseAPIInit3(Pointer handle, String dataPath, String language);

        int TessBaseAPISetVariable(Pointer handle, String name, String value);

        void TessBaseAPISetPageSegMode(Pointer handle, int mode);

        void TessBaseAPISetImage(Pointer handle, byte[] data, int width, int height, int bytesPerPixel, int bytesPerLine);

        void TessBaseAPISetSourceResolution(Pointer handle, int ppi);

        Pointer TessBaseAPIGetUTF8Text(Pointer handle);

        int TessBaseAPIMeanTextConf(Pointer handle);

        void TessBaseAPIClear(Pointer handle);

        void TessDeleteText(Pointer text);

        void TessBaseAPIEnd(Pointer handle);

        void TessBaseAPIDelete(Pointer handle);
    }

    private static volatile Api api;

    private static Api api() {
        Api loaded = api;
        if (loaded == null) {
            synchronized (Ocr.class) {
                if (api == null) {
                    api = load();
                }
                loaded = api;
            }
        }
        return loaded;
    }

    private static Api load() {
        List<String> tried = new ArrayList<>();
        for (String name : List.of("tesseract", "libtesseract.so.5")) {
            try {
                return Native.load(name, Api.class);
            } catch (UnsatisfiedLinkError e) {
                tried.add(name + ": " + e.getMessage());
            }
        }
        throw new IllegalStateException("Tesseract's library could not be loaded (run scripts/setup, which installs"
                + " tesseract-ocr): " + String.join("; ", tried));
    }

    private static final ThreadLocal<Ocr> DIGIT_HANDLES = new ThreadLocal<>();
    private static final ThreadLocal<Ocr> PAGE_HANDLES = new ThreadLocal<>();

    /** This thread's handle for {@code purpose}, started on first use. */
    public static Ocr forThread(Purpose purpose) {
        ThreadLocal<Ocr> handles = purpose == DIGITS ? DIGIT_HANDLES : purpose == PAGE ? PAGE_HANDLES : null;
        if (handles == null) {
            return new Ocr(purpose);
        }
        Ocr ocr = handles.get();
        if (ocr == null) {
            ocr = new Ocr(purpose);
            handles.set(ocr);
        }
        return ocr;
    }

    private final Pointer handle;
    private final Purpose purpose;

    public Ocr(Purpose purpose) {
        this.purpose = purpose;
        Api tess = api();
        handle = tess.TessBaseAPICreate();
        if (tess.TessBaseAPIInit3(handle, null, purpose.languages()) != 0) {
            tess.TessBaseAPIDelete(handle);
            throw new IllegalStateException("Tesseract could not load the language data " + purpose.languages()
                    + " (run scripts/setup, which installs tesseract-ocr-jpn and tesseract-ocr-eng)");
        }
        tess.TessBaseAPISetPageSegMode(handle, purpose.pageSegMode());
        if (purpose.whitelist() != null) {
            tess.TessBaseAPISetVariable(handle, "tessedit_char_whitelist", purpose.whitelist());
        }
        // quiet: no "Estimating resolution" or debug files from the library
        tess.TessBaseAPISetVariable(handle, "debug_file", "/dev/null");
    }

    /** Reads an 8-bit gray image (0 black, 255 white) given row by row, at {@code dpi}. */
    public synchronized Text read(byte[] gray, int width, int height, int dpi) {
        Api tess = api();
        tess.TessBaseAPISetImage(handle, gray, width, height, 1, width);
        tess.TessBaseAPISetSourceResolution(handle, dpi);
        Pointer text = tess.TessBaseAPIGetUTF8Text(handle);
        try {
            String read = text == null ? "" : text.getString(0, "UTF-8");
            return new Text(read.strip(), Math.max(0, tess.TessBaseAPIMeanTextConf(handle)));
        } finally {
            if (text != null) {
                tess.TessDeleteText(text);
            }
            tess.TessBaseAPIClear(handle);
        }
    }

    public Text read(Crop crop) {
        return read(crop.pixels(), crop.width(), crop.height(), crop.dpi());
    }

    public Purpose purpose() {
        return purpose;
    }

    @Override
    public synchronized void close() {
        Api tess = api();
        tess.TessBaseAPIEnd(handle);
        tess.TessBaseAPIDelete(handle);
    }
}
