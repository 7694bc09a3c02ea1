package jp.ofuku.database;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jp.ofuku.ops.Refusal;

/**
 * Point-in-time recovery for the embedded PostgreSQL: its write-ahead log is archived, segment by
 * segment, into a folder of its own (on another disk, in production), and every backup holds a
 * base copy of the data folder. A base copy and the archive after it rebuild the database as it
 * was at any moment since, to the second: PostgreSQL's own continuous archiving, done as its
 * manual describes for a server without pg_basebackup.
 *
 * @param dataDir the embedded database's data folder
 * @param archive where its WAL is archived; null when archiving is off
 */
public record PointInTime(Path dataDir, Path archive) {

    private static final Logger log = LoggerFactory.getLogger(PointInTime.class);

    /** A file the archiver wrote: a segment, a segment cut off at a promotion, or a backup's history file. */
    private static final Pattern ARCHIVED = Pattern.compile("([0-9A-F]{24})(\\.partial|\\.[0-9A-F]{8}\\.backup)?");
    private static final Pattern START = Pattern.compile("START WAL LOCATION: \\S+ \\(file ([0-9A-F]{24})\\)");
    /** Not copied into a base copy, as PostgreSQL's manual lists: rebuilt at start, or replayed from the archive. */
    private static final Set<String> CONTENTS_SKIPPED = Set.of("pg_wal", "pg_replslot", "pg_stat_tmp", "pg_dynshmem", "pg_notify",
            "pg_serial", "pg_snapshots", "pg_subtrans");
    private static final Set<String> FILES_SKIPPED = Set.of("postmaster.pid", "postmaster.opts", "backup_label", "tablespace_map",
            "recovery.signal", "standby.signal", "ofuku-restore-in-progress");

    /**
     * Written into a data folder laid from a base copy, removed once the server has opened it for
     * work: only such a folder, never opened, is taken away again when its recovery fails.
     */
    static final String RESTORING = "ofuku-restore-in-progress";

    /** An entry of the base copy, not a file of the data folder: when the copy became consistent (after pg_backup_stop). */
    private static final String CONSISTENT_AT = "ofuku-consistent-at";

    public boolean archiving() {
        return archive != null;
    }

    /**
     * The shell command PostgreSQL runs for each finished segment: copied under a temporary name,
     * forced to disk, renamed, the folder forced, so a segment in the archive is always whole. A
     * segment already there is accepted only if it is the same (an archive retried after a crash).
     */
    String archiveCommand() {
        String to = shellQuoted(archive.toAbsolutePath().normalize() + "/") + "%f";
        String part = to + ".part";
        return "if [ -f " + to + " ]; then cmp -s %p " + to + "; else cp %p " + part + " && sync " + part + " && mv " + part + " "
                + to + " && sync " + shellQuoted(archive.toAbsolutePath().normalize().toString()) + "; fi";
    }

    /** The command recovery runs to fetch a segment; one that is not there ends the archive. */
    String restoreCommand() {
        return "cp " + shellQuoted(archive.toAbsolutePath().normalize() + "/") + "%f %p";
    }

    /** Single-quoted for /bin/sh, with PostgreSQL's % escaped. */
    private static String shellQuoted(String s) {
        return "'" + s.replace("%", "%%").replace("'", "'\\''") + "'";
    }

    static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /**
     * A base copy of the running database into {@code zip}: between pg_backup_start and
     * pg_backup_stop (which waits until the last segment it needs is archived), every file of
     * the data folder, as it is while the server goes on writing, and the backup label that
     * tells recovery where to begin. Returns the label.
     */
    public String baseBackup(Connection c, String label, OutputStream zip) throws IOException, SQLException {
        if (!archiving()) {
            throw new IllegalStateException("WAL archiving is off: a base copy alone cannot be made consistent");
        }
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_backup_start(" + literal(label) + ", true)");
        }
        String labelFile;
        String tablespaceMap;
        boolean stopped = false;
        try (ZipOutputStream out = new ZipOutputStream(new NotClosing(zip))) {
            out.setLevel(1);
            Path root = dataDir.toAbsolutePath().normalize();
            List<Path> paths;
            try (Stream<Path> walk = Files.walk(root)) {
                paths = walk.filter(p -> !p.equals(root)).sorted().toList();
            }
            for (Path p : paths) {
                Path relative = root.relativize(p);
                String name = relative.toString().replace('\\', '/');
                if (relative.getNameCount() > 1 && CONTENTS_SKIPPED.contains(relative.getName(0).toString())) {
                    continue;
                }
                if (relative.getNameCount() == 1 && FILES_SKIPPED.contains(name)) {
                    continue;
                }
                try {
                    if (Files.isDirectory(p)) {
                        out.putNextEntry(new ZipEntry(name + "/"));
                        out.closeEntry();
                    } else if (Files.isRegularFile(p)) {
                        try (InputStream in = Files.newInputStream(p)) {
                            out.putNextEntry(new ZipEntry(name));
                            in.transferTo(out);
                            out.closeEntry();
                        }
                    }
                } catch (NoSuchFileException gone) {
                    // dropped by the server while copying (a temporary file, a table dropped): the WAL replays it
                }
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT labelfile, spcmapfile FROM pg_backup_stop(true)")) {
                rs.next();
                labelFile = rs.getString(1);
                tablespaceMap = rs.getString(2);
                stopped = true;
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT clock_timestamp()")) {
                rs.next();
                out.putNextEntry(new ZipEntry(CONSISTENT_AT));
                out.write(rs.getObject(1, OffsetDateTime.class).toInstant().toString().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
            out.putNextEntry(new ZipEntry("backup_label"));
            out.write(labelFile.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            if (tablespaceMap != null && !tablespaceMap.isEmpty()) {
                out.putNextEntry(new ZipEntry("tablespace_map"));
                out.write(tablespaceMap.getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        } finally {
            if (!stopped) {
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT pg_backup_stop(false)");
                } catch (SQLException ignored) {
                    // the session ending ends the backup too
                }
            }
        }
        return labelFile;
    }

    /** The first WAL segment a base copy's label says it needs. */
    public static String startSegment(String label) {
        Matcher m = START.matcher(label);
        if (!m.find()) {
            throw new IllegalArgumentException("not a backup label: " + label.lines().findFirst().orElse(""));
        }
        return m.group(1);
    }

    /** The label inside a base copy. */
    public static String labelOf(Path baseZip) throws IOException {
        return entry(baseZip, "backup_label");
    }

    private static Instant consistentAt(Path baseZip) throws IOException {
        return Instant.parse(entry(baseZip, CONSISTENT_AT).strip());
    }

    private static String entry(Path baseZip, String name) throws IOException {
        try (ZipFile zip = new ZipFile(baseZip.toFile())) {
            ZipEntry e = zip.getEntry(name);
            if (e == null) {
                throw new IOException(baseZip + " has no " + name + ": it is not a base copy ofuku wrote");
            }
            try (InputStream in = zip.getInputStream(e)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    /** Removes archived segments older than {@code oldestNeeded} (history files are kept); returns how many. */
    public int pruneBefore(String oldestNeeded) throws IOException {
        if (!archiving() || !Files.isDirectory(archive)) {
            return 0;
        }
        int removed = 0;
        try (Stream<Path> list = Files.list(archive)) {
            for (Path f : list.toList()) {
                Matcher m = ARCHIVED.matcher(f.getFileName().toString());
                if (m.matches() && m.group(1).compareTo(oldestNeeded) < 0) {
                    Files.deleteIfExists(f);
                    removed++;
                }
            }
        }
        if (removed > 0) {
            log.info("removed {} archived WAL segments older than {}, which no kept backup needs", removed, oldestNeeded);
        }
        return removed;
    }

    /**
     * Lays a base copy into the (absent or empty) data folder and asks the server, at its next
     * start, to replay the archive up to {@code until} (to its end when empty) and then to open
     * for work on a new timeline.
     */
    public void prepareRecovery(Path baseZip, Optional<OffsetDateTime> until, Clock clock) throws IOException {
        if (until.isPresent() && until.get().toInstant().isAfter(clock.instant())) {
            throw new Refusal(until.get().toLocalDateTime() + " is still to come: give a moment that has passed, or"
                    + " --until latest");
        }
        if (!archiving()) {
            throw new Refusal("a point-in-time restore needs the WAL archive, and OFUKU_WAL_ARCHIVE is blank: set it to"
                    + " the folder the archive is in");
        }
        if (!Files.isDirectory(archive)) {
            throw new Refusal("the WAL archive " + archive + " is not there: mount the disk it is on, or set"
                    + " OFUKU_WAL_ARCHIVE to where it is");
        }
        Instant consistent = consistentAt(baseZip);
        if (until.isPresent() && until.get().toInstant().isBefore(consistent)) {
            throw new Refusal("this backup's copy of the database was finished at " + consistent.atOffset(until.get()
                    .getOffset()).toLocalDateTime().truncatedTo(ChronoUnit.SECONDS) + ", after "
                    + until.get().toLocalDateTime() + ": it cannot be taken back to an earlier moment; restore an older backup");
        }
        Path root = dataDir.toAbsolutePath().normalize();
        if (Files.exists(root)) {
            try (Stream<Path> list = Files.list(root)) {
                if (list.findAny().isPresent()) {
                    throw new Refusal(root + " already holds a database: a point-in-time restore builds a new one;"
                            + " move that folder away first (keep it until the restore is checked)");
                }
            }
        }
        Files.createDirectories(root);
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(baseZip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().equals(CONSISTENT_AT)) {
                    continue;
                }
                Path target = root.resolve(e.getName()).normalize();
                if (!target.startsWith(root) || target.equals(root)) {
                    throw new IOException(baseZip + " names " + e.getName() + ", outside the data folder: not a base copy ofuku wrote");
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target);
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
                }
            }
        }
        for (String dir : CONTENTS_SKIPPED) {
            Files.createDirectories(root.resolve(dir));
        }
        List<String> settings = new ArrayList<>();
        settings.add("restore_command = " + literal(restoreCommand()));
        settings.add("recovery_target_action = 'promote'");
        until.ifPresent(t -> settings.add("recovery_target_time = "
                + literal(t.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSxxx")))));
        Files.writeString(root.resolve("postgresql.auto.conf"), "\n# a point-in-time restore by ofuku\n" + String.join("\n", settings)
                + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        Files.writeString(root.resolve(RESTORING), baseZip.toAbsolutePath() + "\n");
        Files.writeString(root.resolve("recovery.signal"), "");
        log.info("base copy {} laid into {}; the server replays the archive in {} up to {}", baseZip, root, archive,
                until.map(Object::toString).orElse("its end"));
    }

    /** Removes the recovery settings once the server has opened for work (ALTER SYSTEM rewrites the file). */
    static void forgetRecovery(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String setting : List.of("restore_command", "recovery_target_action", "recovery_target_time")) {
                s.execute("ALTER SYSTEM RESET " + setting);
            }
            s.execute("SELECT pg_reload_conf()");
        }
    }

    /** Keeps a ZipOutputStream from closing the stream the caller owns. */
    private static final class NotClosing extends java.io.FilterOutputStream {
        NotClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
