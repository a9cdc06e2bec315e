package casegrid.attachment;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Limits of attachments ({@code casegrid.attachments.*}): the largest file (the servlet's multipart
 * limits are derived from it, see AttachmentConfig), the largest photo in pixels (a small file can
 * decode to gigabytes), and the thumbnail's longest side.
 */
@ConfigurationProperties("casegrid.attachments")
public record AttachmentProperties(DataSize maxSize, Long maxPixels, Integer thumbnailSize) {

    public AttachmentProperties {
        maxSize = maxSize == null ? DataSize.ofMegabytes(10) : maxSize;
        maxPixels = maxPixels == null ? 50_000_000L : maxPixels;
        thumbnailSize = thumbnailSize == null ? 320 : thumbnailSize;
        if (maxSize.toBytes() <= 0) {
            throw new IllegalArgumentException("casegrid.attachments.max-size must be positive");
        }
    }

    /** "10 MB", for messages. */
    public String maxSizeText() {
        return sizeText(maxSize.toBytes());
    }

    static String sizeText(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MB" : Math.max(1, bytes / 1024) + " KB";
    }
}
