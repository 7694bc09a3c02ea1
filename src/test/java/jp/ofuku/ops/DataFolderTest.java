package jp.ofuku.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data folder is open to ofuku's user and group only: made so, or closed to others when found open. */
class DataFolderTest {

    @TempDir
    Path dir;

    private String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void aNewDataFolderIsMadeForItsUserAndGroupOnly() throws Exception {
        Path data = dir.resolve("town").resolve("data");
        assertThat(DataFolder.closeToOthers(data)).isEmpty();
        assertThat(mode(data)).isEqualTo("rwxr-x---");
    }

    @Test
    void aDataFolderOpenToEveryAccountIsClosedToThemAndSaid() throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThat(DataFolder.closeToOthers(data)).get().asString().contains("was open to every account")
                .contains("rwxrwxrwx").contains("rwxrwx---");
        assertThat(mode(data)).isEqualTo("rwxrwx---");
        assertThat(DataFolder.closeToOthers(data)).as("nothing to say the second time").isEmpty();
    }

    @Test
    void theFolderIsTakenFromOfukuDataDir() {
        assertThat(DataFolder.of(java.util.Map.of("OFUKU_DATA_DIR", "/srv/ofuku"))).isEqualTo(Path.of("/srv/ofuku"));
        assertThat(DataFolder.of(java.util.Map.of())).isEqualTo(Path.of("data"));
    }
}
