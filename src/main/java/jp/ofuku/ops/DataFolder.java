package jp.ofuku.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * The data folder holds a town's register, its replies, the form key and the backups' keys: it
 * is open to ofuku's user and its group only, whatever the umask of whoever made it. Everything
 * in it is reached through it, so no other account on the machine reads a file there, however the
 * file itself was created.
 */
public final class DataFolder {

    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private DataFolder() {
    }

    /** {@code OFUKU_DATA_DIR}, or ./data. */
    public static Path of(java.util.Map<String, String> env) {
        String dir = env.get("OFUKU_DATA_DIR");
        return Path.of(dir == null || dir.isBlank() ? "data" : dir);
    }

    /**
     * Makes the folder (rwxr-x---) when it is not there; takes away other accounts' rights on it
     * when it has them. Returns what was done, for the one line that says so, or empty.
     */
    public static java.util.Optional<String> closeToOthers(Path dir) throws IOException {
        if (Files.getFileAttributeView(dir.toAbsolutePath().getRoot(), PosixFileAttributeView.class) == null) {
            return java.util.Optional.empty(); // not a POSIX file system: its own access lists apply
        }
        if (!Files.exists(dir)) {
            Files.createDirectories(dir.toAbsolutePath().getParent());
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-x---")));
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // made a moment ago by another command: checked below like any
            }
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-x---"));
            return java.util.Optional.empty();
        }
        Set<PosixFilePermission> now = Files.getPosixFilePermissions(dir);
        if (java.util.Collections.disjoint(now, OTHERS)) {
            return java.util.Optional.empty();
        }
        Set<PosixFilePermission> closed = EnumSet.copyOf(now);
        closed.removeAll(OTHERS);
        Files.setPosixFilePermissions(dir, closed);
        return java.util.Optional.of("the data folder " + dir + " was open to every account on this machine ("
                + PosixFilePermissions.toString(now) + "); it is now open to ofuku's user and its group only ("
                + PosixFilePermissions.toString(closed) + ")");
    }
}
