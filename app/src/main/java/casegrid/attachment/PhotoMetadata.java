package casegrid.attachment;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import javax.imageio.ImageIO;
import org.apache.commons.imaging.Imaging;
import org.apache.commons.imaging.ImagingException;
import org.apache.commons.imaging.common.ImageMetadata;
import org.apache.commons.imaging.formats.jpeg.JpegImageMetadata;
import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.jpeg.iptc.JpegIptcRewriter;
import org.apache.commons.imaging.formats.jpeg.xmp.JpegXmpRewriter;
import org.apache.commons.imaging.formats.tiff.TiffField;
import org.apache.commons.imaging.formats.tiff.TiffImageMetadata;
import org.apache.commons.imaging.formats.tiff.constants.ExifTagConstants;
import org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;
import org.springframework.stereotype.Component;

/**
 * Removes what a photo says about where it was taken and with what: a JPEG's EXIF is rewritten from a
 * short allow-list (orientation, so it still shows upright, and the time it was taken), which drops
 * the GPS directory, make, model, serial numbers, maker notes, owner and the embedded preview; its XMP
 * and IPTC blocks (which may repeat the location) are removed. The pixels are not re-encoded (Commons
 * Imaging rewrites the segments only). A PNG, whose metadata chunks (eXIf, tEXt, iTXt) may carry the
 * same, is re-encoded from its pixels. Kept unchanged only when the uploader marks the location as evidence.
 */
@Component
public class PhotoMetadata {

    public byte[] strip(String fileName, FileKind kind, byte[] bytes) {
        try {
            return switch (kind) {
                case JPEG -> stripJpeg(bytes);
                case PNG -> reencode(bytes, "png");
                default -> bytes;
            };
        } catch (IOException | RuntimeException segmentsUnreadable) {
            // A JPEG whose segments Commons Imaging cannot parse: drawn anew from its pixels, which keeps no metadata.
            try {
                return reencode(bytes, kind == FileKind.PNG ? "png" : "jpg");
            } catch (IOException | RuntimeException e) {
                throw AttachmentRefused.broken(fileName, "已损坏，无法读取图片。");
            }
        }
    }

    private static byte[] stripJpeg(byte[] bytes) throws IOException {
        ImageMetadata metadata = Imaging.getMetadata(bytes);
        TiffImageMetadata exif = metadata instanceof JpegImageMetadata jpeg ? jpeg.getExif() : null;
        byte[] cleaned = bytes;
        if (exif != null) {
            TiffOutputSet kept = allowed(exif);
            ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
            if (kept.isEmpty()) {
                new ExifRewriter().removeExifMetadata(cleaned, out);
            } else {
                // Lossy: writes the new EXIF from scratch, so no byte of the old segment (GPS, maker notes) survives.
                new ExifRewriter().updateExifMetadataLossy(cleaned, out, kept);
            }
            cleaned = out.toByteArray();
        }
        ByteArrayOutputStream withoutXmp = new ByteArrayOutputStream(cleaned.length);
        new JpegXmpRewriter().removeXmpXml(cleaned, withoutXmp);
        cleaned = withoutXmp.toByteArray();
        ByteArrayOutputStream withoutIptc = new ByteArrayOutputStream(cleaned.length);
        new JpegIptcRewriter().removeIptc(cleaned, withoutIptc);
        return withoutIptc.toByteArray();
    }

    /** The tags kept: the orientation and the time the photo was taken; nothing else. */
    private static TiffOutputSet allowed(TiffImageMetadata exif) throws ImagingException {
        ByteOrder order = exif.contents.header.byteOrder;
        TiffOutputSet kept = new TiffOutputSet(order);
        TiffField orientation = exif.findField(TiffTagConstants.TIFF_TAG_ORIENTATION);
        if (orientation != null) {
            kept.getOrCreateRootDirectory().add(TiffTagConstants.TIFF_TAG_ORIENTATION, (short) orientation.getIntValue());
        }
        TiffField taken = exif.findField(ExifTagConstants.EXIF_TAG_DATE_TIME_ORIGINAL);
        if (taken != null && taken.getValue() instanceof String time) {
            kept.getOrCreateExifDirectory().add(ExifTagConstants.EXIF_TAG_DATE_TIME_ORIGINAL, time.trim());
        }
        return kept;
    }

    private static byte[] reencode(byte[] bytes, String format) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
        if (image == null) {
            throw new IOException("not an image");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
        if (!ImageIO.write(image, format, out)) {
            throw new IOException("no writer for " + format);
        }
        return out.toByteArray();
    }
}
