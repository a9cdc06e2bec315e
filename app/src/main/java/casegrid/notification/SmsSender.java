package casegrid.notification;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * SMS through the office's HTTP gateway: the configured template with {phone} and {text} filled
 * in (escaped for JSON or form bodies), basic credentials or a bearer token.
 */
@Component
class SmsSender implements ChannelSender {

    private final NotificationProperties settings;

    SmsSender(NotificationProperties settings) {
        this.settings = settings;
    }

    @Override
    public Set<Channel> channels() {
        return Set.of(Channel.SMS);
    }

    @Override
    public void send(Channel channel, String address, String subject, String body) throws Exception {
        NotificationProperties.Sms sms = settings.getSms();
        if (!sms.configured()) {
            throw new IllegalStateException("未配置短信网关（casegrid.notifications.sms.url）");
        }
        boolean json = sms.getContentType().contains("json");
        String payload = sms.getTemplate().replace("{phone}", escaped(address, json)).replace("{text}", escaped(body, json));
        Map<String, String> headers = new LinkedHashMap<>();
        if (!sms.getToken().isBlank()) {
            headers.put("Authorization", "Bearer " + sms.getToken());
        } else if (!sms.getUsername().isBlank()) {
            headers.put("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((sms.getUsername() + ":" + sms.getPassword()).getBytes(StandardCharsets.UTF_8)));
        }
        HttpPost.send(sms.getUrl(), sms.getContentType(), payload, headers);
    }

    private static String escaped(String value, boolean json) {
        return json ? new String(JsonStringEncoder.getInstance().quoteAsString(value))
                : URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
