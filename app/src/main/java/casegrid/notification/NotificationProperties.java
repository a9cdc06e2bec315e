package casegrid.notification;

import casegrid.outbox.OutboxSettings;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Notification channels and delivery settings (README, "Notifications and integrations"). Each
 * channel is off until its address is configured. The object is read at every publish and every
 * delivery, never copied, so a changed value (tests point channels at local stubs) applies at once.
 */
@ConfigurationProperties("casegrid.notifications")
public class NotificationProperties {

    /** Where the case page lives: messages link to {base-url}/items/{number}. */
    private String baseUrl = "http://localhost:8080";
    private final QuietHours quietHours = new QuietHours();
    private final Worker worker = new Worker();
    private final Email email = new Email();
    private final Sms sms = new Sms();
    /** Group robot webhook per unit (community-C01, dept-justice, ...); a "dingtalk:" prefix or a DingTalk host selects DingTalk's format. */
    private Map<String, String> robots = new LinkedHashMap<>();
    /** The same as one environment variable: "community-C01=https://...,dept-justice=https://...". */
    private String robotList = "";

    public static class QuietHours {
        /** Empty start or end: no quiet hours. */
        private String start = "22:00";
        private String end = "07:30";
        private ZoneId zone = ZoneId.of("Asia/Shanghai");

        public String getStart() { return start; }
        public void setStart(String start) { this.start = start; }
        public String getEnd() { return end; }
        public void setEnd(String end) { this.end = end; }
        public ZoneId getZone() { return zone; }
        public void setZone(ZoneId zone) { this.zone = zone; }

        /** Whether {@code time} falls in the window; a window such as 22:00–07:30 spans midnight. */
        public boolean contains(LocalTime time) {
            if (start == null || start.isBlank() || end == null || end.isBlank()) {
                return false;
            }
            LocalTime from = LocalTime.parse(start);
            LocalTime to = LocalTime.parse(end);
            return from.isBefore(to) ? !time.isBefore(from) && time.isBefore(to)
                    : !time.isBefore(from) || time.isBefore(to);
        }
    }

    /** The delivery worker's settings (casegrid.notifications.worker.*), shared with every outbox. */
    public static class Worker extends OutboxSettings {
    }

    public static class Email {
        /** SMTP host; empty = no e-mail. */
        private String host = "";
        private int port = 25;
        private String username = "";
        private String password = "";
        private String from = "casegrid@localhost";
        private boolean starttls = false;

        public boolean configured() { return host != null && !host.isBlank(); }
        public String getHost() { return host; }
        public void setHost(String host) { this.host = host; }
        public int getPort() { return port; }
        public void setPort(int port) { this.port = port; }
        public String getUsername() { return username; }
        public void setUsername(String username) { this.username = username; }
        public String getPassword() { return password; }
        public void setPassword(String password) { this.password = password; }
        public String getFrom() { return from; }
        public void setFrom(String from) { this.from = from; }
        public boolean isStarttls() { return starttls; }
        public void setStarttls(boolean starttls) { this.starttls = starttls; }
    }

    public static class Sms {
        /** The SMS gateway's URL (POST); empty = no SMS. */
        private String url = "";
        /** The request body; {phone} and {text} are replaced (JSON-escaped for a JSON body, else URL-encoded). */
        private String template = "{\"phone\":\"{phone}\",\"text\":\"{text}\"}";
        private String contentType = "application/json";
        /** Basic credentials, or a bearer token; both optional. */
        private String username = "";
        private String password = "";
        private String token = "";

        public boolean configured() { return url != null && !url.isBlank(); }
        public String getUrl() { return url; }
        public void setUrl(String url) { this.url = url; }
        public String getTemplate() { return template; }
        public void setTemplate(String template) { this.template = template; }
        public String getContentType() { return contentType; }
        public void setContentType(String contentType) { this.contentType = contentType; }
        public String getUsername() { return username; }
        public void setUsername(String username) { this.username = username; }
        public String getPassword() { return password; }
        public void setPassword(String password) { this.password = password; }
        public String getToken() { return token; }
        public void setToken(String token) { this.token = token; }
    }

    public String getBaseUrl() { return baseUrl; }
    public void setBaseUrl(String baseUrl) { this.baseUrl = baseUrl; }
    public QuietHours getQuietHours() { return quietHours; }
    public Worker getWorker() { return worker; }
    public Email getEmail() { return email; }
    public Sms getSms() { return sms; }
    public Map<String, String> getRobots() { return robots; }
    public void setRobots(Map<String, String> robots) { this.robots = robots; }
    public String getRobotList() { return robotList; }
    public void setRobotList(String robotList) { this.robotList = robotList; }

    /**
     * The unit's robot webhook, if any. Keys are compared without case and punctuation, because an
     * environment variable (CASEGRID_NOTIFICATIONS_ROBOTS_COMMUNITY_C01) cannot spell community-C01.
     */
    public Optional<String> robotFor(String unit) {
        Map<String, String> all = new LinkedHashMap<>(robots);
        if (robotList != null && !robotList.isBlank()) {
            for (String entry : robotList.split(",")) {
                int eq = entry.indexOf('=');
                if (eq > 0) {
                    all.put(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
                }
            }
        }
        String wanted = normalised(unit);
        return all.entrySet().stream().filter(e -> normalised(e.getKey()).equals(wanted))
                .map(Map.Entry::getValue).filter(url -> url != null && !url.isBlank()).findFirst();
    }

    private static String normalised(String key) {
        return key == null ? "" : key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }
}
