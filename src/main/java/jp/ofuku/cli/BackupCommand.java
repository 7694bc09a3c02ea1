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
        footer = {"", "Examples:", "  scripts/ofuku backup --out /mnt/backup/ofuku-2026-11-26",
                "  scripts/ofuku backup --into /mnt/backup --keep-daily 7 --keep-weekly 4"})
class BackupCommand implements Callable<Integer> {

    @ParentCommand
    OfukuCommand ofuku;

    @Option(names = "--out", description = "a new or empty folder")
    Path out;

    @Option(names = "--into", description = "instead of --out: a new folder under this one named by the time (backup-2026-12-07T043000),"
            + " older ones pruned by --keep-daily and --keep-weekly (the console's nightly backup does the same: jobs/backup.yaml)")
    Path into;

    @Option(names = "--keep-daily", defaultValue = "7", description = "with --into: keep the newest backup of each of the last N days"
            + " (default ${DEFAULT-VALUE})")
    int keepDaily;

    @Option(names = "--keep-weekly", defaultValue = "4", description = "with --into: and of each of the last N weeks (default ${DEFAULT-VALUE})")
    int keepWeekly;

    @Override
    public Integer call() throws Exception {
        if ((out == null) == (into == null)) {
            throw new OfukuCommand.UserError("say where the backup goes: --out NEW_FOLDER, or --into FOLDER for a dated one with older ones pruned");
        }
        BackupManifest m;
        if (into != null) {
            Backups.Scheduled scheduled = ofuku.bean(Backups.class).scheduled(into, keepDaily, keepWeekly);
            out = scheduled.folder();
            m = scheduled.manifest();
            if (!scheduled.removed().isEmpty()) {
                System.out.printf(Locale.ROOT, "Removed %d older backups (keeping the newest of each of the last %d days and %d weeks).%n",
                        scheduled.removed().size(), keepDaily, keepWeekly);
            }
        } else {
            m = ofuku.bean(Backups.class).backup(out);
        }
        long rows = m.tables().values().stream().mapToLong(Long::longValue).sum();
        long bytes = m.files().stream().mapToLong(BackupManifest.Entry::bytes).sum();
        System.out.printf(Locale.ROOT, "Backup written to %s: %d tables (%,d rows, schema version %s), %,d files, %,d MB in all;"
                + " checksums in %s/manifest.json.%n", out, m.tables().size(), rows, m.schema(), m.files().size(), bytes >> 20, out);
        System.out.println("Next: copy the folder off this machine (it holds personal data and the form key: keep it locked).");
        return 0;
    }
}
