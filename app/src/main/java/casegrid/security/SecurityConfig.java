package casegrid.security;

import static org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.withDefaults;

import casegrid.ledger.ReadAudit;
import casegrid.org.Streets;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.Order;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Two chains. The API chain guards casegrid's {@code /api/**}, the engine's {@code /engine-rest/**}
 * (a Jersey servlet, hence path-pattern matchers rather than MVC ones) and actuator: HTTP basic
 * or the Camunda webapp session, checked against the engine's identity service, problem+json on
 * 401/403. The leaders' dashboard ({@code /dashboard}) and the audit page sit behind the same chain.
 * The webapp chain leaves Tasklist, Cockpit and Admin to Camunda's own login and CSRF filter, throttles
 * their login form, and closes the Admin first-run setup.
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
            // The access audit page, for Groups.AUDIT_READERS.
            withDefaults().matcher("/audit"),
            withDefaults().matcher("/audit/**"),
            // The OpenAPI description and its Swagger UI: for signed-in integrators only.
            withDefaults().matcher("/v3/api-docs"),
            withDefaults().matcher("/v3/api-docs/**"),
            withDefaults().matcher("/swagger-ui.html"),
            withDefaults().matcher("/swagger-ui/**"),
            // The case page of an item (its own access check is the item's) and its scripts.
            withDefaults().matcher("/items/**"),
            // The administrators' pages: organisation, reference data, the ledger import (camunda-admin only).
            withDefaults().matcher("/admin/**"),
            // The grid workers' intake page: its shell and assets (no data) for everyone, so that a phone
            // without a session sees the page's own sign-in rather than a password dialog; its data is the API's.
            withDefaults().matcher("/m"),
            withDefaults().matcher("/m/**"));

    /**
     * The pages here (dashboard, audit, case page, mobile intake) load scripts, styles and data from this origin only; no inline
     * script. Inline style attributes stay allowed: ECharts writes its tooltips as HTML with style="…" (bpmn-js its overlays),
     * and a style attribute cannot run code. Sent on the API's answers too, where it costs nothing.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "style-src-attr 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, IdentityService identityService, ProblemResponses problems,
                                 LoginThrottle throttle, ReadAudit audit, ObjectProvider<Streets> streets) throws Exception {
        AuthenticationManager authenticationManager =
                new ProviderManager(new CamundaIdentityAuthenticationProvider(identityService, throttle));
        http.securityMatcher(API)
                .authenticationManager(authenticationManager)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(withDefaults().matcher("/actuator/health"),
                                withDefaults().matcher("/actuator/health/**"),
                                withDefaults().matcher("/actuator/info")).permitAll()
                        .requestMatchers(withDefaults().matcher("/actuator/**")).hasAuthority(Groups.CAMUNDA_ADMIN)
                        .requestMatchers(withDefaults().matcher(org.springframework.http.HttpMethod.GET, "/m"),
                                withDefaults().matcher(org.springframework.http.HttpMethod.GET, "/m/"),
                                withDefaults().matcher(org.springframework.http.HttpMethod.GET, "/m/assets/**")).permitAll()
                        .requestMatchers(withDefaults().matcher("/api/audit"), withDefaults().matcher("/api/audit/**"),
                                withDefaults().matcher("/audit"), withDefaults().matcher("/audit/**"))
                        .access((authentication, context) -> new AuthorizationDecision(readsAudit(authentication.get(), streets)))
                        .requestMatchers(withDefaults().matcher("/api/admin/**"), withDefaults().matcher("/admin/**"))
                        .hasAuthority(Groups.CAMUNDA_ADMIN)
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic
                        .realmName("casegrid")
                        .authenticationEntryPoint(problems::unauthorized))
                .exceptionHandling(ex -> ex
                        .authenticationEntryPoint(problems::unauthorized)
                        .accessDeniedHandler(problems::forbidden))
                // Session callers are held to Camunda's CSRF token in WebappSessionAuthenticationFilter;
                // browsers that cached basic credentials, to their own origin in SameOriginWriteFilter.
                .csrf(csrf -> csrf.disable())
                // Stateless for Spring Security: nothing saved to or read from the HTTP session, so that
                // a session GET cannot leave an authentication behind that a later POST rides on without
                // the token. Every request is authenticated afresh (webapp session + token, or basic).
                .securityContext(context -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                // No session-fixation rotation here: this chain never logs anyone into the session (Camunda's
                // login does, and rotates the id itself). Rotating it on every session-authenticated call
                // hands the browser a new JSESSIONID per request, so a page's parallel calls (the case page,
                // the Tasklist tab next to Tasklist's own calls) carry a dead id: 401, a password prompt,
                // and Tasklist logged out.
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS)
                        .sessionFixation(fixation -> fixation.none()))
                .requestCache(cache -> cache.disable())
                .addFilterAfter(new RefusalAuditFilter(audit), SecurityContextHolderFilter.class)
                .addFilterBefore(new WebappSessionAuthenticationFilter(problems), BasicAuthenticationFilter.class)
                .addFilterAfter(new SameOriginWriteFilter(problems), BasicAuthenticationFilter.class)
                .addFilterAfter(new EngineAuthenticationFilter(identityService), AuthorizationFilter.class)
                .headers(headers -> headers
                        .frameOptions(frame -> frame.deny())
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain webappChain(HttpSecurity http, LoginThrottle throttle, ProblemResponses problems,
                                    ReadAudit audit) throws Exception {
        http.addFilterAfter(new RefusalAuditFilter(audit, WebappLoginThrottleFilter.LOGIN), SecurityContextHolderFilter.class)
                .addFilterAfter(new WebappLoginThrottleFilter(throttle, problems), RefusalAuditFilter.class)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(withDefaults().matcher("/camunda/api/admin/setup/**")).denyAll()
                        .anyRequest().permitAll())
                // The webapps run Camunda's own CSRF filter; a second one would break their login.
                .csrf(csrf -> csrf.disable())
                .headers(headers -> headers
                        .frameOptions(frame -> frame.sameOrigin())
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    /**
     * The access audit: {@code Groups.AUDIT_READERS} and every street's leaders, who read their own street's
     * part of it (AuditController, docs/streets.md). The streets are data, so this cannot be a fixed list.
     */
    static boolean readsAudit(Authentication authentication, ObjectProvider<Streets> streets) {
        if (authentication == null || !authentication.isAuthenticated()) {
            return false;
        }
        Set<String> groups = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .collect(Collectors.toSet());
        if (Groups.AUDIT_READERS.stream().anyMatch(groups::contains)) {
            return true;
        }
        Streets known = streets.getIfAvailable();
        return known != null && known.all().stream().anyMatch(street -> groups.contains(street.leadersGroup()));
    }
}
