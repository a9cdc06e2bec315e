package casegrid.tasklist;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.ibatis.executor.statement.StatementHandler;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.mapping.ParameterMapping;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.plugin.Intercepts;
import org.apache.ibatis.plugin.Invocation;
import org.apache.ibatis.plugin.Signature;
import org.apache.ibatis.reflection.MetaObject;
import org.apache.ibatis.reflection.SystemMetaObject;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.ListQueryParameterObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The task query's authorization check, written so that PostgreSQL can answer it in time linear in the
 * open tasks (issue 14; measured in bench/README.md, "Scale benchmark").
 *
 * <p>Camunda 7.24 checks a task query's authorizations by joining the caller's authorization rows
 * ({@code AUTH}: TASK READ or PROCESS_DEFINITION READ_TASK of the user, '*' or the user's groups) with
 * {@code AUTH.RESOURCE_ID_ IN (RES.ID_, D.KEY_, '*')}, then keeps rows where {@code AUTH.RESOURCE_ID_ IS
 * NOT NULL}. With a per-task grant for every candidate group, a community's staff hold one row per open
 * task of the community; the OR'ed join condition admits neither a hash nor a merge join, so PostgreSQL
 * compares every authorization row with every task (at 6,100 open tasks 418 × 6,100 = 2,549,800 row
 * pairs for 418 results, 4.1 s; quadratic in the open tasks).
 *
 * <p>This interceptor rewrites exactly that SQL, and nothing else, into the same test written as
 * membership: the caller's authorization rows become a {@code WITH} query, and a task qualifies when its
 * id is among their resource ids, or among the ids of tasks whose definition key is, or among all tasks
 * when one of them is '*'. That is the join condition read as a set predicate over the same rows, so the
 * answer is the same set of tasks ({@code TaskAuthorizationExistsTest} proves it for every casegrid role
 * against the engine's own SQL). PostgreSQL runs it as a semi-join driven by the caller's rows: linear
 * in the tasks she may see, not in all open tasks times her rows. CIB seven and Operaton moved to an
 * EXISTS form for the same reason; Camunda 7.24 has no setting for it.
 *
 * <p>It applies only to the two task-query statements, only on PostgreSQL, only to the inner-join form
 * (CMMN off, no revoke check) and only when the SQL has exactly the expected shape; any other SQL — e.g.
 * after an engine upgrade changes the mapping — runs unchanged, as the engine wrote it, and the test
 * that asserts the rewrite fails.
 */
@Component
public class TaskAuthorizationExists extends AbstractProcessEnginePlugin {

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        if ("postgres".equals(configuration.getDatabaseType())) {
            configuration.getSqlSessionFactory().getConfiguration().addInterceptor(new Rewrite());
        }
    }

    /**
     * The caller's rows are found by user or by group; Camunda indexes the group (ACT_IDX_AUTH_GROUP_ID)
     * but not the user alone, so PostgreSQL read every authorization row (86 ms of 181,730 at 100k open
     * tasks) instead of a bitmap-OR of two indexes. Created here, once the engine's schema exists (Flyway
     * runs before it on a new database), like DueTasks' index; a plain index of the engine's table that an
     * engine upgrade neither needs nor trips over.
     */
    @Override
    public void postProcessEngineBuild(org.camunda.bpm.engine.ProcessEngine engine) {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        if ("postgres".equals(configuration.getDatabaseType())) {
            try (Connection connection = configuration.getDataSource().getConnection();
                 var statement = connection.createStatement()) {
                statement.execute("create index if not exists casegrid_act_ru_auth_user_idx on "
                        + configuration.getDatabaseTablePrefix() + "act_ru_authorization (user_id_)");
                if (!connection.getAutoCommit()) {
                    connection.commit();
                }
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("could not index ACT_RU_AUTHORIZATION by user", e);
            }
        }
    }

    /** Off only in the test that compares the rewritten answer with the engine's own SQL. */
    static final AtomicBoolean ENABLED = new AtomicBoolean(true);
    /** Tests force walk or task ids for a page (where the caller's rows allow it) to compare each with the engine's own SQL. */
    static final java.util.concurrent.atomic.AtomicReference<Form> PAGE_FORM = new java.util.concurrent.atomic.AtomicReference<>();
    /** How many statements were rewritten since start (the test asserts that the rewrite applies). */
    static final AtomicLong REWRITES = new AtomicLong();

    static final String TASK_MAPPER = "org.camunda.bpm.engine.impl.persistence.entity.TaskEntity.";
    static final String TASK_LIST = TASK_MAPPER + "selectTaskByQueryCriteria";
    static final String TASK_COUNT = TASK_MAPPER + "selectTaskCountByQueryCriteria";
    /** Tasklist's HAL list fetches the filter's variable columns of the listed tasks with this statement. */
    static final String VARIABLE_LIST = "org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity.selectVariableInstanceByQueryCriteria";
    /** Run once per engine command with authorization on (AuthorizationManager.filterAuthenticatedGroupIds). */
    static final String AUTHORIZED_GROUPS = "org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity.selectAuthorizedGroupIds";
    static final Set<String> STATEMENTS = Set.of(TASK_LIST, TASK_COUNT, VARIABLE_LIST, AUTHORIZED_GROUPS);
    /** A page up to this far down (firstResult + maxResults) is found by walking the tasks in the page's order. */
    static final int WALKED_PAGE_END = 1000;

    private static final Pattern JOIN_START = Pattern.compile(
            "\\b(inner|left)\\s+join\\s*\\(\\s*SELECT\\s+A\\.\\*\\s+FROM\\s+(\\S*)ACT_RU_AUTHORIZATION\\s+A\\s+WHERE\\s", Pattern.CASE_INSENSITIVE);
    private static final Pattern JOIN_ON = Pattern.compile(
            "\\G\\s*AUTH\\s+ON\\s*\\(\\s*AUTH\\.RESOURCE_ID_\\s+IN\\s*\\(([^()]*)\\)\\s*\\)", Pattern.CASE_INSENSITIVE);
    private static final Pattern TASK_RESOURCES = Pattern.compile("\\s*RES\\.ID_\\s*,\\s*D\\.KEY_\\s*,\\s*'\\*'\\s*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SELECT_DISTINCT = Pattern.compile("^\\s*select\\s+distinct\\s", Pattern.CASE_INSENSITIVE);
    private static final Pattern ANY_DISTINCT = Pattern.compile("\\bselect\\s+distinct\\s", Pattern.CASE_INSENSITIVE);
    private static final Pattern ANY_JOIN = Pattern.compile("\\bjoin\\b", Pattern.CASE_INSENSITIVE);
    /** The task query's FROM when it joins nothing but the task's definition (by its primary key). */
    private static final Pattern TASK_AND_DEFINITION = Pattern.compile("\\bfrom\\s+\\S*ACT_RU_TASK\\s+RES\\s+(?:(?:inner|left)\\s+join\\s+"
            + "\\S*ACT_RE_PROCDEF\\s+D\\s+on\\s+RES\\.PROC_DEF_ID_\\s*=\\s*D\\.ID_\\s+)?WHERE\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern DISTINCT_GROUPS = Pattern.compile(
            "^\\s*SELECT\\s+distinct\\s*\\(\\s*A\\.GROUP_ID_\\s*\\)\\s+FROM\\s+(\\S*)ACT_RU_AUTHORIZATION\\s+A\\s*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern AUTH_CHECK = Pattern.compile("\\(\\s*AUTH\\.RESOURCE_ID_\\s+IS\\s+NOT\\s+NULL\\s*\\)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ANY_AUTH = Pattern.compile("\\bAUTH[0-9]*\\.", Pattern.CASE_INSENSITIVE);

    /**
     * The join condition as one membership: the task's id is among the caller's resource ids, or among the
     * tasks whose definition key is, or among all tasks when '*' is. A single {@code IN (sub-query)} lets
     * PostgreSQL run it as a semi-join driven by the caller's rows (one primary-key probe per row), where
     * the OR'ed form had to read every open task: the form for counts and whole lists.
     */
    static String membership(String prefix) {
        return "RES.ID_ IN (SELECT CG_AUTH.RESOURCE_ID_ FROM CG_AUTH"
                + " UNION ALL SELECT CG_T.ID_ FROM " + prefix + "ACT_RU_TASK CG_T JOIN " + prefix + "ACT_RE_PROCDEF CG_D"
                + " ON CG_T.PROC_DEF_ID_ = CG_D.ID_ WHERE CG_D.KEY_ IN (SELECT CG_AUTH.RESOURCE_ID_ FROM CG_AUTH)"
                + " UNION ALL SELECT CG_ALL.ID_ FROM " + prefix + "ACT_RU_TASK CG_ALL"
                + " WHERE EXISTS (SELECT 1 FROM CG_AUTH WHERE CG_AUTH.RESOURCE_ID_ = '*'))";
    }

    /**
     * The same membership tested task by task, for a page: each term is a hashed set of the caller's rows,
     * so PostgreSQL walks the tasks in the page's order (the due-date index) and stops after the page. The
     * semi-join form read every task the caller may see before sorting, and its estimate of the union (all
     * open tasks twice) pushed the plan past the JIT threshold (≈190 ms of compilation per page).
     */
    static String membershipPerTask() {
        return "RES.ID_ IN (SELECT CG_AUTH.RESOURCE_ID_ FROM CG_AUTH) OR D.KEY_ IN (SELECT CG_AUTH.RESOURCE_ID_ FROM CG_AUTH)"
                + " OR EXISTS (SELECT 1 FROM CG_AUTH WHERE CG_AUTH.RESOURCE_ID_ = '*')";
    }

    /** How a statement's authorization join is rewritten. */
    enum Form {
        /** task count or whole list: semi-join driven by the caller's rows */
        SEMI_JOIN,
        /** a task page: the caller's rows as hashed sets, tasks walked in the page's order */
        PER_TASK,
        /** a task page of a caller with only per-task rows, few of the open tasks: semi-join on the task ids alone */
        TASK_IDS,
        /** any other DISTINCT query (the variables of listed tasks): one indexed probe of the caller's rows per row */
        EXISTS
    }

    /** The rewritten SQL and its parameters in their new order, or empty when the SQL is not the expected shape. */
    record Rewritten(String sql, List<ParameterMapping> parameters) {
    }

    static Optional<Rewritten> rewrite(String sql, List<ParameterMapping> parameters) {
        return rewrite(sql, parameters, Form.SEMI_JOIN);
    }

    static Optional<Rewritten> rewrite(String sql, List<ParameterMapping> parameters, Form form) {
        Matcher start = JOIN_START.matcher(sql);
        if (!start.find()) {
            return Optional.empty();
        }
        boolean inner = start.group(1).equalsIgnoreCase("inner");
        String prefix = start.group(2);
        int open = sql.indexOf('(', start.start());
        int close = matching(sql, open);
        if (close < 0) {
            return Optional.empty();
        }
        Matcher on = JOIN_ON.matcher(sql);
        if (!on.find(close + 1) || on.start() != close + 1) {
            return Optional.empty();
        }
        String resources = on.group(1);
        boolean taskJoin = inner && TASK_RESOURCES.matcher(resources).matches();
        if (form == Form.EXISTS ? !SELECT_DISTINCT.matcher(sql).find() : !taskJoin) {
            // EXISTS drops the duplicate rows the join made, which only a DISTINCT query drops too.
            return Optional.empty();
        }
        String before = sql.substring(0, start.start());
        String rest = before + " " + sql.substring(on.end());
        Matcher check = AUTH_CHECK.matcher(rest);
        if (!check.find()) {
            return Optional.empty();
        }
        // Only the resource id of each row is used: the sub-query keeps only that column.
        String subquery = sql.substring(open + 1, close).replaceFirst("(?i)SELECT\\s+A\\.\\*", "SELECT A.RESOURCE_ID_");
        String test = switch (form) {
            case SEMI_JOIN -> membership(prefix);
            case PER_TASK -> membershipPerTask();
            case TASK_IDS -> "RES.ID_ IN (SELECT CG_AUTH.RESOURCE_ID_ FROM CG_AUTH)";
            case EXISTS -> "EXISTS (SELECT 1 FROM " + prefix + "ACT_RU_AUTHORIZATION A WHERE (" + sql.substring(start.end(), close)
                    + ") AND A.RESOURCE_ID_ IN (" + resources.strip() + "))";
        };
        String rewritten = rest.substring(0, check.start()) + "(" + test + ")" + rest.substring(check.end());
        // No other use of the join's rows (composite checks use AUTH1…, none may be left), and only one join.
        if (ANY_AUTH.matcher(rewritten).find() || JOIN_START.matcher(rewritten).find() || check.start() < before.length()) {
            return Optional.empty();
        }
        int atStart = placeholders(before);
        int inside = placeholders(subquery);
        int betweenJoinAndCheck = placeholders(rest.substring(before.length(), check.start()));
        if (atStart + inside + placeholders(sql.substring(close)) != parameters.size()
                || placeholders(resources) != 0) {
            return Optional.empty();
        }
        List<ParameterMapping> join = parameters.subList(atStart, atStart + inside);
        List<ParameterMapping> reordered = new ArrayList<>();
        if (form == Form.EXISTS) { // the sub-query's parameters move to where the check was
            reordered.addAll(parameters.subList(0, atStart));
            reordered.addAll(parameters.subList(atStart + inside, atStart + inside + betweenJoinAndCheck));
            reordered.addAll(join);
            reordered.addAll(parameters.subList(atStart + inside + betweenJoinAndCheck, parameters.size()));
            return Optional.of(new Rewritten(rewritten, reordered));
        }
        // Without the join, a query of tasks and their definitions has one row per task: DISTINCT only made
        // PostgreSQL sort or hash every visible task (and kept it from walking the page's index to the end of the page).
        Matcher from = TASK_AND_DEFINITION.matcher(rest);
        if (from.find() && countOf(ANY_JOIN, rest) == countOf(ANY_JOIN, from.group())) {
            rewritten = ANY_DISTINCT.matcher(rewritten).replaceFirst("select ");
        }
        // The WITH query comes first, so its parameters do too.
        reordered.addAll(join);
        reordered.addAll(parameters.subList(0, atStart));
        reordered.addAll(parameters.subList(atStart + inside, parameters.size()));
        return Optional.of(new Rewritten("WITH CG_AUTH AS (" + subquery + ") " + rewritten.stripLeading(), reordered));
    }

    /**
     * The distinct group ids of all authorization rows, read by a loose index scan: one probe of
     * ACT_IDX_AUTH_GROUP_ID per distinct group (and one for NULL), where the engine's
     * {@code SELECT distinct(A.GROUP_ID_)} reads every row — once per engine command, at 100k open tasks
     * 40–80 ms each, five times per Tasklist page. Same rows: the groups in order, then NULL if any row has none.
     */
    static Optional<String> authorizedGroups(String sql) {
        Matcher m = DISTINCT_GROUPS.matcher(sql);
        if (!m.matches()) {
            return Optional.empty();
        }
        String table = m.group(1) + "ACT_RU_AUTHORIZATION";
        return Optional.of("WITH RECURSIVE CG_GROUP AS (SELECT MIN(A.GROUP_ID_) AS GROUP_ID_ FROM " + table + " A"
                + " UNION ALL SELECT (SELECT MIN(A.GROUP_ID_) FROM " + table + " A WHERE A.GROUP_ID_ > CG_GROUP.GROUP_ID_)"
                + " FROM CG_GROUP WHERE CG_GROUP.GROUP_ID_ IS NOT NULL)"
                + " SELECT CG_GROUP.GROUP_ID_ FROM CG_GROUP WHERE CG_GROUP.GROUP_ID_ IS NOT NULL"
                + " UNION ALL SELECT NULL WHERE EXISTS (SELECT 1 FROM " + table + " A WHERE A.GROUP_ID_ IS NULL)");
    }


    /** The query that counts the caller's rows for {@link Rewrite#dense}, with its parameters. */
    record CallerRows(String sql, List<ParameterMapping> parameters) {
    }

    /**
     * Counts of the caller's authorization rows (the engine's own sub-query, with its parameters): per-task rows,
     * rows for a whole definition or '*', and the open tasks as PostgreSQL last counted them (reltuples).
     */
    static Optional<CallerRows> callerRows(String sql, List<ParameterMapping> parameters) {
        Matcher start = JOIN_START.matcher(sql);
        if (!start.find()) {
            return Optional.empty();
        }
        String prefix = start.group(2);
        int open = sql.indexOf('(', start.start());
        int close = matching(sql, open);
        if (close < 0) {
            return Optional.empty();
        }
        int atStart = placeholders(sql.substring(0, open));
        int inside = placeholders(sql.substring(open, close));
        if (atStart + inside > parameters.size()) {
            return Optional.empty();
        }
        String wide = "CG.RESOURCE_ID_ = '*' OR CG.RESOURCE_ID_ IN (SELECT CG_D.KEY_ FROM " + prefix + "ACT_RE_PROCDEF CG_D)";
        return Optional.of(new CallerRows("SELECT COUNT(*) FILTER (WHERE NOT (" + wide + ")), COUNT(*) FILTER (WHERE " + wide + "),"
                + " (SELECT GREATEST(C.RELTUPLES, 0) FROM PG_CLASS C WHERE C.OID = TO_REGCLASS('" + prefix + "ACT_RU_TASK'))"
                + " FROM (" + sql.substring(open + 1, close).replaceFirst("(?i)SELECT\\s+A\\.\\*", "SELECT A.RESOURCE_ID_") + ") CG",
                List.copyOf(parameters.subList(atStart, atStart + inside))));
    }

    /** The index of the parenthesis closing the one at {@code open}; the engine's SQL has no parentheses in literals here. */
    private static int matching(String sql, int open) {
        int depth = 0;
        boolean literal = false;
        for (int i = open; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\'') {
                literal = !literal;
            } else if (!literal && c == '(') {
                depth++;
            } else if (!literal && c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static long countOf(Pattern pattern, String text) {
        return pattern.matcher(text).results().count();
    }

    private static int placeholders(String sql) {
        int count = 0;
        boolean literal = false;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\'') {
                literal = !literal;
            } else if (!literal && c == '?') {
                count++;
            }
        }
        return count;
    }

    @Intercepts(@Signature(type = StatementHandler.class, method = "prepare", args = {Connection.class, Integer.class}))
    static class Rewrite implements Interceptor {

        private static final Logger log = LoggerFactory.getLogger(TaskAuthorizationExists.class);

        @Override
        public Object intercept(Invocation invocation) throws Throwable {
            MetaObject handler = SystemMetaObject.forObject(invocation.getTarget());
            while (handler.hasGetter("h")) { // unwrap other plugins' proxies
                handler = SystemMetaObject.forObject(handler.getValue("h.target"));
            }
            if (handler.hasGetter("delegate.mappedStatement")
                    && handler.getValue("delegate.mappedStatement") instanceof MappedStatement statement
                    && STATEMENTS.contains(statement.getId()) && ENABLED.get()) {
                BoundSql bound = (BoundSql) handler.getValue("delegate.boundSql");
                Optional<Rewritten> rewritten = statement.getId().equals(AUTHORIZED_GROUPS)
                        ? authorizedGroups(bound.getSql()).map(sql -> new Rewritten(sql, bound.getParameterMappings()))
                        : rewrite(bound.getSql(), bound.getParameterMappings(),
                                form(statement, bound, (Connection) invocation.getArgs()[0]));
                if (rewritten.isPresent()) {
                    MetaObject boundMeta = SystemMetaObject.forObject(bound);
                    boundMeta.setValue("sql", rewritten.get().sql());
                    boundMeta.setValue("parameterMappings", rewritten.get().parameters());
                    REWRITES.incrementAndGet();
                } else if (bound.getSql().contains("ACT_RU_AUTHORIZATION")) {
                    log.debug("Task query with an authorization check of another shape runs as the engine wrote it");
                }
            }
            return invocation.proceed();
        }

        private static Form form(MappedStatement statement, BoundSql bound, Connection connection) throws SQLException {
            if (statement.getId().equals(VARIABLE_LIST)) {
                return Form.EXISTS;
            }
            if (!statement.getId().equals(TASK_LIST) || !(bound.getParameterObject() instanceof ListQueryParameterObject page)
                    || (long) page.getFirstResult() + page.getMaxResults() > WALKED_PAGE_END) {
                return Form.SEMI_JOIN;
            }
            return pageForm(statement, bound, connection, page.getFirstResult() + page.getMaxResults());
        }

        /**
         * Walk or semi-join, by the caller's rows. With n per-task rows among t open tasks, walking the tasks in
         * the page's order finds a page ending at row p after about p·t/n tasks, the semi-join reads n tasks:
         * walk when n² ≥ p·t (c03-staff at 100k open tasks: n = 6,668, walks ~225 tasks for the first page). A
         * caller holding a row for a whole definition or '*' sees whole definitions: walk. Otherwise the caller's
         * rows name tasks only, and the membership is exactly "the task's id is among them" — a plain semi-join,
         * which PostgreSQL drives from those few rows (the three-way union's estimate of every open task twice
         * made it walk all 100k tasks for a department that sees none: 0.6–1.4 s).
         * The count is one index read of the caller's rows (the query reads them again), ~1 ms at 100k open tasks.
         */
        private static Form pageForm(MappedStatement statement, BoundSql bound, Connection connection, int pageEnd)
                throws SQLException {
            Optional<CallerRows> caller = callerRows(bound.getSql(), bound.getParameterMappings());
            if (caller.isEmpty()) {
                return Form.SEMI_JOIN;
            }
            BoundSql count = new BoundSql(statement.getConfiguration(), caller.get().sql(), caller.get().parameters(),
                    bound.getParameterObject());
            @SuppressWarnings("unchecked")
            Map<String, Object> additional = (Map<String, Object>) SystemMetaObject.forObject(bound).getValue("additionalParameters");
            additional.forEach(count::setAdditionalParameter);
            try (PreparedStatement query = connection.prepareStatement(count.getSql())) {
                statement.getConfiguration().newParameterHandler(statement, bound.getParameterObject(), count).setParameters(query);
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    long perTask = rows.getLong(1);
                    long wide = rows.getLong(2);
                    double open = rows.getDouble(3);
                    if (wide > 0) {
                        return Form.PER_TASK;
                    }
                    Form forced = PAGE_FORM.get();
                    return forced != null ? forced
                            : (double) perTask * perTask >= pageEnd * Math.max(open, 1) ? Form.PER_TASK : Form.TASK_IDS;
                }
            }
        }
    }
}
