package jp.ofuku.registry;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** sites.csv: {@code site_code, name, address, postal_code, lat, lon}, and optionally {@code access} (how to get there). */
@Component
public class SiteFile implements RegistryKind {

    private static final StagedUpsert UPSERT = new StagedUpsert("sites", "staging_sites",
            List.of("site_code"), List.of("name", "address", "postal_code", "lat", "lon", "access"));

    @Override
    public String name() {
        return "sites";
    }

    @Override
    public List<String> requiredColumns() {
        return List.of("site_code", "name", "address", "postal_code", "lat", "lon");
    }

    @Override
    public List<String> optionalColumns() {
        return List.of("access");
    }

    @Override
    public String stagingTable() {
        return "staging_sites";
    }

    @Override
    public List<String> stagingColumns() {
        return List.of("site_code", "name", "address", "postal_code", "lat", "lon", "access");
    }

    @Override
    public String[] stage(RowCheck row) {
        return new String[] {row.code("site_code"), row.text("name"), row.text("address"), row.postalCode("postal_code"),
                String.valueOf(row.coordinate("lat", 90)), String.valueOf(row.coordinate("lon", 180)), row.optionalText("access").strip()};
    }

    @Override
    public List<String> crossRowChecks() {
        return List.of(UPSERT.duplicateCheck("site_code"));
    }

    @Override
    public MergeCounts merge(JdbcTemplate jdbc, long executionId) {
        return UPSERT.run(jdbc, executionId);
    }
}
