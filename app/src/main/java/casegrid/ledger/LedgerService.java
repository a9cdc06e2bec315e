package casegrid.ledger;

import casegrid.item.Overdue;
import casegrid.access.Scope;
import casegrid.access.SqlCondition;
import casegrid.access.VisibleItems;
import casegrid.item.RiskItemStore.Party;
import casegrid.org.Office;
import java.io.OutputStream;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The online ledger's query (在线台账): a page of items (LedgerItem views), or all of them into a
 * LedgerWorkbook, under the caller's access (VisibleItems) with parties masked for callers who do not
 * need them. Access, filters and order are one SQL statement; the export streams rows from a cursor
 * into a streaming workbook, so memory stays flat however large the ledger is.
 */
@Service
public class LedgerService {

    private static final String COLUMNS = """
            r.number, r.title, r.category, r.source, r.community, r.grid, r.address, r.status, r.risk_level,
            r.reported_at, r.reported_by, r.responsible_unit, r.responsible_leader, r.resolver, r.resolve_by,
            """ + Overdue.of("r") + """
             as overdue, r.closed_at, r.closure_outcome, r.updated_at""";

    /** Party names and phones of an item in one column each, joined by the unit separator (never typed by people). */
    private static final String PARTIES = """
            (select string_agg(p.name, chr(31) order by p.id) from risk_item_party p where p.number = r.number) party_names,
            (select string_agg(coalesce(p.phone, ''), chr(31) order by p.id) from risk_item_party p where p.number = r.number) party_phones""";

    /** The export's column headers (pinned by LedgerApiTest). */
    static final String[] HEADERS = LedgerWorkbook.HEADERS;

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate streaming;
    private final TransactionTemplate readOnly;
    private final LedgerLabels labels;

    public LedgerService(JdbcClient jdbc, DataSource dataSource, PlatformTransactionManager transactions,
                         LedgerLabels labels) {
        this.jdbc = jdbc;
        // PostgreSQL streams a result only inside a transaction and with a fetch size; otherwise it
        // reads all rows into memory first.
        JdbcTemplate cursor = new JdbcTemplate(dataSource);
        cursor.setFetchSize(1000);
        this.streaming = new NamedParameterJdbcTemplate(cursor);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.labels = labels;
    }

    public LedgerPage page(Scope scope, LedgerQuery query) {
        return readOnly.execute(status -> {
            customPlans();
            return query(scope, query);
        });
    }

    /**
     * The same ledger query comes again and again with other values; after five runs PostgreSQL may
     * switch a prepared statement to a generic plan, which cannot know that a two-character title
     * search has no trigram or how selective a community is, and scans everything (measured in
     * bench/README.md). Within the ledger's own read-only transaction every query is planned with its values.
     */
    private void customPlans() {
        jdbc.sql("set local plan_cache_mode = force_custom_plan").update();
    }

    private LedgerPage query(Scope scope, LedgerQuery query) {
        Map<String, Object> params = params(query, scope);
        long total = jdbc.sql(countSql(query, scope)).params(params).query(Long.class).single();
        LedgerLabels.Names names = labels.names();
        List<LedgerItem> rows = jdbc.sql(pageSql(query, scope)).params(params)
                .param("page_size", query.size()).param("page_offset", (long) query.page() * query.size())
                .query((rs, row) -> LedgerItem.of(rs, names)).list();
        // Parties for the whole page in one query.
        Map<String, List<Party>> parties = parties(rows.stream().map(LedgerItem::number).toList());
        List<LedgerItem> items = rows.stream()
                .map(item -> item.withParties(parties.getOrDefault(item.number(), List.of()))).toList();
        return new LedgerPage(query.page(), query.size(), total, items);
    }

    private Map<String, List<Party>> parties(List<String> numbers) {
        Map<String, List<Party>> parties = new LinkedHashMap<>();
        if (!numbers.isEmpty()) {
            jdbc.sql("select number, name, phone, role from risk_item_party where number in (:numbers) order by id")
                    .param("numbers", numbers)
                    .query((RowCallbackHandler) rs -> parties.computeIfAbsent(rs.getString("number"), n -> new ArrayList<>())
                            .add(new Party(rs.getString("name"), rs.getString("phone"), rs.getString("role"))));
        }
        return parties;
    }

    /** Filters, access and the masking flag's parameters together. */
    public static Map<String, Object> params(LedgerQuery query, Scope scope) {
        return SqlCondition.merge(SqlCondition.merge(VisibleItems.visible(scope).and(query.filter()).params(),
                VisibleItems.unmasked(scope).params()), Overdue.params());
    }

    private static String where(LedgerQuery query, Scope scope) {
        return VisibleItems.visible(scope).and(query.filter()).sql();
    }

    /** The total of a ledger query (public for the benchmark's EXPLAIN). */
    public static String countSql(LedgerQuery query, Scope scope) {
        return "select count(*) from risk_item r where " + where(query, scope);
    }

    /** One page of a ledger query; parameters {@code page_size} and {@code page_offset} besides {@link #params}. */
    public static String pageSql(LedgerQuery query, Scope scope) {
        return "select " + COLUMNS + ", (" + VisibleItems.unmasked(scope).sql() + ") as unmasked from risk_item r where "
                + where(query, scope) + " order by " + query.orderBy() + " limit :page_size offset :page_offset";
    }

    /** Writes every matching item as .xlsx to {@code out}; returns the number of item rows written. */
    public int export(Scope scope, LedgerQuery query, OutputStream out) {
        try (LedgerWorkbook workbook = new LedgerWorkbook(labels.names())) {
            readOnly.executeWithoutResult(status -> {
                customPlans();
                String sql = "select " + COLUMNS + ", (" + VisibleItems.unmasked(scope).sql() + ") as unmasked, " + PARTIES
                        + " from risk_item r where " + where(query, scope) + " order by " + query.orderBy();
                streaming.query(sql, params(query, scope), (RowCallbackHandler) workbook::add);
            });
            workbook.writeTo(out);
            return workbook.items();
        }
    }

    static OffsetDateTime offset(Timestamp value) {
        return value == null ? null : value.toInstant().atZone(Office.ZONE).toOffsetDateTime();
    }
}
