package jp.ofuku.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import jp.ofuku.backup.BackupManifest;
import jp.ofuku.backup.Backups;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "backup", mixinStandardHelpOptions = true,
        description = {"Writes a backup into a new folder: every table of the database from one consistent snapshot, the print,",
                "archive and quarantine folders, the reply-form key file, and manifest.json with the SHA-256 of every file.",
                "Refused while a nightly runs. Keep backups off this machine: they hold residents' names and the form key."},
        footer = {"", "Example:", "  scripts/ofuku backup --out /mnt/backup/ofuku-2026-11-26"})
class BackupCommand implements Callable<Integer> {

    @ParentCommand
    OfukuCommand ofuku;

    @Option(names = "--out", required = true, description = "a new or empty folder")
    Path out;

    @Override
    public Integer call() throws Exception {
        BackupManifest m = ofuku.bean(Backups.class).backup(out);
        long rows = m.tables().values().stream().mapToLong(Long::longValue).sum();
        long bytes = m.files().stream().mapToLong(BackupManifest.Entry::bytes).sum();
        System.out.printf(Locale.ROOT, "Backup written to %s: %d tables (%,d rows, schema version %s), %,d files, %,d MB in all;"
                + " checksums in %s/manifest.json.%n", out, m.tables().size(), rows, m.schema(), m.files().size(), bytes >> 20, out);
        System.out.println("Next: copy the folder off this machine (it holds personal data and the form key: keep it locked).");
        return 0;
    }
}
