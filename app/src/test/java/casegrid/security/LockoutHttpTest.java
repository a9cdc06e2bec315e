package casegrid.security;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.support.CasegridTest;
import casegrid.support.Http;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Hole 10 of issue 9: wrong passwords slow down that source for that account, and never lock an
 * account, the only admin included. Other sources: a socket bound to another loopback address
 * (127.0.0.x; Java 17's HttpClient cannot choose its local address), and IPv6 loopback for Tasklist.
 */
@CasegridTest
class LockoutHttpTest {

    static final int MAX_FAILURES = 5;

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired AdminBreakGlass breakGlass;

    /** The status line and headers of a basic-auth GET sent from {@code source}. */
    record Answer(int status, Map<String, String> headers) {
    }

    Answer getFrom(String source, String path, String user, String password) {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(source, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(10000);
            String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost:" + port
                    + "\r\nAuthorization: Basic " + credentials + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            int status = Integer.parseInt(in.readLine().split(" ")[1]);
            Map<String, String> headers = new HashMap<>();
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
            return new Answer(status, headers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void anAnonymousGuesserIsThrottledAndTheAdminStillLogsInFromElsewhere() {
        for (int i = 0; i < MAX_FAILURES; i++) {
            assertThat(getFrom("127.0.0.2", "/api/me", "admin", "guess").status()).isEqualTo(401);
        }
        Answer throttled = getFrom("127.0.0.2", "/engine-rest/engine", "admin", "guess");
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.headers().get("retry-after")).isEqualTo("30");
        assertThat(throttled.headers().get("content-type")).startsWith("application/problem+json");
        // Even the right password waits at that source ...
        assertThat(getFrom("127.0.0.2", "/api/me", "admin", "admin").status()).isEqualTo(429);
        // ... but neither another account there nor the admin elsewhere is touched.
        assertThat(getFrom("127.0.0.2", "/api/me", "c13-leader", "c13-leader").status()).isEqualTo(200);
        assertThat(new Http(port).as("admin").get("/api/me").status()).isEqualTo(200);
        assertThat(jdbc.sql("select detail from access_audit where action = 'REFUSED' and user_id = 'admin' and status = 401")
                .query(String.class).list()).anySatisfy(detail -> assertThat(detail).contains("now waits PT30S"));
    }

    @Test
    void moreThanTheEnginesTenFailuresNeitherLockTheAccountNorDelayTheRightPassword() {
        // Twelve failures spread over sources that each stay below the throttle: the old engine lock
        // (login-max-attempts 10) locked the account for good, and each failure opened a delay window.
        for (int source = 3; source <= 5; source++) {
            for (int i = 0; i < 4; i++) {
                assertThat(getFrom("127.0.0." + source, "/api/me", "c14-leader", "guess").status()).isEqualTo(401);
            }
        }
        assertThat(new Http(port).as("c14-leader").get("/api/me").status()).isEqualTo(200);
    }

    @Test
    void theTasklistLoginIsThrottledTooAndTheRightPasswordWorksFromAnotherSource() {
        Http guesser = new Http(port);
        guesser.get("/camunda/app/tasklist/default/");
        guesser.header("X-XSRF-TOKEN", guesser.cookie("XSRF-TOKEN"));
        Map<String, String> wrong = Map.of("username", "c13-staff", "password", "guess");
        for (int i = 0; i < MAX_FAILURES; i++) {
            assertThat(guesser.postForm("/camunda/api/admin/auth/user/default/login/tasklist", wrong).status()).isEqualTo(401);
        }
        Http.Response throttled = guesser.postForm("/camunda/api/admin/auth/user/default/login/tasklist",
                Map.of("username", "c13-staff", "password", "c13-staff"));
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("Retry-After")).isNotBlank();

        Http owner = new Http(port, "[::1]");
        owner.get("/camunda/app/tasklist/default/");
        assertThat(owner.header("X-XSRF-TOKEN", owner.cookie("XSRF-TOKEN")).postForm(
                "/camunda/api/admin/auth/user/default/login/tasklist",
                Map.of("username", "c13-staff", "password", "c13-staff")).status()).isEqualTo(200);
        assertThat(jdbc.sql("""
                select count(*) from access_audit
                where action = 'REFUSED' and user_id = 'c13-staff' and status = 401 and path like '/camunda/api/admin/auth/%'""")
                .query(Long.class).single()).isGreaterThanOrEqualTo(MAX_FAILURES);
    }

    @Test
    void theBreakGlassUnlocksAnAdminTheEngineHadLocked() {
        // The state an earlier version's permanent lock left behind.
        jdbc.sql("update act_id_user set attempts_ = 2147483647, lock_exp_time_ = now() + interval '1 day' where id_ = 'admin'")
                .update();
        try {
            assertThat(getFrom("127.0.0.7", "/api/me", "admin", "admin").status()).isEqualTo(401);
        } finally {
            breakGlass.unlockAdmin();
        }
        assertThat(getFrom("127.0.0.7", "/api/me", "admin", "admin").status()).isEqualTo(200);
    }
}
