package casegrid.ledgerimport;

import casegrid.ledger.ReadAudit;
import casegrid.web.FieldProblem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

/**
 * The ledger import (底数台账) for administrators (camunda-admin, SecurityConfig): the page
 * {@code /admin/import}, the template, and {@code POST /api/admin/ledger-import?dryRun=true|false}
 * with the file as multipart part {@code file}. A dry run answers the report of every row; a real run
 * the same report once imported, or 422 problem+json with every problem by row and column and nothing
 * written. Not an .xlsx: 415; too big: 413; both name the file. Every call is audited.
 */
@Controller
class LedgerImportController {

    static final String DRY_RUN = "LEDGER_IMPORT_DRY_RUN";
    static final String IMPORT = "LEDGER_IMPORT";
    static final String REFUSED = "LEDGER_IMPORT_REFUSED";
    static final String TEMPLATE = "LEDGER_IMPORT_TEMPLATE";
    private static final MediaType XLSX = MediaType.parseMediaType(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final LedgerImport ledgerImport;
    private final ReadAudit audit;
    private final DataSize maxFileSize;

    LedgerImportController(LedgerImport ledgerImport, ReadAudit audit,
                           @Value("${casegrid.ledger-import.max-file-size:5MB}") DataSize maxFileSize) {
        this.ledgerImport = ledgerImport;
        this.audit = audit;
        this.maxFileSize = maxFileSize;
    }

    @GetMapping({"/admin/import", "/admin/import/"})
    String page() {
        return "forward:/admin/import/index.html";
    }

    @GetMapping("/api/admin/ledger-import/template")
    ResponseEntity<byte[]> template(Authentication caller) {
        audit.record(caller.getName(), null, TEMPLATE, null);
        return ResponseEntity.ok().contentType(XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename("底数台账模板.xlsx", StandardCharsets.UTF_8).build().toString())
                .body(ledgerImport.template());
    }

    @PostMapping(path = "/api/admin/ledger-import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseBody
    ResponseEntity<?> upload(@RequestParam(defaultValue = "true") boolean dryRun, @RequestPart("file") MultipartFile file,
                             Authentication caller) throws IOException {
        String name = fileName(file);
        if (file.getSize() > maxFileSize.toBytes()) {
            audit.record(caller.getName(), null, REFUSED, name + ": too big (" + file.getSize() + " bytes)");
            return problem(HttpStatus.PAYLOAD_TOO_LARGE, "文件太大",
                    "文件「" + name + "」有 " + mb(file.getSize()) + "，超过上限 " + mb(maxFileSize.toBytes())
                            + "：请分成几个文件导入", name);
        }
        byte[] bytes = file.getBytes();
        LedgerImport.Report report;
        try {
            report = dryRun ? ledgerImport.dryRun(name, bytes, caller.getName())
                    : ledgerImport.run(name, bytes, caller.getName());
        } catch (LedgerSheet.NotXlsx e) {
            audit.record(caller.getName(), null, REFUSED, name + ": not xlsx");
            return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "只接受 Excel .xlsx 文件",
                    "文件「" + name + "」" + e.getMessage() + "。请下载台账模板填写后上传。", name);
        } catch (LedgerImport.Refused e) {
            LedgerImport.Report refused = e.report();
            audit.record(caller.getName(), null, REFUSED, summary(refused));
            List<FieldProblem> errors = new ArrayList<>();
            refused.fileProblems().forEach(p -> errors.add(new FieldProblem("文件", p)));
            refused.lines().forEach(line -> line.problems().forEach(p -> errors.add(
                    new FieldProblem("第 " + line.row() + " 行 " + p.column(), p.message()))));
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY,
                    "文件「" + name + "」有 " + errors.size() + " 处问题，未导入任何事项；请改正后重新上传。");
            problem.setTitle("台账未导入");
            problem.setProperty("file", name);
            problem.setProperty("errors", errors);
            problem.setProperty("report", refused);
            return ResponseEntity.unprocessableEntity().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        audit.record(caller.getName(), null, dryRun ? DRY_RUN : IMPORT, summary(report));
        return ResponseEntity.ok(report);
    }

    private static String summary(LedgerImport.Report report) {
        return report.fileName() + ": rows=" + report.rows() + " created=" + report.created() + " skipped="
                + report.skipped() + " errors=" + report.errors() + (report.imported() ? " imported" : "");
    }

    /** The file's own name without any path a browser may send, cut to a printable length. */
    static String fileName(MultipartFile file) {
        String name = file.getOriginalFilename();
        if (name == null || name.isBlank()) {
            return "（未命名）";
        }
        name = name.replaceAll(".*[/\\\\]", "").replaceAll("\\p{Cntrl}", "");
        return name.length() > 200 ? name.substring(0, 200) : name;
    }

    private static String mb(long bytes) {
        return String.format("%.1f MB", bytes / 1024.0 / 1024.0);
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail, String file) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setProperty("file", file);
        problem.setProperty("errors", List.of(new FieldProblem("file", detail)));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** A missing file part is the client's mistake: 400 naming the part. */
    @ExceptionHandler(MissingServletRequestPartException.class)
    ResponseEntity<ProblemDetail> missingFile() {
        return problem(HttpStatus.BAD_REQUEST, "请求参数不正确", "请选择要上传的台账文件（.xlsx）", null);
    }
}
