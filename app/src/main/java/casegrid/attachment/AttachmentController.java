package casegrid.attachment;

import casegrid.access.ItemAccess;
import casegrid.ledger.ReadAudit;
import casegrid.web.FieldProblem;
import casegrid.web.InvalidRequestException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * An item's attachments: {@code POST /api/risk-items/{number}/attachments} (multipart, one file in part
 * {@code file}, optional {@code purpose} INTAKE|PROGRESS|EVIDENCE and {@code keepLocation}), the list,
 * the download and a photo's thumbnail. Reads follow the item read policy and each download and
 * thumbnail is audited; adding follows {@code AccessPolicy.mayAddFiles}.
 */
@RestController
@RequestMapping("/api/risk-items/{number}/attachments")
class AttachmentController {

    static final int NAME_LENGTH = 200;
    private static final String SANDBOX = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'";

    private final Attachments attachments;
    private final ItemAccess access;
    private final ReadAudit audit;

    AttachmentController(Attachments attachments, ItemAccess access, ReadAudit audit) {
        this.attachments = attachments;
        this.access = access;
        this.audit = audit;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<Attachments.Attachment> upload(@PathVariable String number,
                                                  @RequestPart(name = "file", required = false) List<MultipartFile> files,
                                                  @RequestParam(name = "purpose", required = false) String purposeText,
                                                  @RequestParam(name = "keepLocation", required = false) String keep,
                                                  Authentication caller) {
        List<FieldProblem> problems = new ArrayList<>();
        if (files == null || files.isEmpty()) {
            problems.add(new FieldProblem("file", "请选择要上传的文件（表单字段 file）"));
        } else if (files.size() > 1) {
            problems.add(new FieldProblem("file", "每次只能上传一个文件（表单字段 file）"));
        }
        AttachmentPurpose purpose = AttachmentPurpose.INTAKE;
        if (purposeText != null && !purposeText.isBlank()) {
            try {
                purpose = AttachmentPurpose.valueOf(purposeText.trim());
            } catch (IllegalArgumentException e) {
                problems.add(new FieldProblem("purpose", "取值应为 " + AttachmentPurpose.codes()));
            }
        }
        boolean keepLocation = false;
        if (keep != null && !keep.isBlank()) {
            if ("true".equals(keep.trim()) || "false".equals(keep.trim())) {
                keepLocation = Boolean.parseBoolean(keep.trim());
            } else {
                problems.add(new FieldProblem("keepLocation", "应为 true 或 false"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        MultipartFile file = files.get(0);
        byte[] bytes;
        try {
            bytes = file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Attachments.Attachment stored = attachments.add(number, access.scope(caller),
                new Attachments.Upload(fileName(file.getOriginalFilename()), bytes, purpose, keepLocation));
        return ResponseEntity.created(URI.create("/api/risk-items/" + number + "/attachments/" + stored.id())).body(stored);
    }

    @GetMapping
    List<Attachments.Listed> list(@PathVariable String number, Authentication caller) {
        access.read(caller, number, "的附件");
        return attachments.list(number);
    }

    @GetMapping("/{id}")
    ResponseEntity<byte[]> download(@PathVariable String number, @PathVariable long id, Authentication caller) {
        access.read(caller, number, "的附件");
        Attachments.Content file = attachments.content(number, id).orElseThrow(() -> missing(number, id));
        audit.record(caller.getName(), number, ReadAudit.DOWNLOAD_ATTACHMENT, "附件 " + id + "：" + file.fileName());
        boolean inline = file.contentType().startsWith("image/");
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(file.contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, (inline ? ContentDisposition.inline() : ContentDisposition.attachment())
                        .filename(file.fileName(), StandardCharsets.UTF_8).build().toString())
                .header("Content-Security-Policy", SANDBOX)
                .header("X-Content-Type-Options", "nosniff")
                .cacheControl(CacheControl.noStore().cachePrivate())
                .body(file.bytes());
    }

    @GetMapping("/{id}/thumbnail")
    ResponseEntity<byte[]> thumbnail(@PathVariable String number, @PathVariable long id, Authentication caller) {
        access.read(caller, number, "的附件");
        Attachments.Content thumbnail = attachments.thumbnail(number, id).orElseThrow(() -> missing(number, id));
        audit.record(caller.getName(), number, ReadAudit.VIEW_THUMBNAIL, "附件 " + id + "：" + thumbnail.fileName());
        return ResponseEntity.ok().contentType(MediaType.IMAGE_JPEG)
                .header("X-Content-Type-Options", "nosniff")
                .cacheControl(CacheControl.noStore().cachePrivate())
                .body(thumbnail.bytes());
    }

    /** 400/413/415 as problem+json naming the file, in {@code fileName} and in {@code errors}. */
    @ExceptionHandler(AttachmentRefused.class)
    ProblemDetail refused(AttachmentRefused e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        problem.setTitle("附件未保存");
        problem.setProperty("fileName", e.fileName());
        problem.setProperty("errors", List.of(new FieldProblem(e.field(), e.getMessage())));
        return problem;
    }

    private static casegrid.web.ApiException missing(String number, long id) {
        return casegrid.web.ApiException.notFound("事项 " + number + " 没有附件 " + id);
    }

    /**
     * The name to keep: the last path segment (old browsers send C:\\...\\photo.jpg), without control or
     * bidirectional characters, cut to the column; "附件" when nothing is left.
     */
    static String fileName(String sent) {
        String name = sent == null ? "" : sent;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        StringBuilder clean = new StringBuilder();
        name.codePoints().filter(c -> !Character.isISOControl(c) && Character.getType(c) != Character.FORMAT)
                .forEach(clean::appendCodePoint);
        name = clean.toString().strip();
        if (name.isEmpty()) {
            return "附件";
        }
        return name.codePointCount(0, name.length()) <= NAME_LENGTH ? name : name.substring(0, name.offsetByCodePoints(0, NAME_LENGTH));
    }
}
