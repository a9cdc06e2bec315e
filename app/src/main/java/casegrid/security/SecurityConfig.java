package casegrid.security;

import static org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.withDefaults;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Two chains. The API chain guards casegrid's {@code /api/**}, the engine's {@code /engine-rest/**}
 * (a Jersey servlet, hence path-pattern matchers rather than MVC ones) and actuator: HTTP basic
 * or the Camunda webapp session, checked against the engine's identity service, problem+json on
 * 401/403. The leaders' dashboard ({@code /dashboard}) sits behind the same chain. The webapp chain leaves Tasklist, Cockpit and Admin to Camunda's own login and CSRF
 * filter, and closes the Admin first-run setup.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class SecurityConfig {

    static final RequestMatcher API = new OrRequestMatcher(
            withDefaults().matcher("/api/**"),
            withDefaults().matcher("/engine-rest/**"),
            withDefaults().matcher("/actuator/**"),
            // The leaders' dashboard: the same login as the API (Tasklist session or HTTP basic, which
            // makes a browser without a session ask for the user and password).
            withDefaults().matcher("/dashboard"),
            withDefaults().matcher("/dashboard/**"),
            // The OpenAPI description and its Swagger UI: for signed-in integrators only.
            withDefaults().matcher("/v3/api-docs"),
            withDefaults().matcher("/v3/api-docs/**"),
            withDefaults().matcher("/swagger-ui.html"),
            withDefaults().matcher("/swagger-ui/**"));

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, IdentityService identityService,
                                 ProblemResponses problems) throws Exception {
        AuthenticationManager authenticationManager =
                new ProviderManager(new CamundaIdentityAuthenticationProvider(identityService));
        http.securityMatcher(API)
                .authenticationManager(authenticationManager)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(withDefaults().matcher("/actuator/health"),
                                withDefaults().matcher("/actuator/health/**"),
                                withDefaults().matcher("/actuator/info")).permitAll()
                        .requestMatchers(withDefaults().matcher("/actuator/**")).hasAuthority(Groups.CAMUNDA_ADMIN)
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic
                        .realmName("casegrid")
                        .authenticationEntryPoint(problems::unauthorized))
                .exceptionHandling(ex -> ex
                        .authenticationEntryPoint(problems::unauthorized)
                        .accessDeniedHandler(problems::forbidden))
                // Basic-auth clients carry no cookies to forge; session callers are held to
                // Camunda's CSRF token in WebappSessionAuthenticationFilter.
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .requestCache(cache -> cache.disable())
                .addFilterBefore(new WebappSessionAuthenticationFilter(), BasicAuthenticationFilter.class)
                .addFilterAfter(new EngineAuthenticationFilter(identityService), AuthorizationFilter.class)
                .headers(headers -> headers
                        .frameOptions(frame -> frame.deny())
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain webappChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(auth -> auth
                        .requestMatchers(withDefaults().matcher("/camunda/api/admin/setup/**")).denyAll()
                        .anyRequest().permitAll())
                // The webapps run Camunda's own CSRF filter; a second one would break their login.
                .csrf(csrf -> csrf.disable())
                .headers(headers -> headers
                        .frameOptions(frame -> frame.sameOrigin())
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }
}
