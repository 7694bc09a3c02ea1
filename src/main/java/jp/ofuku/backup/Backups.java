package jp.ofuku.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.util.FileSystemUtils;

import jp.ofuku.database.DatabaseConfiguration;
import jp.ofuku.database.PointInTime;
import jp.ofuku.letters.LetterProperties;
import jp.ofuku.nightly.NightlyProperties;
import jp.ofuku.ops.RunControl;
import jp.ofuku.replies.ReadProperties;

/**
 * Backup and restore. A backup is a folder: every table of the database dumped by COPY inside
 * one snapshot (so the dump is consistent whatever else runs), the print, archive and
 * quarantine folders and the reply-form key file copied beside it, and a manifest with the
 * SHA-256 of every file, written last. It is taken while no nightly runs.
 *
 * <p>A restore checks every file against the manifest before it changes anything, and only
 * onto a database with no tables: it builds the schema the backup was taken at (the same
 * migrations), loads the rows, sets the sequences, checks the row counts, brings the schema up
 * to this version, and puts the files back in the folders this machine is configured with —
 * never over a different file.
 */
@Service
public class Backups {

    private static final Logger log = LoggerFactory.getLogger(Backups.class);

    private final DataSource dataSource;
    private final RunControl runs;
    private final Map<String, Path> areas = new LinkedHashMap<>();
    private final Path keyFile;
    private final java.time.Clock clock;
    private final PointInTime pointInTime;

    /** The base copy of the embedded database in a backup, for a point-in-time restore. */
    public static final String BASE_COPY = "database/base.zip";

    @org.springframework.beans.factory.annotation.Autowired
    public Backups(DataSource dataSource, RunControl runs, NightlyProperties nightlyFolders, ReadProperties read,
            LetterProperties letters, java.time.Clock clock, DatabaseConfiguration.EmbeddedDatabaseHolder embedded) {
        this(dataSource, runs, Path.of(nightlyFolders.out()), Path.of(read.archive()), Path.of(read.quarantine()),
                Path.of(letters.formKeyFile()), clock,
                embedded.database() != null ? embedded.database().pointInTime() : new PointInTime(null, null));
    }

    /** On these folders: print files, archived originals, quarantined files, and the reply-form key file. */
    Backups(DataSource dataSource, RunControl runs, Path print, Path archive, Path quarantine, Path keyFile, java.time.Clock clock) {
        this(dataSource, runs, print, archive, quarantine, keyFile, clock, new PointInTime(null, null));
    }

    /** With a base copy of the embedded database in every backup, when {@code pointInTime} archives its WAL. */
    Backups(DataSource dataSource, RunControl runs, Path print, Path archive, Path quarantine, Path keyFile, java.time.Clock clock,
            PointInTime pointInTime) {
        this.pointInTime = pointInTime;
        this.clock = clock;
        this.dataSource = dataSource;
        this.runs = runs;
        areas.put("print", print.toAbsolutePath().normalize());
        areas.put("archive", archive.toAbsolutePath().normalize());
        areas.put("quarantine", quarantine.toAbsolutePath().normalize());
        this.keyFile = keyFile.toAbsolutePath().normalize();
    }

    /** Writes a backup into {@code dir}, which must be new or empty. */
    public BackupManifest backup(Path dir) throws Exception {
        Path out = dir.toAbsolutePath().normalize();
        if (Files.exists(out) && (!Files.isDirectory(out) || hasFiles(out))) {
            throw new BackupException(out + " is not empty: back up into a new folder (a date in its name helps: backup-"
                    + java.time.LocalDate.now(clock) + ")");
        }
        for (Path area : areas.values()) {
            if (out.startsWith(area)) {
                throw new BackupException(out + " is inside " + area + ", which is itself backed up: choose a folder outside it");
            }
        }
        return runs.exclusive("nightly", () -> {
            Files.createDirectories(out.resolve("database"));
            // a town's register and its form key: the backup folder is its owner's alone, whatever the umask
            ownerOnly(out, "rwx------");
            List<BackupManifest.Entry> files = new ArrayList<>();
            Map<String, Long> tables = new TreeMap<>();
            Map<String, Long> sequences = new TreeMap<>();
            String schema;
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                c.setReadOnly(true);
                schema = schemaVersion(c);
                for (String table : tables(c)) {
                    Path file = out.resolve("database").resolve(table + ".copy.gz");
                    long[] rows = new long[1];
                    files.add(write(out, file, stream -> {
                        try (GZIPOutputStream gz = new GZIPOutputStream(stream, 1 << 16)) {
                            rows[0] = c.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY " + quoted(table) + " TO STDOUT", gz);
                        }
                    }));
                    tables.put(table, rows[0]);
                }
                try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'")) {
                    while (rs.next()) {
                        long value = rs.getLong(2);
                        if (!rs.wasNull()) {
                            sequences.put(rs.getString(1), value);
                        }
                    }
                }
                c.commit();
            }
            if (pointInTime.archiving()) {
                // the data folder as the server writes it, made consistent by the WAL archived up to its end
                try (Connection c = dataSource.getConnection()) {
                    files.add(write(out, out.resolve(BASE_COPY), stream -> pointInTime.baseBackup(c, "ofuku " + out.getFileName(), stream)));
                }
            }
            for (Map.Entry<String, Path> area : areas.entrySet()) {
                if (Files.isDirectory(area.getValue())) {
                    try (Stream<Path> walk = Files.walk(area.getValue())) {
                        // a symbolic link put among them is not followed: only files ofuku wrote are kept
                        for (Path f : walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList()) {
                            String relative = area.getValue().relativize(f).toString();
                            files.add(copy(out, f, out.resolve("files").resolve(area.getKey()).resolve(relative)));
                        }
                    }
                }
            }
            if (Files.isRegularFile(keyFile)) {
                Path keyCopy = out.resolve("files").resolve("keys").resolve(keyFile.getFileName().toString());
                files.add(copy(out, keyFile, keyCopy));
                ownerOnly(keyCopy, "rw-------");
            }
            BackupManifest manifest = new BackupManifest(BackupManifest.FORMAT, Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString(),
                    schema, tables, sequences, files);
            manifest.write(out);
            log.info("backup written to {}: {} tables, {} files", out, tables.size(), files.size());
            return manifest;
        });
    }

    /** A scheduled backup: where it went, what it holds, and the older backups removed by the retention rule. */
    public record Scheduled(Path folder, BackupManifest manifest, List<Path> removed, int walSegmentsRemoved) {
    }

    /**
     * Removes the archived WAL older than the oldest base copy kept under {@code root}: no kept
     * backup can be rolled forward through it. Nothing is removed while no kept backup has a base copy.
     */
    private int pruneArchive(Path root) throws IOException {
        if (!pointInTime.archiving() || !Files.isDirectory(root)) {
            return 0;
        }
        String oldest = null;
        try (Stream<Path> list = Files.list(root)) {
            for (Path dir : list.filter(d -> FOLDER.matcher(d.getFileName().toString()).matches()).toList()) {
                Path base = dir.resolve(BASE_COPY);
                if (Files.isRegularFile(dir.resolve(BackupManifest.NAME)) && Files.isRegularFile(base)) {
                    String start = PointInTime.startSegment(PointInTime.labelOf(base));
                    oldest = oldest == null || start.compareTo(oldest) < 0 ? start : oldest;
                }
            }
        }
        return oldest == null ? 0 : pointInTime.pruneBefore(oldest);
    }

    private static final java.time.format.DateTimeFormatter FOLDER_TIME =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmmss", java.util.Locale.ROOT);
    private static final java.util.regex.Pattern FOLDER = java.util.regex.Pattern.compile("backup-(\\d{4}-\\d{2}-\\d{2})T\\d{6}");

    /**
     * The nightly backup: a new folder under {@code root} named by the time (backup-2026-12-07T043000),
     * taken while the console and its runs go on (one consistent snapshot), then the retention
     * rule: the newest backup of each of the last {@code keepDaily} days it was taken on and of each
     * of the last {@code keepWeekly} weeks are kept, the others removed; so is what a backup killed
     * midway left (a folder with no manifest).
     */
    public Scheduled scheduled(Path root, int keepDaily, int keepWeekly) throws Exception {
        if (keepDaily < 1) {
            throw new BackupException("keep at least one daily backup (keep-daily was " + keepDaily + ")");
        }
        Path folder = root.toAbsolutePath().normalize().resolve("backup-" + java.time.LocalDateTime.now(clock).format(FOLDER_TIME));
        BackupManifest manifest = backup(folder);
        List<Path> removed = new ArrayList<>();
        for (Path old : expired(root, keepDaily, keepWeekly)) {
            if (!old.equals(folder)) {
                FileSystemUtils.deleteRecursively(old);
                removed.add(old);
            }
        }
        if (!removed.isEmpty()) {
            log.info("removed {} older backups under {} (keeping {} daily, {} weekly)", removed.size(), root, keepDaily, keepWeekly);
        }
        int segments = pruneArchive(root);
        return new Scheduled(folder, manifest, removed, segments);
    }

    /** Backups under {@code root} the retention rule no longer keeps, and folders of backups that never finished. */
    static List<Path> expired(Path root, int keepDaily, int keepWeekly) throws IOException {
        List<Path> complete = new ArrayList<>();
        List<Path> expired = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return expired;
        }
        try (Stream<Path> list = Files.list(root)) {
            for (Path dir : list.filter(Files::isDirectory).sorted(java.util.Comparator.reverseOrder()).toList()) {
                if (FOLDER.matcher(dir.getFileName().toString()).matches()) {
                    (Files.isRegularFile(dir.resolve(BackupManifest.NAME)) ? complete : expired).add(dir);
                }
            }
        }
        java.util.Set<java.time.LocalDate> days = new java.util.HashSet<>();
        java.util.Set<String> weeks = new java.util.HashSet<>();
        for (Path dir : complete) {
            var m = FOLDER.matcher(dir.getFileName().toString());
            m.matches();
            java.time.LocalDate day = java.time.LocalDate.parse(m.group(1));
            String week = day.get(java.time.temporal.IsoFields.WEEK_BASED_YEAR) + "-"
                    + day.get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR);
            boolean daily = !days.contains(day) && days.size() < keepDaily;
            boolean weekly = !weeks.contains(week) && weeks.size() < keepWeekly;
            days.add(day);
            weeks.add(week);
            if (!daily && !weekly) {
                expired.add(dir);
            }
        }
        return expired;
    }

    /** Restores the backup in {@code dir} onto this application's database, which must have no tables yet. */
    public BackupManifest restore(Path dir) throws Exception {
        Path in = dir.toAbsolutePath().normalize();
        BackupManifest manifest = checked(in);
        Map<Path, Path> placing = placing(in, manifest);
        try (Connection c = dataSource.getConnection()) {
            List<String> existing = tables(c);
            if (!existing.isEmpty()) {
                throw new BackupException("the database already has " + existing.size() + " tables (" + String.join(", ",
                        existing.subList(0, Math.min(4, existing.size()))) + ", …): restore only onto a fresh, empty database"
                        + " (a new data folder, OFUKU_DATA_DIR, or a new database on the server)");
            }
        }
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration")
                .target(MigrationVersion.fromVersion(manifest.schema())).load().migrate();
        try {
            load(in, manifest);
        } catch (Exception e) {
            throw new BackupException("loading the rows failed (" + e.getMessage() + "); no row was kept, but the empty schema"
                    + " was created: restore again onto a new, empty database");
        }
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        place(placing);
        log.info("restored {} ({} tables, {} files placed)", in, manifest.tables().size(), placing.size());
        return manifest;
    }

    /** A backup read and checked against its manifest, every file and checksum; nothing is changed. */
    public static BackupManifest checked(Path dir) throws IOException {
        Path in = dir.toAbsolutePath().normalize();
        BackupManifest manifest = BackupManifest.read(in);
        verify(in, manifest);
        return manifest;
    }

    /**
     * After a point-in-time restore (the database rebuilt from the backup's base copy and the WAL
     * archive as it opened): the backup's print, archive and quarantine files and form key put back
     * where they are missing, never over a different file. Returns how many were put back.
     */
    public int putBackFiles(Path dir) throws IOException {
        Path in = dir.toAbsolutePath().normalize();
        Map<Path, Path> placing = placing(in, checked(in));
        place(placing);
        return placing.size();
    }

    private void place(Map<Path, Path> placing) throws IOException {
        for (Map.Entry<Path, Path> f : placing.entrySet()) {
            Files.createDirectories(f.getValue().getParent());
            Files.copy(f.getKey(), f.getValue());
            if (f.getValue().equals(keyFile)) {
                ownerOnly(keyFile, "rw-------");
            }
            jp.ofuku.ops.OnDisk.force(f.getValue());
        }
    }

    /** Every file of the manifest is there, inside the backup, with its size and checksum; nothing else is changed before this holds. */
    private static void verify(Path in, BackupManifest manifest) throws IOException {
        List<String> problems = new ArrayList<>();
        for (BackupManifest.Entry e : manifest.files()) {
            Path file = inside(in, e.path());
            if (!Files.isRegularFile(file)) {
                problems.add(e.path() + ": missing");
            } else if (Files.size(file) != e.bytes()) {
                problems.add(e.path() + ": " + Files.size(file) + " bytes, the manifest says " + e.bytes());
            } else if (!sha256(file).equals(e.sha256())) {
                problems.add(e.path() + ": its checksum differs from the manifest's (damaged or altered)");
            }
        }
        for (String table : manifest.tables().keySet()) {
            if (manifest.files().stream().noneMatch(e -> e.path().equals("database/" + table + ".copy.gz"))) {
                problems.add("database/" + table + ".copy.gz: not in the manifest");
            }
        }
        if (!problems.isEmpty()) {
            throw new BackupException("the backup in " + in + " fails its check (" + problems.size() + " problem(s), first: "
                    + String.join("; ", problems.subList(0, Math.min(3, problems.size())))
                    + "); nothing was restored. Use another copy of the backup");
        }
    }

    /** Where each backed-up file goes on this machine; refused if a different file is already there. */
    private Map<Path, Path> placing(Path in, BackupManifest manifest) throws IOException {
        Map<Path, Path> placing = new LinkedHashMap<>();
        List<String> conflicts = new ArrayList<>();
        for (BackupManifest.Entry e : manifest.files()) {
            if (!e.path().startsWith("files/")) {
                continue;
            }
            String[] parts = e.path().split("/", 3);
            Path target;
            if (parts[1].equals("keys") && parts.length == 3) {
                target = keyFile;
            } else if (areas.containsKey(parts[1]) && parts.length == 3) {
                target = areas.get(parts[1]).resolve(parts[2]).normalize();
                if (!target.startsWith(areas.get(parts[1]))) {
                    throw new BackupException(e.path() + " in the manifest leads outside its folder; nothing was restored");
                }
            } else {
                throw new BackupException(e.path() + " in the manifest is not in a folder ofuku backs up; nothing was restored");
            }
            if (Files.exists(target)) {
                if (!sha256(target).equals(e.sha256())) {
                    conflicts.add(target.toString());
                }
                continue; // the same file is there already
            }
            placing.put(inside(in, e.path()), target);
        }
        if (!conflicts.isEmpty()) {
            throw new BackupException(conflicts.size() + " file(s) on this machine differ from the backup's (first: "
                    + conflicts.get(0) + "): move them away, or restore into empty folders; nothing was restored");
        }
        return placing;
    }

    private void load(Path in, BackupManifest manifest) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            List<String> order = parentsFirst(c, manifest.tables().keySet());
            for (String table : order) {
                try (Statement s = c.createStatement()) {
                    s.execute("ALTER TABLE " + quoted(table) + " DISABLE TRIGGER USER"); // counts are restored, not recounted
                    s.execute("DELETE FROM " + quoted(table)); // the migration history written by the migrations just run
                }
                long rows;
                try (InputStream data = new GZIPInputStream(Files.newInputStream(in.resolve("database").resolve(table + ".copy.gz")), 1 << 16)) {
                    rows = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + quoted(table) + " FROM STDIN", data);
                }
                try (Statement s = c.createStatement()) {
                    s.execute("ALTER TABLE " + quoted(table) + " ENABLE TRIGGER USER");
                }
                if (rows != manifest.tables().get(table)) {
                    throw new BackupException(table + ": " + rows + " rows loaded, the manifest says " + manifest.tables().get(table)
                            + "; nothing was restored");
                }
            }
            for (Map.Entry<String, Long> seq : manifest.sequences().entrySet()) {
                try (PreparedStatement ps = c.prepareStatement("SELECT setval(format('public.%I', ?::text)::regclass, ?, true)")) {
                    ps.setString(1, seq.getKey());
                    ps.setLong(2, seq.getValue());
                    ps.execute();
                }
            }
            c.commit();
        }
    }

    /** The tables in an order where every table comes after those its foreign keys point to. */
    private static List<String> parentsFirst(Connection c, Set<String> wanted) throws SQLException {
        Map<String, Set<String>> parents = new TreeMap<>();
        for (String t : tables(c)) {
            parents.put(t, new LinkedHashSet<>());
        }
        for (String t : wanted) {
            if (!parents.containsKey(t)) {
                throw new BackupException("the backup has a table " + t + " that its schema version does not; nothing was restored");
            }
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT child.relname, parent.relname FROM pg_constraint k
                JOIN pg_class child ON child.oid = k.conrelid JOIN pg_class parent ON parent.oid = k.confrelid
                JOIN pg_namespace n ON n.oid = child.relnamespace
                WHERE k.contype = 'f' AND n.nspname = 'public' AND child.oid <> parent.oid""")) {
            while (rs.next()) {
                parents.get(rs.getString(1)).add(rs.getString(2));
            }
        }
        List<String> order = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>();
        while (placed.size() < parents.size()) {
            boolean progress = false;
            for (Map.Entry<String, Set<String>> t : parents.entrySet()) {
                if (!placed.contains(t.getKey()) && placed.containsAll(t.getValue())) {
                    placed.add(t.getKey());
                    order.add(t.getKey());
                    progress = true;
                }
            }
            if (!progress) {
                throw new IllegalStateException("foreign keys form a cycle among " + parents.keySet());
            }
        }
        order.retainAll(wanted);
        return order;
    }

    private static String schemaVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1")) {
            if (!rs.next()) {
                throw new BackupException("the database has no schema yet: nothing to back up");
            }
            return rs.getString(1);
        }
    }

    private static List<String> tables(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY 1""")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    private static String quoted(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** A path named by the manifest, which must stay inside the backup folder. */
    private static Path inside(Path in, String path) {
        Path p = in.resolve(path).normalize();
        if (path.isEmpty() || Path.of(path).isAbsolute() || !p.startsWith(in) || p.equals(in)) {
            throw new BackupException("the manifest names " + path + ", outside the backup folder; nothing was restored");
        }
        return p;
    }

    @FunctionalInterface
    private interface Writing {
        void to(OutputStream out) throws Exception;
    }

    private static BackupManifest.Entry write(Path root, Path file, Writing writing) throws Exception {
        Files.createDirectories(file.getParent());
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), sha)) {
            writing.to(out);
        }
        // a backup is only one once it is on the disk
        jp.ofuku.ops.OnDisk.force(file);
        return new BackupManifest.Entry(root.relativize(file).toString().replace('\\', '/'), Files.size(file),
                HexFormat.of().formatHex(sha.digest()));
    }

    /** Readable by ofuku's user alone; said once on a file system without POSIX modes (a Windows share). */
    private static void ownerOnly(Path path, String mode) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
        } catch (UnsupportedOperationException e) {
            log.warn("{} is on a file system without owner-only modes: keep it where only ofuku's user can read it", path);
        }
    }

    private static BackupManifest.Entry copy(Path root, Path from, Path to) throws Exception {
        return write(root, to, out -> Files.copy(from, out));
    }

    static String sha256(Path file) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean hasFiles(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.findAny().isPresent();
        }
    }
}
