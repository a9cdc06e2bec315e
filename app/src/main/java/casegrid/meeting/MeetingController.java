package casegrid.meeting;

import casegrid.access.ItemAccess;
import casegrid.ledger.ReadAudit;
import casegrid.web.FieldProblem;
import casegrid.web.InvalidRequestException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The key-matters ledger (重点事项台账): GET /api/meetings, newest first, each meeting with its
 * attendees, decisions and action items, and GET /api/meetings/export as .xlsx. A caller sees the
 * meetings of the items it may see (MeetingQuery).
 */
@RestController
class MeetingController {

    private final MeetingQuery query;
    private final ItemAccess access;
    private final MeetingExport export;
    private final ReadAudit audit;

    MeetingController(MeetingQuery query, ItemAccess access, MeetingExport export, ReadAudit audit) {
        this.query = query;
        this.access = access;
        this.export = export;
        this.audit = audit;
    }

    @GetMapping("/api/meetings")
    MeetingView.Page list(@RequestParam(required = false) String tier, @RequestParam(required = false) String from,
                          @RequestParam(required = false) String to, @RequestParam(required = false) String community,
                          @RequestParam(required = false) Boolean openActions,
                          @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size,
                          Authentication caller) {
        List<FieldProblem> problems = new ArrayList<>();
        MeetingFilter filter = MeetingFilter.of(tier, from, to, community, openActions, problems);
        if (page < 0) {
            problems.add(new FieldProblem("page", "不能为负数"));
        }
        if (size < 1 || size > 200) {
            problems.add(new FieldProblem("size", "应在 1 到 200 之间"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        MeetingView.Page answer = query.page(access.scope(caller), filter, page, size);
        // Meetings name parties and attendees: a read like an item's, traceable by the numbers shown.
        audit.record(caller.getName(), null, ReadAudit.LIST_MEETINGS, filter.describe() + " page=" + page + " size=" + size
                + " rows=" + answer.items().size() + numbers(answer.items()));
        return answer;
    }

    @GetMapping("/api/meetings/export")
    void exportLedger(@RequestParam(required = false) String tier, @RequestParam(required = false) String from,
                      @RequestParam(required = false) String to, @RequestParam(required = false) String community,
                      @RequestParam(required = false) Boolean openActions, Authentication caller,
                      HttpServletResponse response) throws IOException {
        MeetingFilter filter = MeetingFilter.of(tier, from, to, community, openActions);
        List<MeetingView> rows = query.all(access.scope(caller), filter);
        response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        response.setHeader("Content-Disposition", "attachment; filename=\"key-matters-ledger.xlsx\"; "
                + "filename*=UTF-8''%E9%87%8D%E7%82%B9%E4%BA%8B%E9%A1%B9%E5%8F%B0%E8%B4%A6.xlsx");
        export.write(rows, response.getOutputStream());
        audit.record(caller.getName(), null, ReadAudit.EXPORT_MEETINGS, filter.describe() + " rows=" + rows.size()
                + numbers(rows));
    }

    private static String numbers(List<MeetingView> rows) {
        return rows.isEmpty() ? "" : " numbers=" + rows.stream().map(MeetingView::number).distinct()
                .collect(Collectors.joining(","));
    }
}
