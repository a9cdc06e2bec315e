package casegrid.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * A unit's group robot: WeCom (企业微信) and DingTalk (钉钉) both take a text message
 * {"msgtype":"text","text":{"content":…}} and answer errcode 0 when they accept it (HTTP 200 with
 * another errcode is a refusal, e.g. a keyword check or rate limit). The address is the unit; its
 * webhook is looked up at delivery, so a key never lands in the outbox.
 */
@Component
class RobotSender implements ChannelSender {

    static final String DINGTALK_PREFIX = "dingtalk:";
    static final String WECOM_PREFIX = "wecom:";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final NotificationProperties settings;

    RobotSender(NotificationProperties settings) {
        this.settings = settings;
    }

    /** Which robot a webhook belongs to: an explicit prefix, else DingTalk's host, else WeCom. */
    static Channel formatOf(String webhook) {
        if (webhook.startsWith(DINGTALK_PREFIX) || webhook.contains("dingtalk.com")) {
            return Channel.DINGTALK;
        }
        return Channel.WECOM;
    }

    static String urlOf(String webhook) {
        for (String prefix : new String[] {DINGTALK_PREFIX, WECOM_PREFIX}) {
            if (webhook.startsWith(prefix)) {
                return webhook.substring(prefix.length());
            }
        }
        return webhook;
    }

    @Override
    public Set<Channel> channels() {
        return Set.of(Channel.WECOM, Channel.DINGTALK);
    }

    @Override
    public void send(Channel channel, String unit, String subject, String body) throws Exception {
        String webhook = settings.robotFor(unit)
                .orElseThrow(() -> new IllegalStateException("未配置 " + unit + " 的群机器人"));
        ObjectNode message = JSON.createObjectNode();
        message.put("msgtype", "text");
        message.putObject("text").put("content", body);
        if (channel == Channel.DINGTALK) {
            message.putObject("at").put("isAtAll", false);
        }
        String answer = HttpPost.send(urlOf(webhook), "application/json; charset=utf-8", message.toString(), Map.of());
        JsonNode reply = answer == null || answer.isBlank() ? null : JSON.readTree(answer);
        if (reply != null && reply.has("errcode") && reply.get("errcode").asInt() != 0) {
            throw new IOException("机器人拒收：" + HttpPost.abbreviated(answer));
        }
    }
}
