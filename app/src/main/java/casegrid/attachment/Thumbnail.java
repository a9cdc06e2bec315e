package casegrid.attachment;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import net.coobird.thumbnailator.Thumbnails;
import org.springframework.stereotype.Component;

/**
 * A small JPEG of a photo for the case file: Thumbnailator scales it (and turns it upright by its EXIF
 * orientation), transparent PNG areas become white. Drawing it decodes every pixel, so a photo that
 * passed the header check but cannot be decoded is refused here as broken.
 */
@Component
public class Thumbnail {

    private final AttachmentProperties properties;

    public Thumbnail(AttachmentProperties properties) {
        this.properties = properties;
    }

    public byte[] of(String fileName, byte[] photo) {
        int side = properties.thumbnailSize();
        try {
            BufferedImage scaled = Thumbnails.of(new ByteArrayInputStream(photo)).size(side, side).asBufferedImage();
            BufferedImage rgb = new BufferedImage(scaled.getWidth(), scaled.getHeight(), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = rgb.createGraphics();
            try {
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, rgb.getWidth(), rgb.getHeight());
                g.drawImage(scaled, 0, 0, null);
            } finally {
                g.dispose();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Thumbnails.of(rgb).scale(1).outputFormat("jpg").outputQuality(0.8).toOutputStream(out);
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            throw AttachmentRefused.broken(fileName, "已损坏，无法读取图片。");
        }
    }
}
