package casegrid.platform;

import casegrid.outbox.OutboxSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The city dispute platform's endpoint and credentials (docs/integration.md). Off until the URL is
 * set: then nothing is written to platform_outbox and nothing is sent. Read at every event and every
 * delivery, never copied, so tests point it at a local stub and back.
 */
@ConfigurationProperties("casegrid.platform")
public class PlatformProperties {

    /** Where events are POSTed; empty = no sync. */
    private String url = "";
    /** A bearer token, or basic credentials; all optional. */
    private String token = "";
    private String username = "";
    private String password = "";
    private final OutboxSettings worker = new OutboxSettings();

    public boolean configured() {
        return url != null && !url.isBlank();
    }

    public String getUrl() { return url; }
    public void setUrl(String url) { this.url = url; }
    public String getToken() { return token; }
    public void setToken(String token) { this.token = token; }
    public String getUsername() { return username; }
    public void setUsername(String username) { this.username = username; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
    public OutboxSettings getWorker() { return worker; }
}
