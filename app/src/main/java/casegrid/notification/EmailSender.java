package casegrid.notification;

import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * E-mail over SMTP (Spring Mail). The sender is built from the current settings at each delivery
 * instead of Boot's spring.mail auto-configuration, so that no mail server is needed or probed
 * while e-mail is off, and a changed host applies without a restart.
 */
@Component
class EmailSender implements ChannelSender {

    private final NotificationProperties settings;

    EmailSender(NotificationProperties settings) {
        this.settings = settings;
    }

    @Override
    public Set<Channel> channels() {
        return Set.of(Channel.EMAIL);
    }

    @Override
    public void send(Channel channel, String address, String subject, String body) throws Exception {
        NotificationProperties.Email email = settings.getEmail();
        if (!email.configured()) {
            throw new IllegalStateException("未配置邮件服务器（casegrid.notifications.email.host）");
        }
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(email.getHost());
        sender.setPort(email.getPort());
        sender.setDefaultEncoding(StandardCharsets.UTF_8.name());
        Properties properties = sender.getJavaMailProperties();
        properties.put("mail.smtp.connectiontimeout", "10000");
        properties.put("mail.smtp.timeout", "10000");
        properties.put("mail.smtp.writetimeout", "10000");
        if (!email.getUsername().isBlank()) {
            sender.setUsername(email.getUsername());
            sender.setPassword(email.getPassword());
            properties.put("mail.smtp.auth", "true");
        }
        if (email.isStarttls()) {
            properties.put("mail.smtp.starttls.enable", "true");
            properties.put("mail.smtp.starttls.required", "true");
        }
        MimeMessage message = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, StandardCharsets.UTF_8.name());
        helper.setFrom(email.getFrom());
        helper.setTo(address);
        helper.setSubject(subject);
        helper.setText(body);
        sender.send(message);
    }
}
