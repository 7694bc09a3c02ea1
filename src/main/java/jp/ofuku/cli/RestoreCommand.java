package jp.ofuku.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import jp.ofuku.backup.BackupManifest;
import jp.ofuku.backup.Backups;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {"Restores a backup onto a fresh, empty database (a new data folder, or a new database on the server):",
                "checks every file against the manifest first, then rebuilds the schema, loads the rows, checks their counts,",
                "and puts the print, archive and quarantine files and the form key back in this machine's folders (never over",
                "a different file). Then run scripts/ofuku status, and the next nightly carries on."},
        footer = {"", "Example (a new machine, the embedded database):",
                "  scripts/ofuku restore /mnt/backup/ofuku-2026-11-26 && scripts/ofuku status"})
class RestoreCommand implements Callable<Integer> {

    @ParentCommand
    OfukuCommand ofuku;

    @Parameters(paramLabel = "DIR", description = "a folder written by scripts/ofuku backup")
    Path dir;

    @Override
    public Integer call() throws Exception {
        System.setProperty("spring.flyway.enabled", "false"); // the schema is rebuilt at the backup's version first
        BackupManifest m = ofuku.bean(Backups.class).restore(dir);
        long rows = m.tables().values().stream().mapToLong(Long::longValue).sum();
        System.out.printf(Locale.ROOT, "Restored the backup of %s from %s: %,d rows in %d tables, every file checked against its"
                + " SHA-256 and put back.%n", m.created(), dir, rows, m.tables().size());
        System.out.println("Next: scripts/ofuku status; the next nightly carries on from here.");
        return 0;
    }
}
