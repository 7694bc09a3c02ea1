package jp.ofuku.scan;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Fax TIFF files as other software writes them: a black-and-white page handed to the encoders a
 * town's fax server or scanner may use (libtiff's tiffcp and fax2tiff, netpbm's pbmtog3,
 * ImageMagick, Ghostscript's fax devices) and to the JDK's own writer. Each differs in how it
 * writes the same page (EOLs, fill bits, RTC, bit order, strips); none of that is damage. The
 * tools are Debian packages that scripts/setup installs (libtiff-tools, netpbm, imagemagick,
 * ghostscript).
 */
public enum FaxEncoders {

    JDK_T4("the JDK, T.4 2-D"),
    JDK_T6("the JDK, T.6"),
    TIFFCP_G3("tiffcp -c g3"),
    TIFFCP_G3_2D("tiffcp -c g3:2d"),
    TIFFCP_G3_FILL("tiffcp -c g3:fill"),
    TIFFCP_G4("tiffcp -c g4"),
    FAX2TIFF("fax2tiff from raw G3 (pbmtog3)"),
    PBMTOG3_ALIGNED("pbmtog3 -align8 -reversebits, fax2tiff 1-D"),
    IMAGEMAGICK_FAX("ImageMagick -compress Fax"),
    IMAGEMAGICK_GROUP4("ImageMagick -compress Group4"),
    GHOSTSCRIPT_TIFFG3("Ghostscript tiffg3"),
    GHOSTSCRIPT_TIFFG32D("Ghostscript tiffg32d"),
    GHOSTSCRIPT_TIFFG4("Ghostscript tiffg4"),
    GHOSTSCRIPT_TIFFCRLE("Ghostscript tiffcrle");

    private final String label;

    FaxEncoders(String label) {
        this.label = label;
    }

    /** How the operator knows this encoder: the tool and its options. */
    public String label() {
        return label;
    }

    /** ImageMagick's own convert (a stand-in of the same name may come first on the PATH). */
    private static final String CONVERT = Files.isExecutable(Path.of("/usr/bin/convert")) ? "/usr/bin/convert" : "convert";

    /**
     * Writes the black-and-white {@code page} (204 dpi across, {@code dpiY} down) as a one-page
     * TIFF {@code out}, through this encoder; {@code work} holds its intermediate files.
     */
    public void write(BufferedImage page, int dpiY, Path out, Path work) throws IOException {
        if (this == JDK_T4 || this == JDK_T6) {
            ReplySimulator.writeTiff(List.of(page), out, dpiY, this == JDK_T4 ? "CCITT T.4" : "CCITT T.6");
            return;
        }
        Files.createDirectories(work);
        Path pbm = work.resolve(name().toLowerCase(Locale.ROOT) + ".pbm");
        writePbm(page, pbm);
        int w = page.getWidth();
        int h = page.getHeight();
        String res = "204x" + dpiY;
        String base = work.resolve(name().toLowerCase(Locale.ROOT)).toString();
        switch (this) {
            case TIFFCP_G3, TIFFCP_G3_2D, TIFFCP_G3_FILL, TIFFCP_G4 -> {
                run(work, "pnmtotiff -none -xresolution 204 -yresolution " + dpiY + " " + pbm + " > " + base + ".tif");
                String c = switch (this) {
                    case TIFFCP_G3 -> "g3";
                    case TIFFCP_G3_2D -> "g3:2d";
                    case TIFFCP_G3_FILL -> "g3:fill";
                    default -> "g4";
                };
                run(work, "tiffcp -c " + c + " " + base + ".tif " + out);
            }
            case FAX2TIFF -> {
                run(work, "pbmtog3 -nofixedwidth " + pbm + " > " + base + ".g3");
                run(work, "fax2tiff -M -X " + w + " -R " + dpiY + " -o " + out + " " + base + ".g3");
            }
            case PBMTOG3_ALIGNED -> {
                run(work, "pbmtog3 -nofixedwidth -align8 -reversebits " + pbm + " > " + base + ".g3");
                run(work, "fax2tiff -A -L -X " + w + " -R " + dpiY + " -5 -p -m -o " + out + " " + base + ".g3");
            }
            case IMAGEMAGICK_FAX, IMAGEMAGICK_GROUP4 -> run(work, CONVERT + " " + pbm + " -units PixelsPerInch -density " + res
                    + " -compress " + (this == IMAGEMAGICK_FAX ? "Fax" : "Group4") + " " + out);
            case GHOSTSCRIPT_TIFFG3, GHOSTSCRIPT_TIFFG32D, GHOSTSCRIPT_TIFFG4, GHOSTSCRIPT_TIFFCRLE -> {
                writePostScript(page, dpiY, Path.of(base + ".ps"));
                String device = name().substring("GHOSTSCRIPT_".length()).toLowerCase(Locale.ROOT);
                run(work, "gs -q -dNOPAUSE -dBATCH -dSAFER -sDEVICE=" + device + " -r" + res + " -g" + w + "x" + h
                        + " -dFIXEDMEDIA -sOutputFile=" + out + " " + base + ".ps");
            }
            default -> throw new IllegalStateException(name());
        }
        if (!Files.isRegularFile(out) || Files.size(out) == 0) {
            throw new IOException(label + " wrote nothing to " + out);
        }
    }

    /** Whether this machine has the encoder's tools (scripts/setup installs them). */
    public boolean available() {
        List<String> tools = switch (this) {
            case JDK_T4, JDK_T6 -> List.of();
            case TIFFCP_G3, TIFFCP_G3_2D, TIFFCP_G3_FILL, TIFFCP_G4 -> List.of("pnmtotiff", "tiffcp");
            case FAX2TIFF, PBMTOG3_ALIGNED -> List.of("pbmtog3", "fax2tiff");
            case IMAGEMAGICK_FAX, IMAGEMAGICK_GROUP4 -> List.of(CONVERT);
            default -> List.of("gs");
        };
        for (String tool : tools) {
            if (tool.startsWith("/") ? !Files.isExecutable(Path.of(tool)) : !onPath(tool)) {
                return false;
            }
        }
        return true;
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** The page as a PostScript image filling a page of its own size at 204 × {@code dpiY}, for Ghostscript to rasterise. */
    static void writePostScript(BufferedImage page, int dpiY, Path file) throws IOException {
        int w = page.getWidth();
        int h = page.getHeight();
        double pointsW = w / 204.0 * 72;
        double pointsH = h / (double) dpiY * 72;
        try (var out = new java.io.PrintWriter(Files.newBufferedWriter(file, java.nio.charset.StandardCharsets.US_ASCII))) {
            out.printf(Locale.ROOT, "%%!PS-Adobe-3.0%n<< /PageSize [%.4f %.4f] >> setpagedevice%n", pointsW, pointsH);
            out.printf(Locale.ROOT, "/row %d string def%n%.4f %.4f scale%n", (w + 7) / 8, pointsW, pointsH);
            out.printf(Locale.ROOT, "%d %d 1 [%d 0 0 -%d 0 %d] { currentfile row readhexstring pop } image%n", w, h, w, h, h);
            StringBuilder line = new StringBuilder();
            for (int y = 0; y < h; y++) {
                line.setLength(0);
                for (int x = 0; x < w; x += 8) {
                    int b = 0;
                    for (int k = 0; k < 8; k++) {
                        // PostScript's 1-bit image: 1 is white
                        boolean white = x + k >= w || (page.getRGB(x + k, y) & 0xFF) >= 128;
                        b = b << 1 | (white ? 1 : 0);
                    }
                    line.append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 15, 16));
                }
                out.println(line);
            }
            out.println("showpage");
        }
    }

    /** A binary PBM (P4): 1 is black. */
    static void writePbm(BufferedImage page, Path file) throws IOException {
        int w = page.getWidth();
        int h = page.getHeight();
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(("P4\n" + w + " " + h + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            byte[] row = new byte[(w + 7) / 8];
            for (int y = 0; y < h; y++) {
                java.util.Arrays.fill(row, (byte) 0);
                for (int x = 0; x < w; x++) {
                    if ((page.getRGB(x, y) & 0xFF) < 128) {
                        row[x >>> 3] |= (byte) (0x80 >>> (x & 7));
                    }
                }
                out.write(row);
            }
        }
    }

    private static void run(Path work, String command) throws IOException {
        List<String> argv = new ArrayList<>(List.of("sh", "-c", command));
        Path log = work.resolve("encoder.log");
        Process p = new ProcessBuilder(argv).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("an encoder took over a minute: " + command);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + command, e);
        }
        if (p.exitValue() != 0) {
            throw new IOException("exit " + p.exitValue() + " from: " + command + " (see " + log + ")");
        }
    }
}
