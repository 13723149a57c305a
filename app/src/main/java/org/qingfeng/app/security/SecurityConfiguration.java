package org.qingfeng.app.security;

import static org.springframework.security.config.Customizer.withDefaults;

import java.nio.charset.StandardCharsets;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * API calls authenticate with HTTP Basic (no session, no CSRF: there is no cookie to forge); the console uses a form
 * login with a session and CSRF tokens. Health probes are open; everything else needs a user.
 */
@Configuration
@EnableMethodSecurity
public class SecurityConfiguration {

    private static final RequestMatcher API = request -> {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/api/")
                || path.startsWith("/actuator/")
                || path.startsWith("/cds-services")
                || path.startsWith("/fhir/");
    };

    /** bcrypt (through the delegating encoder), with successful checks remembered for five minutes. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new CachingPasswordEncoder(
                PasswordEncoderFactories.createDelegatingPasswordEncoder(), java.time.Duration.ofMinutes(5), 10_000);
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        http.securityMatcher(API)
                .authorizeHttpRequests(a -> a.requestMatchers(
                                request -> request.getRequestURI().startsWith("/actuator/health"))
                        .permitAll()
                        // CDS Hooks discovery names the service and nothing else; calling it needs a user
                        .requestMatchers(HttpMethod.GET, "/cds-services")
                        .permitAll()
                        // FHIR servers deliver notifications with their source's shared secret (checked there)
                        .requestMatchers(request -> request.getRequestURI().startsWith("/fhir/r4/notify"))
                        .permitAll()
                        .requestMatchers(request -> request.getRequestURI().startsWith("/actuator/"))
                        .hasRole("IT_ADMIN")
                        .anyRequest()
                        .authenticated())
                .httpBasic(b -> b.authenticationEntryPoint(problem401()))
                .exceptionHandling(e -> e.authenticationEntryPoint(problem401()).accessDeniedHandler(problem403()))
                .sessionManagement(s -> s.sessionCreationPolicy(
                        org.springframework.security.config.http.SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable());
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain console(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(a -> a.requestMatchers("/login", "/css/**", "/favicon.ico", "/error")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .formLogin(f -> f.loginPage("/login")
                        .defaultSuccessUrl("/console/inbox", true)
                        .permitAll())
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .csrf(withDefaults());
        return http.build();
    }

    private static AuthenticationEntryPoint problem401() {
        return (request, response, e) -> {
            response.setStatus(401);
            response.setHeader("WWW-Authenticate", "Basic realm=\"qingfeng\", charset=\"UTF-8\"");
            write(response, 401, "unauthorized", "Unauthorized", "a user and password are needed (HTTP Basic)");
        };
    }

    private static AccessDeniedHandler problem403() {
        return (request, response, e) -> write(response, 403, "forbidden", "Forbidden", "your roles do not allow this");
    }

    private static void write(
            jakarta.servlet.http.HttpServletResponse response, int status, String code, String title, String detail)
            throws java.io.IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter()
                .write("{\"type\":\"https://qingfeng.org/problems/" + code + "\",\"title\":\"" + title
                        + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\",\"code\":\"" + code + "\"}");
    }
}
