package jp.ofuku.ops;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Files forced to disk before the database records them: a file the database says was printed,
 * archived or quarantined must survive a power cut that comes a moment after the commit. A file
 * is forced, then its folder (so its name, or a rename into it, is kept too).
 */
public final class OnDisk {

    private OnDisk() {
    }

    /** Forces each file's contents, then each of their folders, to disk. */
    public static void force(Path... files) throws IOException {
        Set<Path> folders = new LinkedHashSet<>();
        for (Path file : files) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                channel.force(true);
            }
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                folders.add(parent);
            }
        }
        for (Path folder : folders) {
            forceFolder(folder);
        }
    }

    /** Forces a folder's entries (names created, renamed or removed in it) to disk. */
    public static void forceFolder(Path folder) throws IOException {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // some file systems do not open folders for reading; their entries are written with the files
            if (!Files.isDirectory(folder)) {
                throw e;
            }
        }
    }

    /**
     * Renames a written and forced {@code part} to {@code target} atomically and forces the folder:
     * after a crash there is either the whole new file or none.
     */
    public static void publish(Path part, Path target) throws IOException {
        force(part);
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        forceFolder(target.toAbsolutePath().getParent());
    }

    /**
     * {@code e} as the operator should read it when the disk holding {@code folder} is full: one
     * line naming the folder, the space left and what was being written, and what to do; any other
     * failure as it is. {@code written}: how many bytes of it were written before the disk filled.
     */
    public static IOException whenFull(IOException e, Path folder, long written, String what) {
        if (!full(e, folder)) {
            return e;
        }
        long free = usable(folder);
        return new NoSpaceException(String.format(java.util.Locale.ROOT,
                "the disk holding %s is full (%s free): %s needed more than the %s written before it filled, and nothing"
                        + " half-written was kept; free space there (or write elsewhere), then restart the run",
                folder.toAbsolutePath().normalize(), megabytes(free), what, megabytes(written)), e);
    }

    /** The disk is full: it said so (ENOSPC), or under a megabyte is left where the write failed. */
    static boolean full(IOException e, Path folder) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("No space left on device")) {
                return true;
            }
        }
        return usable(folder) < 1 << 20;
    }

    private static long usable(Path folder) {
        try {
            return Files.getFileStore(folder).getUsableSpace();
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }

    private static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    /** A write that failed because its disk is full. */
    public static final class NoSpaceException extends IOException {
        NoSpaceException(String message, IOException cause) {
            super(message, cause);
        }
    }
}
