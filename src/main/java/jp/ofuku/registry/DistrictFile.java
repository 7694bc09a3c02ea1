package jp.ofuku.registry;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** districts.csv: {@code district, name, lat, lon} (a representative point of the district). */
@Component
public class DistrictFile implements RegistryKind {

    private static final StagedUpsert UPSERT = new StagedUpsert("districts", "staging_districts",
            List.of("district"), List.of("name", "lat", "lon"));

    @Override
    public String name() {
        return "districts";
    }

    @Override
    public List<String> requiredColumns() {
        return List.of("district", "name", "lat", "lon");
    }

    @Override
    public String stagingTable() {
        return "staging_districts";
    }

    @Override
    public List<String> stagingColumns() {
        return List.of("district", "name", "lat", "lon");
    }

    @Override
    public String[] stage(RowCheck row) {
        String district = row.code("district");
        String name = row.text("name");
        Double lat = row.coordinate("lat", 90);
        Double lon = row.coordinate("lon", 180);
        return new String[] {district, name, String.valueOf(lat), String.valueOf(lon)};
    }

    @Override
    public List<String> crossRowChecks() {
        return List.of(UPSERT.duplicateCheck("district"));
    }

    @Override
    public MergeCounts merge(JdbcTemplate jdbc, long executionId) {
        return UPSERT.run(jdbc, executionId);
    }
}
