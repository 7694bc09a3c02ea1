package jp.ofuku.replies;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import jp.ofuku.ops.OnDisk;

/**
 * Received files on disk: found in the paths given, named by their SHA-256, copied into the
 * archive (or quarantine) and forced to disk before anything is recorded, and removed from the inbox only once
 * the database holds what was read from them. A file name never leaves its folder.
 */
final class Intake {

    private Intake() {
    }

    /**
     * What is under the given files and folders, in name order, hidden files aside: files, and
     * whatever else is there (a symbolic link, a named pipe), which is quarantined unread ({@link #notAFile}).
     */
    static List<Path> files(List<Path> paths) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                            .filter(p -> !p.getFileName().toString().startsWith(".")).sorted().forEach(files::add);
                }
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                throw new IOException(path + " is neither a file nor a folder");
            }
        }
        return files;
    }

    /**
     * Why an entry of the inbox is not read, when it is not a file: a symbolic link is never
     * followed (a link to the form key would otherwise be copied into quarantine and backups), and
     * a named pipe never opened (reading it would wait for ever).
     */
    static Optional<String> notAFile(Path entry) throws IOException {
        if (Files.isSymbolicLink(entry)) {
            return Optional.of("a symbolic link to " + Files.readSymbolicLink(entry) + ", not a file: links in an inbox are"
                    + " not followed; put the file itself there");
        }
        if (!Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of("not a file (a named pipe, a socket or a device): nothing was read from it");
        }
        return Optional.empty();
    }

    /**
     * The name an entry that is not a file is recorded under, having no bytes of its own: its
     * path, what it points to and when it was made, hashed.
     */
    static String entryHash(Path entry) throws IOException {
        String target = Files.isSymbolicLink(entry) ? Files.readSymbolicLink(entry).toString() : "";
        String made = Files.getLastModifiedTime(entry, LinkOption.NOFOLLOW_LINKS).toString();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(("not a file\n" + entry.toAbsolutePath() + "\n" + target
                    + "\n" + made).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The name under which a file is kept: its hash, then its own name reduced to safe characters. */
    static String storedName(String sha256, Path original) {
        String name = original.getFileName().toString().replaceAll("[^\\p{L}\\p{N}._-]", "_");
        return sha256.substring(0, 16) + "-" + (name.length() > 100 ? name.substring(name.length() - 100) : name);
    }

    /** Copies into {@code folder}/YYYY-MM-DD/ (same bytes, replaced if a killed run left a copy). */
    static Path archive(Path file, String sha256, Path folder, LocalDate day) throws IOException {
        Path dir = folder.resolve(day.toString());
        Files.createDirectories(dir);
        Path target = dir.resolve(storedName(sha256, file));
        try {
            Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            jp.ofuku.ops.OnDisk.force(target);
        } catch (IOException e) {
            // a full disk keeps no half copy; the original stays in the inbox for the next run
            long written = Files.exists(target) ? Files.size(target) : 0;
            Files.deleteIfExists(target);
            throw jp.ofuku.ops.OnDisk.whenFull(e, dir, written, "the copy of " + file.getFileName() + " for the archive");
        }
        return target;
    }

    /** Copies into quarantine with a .reason.txt beside it saying why it could not be read. */
    static Path quarantine(Path file, String sha256, Path folder, String reason) throws IOException {
        Files.createDirectories(folder);
        Path target = folder.resolve(storedName(sha256, file));
        Path why = target.resolveSibling(target.getFileName() + ".reason.txt");
        // a link or a pipe is kept as its reason alone (what it pointed to is in it): nothing is read through it
        boolean regular = Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS);
        if (regular) {
            Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        }
        Files.writeString(why, "file: " + file + "\nsha256: " + sha256 + "\nreason: " + reason + "\n", StandardCharsets.UTF_8);
        OnDisk.force(regular ? new Path[] {target, why} : new Path[] {why});
        return regular ? target : why;
    }
}
