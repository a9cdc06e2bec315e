package casegrid.attachment;

import jakarta.servlet.MultipartConfigElement;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * The servlet's multipart limits follow {@code casegrid.attachments.max-size}, so one setting decides:
 * a file over it is stopped while the request is read (413 naming the file, see ApiErrors). The request
 * may be twice as large, so that a file somewhat over the limit is still read far enough to be named;
 * a larger request is refused by its length alone (413 without a file name, as its body is never read).
 * Spring Boot's own {@code spring.servlet.multipart} settings give way to this bean.
 */
@Configuration
@EnableConfigurationProperties(AttachmentProperties.class)
class AttachmentConfig {

    /** Parts up to this size stay in memory; larger ones go to a temporary file while the request is read. */
    static final DataSize IN_MEMORY = DataSize.ofMegabytes(1);

    @Bean
    MultipartConfigElement multipartConfigElement(AttachmentProperties properties) {
        long file = properties.maxSize().toBytes();
        return new MultipartConfigElement(null, file, 2 * file, (int) Math.min(file, IN_MEMORY.toBytes()));
    }
}
