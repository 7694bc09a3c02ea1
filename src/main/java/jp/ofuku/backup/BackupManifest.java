package jp.ofuku.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a backup holds, written last into its folder as manifest.json: the schema version, the
 * rows of every table and the value of every sequence when the snapshot was taken, and every
 * file (the table dumps included) with its size and SHA-256, by its path inside the backup.
 *
 * @param format    "ofuku-backup 1"
 * @param created   when the backup was taken (ISO-8601)
 * @param schema    the database migration version the dump was taken at
 * @param tables    rows per table
 * @param sequences last value per sequence (absent: never used)
 * @param files     every file of the backup but the manifest
 */
public record BackupManifest(String format, String created, String schema, Map<String, Long> tables,
        Map<String, Long> sequences, List<Entry> files) {

    static final String FORMAT = "ofuku-backup 1";
    static final String NAME = "manifest.json";

    /** One file: its path inside the backup folder ("database/residents.copy.gz", "files/archive/…"). */
    public record Entry(String path, long bytes, String sha256) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    void write(Path dir) throws IOException {
        Path temp = dir.resolve(NAME + ".part");
        Files.writeString(temp, JSON.writeValueAsString(this) + "\n");
        jp.ofuku.ops.OnDisk.publish(temp, dir.resolve(NAME));
    }

    static BackupManifest read(Path dir) throws IOException {
        Path file = dir.resolve(NAME);
        if (!Files.isRegularFile(file)) {
            throw new BackupException(dir + " is not a complete backup: it has no " + NAME
                    + " (a backup writes it last; one cut off has none)");
        }
        BackupManifest manifest;
        try {
            manifest = JSON.readValue(file.toFile(), BackupManifest.class);
        } catch (RuntimeException e) {
            throw new BackupException(file + " cannot be read: " + e.getMessage());
        }
        if (!FORMAT.equals(manifest.format())) {
            throw new BackupException(file + " is not an ofuku backup manifest (format " + manifest.format() + ")");
        }
        return manifest;
    }
}
