package casegrid.ledger;

import casegrid.access.ItemAccess;
import casegrid.org.Office;
import casegrid.org.OrgDirectory;
import casegrid.reference.ReferenceData;
import casegrid.reference.ReferenceData.Kind;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
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
    private final ItemAccess access;
    private final OrgDirectory org;
    private final ReadAudit audit;
    private final ReferenceData reference;

    LedgerController(LedgerService ledger, ArchiveService archive, ItemAccess access, OrgDirectory org, ReadAudit audit,
                     ReferenceData reference) {
        this.reference = reference;
        this.ledger = ledger;
        this.archive = archive;
        this.access = access;
        this.org = org;
        this.audit = audit;
    }

    @GetMapping
    LedgerPage list(HttpServletRequest request, Authentication caller) {
        LedgerQuery query = LedgerQuery.parse(request.getParameterMap(), org, reference.names(Kind.CATEGORY).keySet(), true);
        LedgerPage page = ledger.page(access.scope(caller), query);
        audit.record(caller.getName(), null, ReadAudit.LIST_LEDGER,
                describe(query) + " page=" + page.page() + " size=" + page.size() + " rows=" + page.items().size());
        return page;
    }

    /** Parameters are checked before the first byte is sent, so a bad one is still a 400 problem. */
    @GetMapping("/export")
    void export(HttpServletRequest request, HttpServletResponse response, Authentication caller) throws IOException {
        LedgerQuery query = LedgerQuery.parse(request.getParameterMap(), org, reference.names(Kind.CATEGORY).keySet(), false);
        String file = "在线台账-" + DateTimeFormatter.BASIC_ISO_DATE.format(
                ClockUtil.getCurrentTime().toInstant().atZone(Office.ZONE)) + ".xlsx";
        response.setContentType(XLSX);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename(file, StandardCharsets.UTF_8).build().toString());
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        int rows = -1;
        try {
            rows = ledger.export(access.scope(caller), query, response.getOutputStream());
        } finally {
            audit.record(caller.getName(), null, ReadAudit.EXPORT_LEDGER,
                    describe(query) + (rows < 0 ? " failed" : " rows=" + rows));
        }
    }

    @GetMapping("/{number}/archive")
    ResponseEntity<byte[]> archive(@PathVariable String number, Authentication caller) {
        ItemAccess.Read read = access.read(caller, number, " 的档案");
        byte[] pdf = archive.caseFile(number, read.unmasked(), caller.getName());
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
}
