package casegrid.attachment;

import com.lowagie.text.pdf.PdfReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.opc.PackageRelationshipCollection;
import org.apache.poi.openxml4j.opc.PackageRelationshipTypes;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MimeTypes;
import org.springframework.stereotype.Component;

/**
 * Tells a file's kind from its bytes and checks that it opens: Tika's magic detector (no file name
 * given, so neither the name nor the client's type can decide), then for ZIP containers POI's OPC
 * reader, which names the main part (Word, Excel; macro-enabled ones are refused). A photo must tell
 * its size from its header, within the pixel limit; a PDF must parse. HEIC is refused: no maintained
 * pure-Java library decodes it (ImageIO, TwelveMonkeys and Commons Imaging do not).
 */
@Component
public class FileTypes {

    static final String DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
    static final String XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";
    /** ISO-BMFF brands of HEIF/HEIC (and AVIF) stills, after "ftyp" at offset 4. */
    private static final Set<String> HEIF_BRANDS = Set.of("heic", "heix", "hevc", "hevx", "heim", "heis", "hevm", "hevs",
            "mif1", "msf1", "avif");
    static final String ALLOWED = "只接受 JPEG、PNG 照片和 PDF、Word（.docx）、Excel（.xlsx）文件";

    private final MimeTypes tika = MimeTypes.getDefaultMimeTypes();
    private final AttachmentProperties properties;

    public FileTypes(AttachmentProperties properties) {
        this.properties = properties;
    }

    /** The file's kind; refused (400/413/415 naming the file) when it is empty, broken or not allowed. */
    public FileKind check(String fileName, byte[] bytes) {
        if (bytes.length == 0) {
            throw AttachmentRefused.broken(fileName, "是空文件。");
        }
        if (heif(bytes)) {
            throw AttachmentRefused.type(fileName, "是 HEIC/HEIF 格式照片，暂不支持。请在手机相机设置中选择“兼容性最佳”（JPEG），"
                    + "或转为 JPEG 后再上传。");
        }
        MediaType type = detect(bytes);
        FileKind kind = switch (type.toString()) {
            case "image/jpeg" -> FileKind.JPEG;
            case "image/png" -> FileKind.PNG;
            case "application/pdf" -> FileKind.PDF;
            case "application/zip", "application/x-tika-ooxml" -> office(fileName, bytes);
            default -> throw AttachmentRefused.type(fileName, "的类型不允许（识别为 " + type + "）：" + ALLOWED + "。");
        };
        if (kind.isImage()) {
            requireImage(fileName, bytes);
        } else if (kind == FileKind.PDF) {
            requirePdf(fileName, bytes);
        }
        return kind;
    }

    private MediaType detect(byte[] bytes) {
        try (InputStream in = new ByteArrayInputStream(bytes)) {
            return tika.detect(in, new Metadata());
        } catch (IOException e) {
            return MediaType.OCTET_STREAM;
        }
    }

    private static boolean heif(byte[] bytes) {
        return bytes.length >= 12 && "ftyp".equals(new String(bytes, 4, 4, StandardCharsets.ISO_8859_1))
                && HEIF_BRANDS.contains(new String(bytes, 8, 4, StandardCharsets.ISO_8859_1));
    }

    /** Word or Excel by the content type of the package's main part; any other ZIP is not allowed. */
    private static FileKind office(String fileName, byte[] bytes) {
        OPCPackage pkg;
        try {
            pkg = OPCPackage.open(new ByteArrayInputStream(bytes));
        } catch (Exception notAPackage) {
            throw AttachmentRefused.type(fileName, "是压缩包或已损坏的 Office 文件：" + ALLOWED + "。");
        }
        try {
            PackageRelationshipCollection main = pkg.getRelationshipsByType(PackageRelationshipTypes.CORE_DOCUMENT);
            PackagePart part = main.size() == 0 ? null : pkg.getPart(main.getRelationship(0));
            String type = part == null ? "" : part.getContentType();
            if (DOCX_MAIN.equals(type)) {
                return FileKind.DOCX;
            }
            if (XLSX_MAIN.equals(type)) {
                return FileKind.XLSX;
            }
            throw AttachmentRefused.type(fileName, "的 Office 类型不允许（" + (type.isEmpty() ? "无主文档" : type) + "）：" + ALLOWED
                    + "，不接受带宏的文件。");
        } catch (AttachmentRefused e) {
            throw e;
        } catch (Exception broken) {
            throw AttachmentRefused.broken(fileName, "已损坏，无法打开。");
        } finally {
            pkg.revert();
        }
    }

    /** A photo whose header gives its size, within the pixel limit; the pixels are decoded later (thumbnail). */
    private void requireImage(String fileName, byte[] bytes) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw AttachmentRefused.broken(fileName, "已损坏，无法读取图片。");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > properties.maxPixels()) {
                    throw AttachmentRefused.tooLarge(fileName, "的像素过大（" + reader.getWidth(0) + "×" + reader.getHeight(0)
                            + "），上限 " + properties.maxPixels() / 1_000_000 + " 百万像素。");
                }
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof AttachmentRefused refused) {
                throw refused;
            }
            throw AttachmentRefused.broken(fileName, "已损坏，无法读取图片。");
        }
    }

    private static void requirePdf(String fileName, byte[] bytes) {
        try {
            PdfReader reader = new PdfReader(bytes);
            try {
                if (reader.getNumberOfPages() < 1) {
                    throw AttachmentRefused.broken(fileName, "没有页面。");
                }
            } finally {
                reader.close();
            }
        } catch (AttachmentRefused e) {
            throw e;
        } catch (Exception broken) {
            throw AttachmentRefused.broken(fileName, "已损坏，无法打开 PDF。");
        }
    }
}
