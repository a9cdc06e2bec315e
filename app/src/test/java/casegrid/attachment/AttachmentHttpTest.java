package casegrid.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.intake.IntakeService;
import casegrid.support.CasegridTest;
import casegrid.support.Http;
import casegrid.support.Scenario;
import casegrid.support.TestFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.commons.imaging.Imaging;
import org.apache.commons.imaging.formats.jpeg.JpegImageMetadata;
import org.apache.commons.imaging.formats.tiff.TiffImageMetadata;
import org.apache.commons.imaging.formats.tiff.constants.ExifTagConstants;
import org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Attachments over HTTP: the upload contract the mobile intake relies on, types told from the bytes,
 * limits, photo metadata removed or kept, who may add and who may download (audited), and the archive
 * PDF with the photo.
 */
@CasegridTest
class AttachmentHttpTest {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired ProcessEngine engine;
    @Autowired IntakeService intake;
    @Autowired AttachmentProperties properties;

    @AfterEach
    void tearDown() {
        ClockUtil.reset();
    }

    /** One part of a multipart body: a file (name and the type the client claims) or a text field. */
    record Part(String name, String fileName, String contentType, byte[] bytes) {
        static Part file(String fileName, String contentType, byte[] bytes) {
            return new Part("file", fileName, contentType, bytes);
        }

        static Part field(String name, String value) {
            return new Part(name, null, null, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    record Answer(int status, String contentType, byte[] body) {
        JsonNode json() {
            try {
                return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(new String(body, StandardCharsets.UTF_8), e);
            }
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private Answer upload(String user, String number, Part... parts) {
        String boundary = "----casegrid" + System.nanoTime();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Part part : parts) {
            String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part.name() + "\""
                    + (part.fileName() == null ? "" : "; filename=\"" + part.fileName() + "\"") + "\r\n"
                    + (part.contentType() == null ? "" : "Content-Type: " + part.contentType() + "\r\n") + "\r\n";
            out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
            out.writeBytes(part.bytes());
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(user, HttpRequest.newBuilder(uri("/api/risk-items/" + number + "/attachments"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())));
    }

    private Answer get(String user, String path) {
        return send(user, HttpRequest.newBuilder(uri(path)).GET());
    }

    private Answer send(String user, HttpRequest.Builder request) {
        request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
        try {
            HttpResponse<byte[]> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** A neighbour dispute in C03 with one party, reported by c03-grid1, waiting in 研判定级. */
    private String reported() {
        long unique = System.nanoTime();
        Map<String, Object> body = new HashMap<>();
        body.put("title", "楼道堆物占用消防通道");
        body.put("description", "楼道堆放杂物，住户之间多次争吵。");
        body.put("category", "DISPUTE");
        body.put("source", "GRID_SURVEY");
        body.put("community", "C03");
        body.put("grid", "C03-G1");
        body.put("address", "C03 附件路" + unique + "号");
        body.put("occurredAt", "2026-11-20T09:30:00+08:00");
        body.put("peopleInvolved", 2);
        body.put("parties", List.of(Map.of("name", "孙" + unique, "phone", String.format("137%08d", unique % 100_000_000L),
                "role", "当事人")));
        body.put("threatOfViolence", false);
        body.put("involvesMinors", false);
        body.put("crossJurisdiction", false);
        Http.Response response = new Http(port).as("c03-grid1").postJson("/api/risk-items", body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().path("number").asText();
    }

    private int stored(String number) {
        return jdbc.sql("select count(*) from risk_item_attachment where number = ?").param(number).query(Integer.class).single();
    }

    private int audited(String user, String number, String action) {
        return jdbc.sql("select count(*) from access_audit where user_id = ? and number = ? and action = ?")
                .params(user, number, action).query(Integer.class).single();
    }

    @Test
    void theReporterUploadsAPhotoAtIntakeItsLocationAndDeviceAreRemovedAndItsThumbnailIsSmall() throws Exception {
        String number = reported();
        byte[] photo = TestFiles.jpegWithGps();
        assertThat(((JpegImageMetadata) Imaging.getMetadata(photo)).getExif().getGpsInfo()).as("the test photo has GPS").isNotNull();

        Answer created = upload("c03-grid1", number, Part.file("现场照片.jpg", "image/jpeg", photo));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        JsonNode body = created.json();
        assertThat(body.path("id").asLong()).isPositive();
        assertThat(body.path("number").asText()).isEqualTo(number);
        assertThat(body.path("fileName").asText()).isEqualTo("现场照片.jpg");
        assertThat(body.path("contentType").asText()).isEqualTo("image/jpeg");
        assertThat(body.path("purpose").asText()).isEqualTo("INTAKE");
        assertThat(body.path("uploadedBy").asText()).isEqualTo("c03-grid1");
        assertThat(body.path("uploadedAt").asText()).isNotBlank();
        String file = "/api/risk-items/" + number + "/attachments/" + body.path("id").asLong();

        Answer download = get("c03-staff", file);
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.contentType()).isEqualTo("image/jpeg");
        assertThat(body.path("size").asLong()).isEqualTo(download.body().length);
        TiffImageMetadata exif = ((JpegImageMetadata) Imaging.getMetadata(download.body())).getExif();
        assertThat(exif.getGpsInfo()).as("GPS removed").isNull();
        assertThat(exif.findField(TiffTagConstants.TIFF_TAG_MAKE)).isNull();
        assertThat(exif.findField(TiffTagConstants.TIFF_TAG_MODEL)).isNull();
        assertThat(exif.findField(TiffTagConstants.TIFF_TAG_ORIENTATION).getIntValue()).as("orientation kept").isEqualTo(1);
        assertThat(exif.findField(ExifTagConstants.EXIF_TAG_DATE_TIME_ORIGINAL).getStringValue()).isEqualTo("2026:11:20 09:30:00");
        String bytes = new String(download.body(), StandardCharsets.ISO_8859_1);
        assertThat(bytes).doesNotContain(TestFiles.CAMERA_MAKE).doesNotContain(TestFiles.CAMERA_MODEL);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(download.body()));
        assertThat(image.getWidth()).isEqualTo(640);

        Answer thumbnail = get("c03-staff", file + "/thumbnail");
        assertThat(thumbnail.status()).isEqualTo(200);
        assertThat(thumbnail.contentType()).isEqualTo("image/jpeg");
        BufferedImage small = ImageIO.read(new ByteArrayInputStream(thumbnail.body()));
        assertThat(Math.max(small.getWidth(), small.getHeight())).isEqualTo(properties.thumbnailSize());

        JsonNode list = new Http(port).as("c03-staff").get("/api/risk-items/" + number + "/attachments").json();
        assertThat(list).hasSize(1);
        assertThat(list.get(0).path("image").asBoolean()).isTrue();
        assertThat(list.get(0).path("purposeLabel").asText()).isEqualTo("登记材料");
        assertThat(jdbc.sql("select kind from risk_item_event where number = ? order by id desc limit 1").param(number)
                .query(String.class).single()).isEqualTo("ATTACHMENT_ADDED");
    }

    @Test
    void theLocationIsKeptWhenTheUploaderMarksItAsEvidence() throws Exception {
        String number = reported();
        Answer created = upload("c03-staff", number, Part.file("IMG_0001.JPG", "image/jpeg", TestFiles.jpegWithGps()),
                Part.field("purpose", "EVIDENCE"), Part.field("keepLocation", "true"));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.json().path("purpose").asText()).isEqualTo("EVIDENCE");
        Answer download = get("center1", "/api/risk-items/" + number + "/attachments/" + created.json().path("id").asLong());
        TiffImageMetadata.GpsInfo gps = ((JpegImageMetadata) Imaging.getMetadata(download.body())).getExif().getGpsInfo();
        assertThat(gps).isNotNull();
        assertThat(gps.getLatitudeAsDegreesNorth()).isCloseTo(TestFiles.LATITUDE, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(gps.getLongitudeAsDegreesEast()).isCloseTo(TestFiles.LONGITUDE, org.assertj.core.data.Offset.offset(1e-4));
    }

    @Test
    void theTypeIsToldFromTheBytesNotFromTheNameOrTheClaimedType() {
        String number = reported();
        // A PDF named and declared as a photo is stored as what it is.
        Answer pdf = upload("c03-staff", number, Part.file("photo.jpg", "image/jpeg", TestFiles.pdf("agreement")));
        assertThat(pdf.status()).as(pdf.text()).isEqualTo(201);
        assertThat(pdf.json().path("contentType").asText()).isEqualTo("application/pdf");
        Answer jpeg = upload("c03-staff", number, Part.file("协议.pdf", "application/pdf", TestFiles.jpeg(80, 60)));
        assertThat(jpeg.json().path("contentType").asText()).isEqualTo("image/jpeg");
        Answer png = upload("c03-staff", number, Part.file("截图", "application/octet-stream", TestFiles.png(80, 60)),
                Part.field("purpose", "PROGRESS"));
        assertThat(png.json().path("contentType").asText()).isEqualTo("image/png");
        Answer docx = upload("c03-staff", number, Part.file("调解记录.docx", "application/octet-stream", TestFiles.docx("调解记录")));
        assertThat(docx.status()).as(docx.text()).isEqualTo(201);
        assertThat(docx.json().path("contentType").asText()).isEqualTo(FileKind.DOCX.contentType());
        Answer xlsx = upload("c03-staff", number, Part.file("台账.bin", "text/plain", TestFiles.xlsx("台账")));
        assertThat(xlsx.json().path("contentType").asText()).isEqualTo(FileKind.XLSX.contentType());
        assertThat(stored(number)).isEqualTo(5);

        // The download says what was stored, whatever the client claimed at upload.
        Answer downloaded = get("c03-staff", "/api/risk-items/" + number + "/attachments/" + pdf.json().path("id").asLong());
        assertThat(downloaded.contentType()).isEqualTo("application/pdf");
    }

    @Test
    void badFilesAreRefusedNamingTheFileAndNothingIsStored() {
        String number = reported();
        Map<String, Answer> refused = new LinkedHashMap<>();
        refused.put("415 zip", upload("c03-staff", number, Part.file("资料.docx", FileKind.DOCX.contentType(), TestFiles.zip())));
        refused.put("415 heic", upload("c03-staff", number, Part.file("IMG_4031.HEIC", "image/heic", TestFiles.heic())));
        refused.put("415 text", upload("c03-staff", number, Part.file("说明.pdf", "application/pdf",
                "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8))));
        refused.put("400 empty", upload("c03-staff", number, Part.file("空白.jpg", "image/jpeg", new byte[0])));
        byte[] broken = TestFiles.jpeg(200, 200);
        broken = java.util.Arrays.copyOf(broken, 40);
        refused.put("400 broken", upload("c03-staff", number, Part.file("损坏.jpg", "image/jpeg", broken)));
        refused.put("400 broken pdf", upload("c03-staff", number, Part.file("坏.pdf", "application/pdf",
                "%PDF-1.7\n1 0 obj garbage".getBytes(StandardCharsets.US_ASCII))));
        refused.put("413 large", upload("c03-staff", number, Part.file("大视频.jpg", "image/jpeg",
                new byte[(int) properties.maxSize().toBytes() + 1024])));
        Map<String, String> names = Map.of("415 zip", "资料.docx", "415 heic", "IMG_4031.HEIC", "415 text", "说明.pdf",
                "400 empty", "空白.jpg", "400 broken", "损坏.jpg", "400 broken pdf", "坏.pdf", "413 large", "大视频.jpg");
        refused.forEach((what, answer) -> {
            assertThat(answer.status()).as(what + ": " + answer.text()).isEqualTo(Integer.parseInt(what.substring(0, 3)));
            assertThat(answer.contentType()).as(what).startsWith("application/problem+json");
            assertThat(answer.json().path("detail").asText()).as(what).contains(names.get(what));
            assertThat(answer.json().path("fileName").asText()).as(what).isEqualTo(names.get(what));
            assertThat(answer.json().path("errors").get(0).path("field").asText()).as(what).isEqualTo("file");
        });
        assertThat(refused.get("415 heic").json().path("detail").asText()).contains("HEIC").contains("JPEG");
        assertThat(refused.get("413 large").json().path("detail").asText()).contains(properties.maxSizeText());

        List<Answer> badParts = new ArrayList<>();
        badParts.add(upload("c03-staff", number, Part.field("purpose", "EVIDENCE")));
        badParts.add(upload("c03-staff", number, Part.file("a.jpg", "image/jpeg", TestFiles.jpeg(10, 10)),
                Part.file("b.jpg", "image/jpeg", TestFiles.jpeg(10, 10))));
        badParts.add(upload("c03-staff", number, Part.file("a.jpg", "image/jpeg", TestFiles.jpeg(10, 10)),
                Part.field("purpose", "SELFIE")));
        badParts.add(upload("c03-staff", number, Part.file("a.jpg", "image/jpeg", TestFiles.jpeg(10, 10)),
                Part.field("keepLocation", "yes")));
        List<String> fields = List.of("file", "file", "purpose", "keepLocation");
        for (int i = 0; i < badParts.size(); i++) {
            assertThat(badParts.get(i).status()).as(badParts.get(i).text()).isEqualTo(400);
            assertThat(badParts.get(i).json().path("errors").get(0).path("field").asText()).isEqualTo(fields.get(i));
        }
        assertThat(stored(number)).isZero();
        assertThat(jdbc.sql("select count(*) from risk_item_event where number = ? and kind = 'ATTACHMENT_ADDED'").param(number)
                .query(Integer.class).single()).isZero();
    }

    @Test
    void onlyThoseWhoWorkTheItemAddFilesAndOnlyThoseWhoMayReadItDownloadThemAudited() {
        String number = reported();
        Answer created = upload("c03-staff", number, Part.file("现场.jpg", "image/jpeg", TestFiles.jpeg(120, 90)));
        assertThat(created.status()).isEqualTo(201);
        String file = "/api/risk-items/" + number + "/attachments/" + created.json().path("id").asLong();

        // Another community neither adds, lists nor downloads; nor does a department that was never called in.
        for (String outsider : List.of("c04-staff", "market1")) {
            assertThat(upload(outsider, number, Part.file("x.jpg", "image/jpeg", TestFiles.jpeg(10, 10))).status())
                    .as(outsider).isEqualTo(403);
            Answer refused = get(outsider, file);
            assertThat(refused.status()).as(outsider).isEqualTo(403);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(get(outsider, file + "/thumbnail").status()).isEqualTo(403);
            assertThat(get(outsider, "/api/risk-items/" + number + "/attachments").status()).isEqualTo(403);
            assertThat(audited(outsider, number, "DOWNLOAD_ATTACHMENT")).isZero();
        }
        // The reporter adds intake photos while the item is graded, but no evidence.
        assertThat(upload("c03-grid1", number, Part.file("y.jpg", "image/jpeg", TestFiles.jpeg(10, 10)),
                Part.field("purpose", "EVIDENCE")).status()).isEqualTo(403);
        assertThat(get("c03-staff", "/api/risk-items/" + number + "/attachments/999999999").status()).isEqualTo(404);
        assertThat(get("c03-staff", "/api/risk-items/QF-2026-999999/attachments").status()).isEqualTo(404);

        // Called in by a whistle, the police read the item with the parties masked and may download its files.
        Scenario item = new Scenario(engine, intake, jdbc);
        item.number = number;
        item.complete("Task_Grade", "c03-staff", "riskLevel", "LOW", "fixableNow", false, "gradeReason", "核实");
        item.complete("Task_Plan", "c03-staff", "responsibleUnit", "community-C03", "responsibleLeader", "c03-leader",
                "investigator", "c03-staff", "resolver", "c03-staff", "stabiliser", "c03-staff", "dispatcher", "center1",
                "measures", "组织调解。", "resolveBy", "");
        item.complete("Task_Feedback", "c03-staff", "feedbackNote", "已核实");
        item.complete("Task_Resolve", "c03-staff", "resolutionOutcome", "WHISTLE", "progressNote", "需派出所介入",
                "departments", Variables.stringValue("dept-police"));
        JsonNode seen = new Http(port).as("police1").get("/api/risk-items/" + number).json();
        assertThat(seen.path("personalDataMasked").asBoolean()).isTrue();
        assertThat(seen.path("parties").get(0).path("name").asText()).contains("*");
        int before = audited("police1", number, "DOWNLOAD_ATTACHMENT");
        Answer download = get("police1", file);
        assertThat(download.status()).isEqualTo(200);
        assertThat(get("police1", file + "/thumbnail").status()).isEqualTo(200);
        assertThat(audited("police1", number, "DOWNLOAD_ATTACHMENT")).isEqualTo(before + 1);
        assertThat(audited("police1", number, "VIEW_THUMBNAIL")).isEqualTo(1);
        assertThat(jdbc.sql("select detail from access_audit where user_id = 'police1' and number = ? and action = 'DOWNLOAD_ATTACHMENT'")
                .param(number).query(String.class).single()).contains("现场.jpg");
        // Called in is not working it: the police add no files.
        assertThat(upload("police1", number, Part.file("z.jpg", "image/jpeg", TestFiles.jpeg(10, 10))).status()).isEqualTo(403);
        // The reporter, named in no duty of the plan, added at intake only.
        assertThat(upload("c03-grid1", number, Part.file("z.jpg", "image/jpeg", TestFiles.jpeg(10, 10))).status()).isEqualTo(403);
        assertThat(stored(number)).isEqualTo(1);
    }

    @Test
    void theArchivePdfEmbedsThePhotosAndListsTheOtherFiles() throws Exception {
        String number = reported();
        assertThat(upload("c03-grid1", number, Part.file("楼道现场.jpg", "image/jpeg", TestFiles.jpeg(400, 300))).status())
                .isEqualTo(201);
        assertThat(upload("c03-staff", number, Part.file("调解协议书.pdf", "application/pdf", TestFiles.pdf("agreement")),
                Part.field("purpose", "EVIDENCE")).status()).isEqualTo(201);
        Answer archive = get("c03-staff", "/api/risk-items/" + number + "/archive");
        assertThat(archive.status()).isEqualTo(200);
        PdfReader reader = new PdfReader(archive.body());
        try {
            StringBuilder text = new StringBuilder();
            PdfTextExtractor extractor = new PdfTextExtractor(reader);
            int images = 0;
            for (int page = 1; page <= reader.getNumberOfPages(); page++) {
                text.append(extractor.getTextFromPage(page));
                com.lowagie.text.pdf.PdfDictionary resources = reader.getPageN(page).getAsDict(com.lowagie.text.pdf.PdfName.RESOURCES);
                com.lowagie.text.pdf.PdfDictionary xobjects = resources == null ? null
                        : resources.getAsDict(com.lowagie.text.pdf.PdfName.XOBJECT);
                if (xobjects != null) {
                    for (com.lowagie.text.pdf.PdfName key : xobjects.getKeys()) {
                        com.lowagie.text.pdf.PdfObject object = com.lowagie.text.pdf.PdfReader.getPdfObject(xobjects.get(key));
                        if (object instanceof com.lowagie.text.pdf.PdfStream stream
                                && com.lowagie.text.pdf.PdfName.IMAGE.equals(stream.getAsName(com.lowagie.text.pdf.PdfName.SUBTYPE))) {
                            images++;
                            assertThat(stream.getAsNumber(com.lowagie.text.pdf.PdfName.WIDTH).intValue()).isEqualTo(400);
                        }
                    }
                }
            }
            assertThat(images).as("the photo is embedded").isEqualTo(1);
            String all = text.toString();
            assertThat(all).contains("附件").contains("楼道现场.jpg").contains("调解协议书.pdf").contains("佐证材料");
        } finally {
            reader.close();
        }
    }
}
