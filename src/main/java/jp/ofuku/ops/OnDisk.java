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
}
