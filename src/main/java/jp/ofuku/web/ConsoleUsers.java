package jp.ofuku.web;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import jp.ofuku.ops.Audit;

/** The people who may sign in to the console. Passwords are kept only as salted hashes; every change is audited. */
@Service
public class ConsoleUsers {

    public static final int MIN_PASSWORD = 12;
    public static final List<String> ROLES = List.of("operator", "supervisor");

    private final JdbcTemplate jdbc;
    private final Audit audit;
    private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    public ConsoleUsers(JdbcTemplate jdbc, Audit audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    PasswordEncoder encoder() {
        return encoder;
    }

    @Transactional
    public void add(String by, String username, String role, String password) {
        check(username, role, password);
        if (find(username).isPresent()) {
            throw new IllegalArgumentException("there is already a user " + username);
        }
        jdbc.update("INSERT INTO console_users (username, password_hash, role, created_by) VALUES (?, ?, ?, ?)", username,
                encoder.encode(password), role, by);
        audit.record(by, "user.add", username, null, role);
    }

    @Transactional
    public void setPassword(String by, String username, String password) {
        User user = find(username).orElseThrow(() -> new IllegalArgumentException("there is no user " + username));
        check(username, user.role(), password);
        jdbc.update("UPDATE console_users SET password_hash = ? WHERE username = ?", encoder.encode(password), username);
        audit.record(by, "user.password", username, null, "changed");
    }

    @Transactional
    public void update(String by, String username, String role, boolean enabled) {
        User user = find(username).orElseThrow(() -> new IllegalArgumentException("there is no user " + username));
        if (!ROLES.contains(role)) {
            throw new IllegalArgumentException("the role is operator or supervisor, not " + role);
        }
        if (user.role().equals("supervisor") && user.enabled() && (!role.equals("supervisor") || !enabled)
                && supervisors() == 1) {
            throw new IllegalArgumentException(username + " is the last supervisor: make another supervisor first");
        }
        jdbc.update("UPDATE console_users SET role = ?, enabled = ? WHERE username = ?", role, enabled, username);
        audit.record(by, "user.update", username, user.role() + (user.enabled() ? "" : ", disabled"), role + (enabled ? "" : ", disabled"));
    }

    public Optional<User> find(String username) {
        return jdbc.query("SELECT username, role, enabled, created_at, created_by, password_hash FROM console_users WHERE username = ?",
                (rs, i) -> new User(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getObject(4, OffsetDateTime.class),
                        rs.getString(5), rs.getString(6)), username).stream().findFirst();
    }

    public List<User> all() {
        return jdbc.query("SELECT username, role, enabled, created_at, created_by, '' FROM console_users ORDER BY username",
                (rs, i) -> new User(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getObject(4, OffsetDateTime.class),
                        rs.getString(5), ""));
    }

    public long supervisors() {
        return jdbc.queryForObject("SELECT count(*) FROM console_users WHERE role = 'supervisor' AND enabled", Long.class);
    }

    private static void check(String username, String role, String password) {
        if (username == null || !username.matches("[a-z0-9][a-z0-9._-]{1,39}")) {
            throw new IllegalArgumentException("a user name is 2 to 40 lower-case letters, digits, '.', '_' or '-'");
        }
        if (!ROLES.contains(role)) {
            throw new IllegalArgumentException("the role is operator or supervisor, not " + role);
        }
        if (password == null || password.length() < MIN_PASSWORD) {
            throw new IllegalArgumentException("a password has at least " + MIN_PASSWORD + " characters");
        }
        if (password.toLowerCase(java.util.Locale.ROOT).contains(username)) {
            throw new IllegalArgumentException("the password must not contain the user name");
        }
    }

    /** A console user; {@code passwordHash} is empty in lists. */
    public record User(String username, String role, boolean enabled, OffsetDateTime created, String createdBy, String passwordHash) {
    }
}
