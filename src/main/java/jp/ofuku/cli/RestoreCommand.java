package jp.ofuku.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import jp.ofuku.backup.BackupManifest;
import jp.ofuku.backup.Backups;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {"Restores a backup onto a fresh, empty database (a new data folder, or a new database on the server):",
                "checks every file against the manifest first, then rebuilds the schema, loads the rows, checks their counts,",
                "and puts the print, archive and quarantine files and the form key back in this machine's folders (never over",
                "a different file). Then run scripts/ofuku status, and the next nightly carries on."},
        footer = {"", "With --until, the embedded database is taken back to a moment instead: the backup's base copy of it is laid",
                "into an empty data folder and the WAL archive (OFUKU_WAL_ARCHIVE) replayed up to that moment; every letter, reply",
                "and booking recorded by then is there, nothing after it.",
                "", "Examples (a new machine, the embedded database):",
                "  scripts/ofuku restore /mnt/backup/ofuku-2026-11-26 && scripts/ofuku status",
                "  scripts/ofuku restore /mnt/backup/backup-2026-12-07T043000 --until '2026-12-07 10:15'",
                "  scripts/ofuku restore /mnt/backup/backup-2026-12-07T043000 --until latest"})
class RestoreCommand implements Callable<Integer> {

    @ParentCommand
    OfukuCommand ofuku;

    @Parameters(paramLabel = "DIR", description = "a folder written by scripts/ofuku backup")
    Path dir;

    @Option(names = "--until", paramLabel = "TIME", description = "take the embedded database back to this moment (YYYY-MM-DD HH:MM[:SS],"
            + " in ofuku's zone), or to the end of the WAL archive: latest")
    String until;

    @Override
    public Integer call() throws Exception {
        if (until != null) {
            return untilMoment();
        }
        System.setProperty("spring.flyway.enabled", "false"); // the schema is rebuilt at the backup's version first
        BackupManifest m = ofuku.bean(Backups.class).restore(dir);
        long rows = m.tables().values().stream().mapToLong(Long::longValue).sum();
        System.out.printf(Locale.ROOT, "Restored the backup of %s from %s: %,d rows in %d tables, every file checked against its"
                + " SHA-256 and put back.%n", m.created(), dir, rows, m.tables().size());
        System.out.println("Next: scripts/ofuku status; the next nightly carries on from here.");
        return 0;
    }

    private Integer untilMoment() throws Exception {
        String moment = "";
        if (!until.strip().equalsIgnoreCase("latest")) {
            try {
                String t = until.strip().replace(' ', 'T');
                moment = LocalDateTime.parse(t.length() == 16 ? t + ":00" : t).toString();
            } catch (DateTimeParseException e) {
                throw new OfukuCommand.UserError("--until " + until + " is not a moment: write it as YYYY-MM-DD HH:MM or YYYY-MM-DD HH:MM:SS"
                        + " (in ofuku's zone), or latest");
            }
        }
        BackupManifest m = Backups.checked(dir);
        Path base = dir.toAbsolutePath().normalize().resolve(Backups.BASE_COPY);
        if (m.files().stream().noneMatch(e -> e.path().equals(Backups.BASE_COPY))) {
            throw new OfukuCommand.UserError("the backup in " + dir + " holds no base copy of the embedded database (taken from a server,"
                    + " with the WAL archive off, or by an older ofuku): it can only be restored as it was, without --until");
        }
        System.setProperty("ofuku.db.recover-from", base.toString());
        System.setProperty("ofuku.db.recover-until", moment);
        Backups backups = ofuku.bean(Backups.class); // the database starts: recovered from the base copy and the archive
        int files = backups.putBackFiles(dir);
        System.out.printf(Locale.ROOT, "Restored the database as it was %s, from the base copy of %s and the WAL archive; %d missing"
                + " files put back from the backup.%n", moment.isEmpty() ? "at the end of the WAL archive" : "at " + moment.replace('T', ' '),
                m.created(), files);
        System.out.println("Next: scripts/ofuku status, and check the last runs it shows. What was done after that moment is not in the"
                + " database: set aside unposted the print files written since (they are printed again when their run is rerun), read"
                + " again the originals archived since (scripts/ofuku read FOLDER), and rerun that day's nightly.");
        return 0;
    }
}
