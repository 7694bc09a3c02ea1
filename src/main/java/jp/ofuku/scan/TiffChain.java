package jp.ofuku.scan;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * A TIFF's chain of pages (image file directories) walked before any decoder sees the file: a
 * directory that points back at one already seen (a 26-byte file can do it) would keep the TIFF
 * reader counting pages for ever, and a directory or chain outside the file, or more pages than
 * any fax, is not a scan. Such a file is refused in milliseconds, with its reason.
 */
final class TiffChain {

    private TiffChain() {
    }

    /** The number of pages, or the reason the file is refused. */
    static int pages(Path file, int maxPages) throws IOException, UnreadableFileException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            ByteBuffer head = read(channel, 0, 8, size);
            if (head == null) {
                throw new UnreadableFileException("cannot be decoded: the TIFF ends inside its header");
            }
            ByteOrder order = head.get(0) == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
            head.order(order);
            int magic = head.getShort(2) & 0xFFFF;
            if (magic == 43) {
                throw new UnreadableFileException("a BigTIFF file: no scanner or fax writes one, and it is not read");
            }
            if (magic != 42) {
                throw new UnreadableFileException("not a TIFF file (its header says " + magic + ", not 42)");
            }
            long at = head.getInt(4) & 0xFFFFFFFFL;
            Set<Long> seen = new HashSet<>();
            int pages = 0;
            while (at != 0) {
                if (!seen.add(at)) {
                    throw new UnreadableFileException(String.format(Locale.ROOT,
                            "cannot be decoded: its page %d points back at page data already read (a damaged or hostile file)", pages + 1));
                }
                if (++pages > maxPages) {
                    throw new UnreadableFileException("it holds more than " + maxPages + " pages: no fax or scan is that long");
                }
                ByteBuffer count = read(channel, at, 2, size);
                if (count == null) {
                    throw new UnreadableFileException("cannot be decoded: page " + pages + " lies outside the file (a damaged or cut file)");
                }
                int entries = count.order(order).getShort(0) & 0xFFFF;
                ByteBuffer next = read(channel, at + 2 + 12L * entries, 4, size);
                if (next == null) {
                    throw new UnreadableFileException("cannot be decoded: page " + pages + " runs past the end of the file (a damaged or cut file)");
                }
                at = next.order(order).getInt(0) & 0xFFFFFFFFL;
            }
            if (pages == 0) {
                throw new UnreadableFileException("has no pages");
            }
            return pages;
        }
    }

    private static ByteBuffer read(FileChannel channel, long at, int n, long size) throws IOException {
        if (at < 0 || at + n > size) {
            return null;
        }
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            if (channel.read(b, at + b.position()) < 0) {
                return null;
            }
        }
        return b;
    }
}
