package casegrid.reference;

import casegrid.ledger.ReadAudit;
import casegrid.reference.ReferenceData.Kind;
import casegrid.web.ApiException;
import casegrid.web.FieldProblem;
import casegrid.web.InvalidRequestException;
import casegrid.web.PlainText;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reference data without a rebuild (camunda-admin only, SecurityConfig; every change audited):
 * {@code GET /api/admin/reference} every code with the number of items using it and the targets;
 * {@code POST /api/admin/reference/{kind}} adds a code; {@code PUT .../{kind}/{code}} renames,
 * re-orders, deactivates or re-activates one; {@code DELETE .../{kind}/{code}} removes a code no item
 * uses (409 otherwise: deactivate it instead); {@code PUT .../targets/{level}} sets a resolution target.
 */
@RestController
@RequestMapping("/api/admin/reference")
class ReferenceAdminController {

    static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,31}");
    /**
     * Where items keep each kind of code: the uses that forbid removing it. A subcategory is a suggestion
     * (items keep their subcategory as free text), so none forbids removing one.
     */
    private static final Map<Kind, String> USES = Map.of(
            Kind.CATEGORY, "select count(*) from risk_item where category = ?",
            Kind.SOURCE, "select (select count(*) from risk_item where source = ?) + (select count(*) from risk_item_source where source = ?)",
            Kind.CLOSURE_OUTCOME, "select count(*) from risk_item where closure_outcome = ?",
            Kind.TRANSFER_BODY, "select count(*) from risk_item where transferred_to = ?");

    record CodeInput(String code, String name, String parentCode, Integer sortOrder, Boolean active) {
    }

    record TargetInput(BigDecimal target) {
    }

    private final ReferenceData reference;
    private final JdbcClient jdbc;
    private final ReadAudit audit;

    ReferenceAdminController(ReferenceData reference, JdbcClient jdbc, ReadAudit audit) {
        this.reference = reference;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @GetMapping
    Map<String, Object> list() {
        Map<String, Object> kinds = new LinkedHashMap<>();
        for (Kind kind : Kind.values()) {
            List<Map<String, Object>> codes = new ArrayList<>();
            for (ReferenceData.Code code : reference.all(kind)) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("code", code.code());
                row.put("name", code.name());
                row.put("parentCode", code.parentCode());
                row.put("sortOrder", code.sortOrder());
                row.put("active", code.active());
                row.put("uses", uses(kind, code.code()));
                codes.add(row);
            }
            kinds.put(kind.name(), Map.of("label", kind.label(), "codes", codes));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("kinds", kinds);
        answer.put("targets", reference.targets());
        return answer;
    }

    @PostMapping("/{kind}")
    @ResponseStatus(HttpStatus.CREATED)
    @Transactional
    Map<String, Object> add(@PathVariable String kind, @RequestBody CodeInput input, Authentication caller) {
        Kind k = kind(kind);
        List<FieldProblem> problems = new ArrayList<>();
        if (input.code() == null || !CODE.matcher(input.code()).matches()) {
            problems.add(new FieldProblem("code", "编码应为大写字母开头的大写字母、数字或下划线，最长32位，如 NEIGHBOUR"));
        } else if (reference.find(k, input.code()).isPresent()) {
            problems.add(new FieldProblem("code", "编码 " + input.code() + " 已存在"));
        }
        name(input.name(), problems);
        String parent = parent(k, input.parentCode(), problems);
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        int order = input.sortOrder() != null ? input.sortOrder()
                : jdbc.sql("select coalesce(max(sort_order), 0) + 10 from reference_code where kind = ?").param(k.name())
                        .query(Integer.class).single();
        jdbc.sql("insert into reference_code (kind, code, name, parent_code, sort_order, active) values (?, ?, ?, ?, ?, true)")
                .params(k.name(), input.code(), input.name().strip(), parent, order).update();
        audit.record(caller.getName(), null, ReadAudit.REFERENCE_CHANGE, "新增" + k.label() + " " + input.code() + " " + input.name().strip());
        return Map.of("kind", k.name(), "code", input.code());
    }

    @PutMapping("/{kind}/{code}")
    @Transactional
    Map<String, Object> change(@PathVariable String kind, @PathVariable String code, @RequestBody CodeInput input,
                               Authentication caller) {
        Kind k = kind(kind);
        ReferenceData.Code existing = reference.find(k, code).orElseThrow(() -> ApiException.notFound("没有" + k.label() + " " + code));
        List<FieldProblem> problems = new ArrayList<>();
        String name = input.name() == null ? existing.name() : input.name();
        name(name, problems);
        String parent = k == Kind.SUBCATEGORY && input.parentCode() != null ? parent(k, input.parentCode(), problems) : existing.parentCode();
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        boolean active = input.active() == null ? existing.active() : input.active();
        int order = input.sortOrder() == null ? existing.sortOrder() : input.sortOrder();
        jdbc.sql("update reference_code set name = ?, parent_code = ?, sort_order = ?, active = ? where kind = ? and code = ?")
                .params(name.strip(), parent, order, active, k.name(), code).update();
        audit.record(caller.getName(), null, ReadAudit.REFERENCE_CHANGE, k.label() + " " + code + "：" + existing.name()
                + (existing.active() ? "" : "（停用）") + " → " + name.strip() + (active ? "" : "（停用）"));
        return Map.of("kind", k.name(), "code", code, "name", name.strip(), "active", active);
    }

    @DeleteMapping("/{kind}/{code}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Transactional
    void remove(@PathVariable String kind, @PathVariable String code, Authentication caller) {
        Kind k = kind(kind);
        ReferenceData.Code existing = reference.find(k, code).orElseThrow(() -> ApiException.notFound("没有" + k.label() + " " + code));
        int uses = uses(k, code);
        if (uses > 0) {
            throw ApiException.conflict(k.label() + " " + code + " 已被 " + uses + " 件事项使用，不能删除；可以停用它。");
        }
        if (k == Kind.CATEGORY && jdbc.sql("select count(*) from reference_code where kind = ? and parent_code = ?")
                .params(Kind.SUBCATEGORY.name(), code).query(Integer.class).single() > 0) {
            throw ApiException.conflict("类别 " + code + " 下还有细类，请先删除细类。");
        }
        jdbc.sql("delete from reference_code where kind = ? and code = ?").params(k.name(), code).update();
        audit.record(caller.getName(), null, ReadAudit.REFERENCE_CHANGE, "删除" + k.label() + " " + code + " " + existing.name());
    }

    @PutMapping("/targets/{level}")
    @Transactional
    Map<String, Object> target(@PathVariable String level, @RequestBody TargetInput input, Authentication caller) {
        BigDecimal before = reference.targets().get(level);
        if (before == null) {
            throw new InvalidRequestException(List.of(new FieldProblem("level", "风险等级应为 HIGH/MEDIUM/LOW")));
        }
        if (input.target() == null || input.target().signum() <= 0 || input.target().compareTo(BigDecimal.ONE) > 0
                || input.target().scale() > 3) {
            throw new InvalidRequestException(List.of(new FieldProblem("target", "目标化解率应为大于0、不超过1的小数（最多3位），如 0.95 表示 95%")));
        }
        jdbc.sql("update resolution_target set target = ? where risk_level = ?").params(input.target(), level).update();
        audit.record(caller.getName(), null, ReadAudit.REFERENCE_CHANGE, "目标化解率 " + level + "：" + before.toPlainString()
                + " → " + input.target().toPlainString());
        return Map.of("level", level, "target", input.target());
    }

    private static Kind kind(String kind) {
        try {
            return Kind.valueOf(kind);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("没有这类基础数据：" + kind);
        }
    }

    private static void name(String name, List<FieldProblem> problems) {
        if (name == null || name.isBlank() || name.strip().length() > 64) {
            problems.add(new FieldProblem("name", "名称不能为空，最长64个字符"));
        } else {
            PlainText.problem("name", "名称", name, false).ifPresent(problems::add);
        }
    }

    private String parent(Kind kind, String parentCode, List<FieldProblem> problems) {
        if (kind != Kind.SUBCATEGORY) {
            if (parentCode != null && !parentCode.isBlank()) {
                problems.add(new FieldProblem("parentCode", "只有细类有所属类别"));
            }
            return null;
        }
        if (parentCode == null || reference.find(Kind.CATEGORY, parentCode).isEmpty()) {
            problems.add(new FieldProblem("parentCode", "细类须属于一个已有类别"));
        }
        return parentCode;
    }

    private int uses(Kind kind, String code) {
        String sql = USES.get(kind);
        if (sql == null) {
            return 0;
        }
        return sql.chars().filter(c -> c == '?').count() == 2
                ? jdbc.sql(sql).params(code, code).query(Integer.class).single()
                : jdbc.sql(sql).param(code).query(Integer.class).single();
    }
}
