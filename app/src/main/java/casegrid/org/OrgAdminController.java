package casegrid.org;

import casegrid.ledger.ReadAudit;
import casegrid.web.FieldProblem;
import casegrid.web.InvalidRequestException;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The organisation's administration (camunda-admin only, SecurityConfig; every call audited):
 * {@code GET /api/admin/org} the organisation in figures, {@code GET .../template} and
 * {@code GET .../export} as xlsx, {@code POST .../import?dryRun=true} the check of a file (200 with the
 * report, problems included), {@code POST .../import} the import itself (200 with counts and the
 * one-time passwords of new accounts, or 400 problem+json listing every problem; nothing written).
 */
@RestController
@RequestMapping("/api/admin/org")
class OrgAdminController {

    static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    /** Larger than any street's organisation; a bigger upload is refused before it is parsed. */
    static final long MAX_FILE_BYTES = 5L * 1024 * 1024;
    /** One-time passwords: no 0/O, 1/l/I, so they can be read out over the phone. */
    private static final String PASSWORD_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final OrgImport orgImport;
    private final JdbcClient jdbc;
    private final ReadAudit audit;

    OrgAdminController(OrgImport orgImport, JdbcClient jdbc, ReadAudit audit) {
        this.orgImport = orgImport;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @GetMapping
    Map<String, Object> summary() {
        OrgData org = OrgData.read(jdbc);
        List<Map<String, Object>> streets = new ArrayList<>();
        for (OrgData.Street s : org.streets()) {
            Map<String, Object> street = new LinkedHashMap<>();
            street.put("code", s.code());
            street.put("name", s.name());
            street.put("numberPrefix", s.numberPrefix());
            street.put("centerGroup", s.centerGroup());
            street.put("leadersGroup", s.leadersGroup());
            var groups = org.streetGroups(s.code()).keySet();
            street.put("supervisionGroups", org.supervisions().stream().filter(g -> g.street().equals(s.code())).count());
            List<String> communities = org.communities().stream().filter(c -> c.street().equals(s.code()))
                    .map(OrgData.Community::code).toList();
            street.put("communities", communities.size());
            street.put("communityNames", org.communities().stream().filter(c -> c.street().equals(s.code()))
                    .map(c -> c.code() + " " + c.name()).toList());
            street.put("grids", org.grids().stream().filter(g -> communities.contains(g.community())).count());
            street.put("departments", org.departments().stream().filter(d -> d.street().equals(s.code())).count());
            street.put("people", org.people().stream().filter(p -> p.active() && p.groups().stream().anyMatch(groups::contains)).count());
            streets.add(street);
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("empty", org.streets().isEmpty());
        summary.put("streets", streets);
        summary.put("people", org.people().stream().filter(OrgData.Person::active).count());
        summary.put("disabledPeople", org.people().stream().filter(p -> !p.active()).count());
        if (org.streets().isEmpty()) {
            summary.put("hint", "系统中还没有组织机构：请下载模板，填写街道、督导组、社区、网格、部门和人员后上传，预检无误再确认导入。");
        }
        return summary;
    }

    @GetMapping("/template")
    ResponseEntity<byte[]> template(Authentication caller) {
        audit.record(caller.getName(), null, ReadAudit.ORG_TEMPLATE, null);
        return xlsx("组织机构导入模板.xlsx", OrgWorkbook.template());
    }

    @GetMapping("/export")
    ResponseEntity<byte[]> export(Authentication caller) {
        OrgData org = OrgData.read(jdbc);
        audit.record(caller.getName(), null, ReadAudit.ORG_EXPORT, org.streets().size() + " 个街道，" + org.people().size() + " 人");
        return xlsx("组织机构.xlsx", OrgWorkbook.write(org));
    }

    @PostMapping(value = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    OrgImport.Report importFile(@RequestParam("file") MultipartFile file, @RequestParam(defaultValue = "false") boolean dryRun,
                                Authentication caller) throws IOException {
        if (file.isEmpty() || file.getSize() > MAX_FILE_BYTES) {
            throw new InvalidRequestException(List.of(new FieldProblem("file", "请上传不超过5MB的 .xlsx 组织机构文件")));
        }
        byte[] bytes = file.getBytes();
        String name = file.getOriginalFilename() == null ? "" : file.getOriginalFilename();
        if (dryRun) {
            OrgImport.Report report = orgImport.check(bytes);
            audit.record(caller.getName(), null, ReadAudit.ORG_CHECK, describe(name, report));
            return report;
        }
        try {
            OrgImport.Report report = orgImport.apply(bytes, userId -> oneTimePassword());
            // The audit names the new accounts, never their passwords.
            audit.record(caller.getName(), null, ReadAudit.ORG_IMPORT, describe(name, report)
                    + (report.newAccounts().isEmpty() ? "" : "；新账号 " + report.newAccounts().stream()
                    .map(OrgImport.NewAccount::userId).collect(Collectors.joining("、"))));
            return report;
        } catch (OrgImport.RefusedFile refused) {
            audit.record(caller.getName(), null, ReadAudit.ORG_IMPORT, describe(name, refused.report()));
            throw refused;
        }
    }

    @ExceptionHandler(OrgImport.RefusedFile.class)
    ResponseEntity<ProblemDetail> refused(OrgImport.RefusedFile e) {
        List<OrgWorkbook.Problem> problems = e.report().problems();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "组织机构文件有 " + problems.size() + " 处问题，未导入任何内容。");
        problem.setTitle("组织机构文件不正确");
        problem.setProperty("errors", problems.stream().map(p -> new FieldProblem(where(p), p.message())).toList());
        problem.setProperty("problems", problems);
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    static String where(OrgWorkbook.Problem p) {
        return p.sheet() + (p.row() > 0 ? " 第" + p.row() + "行" : "") + (p.column().isEmpty() ? "" : " " + p.column());
    }

    private static String describe(String file, OrgImport.Report report) {
        if (!report.valid()) {
            return file + "：" + report.problems().size() + " 处问题，未导入";
        }
        return file + "：街道 " + String.join("、", report.streets()) + "；" + report.counts().entrySet().stream()
                .map(e -> e.getKey() + " 新增" + e.getValue().added() + " 修改" + e.getValue().changed()
                        + " 删除" + e.getValue().removed())
                .collect(Collectors.joining("，"));
    }

    static String oneTimePassword() {
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            password.append(PASSWORD_ALPHABET.charAt(RANDOM.nextInt(PASSWORD_ALPHABET.length())));
        }
        return password.toString();
    }

    private static ResponseEntity<byte[]> xlsx(String filename, byte[] body) {
        return ResponseEntity.ok().contentType(XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(filename, java.nio.charset.StandardCharsets.UTF_8).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(body);
    }
}
