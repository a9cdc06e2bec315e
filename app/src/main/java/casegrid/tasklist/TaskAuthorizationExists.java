package casegrid.tasklist;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
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
    /** How many statements were rewritten since start (the test asserts that the rewrite applies). */
    static final AtomicLong REWRITES = new AtomicLong();

    static final String TASK_MAPPER = "org.camunda.bpm.engine.impl.persistence.entity.TaskEntity.";
    static final Set<String> STATEMENTS = Set.of(TASK_MAPPER + "selectTaskByQueryCriteria",
            TASK_MAPPER + "selectTaskCountByQueryCriteria");

    private static final Pattern JOIN_START = Pattern.compile(
            "\\binner\\s+join\\s*\\(\\s*SELECT\\s+A\\.\\*\\s+FROM\\s+(\\S*)ACT_RU_AUTHORIZATION\\s+A\\s+WHERE\\s", Pattern.CASE_INSENSITIVE);
    private static final Pattern JOIN_ON = Pattern.compile(
            "\\G\\s*AUTH\\s+ON\\s*\\(\\s*AUTH\\.RESOURCE_ID_\\s+IN\\s*\\(\\s*RES\\.ID_\\s*,\\s*D\\.KEY_\\s*,\\s*'\\*'\\s*\\)\\s*\\)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern AUTH_CHECK = Pattern.compile("\\(\\s*AUTH\\.RESOURCE_ID_\\s+IS\\s+NOT\\s+NULL\\s*\\)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ANY_AUTH = Pattern.compile("\\bAUTH[0-9]*\\.", Pattern.CASE_INSENSITIVE);

    /**
     * The join condition as one membership: the task's id is among the caller's resource ids, or among the
     * tasks whose definition key is, or among all tasks when '*' is. A single {@code IN (sub-query)} lets
     * PostgreSQL run it as a semi-join driven by the caller's rows (one primary-key probe per row), where
     * the OR'ed form had to read every open task.
     */
    static String membership(String prefix) {
        return "RES.ID_ IN (SELECT CG_AUTH.RESOURCE_ID_ FROM CG_AUTH"
                + " UNION ALL SELECT CG_T.ID_ FROM " + prefix + "ACT_RU_TASK CG_T JOIN " + prefix + "ACT_RE_PROCDEF CG_D"
                + " ON CG_T.PROC_DEF_ID_ = CG_D.ID_ WHERE CG_D.KEY_ IN (SELECT CG_AUTH.RESOURCE_ID_ FROM CG_AUTH)"
                + " UNION ALL SELECT CG_ALL.ID_ FROM " + prefix + "ACT_RU_TASK CG_ALL"
                + " WHERE EXISTS (SELECT 1 FROM CG_AUTH WHERE CG_AUTH.RESOURCE_ID_ = '*'))";
    }

    /** The rewritten SQL and its parameters in their new order, or empty when the SQL is not the expected shape. */
    record Rewritten(String sql, List<ParameterMapping> parameters) {
    }

    static Optional<Rewritten> rewrite(String sql, List<ParameterMapping> parameters) {
        Matcher start = JOIN_START.matcher(sql);
        if (!start.find()) {
            return Optional.empty();
        }
        int open = sql.indexOf('(', start.start());
        int close = matching(sql, open);
        if (close < 0) {
            return Optional.empty();
        }
        Matcher on = JOIN_ON.matcher(sql);
        if (!on.find(close + 1) || on.start() != close + 1) {
            return Optional.empty();
        }
        String rest = sql.substring(0, start.start()) + " " + sql.substring(on.end());
        Matcher check = AUTH_CHECK.matcher(rest);
        if (!check.find()) {
            return Optional.empty();
        }
        String rewritten = rest.substring(0, check.start()) + "(" + membership(start.group(1)) + ")"
                + rest.substring(check.end());
        // No other use of the join's rows (composite checks use AUTH1…, none may be left), and only one join.
        if (ANY_AUTH.matcher(rewritten).find() || JOIN_START.matcher(rewritten).find()) {
            return Optional.empty();
        }
        // Only the resource id of each row is used: the WITH query keeps only that column.
        String subquery = sql.substring(open + 1, close).replaceFirst("(?i)SELECT\\s+A\\.\\*", "SELECT A.RESOURCE_ID_");
        int before = placeholders(sql.substring(0, open));
        int inside = placeholders(subquery);
        if (before + inside + placeholders(sql.substring(close)) != parameters.size()) {
            return Optional.empty();
        }
        // The WITH query comes first, so its parameters do too.
        List<ParameterMapping> reordered = new ArrayList<>(parameters.subList(before, before + inside));
        reordered.addAll(parameters.subList(0, before));
        reordered.addAll(parameters.subList(before + inside, parameters.size()));
        return Optional.of(new Rewritten("WITH CG_AUTH AS (" + subquery + ") " + rewritten.stripLeading(), reordered));
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
                Optional<Rewritten> rewritten = rewrite(bound.getSql(), bound.getParameterMappings());
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
    }
}
