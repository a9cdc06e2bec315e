package casegrid.ledger;

import casegrid.item.RiskItemStore;
import casegrid.org.OrgDirectory;
import casegrid.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The three ledgers' item views: the online ledger as a page (JSON) or as .xlsx, and an item's
 * archive case file as PDF. Each read of case data is audited (ReadAudit).
 */
@RestController
@RequestMapping("/api/risk-items")
class LedgerController {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final LedgerService ledger;
    private final ArchiveService archive;
    private final ItemVisibility visibility;
    private final RiskItemStore items;
    private final OrgDirectory org;
    private final ReadAudit audit;

    LedgerController(LedgerService ledger, ArchiveService archive, ItemVisibility visibility, RiskItemStore items,
                     OrgDirectory org, ReadAudit audit) {
        this.ledger = ledger;
        this.archive = archive;
        this.visibility = visibility;
        this.items = items;
        this.org = org;
        this.audit = audit;
    }

    @GetMapping
    LedgerService.Page list(HttpServletRequest request, Authentication caller) {
        LedgerQuery query = LedgerQuery.parse(request.getParameterMap(), org, true);
        LedgerService.Page page = ledger.page(caller.getName(), groups(caller), query);
        audit.record(caller.getName(), null, ReadAudit.LIST_LEDGER,
                describe(query) + " page=" + page.page() + " size=" + page.size() + " rows=" + page.items().size());
        return page;
    }

    /** Parameters are checked before the first byte is sent, so a bad one is still a 400 problem. */
    @GetMapping("/export")
    void export(HttpServletRequest request, HttpServletResponse response, Authentication caller) throws IOException {
        LedgerQuery query = LedgerQuery.parse(request.getParameterMap(), org, false);
        String file = "在线台账-" + DateTimeFormatter.BASIC_ISO_DATE.format(
                ClockUtil.getCurrentTime().toInstant().atZone(RiskItemStore.OFFICE_ZONE)) + ".xlsx";
        response.setContentType(XLSX);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename(file, StandardCharsets.UTF_8).build().toString());
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        int rows = -1;
        try {
            rows = ledger.export(caller.getName(), groups(caller), query, response.getOutputStream());
        } finally {
            audit.record(caller.getName(), null, ReadAudit.EXPORT_LEDGER,
                    describe(query) + (rows < 0 ? " failed" : " rows=" + rows));
        }
    }

    @GetMapping("/{number}/archive")
    ResponseEntity<byte[]> archive(@PathVariable String number, Authentication caller) {
        if (!items.exists(number)) {
            throw ApiException.notFound("事项 " + number + " 不存在");
        }
        List<String> groups = groups(caller);
        if (!visibility.canSee(caller.getName(), groups, number)) {
            throw ApiException.forbidden("无权查看事项 " + number + " 的档案：不在您的职责范围内。");
        }
        byte[] pdf = archive.caseFile(number, visibility.seesPersonalData(caller.getName(), groups, number), caller.getName());
        audit.record(caller.getName(), number, ReadAudit.ARCHIVE_ITEM, null);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.inline().filename("风险隐患档案-" + number + ".pdf", StandardCharsets.UTF_8).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(pdf);
    }

    private static String describe(LedgerQuery query) {
        return query.describe().isEmpty() ? "all" : query.describe();
    }

    static List<String> groups(Authentication caller) {
        return caller.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
    }
}
