package jp.ofuku.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Who may see and do what in the console: everyone signs in (form login, or HTTP Basic for the
 * metrics scraper); operators resolve review items and look things up; supervisors also run,
 * stop and restart jobs, manage users and read the audit log. CSRF protection is on for every
 * form; sessions end after the configured idle time (server.servlet.session.timeout).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ConsoleSecurity {

    @Bean
    SecurityFilterChain console(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(a -> a
                        .requestMatchers("/login", "/console.css", "/actuator/health").permitAll()
                        .requestMatchers("/users/**", "/audit/**", "/audit.csv", "/actuator/**", "/sessions/**", "/sessions").hasRole("SUPERVISOR")
                        .requestMatchers(HttpMethod.POST, "/runs/**").hasRole("SUPERVISOR")
                        .anyRequest().hasAnyRole("OPERATOR", "SUPERVISOR"))
                .formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
                .httpBasic(Customizer.withDefaults())
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?out"))
                .headers(h -> h.referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                        .contentSecurityPolicy(c -> c.policyDirectives("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; form-action 'self'")))
                .sessionManagement(s -> s.sessionFixation(f -> f.newSession()));
        return http.build();
    }

    @Bean
    UserDetailsService consoleUserDetails(ConsoleUsers users) {
        return username -> users.find(username)
                .map(u -> User.withUsername(u.username()).password(u.passwordHash()).roles(u.role().toUpperCase(java.util.Locale.ROOT))
                        .disabled(!u.enabled()).build())
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
    }

    @Bean
    PasswordEncoder consolePasswords(ConsoleUsers users) {
        return users.encoder();
    }
}
