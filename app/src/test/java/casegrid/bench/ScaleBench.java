package casegrid.bench;

import casegrid.CasegridApplication;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import javax.sql.DataSource;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The scale benchmark of issue 14 (see bench/README.md, "Scale benchmark"): parts 1, 2, 3 and 5 plus
 * start-up time. Not a test: a main class run by bench/scale.sh in a JVM with a 512 MiB heap. Every
 * figure that has a target is a ratio or percentile measured in this one run, against the bare
 * engine's REST calls on the same server and database.
 *
 * <ol>
 * <li>REST intake ({@code POST /api/risk-items}) vs the engine's REST start of a minimal process
 *     (start → user task → end), and the completion of the intake's 研判定级 task over REST vs the
 *     engine's REST complete of the minimal process's task: 4 client threads, alternating rounds;</li>
 * <li>Tasklist as a community caseworker (c03-staff), authorization on: the first page and the count
 *     of 本组待办 and 即将到期 (as Tasklist asks for them: filter list with HAL variables, filter count)
 *     and the issue's {@code /engine-rest/task?candidateGroup=…&sortBy=dueDate}, at 10k and 100k open
 *     tasks; the SQL the engine ran is captured from MyBatis's log and EXPLAINed (ANALYZE, BUFFERS);</li>
 * <li>intake again with 100k items in the ledger and 100k open tasks;</li>
 * <li>(part 4, timers, is another bench)</li>
 * <li>the ledger's two slow shapes at 100k items.</li>
 * </ol>
 *
 * Open tasks are grown by copying the runtime rows of real 风险事项 instances (executions, tasks,
 * identity links, task authorizations, variables) with new ids, so they have exactly the shape the
 * engine itself writes, at a rate no start through the engine reaches (100k starts take most of an hour
 * on 2 cores). Due dates of the copies are spread over −10…+30 days.
 */
public final class ScaleBench {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String MINIMAL = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_BenchMinimal"
                targetNamespace="http://casegrid/bench">
              <bpmn:process id="benchMinimal" name="基准最小流程" isExecutable="true" camunda:historyTimeToLive="P1D">
                <bpmn:startEvent id="StartEvent_Bench" name="开始"><bpmn:outgoing>Flow_1</bpmn:outgoing></bpmn:startEvent>
                <bpmn:userTask id="Task_Bench" name="办理基准任务" camunda:candidateGroups="street-center">
                  <bpmn:incoming>Flow_1</bpmn:incoming><bpmn:outgoing>Flow_2</bpmn:outgoing></bpmn:userTask>
                <bpmn:endEvent id="EndEvent_Bench" name="结束"><bpmn:incoming>Flow_2</bpmn:incoming></bpmn:endEvent>
                <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_Bench" targetRef="Task_Bench" />
                <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_Bench" targetRef="EndEvent_Bench" />
              </bpmn:process>
            </bpmn:definitions>
            """;

    final StringBuilder report = new StringBuilder();
    ConfigurableApplicationContext app;
    int port;
    JdbcClient jdbc;
    final int threads = Integer.getInteger("bench.threads", 4);
    final int perRound = Integer.getInteger("bench.perRound", 200);
    final int rounds = Integer.getInteger("bench.rounds", 3);
    final int requests = Integer.getInteger("bench.requests", 100);
    final int warmups = Integer.getInteger("bench.warmups", 20);
    final AtomicInteger sequence = new AtomicInteger();
    int copiesSoFar;

    public static void main(String[] args) throws Exception {
        int exit = 0;
        ScaleBench bench = new ScaleBench();
        try {
            if (System.getProperty("bench.db") != null) {
                bench.tasklistOnKeptDatabase(System.getProperty("bench.db"));
            } else {
                bench.run();
            }
        } catch (Throwable e) {
            e.printStackTrace();
            exit = 1;
        } finally {
            Path out = Path.of(System.getProperty("bench.out", "bench/results/scale-latest.md"));
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, bench.report.toString());
            System.out.println("\n" + bench.report + "\nwritten to " + out.toAbsolutePath());
        }
        System.exit(exit);
    }

    void run() throws Exception {
        Path dataDir = Files.createTempDirectory("casegrid-scale-pg");
        long startNanos = System.nanoTime();
        app = start(dataDir, true);
        double firstStart = (System.nanoTime() - startNanos) / 1e9;
        port = ((WebServerApplicationContext) app).getWebServer().getPort();
        jdbc = JdbcClient.create(app.getBean(DataSource.class));
        report.append("## Scale benchmark, ").append(LocalDate.now()).append("\n\n");
        report.append("- JVM ").append(System.getProperty("java.version")).append(", max heap ")
                .append(Runtime.getRuntime().maxMemory() >> 20).append(" MiB, ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores; ")
                .append(jdbc.sql("select version()").query(String.class).single()).append("\n");
        report.append("- settings: ").append(System.getProperty("bench.label", "as configured")).append("\n");
        report.append("- load average at start: ").append(LedgerBench.load()).append("\n");
        report.append("- start-up on an empty database (initdb, Flyway, engine schema, deployments): ")
                .append("%.1f s%n".formatted(firstStart));

        deployMinimal();
        report.append("\n### Part 1: intake and completion vs the bare engine, 0 items (").append(threads)
                .append(" client threads, ").append(rounds).append(" alternating rounds of ").append(perRound)
                .append(" calls each)\n\n");
        double[] atZero = intakeVersusEngine("0 items");
        report.append(guarded(() -> profile("0 items")));

        int tenK = Integer.getInteger("bench.tasks1", 10_000);
        int hundredK = Integer.getInteger("bench.tasks2", 100_000);
        growOpenTasks(tenK);
        tasklist(tenK);
        growOpenTasks(hundredK);
        int items = Integer.getInteger("bench.items", 100_000);
        long seedStart = System.nanoTime();
        LedgerBench.seed(app.getBean(DataSource.class), items);
        jdbc.sql("analyze").update();
        report.append("\nseeded ").append(items).append(" ledger items with COPY in ")
                .append("%.1f s%n".formatted((System.nanoTime() - seedStart) / 1e9));
        tasklist(hundredK);

        report.append("\n### Part 3: intake with ").append(count("risk_item")).append(" items and ")
                .append(count("act_ru_task")).append(" open tasks\n\n");
        double[] atFull = intakeVersusEngine("100k items");
        report.append(guarded(() -> profile("100k items")));
        report.append("\nintake cost at 100k relative to 0 (ms per intake, 4 threads): %.2f (%.1f / %.1f ms); "
                .formatted(atFull[0] / atZero[0], atFull[0], atZero[0]))
                .append("normalised by the engine start measured beside it: %.2f%n".formatted(
                        (atFull[0] / atFull[1]) / (atZero[0] / atZero[1])));

        ledgerShapes();
        report.append("\n").append(heap()).append("\n");
        report.append("load average at the end: ").append(LedgerBench.load()).append("\n");

        app.close();
        startNanos = System.nanoTime();
        app = start(dataDir, false);
        jdbc = JdbcClient.create(app.getBean(DataSource.class));
        report.append("\nstart-up again (zonky removes a data directory it was told to clean when it closes: a fresh database again; ").append(count("risk_item")).append(" items, ")
                .append(count("act_ru_task")).append(" open tasks): ")
                .append("%.1f s%n".formatted((System.nanoTime() - startNanos) / 1e9));
        app.close();
    }

    /**
     * Part 2 alone, on a database that is kept between runs ({@code bench.db}, a JDBC URL; user postgres):
     * the first run seeds it (a few real intakes, copied up to {@code bench.tasks2} open tasks, and
     * {@code bench.items} ledger items), later runs only measure, so a re-measurement takes minutes.
     */
    void tasklistOnKeptDatabase(String url) throws Exception {
        app = start("--spring.datasource.url=" + url, "--spring.datasource.username=postgres");
        port = ((WebServerApplicationContext) app).getWebServer().getPort();
        jdbc = JdbcClient.create(app.getBean(DataSource.class));
        report.append("## Scale benchmark, part 2 on a kept database, ").append(LocalDate.now()).append("\n\n");
        report.append("- ").append(url).append("; ").append(jdbc.sql("select version()").query(String.class).single()).append("\n");
        report.append("- load average at start: ").append(LedgerBench.load()).append("\n");
        int target = Integer.getInteger("bench.tasks2", 100_000);
        if (count("act_ru_task") < target) {
            long realItems = jdbc.sql("select count(*) from act_ru_task where proc_def_id_ like 'riskItem:%' and id_ not like '%\\_c%' escape '\\'")
                    .query(Long.class).single();
            for (long i = realItems; i < 30; i++) {
                HttpResponse<String> r = intake();
                if (r.statusCode() != 201) {
                    throw new IllegalStateException("intake → " + r.statusCode() + " " + r.body());
                }
            }
            copiesSoFar = jdbc.sql("select coalesce(max(substring(id_ from '_c([0-9]+)$')::int), 0) from act_ru_task")
                    .query(Integer.class).single();
            growOpenTasks(target);
        }
        int items = Integer.getInteger("bench.items", 100_000);
        if (count("risk_item") < items) {
            LedgerBench.seed(app.getBean(DataSource.class), items - (int) count("risk_item"));
            jdbc.sql("analyze").update();
        }
        tasklist((int) count("act_ru_task"));
        report.append("\nload average at the end: ").append(LedgerBench.load()).append("\n");
        app.close();
    }

    static ConfigurableApplicationContext start(Path dataDir, boolean clean) {
        return start("--casegrid.embedded-postgres.data-dir=" + dataDir, "--casegrid.embedded-postgres.clean=" + clean);
    }

    static ConfigurableApplicationContext start(String... database) {
        List<String> args = new ArrayList<>(List.of(database));
        args.addAll(List.of(
                "--server.port=0",
                "--camunda.bpm.job-execution.enabled=false",
                "--casegrid.notifications.worker.enabled=false",
                "--casegrid.platform.worker.enabled=false",
                // The overdue sweep would chase the copied tasks whose due dates passed, in the middle of part 3.
                "--casegrid.deadlines.sweep-every=PT24H",
                "--casegrid.notifications.digest=-",
                "--logging.level.root=warn"));
        return new SpringApplication(CasegridApplication.class).run(args.toArray(String[]::new));
    }

    long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    /** The minimal process, and what center1 needs to start it over REST (its task goes to street-center). */
    void deployMinimal() {
        app.getBean(RepositoryService.class).createDeployment().name("bench-minimal")
                .addString("bench-minimal.bpmn", MINIMAL).deploy();
        AuthorizationService authorizations = app.getBean(AuthorizationService.class);
        Authorization definition = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        definition.setUserId("center1");
        definition.setResource(Resources.PROCESS_DEFINITION);
        definition.setResourceId("benchMinimal");
        definition.addPermission(Permissions.READ);
        definition.addPermission(Permissions.CREATE_INSTANCE);
        authorizations.saveAuthorization(definition);
        if (authorizations.createAuthorizationQuery().userIdIn("center1").resourceType(Resources.PROCESS_INSTANCE)
                .resourceId("*").count() == 0) {
            Authorization instances = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
            instances.setUserId("center1");
            instances.setResource(Resources.PROCESS_INSTANCE);
            instances.setResourceId("*");
            instances.addPermission(Permissions.CREATE);
            authorizations.saveAuthorization(instances);
        }
    }

    /**
     * Alternating rounds: engine start, intake, engine complete, casegrid complete (研判定级). Returns the
     * mean wall-clock ms per call over all rounds of {intake, engine start, casegrid complete, engine complete}.
     */
    double[] intakeVersusEngine(String label) throws Exception {
        TaskService taskService = app.getBean(TaskService.class);
        // warm-up: a few of each, not counted
        timed(20, i -> post("center1", "/engine-rest/process-definition/key/benchMinimal/start", "{}"));
        timed(20, i -> intake());
        double[] sum = new double[4];
        report.append("| round (").append(label).append(") | engine start /s | intake /s | intake ÷ start | ")
                .append("engine complete /s | casegrid complete /s | complete ÷ complete |\n|---|---:|---:|---:|---:|---:|---:|\n");
        List<double[]> ratios = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            double start = timed(perRound, i -> post("center1", "/engine-rest/process-definition/key/benchMinimal/start", "{}"));
            double intake = timed(perRound, i -> intake());
            List<Task> minimalTasks = taskService.createTaskQuery().processDefinitionKey("benchMinimal").list();
            Collections.shuffle(minimalTasks);
            List<Task> gradeTasks = realGradeTasks(taskService, Integer.MAX_VALUE);
            int n = Math.min(perRound, Math.min(minimalTasks.size(), gradeTasks.size()));
            double complete = timed(n, i -> post("center1", "/engine-rest/task/" + minimalTasks.get(i).getId() + "/complete", "{}"));
            double grade = timed(n, i -> {
                Task task = gradeTasks.get(i);
                String community = (String) taskService.getVariable(task.getId(), "community");
                return post(community.toLowerCase() + "-staff", "/engine-rest/task/" + task.getId() + "/complete", """
                        {"variables":{"riskLevel":{"value":"MEDIUM"},"fixableNow":{"value":false},"gradeReason":{"value":"基准：现场核实"}}}""");
            });
            double[] perSecond = {perRound / start, perRound / intake, n / complete, n / grade};
            ratios.add(new double[] {perSecond[1] / perSecond[0], perSecond[3] / perSecond[2]});
            report.append("| %d | %.1f | %.1f | **%.2f** | %.1f | %.1f | **%.2f** |%n".formatted(r + 1, perSecond[0], perSecond[1],
                    perSecond[1] / perSecond[0], perSecond[2], perSecond[3], perSecond[3] / perSecond[2]));
            sum[0] += intake * 1000 / perRound;
            sum[1] += start * 1000 / perRound;
            sum[2] += grade * 1000 / n;
            sum[3] += complete * 1000 / n;
        }
        double[] intakeRatios = ratios.stream().mapToDouble(x -> x[0]).sorted().toArray();
        double[] completeRatios = ratios.stream().mapToDouble(x -> x[1]).sorted().toArray();
        report.append("\nmedian of the rounds: intake ÷ engine start **%.2f** (range %.2f–%.2f); casegrid complete ÷ engine complete **%.2f** (range %.2f–%.2f)%n"
                .formatted(median(intakeRatios), intakeRatios[0], intakeRatios[intakeRatios.length - 1],
                        median(completeRatios), completeRatios[0], completeRatios[completeRatios.length - 1]));
        for (int i = 0; i < 4; i++) {
            sum[i] /= rounds;
        }
        return sum;
    }

    /**
     * Where an intake's time goes: the rows each call writes, per table (from pg_stat_user_tables, 50
     * sequential calls of each kind), and the app's own steps timed in-process: the numbering (a counter
     * row locked until commit), the duplicate search, the whole registration without HTTP.
     */
    String profile(String label) throws Exception {
        StringBuilder out = new StringBuilder("\n#### Profile (" + label + "): rows written per call, by table\n\n");
        int n = Integer.getInteger("bench.profileCalls", 50);
        TaskService taskService = app.getBean(TaskService.class);
        Map<String, IntFunction<HttpResponse<String>>> kinds = new LinkedHashMap<>();
        kinds.put("engine REST start", i -> post("center1", "/engine-rest/process-definition/key/benchMinimal/start", "{}"));
        kinds.put("intake", i -> intake());
        List<Task> minimal = new ArrayList<>();
        List<Task> grade = new ArrayList<>();
        kinds.put("engine REST complete", i -> post("center1", "/engine-rest/task/" + minimal.get(i).getId() + "/complete", "{}"));
        kinds.put("casegrid complete (研判定级)", i -> {
            Task task = grade.get(i);
            String community = (String) taskService.getVariable(task.getId(), "community");
            return post(community.toLowerCase() + "-staff", "/engine-rest/task/" + task.getId() + "/complete", """
                    {"variables":{"riskLevel":{"value":"MEDIUM"},"fixableNow":{"value":false},"gradeReason":{"value":"基准：现场核实"}}}""");
        });
        Map<String, Map<String, Double>> perKind = new LinkedHashMap<>();
        Map<String, Double> msPerCall = new LinkedHashMap<>();
        for (var kind : kinds.entrySet()) {
            if (minimal.isEmpty() && kind.getKey().contains("complete")) { // after the starts and intakes above
                minimal.addAll(taskService.createTaskQuery().processDefinitionKey("benchMinimal").listPage(0, n));
                grade.addAll(realGradeTasks(taskService, n));
            }
            Map<String, long[]> before = tableStats();
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                HttpResponse<String> r = kind.getValue().apply(i);
                if (r.statusCode() / 100 != 2) {
                    throw new IllegalStateException(kind.getKey() + " → " + r.statusCode() + " " + r.body());
                }
            }
            msPerCall.put(kind.getKey(), (System.nanoTime() - start) / 1e6 / n);
            Thread.sleep(1500); // PostgreSQL 15 flushes a backend's table statistics at most once a second
            Map<String, long[]> after = tableStats();
            Map<String, Double> rows = new LinkedHashMap<>();
            for (var t : after.entrySet()) {
                long[] b = before.getOrDefault(t.getKey(), new long[3]);
                long written = t.getValue()[0] - b[0] + t.getValue()[1] - b[1] + t.getValue()[2] - b[2];
                if (written > 0) {
                    rows.put(t.getKey(), written / (double) n);
                }
            }
            perKind.put(kind.getKey(), rows);
        }
        out.append("| table (inserted + updated + deleted rows per call) |");
        perKind.keySet().forEach(k -> out.append(" ").append(k).append(" |"));
        out.append("\n|---|").append("---:|".repeat(perKind.size())).append("\n");
        java.util.TreeSet<String> tables = new java.util.TreeSet<>();
        perKind.values().forEach(m -> tables.addAll(m.keySet()));
        double[] totals = new double[perKind.size()];
        for (String table : tables) {
            out.append("| ").append(table).append(" |");
            int k = 0;
            for (Map<String, Double> rows : perKind.values()) {
                double v = rows.getOrDefault(table, 0.0);
                totals[k++] += v;
                out.append(v == 0 ? " |" : " %.1f |".formatted(v));
            }
            out.append("\n");
        }
        out.append("| **all tables** |");
        for (double t : totals) {
            out.append(" **%.1f** |".formatted(t));
        }
        out.append("\n| ms per call (one client, sequential) |");
        msPerCall.values().forEach(v -> out.append(" %.1f |".formatted(v)));
        out.append("\n\n");

        // The app's own steps, in-process (no HTTP, no authentication, no engine authorization checks).
        var items = app.getBean(casegrid.item.RiskItemStore.class);
        var tx = new org.springframework.transaction.support.TransactionTemplate(
                app.getBean(org.springframework.transaction.PlatformTransactionManager.class));
        double[] numbering = new double[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            tx.executeWithoutResult(status -> {
                items.nextNumber(new java.util.Date(), "C03");
                status.setRollbackOnly();
            });
            numbering[i] = (System.nanoTime() - t0) / 1e6;
        }
        List<String> recent = jdbc.sql("select number from risk_item where title like '%基准%' order by reported_at desc limit "
                + n).query(String.class).list();
        double[] duplicates = new double[recent.size()];
        for (int i = 0; i < recent.size(); i++) {
            long t0 = System.nanoTime();
            items.possibleDuplicates(recent.get(i));
            duplicates[i] = (System.nanoTime() - t0) / 1e6;
        }
        var intakeService = app.getBean(casegrid.intake.IntakeService.class);
        double[] register = new double[n];
        for (int i = 0; i < n; i++) {
            int k = sequence.incrementAndGet();
            String community = "C%02d".formatted(1 + k % 15);
            var request = new casegrid.intake.IntakeRequest(LedgerBench.TITLES[k % LedgerBench.TITLES.length] + " 基准" + k,
                    "基准登记的事项。", LedgerBench.CATEGORIES[k % LedgerBench.CATEGORIES.length], null, "GRID_SURVEY",
                    community, community + "-G1", community + " " + randomPlace(k) + k + "号",
                    java.time.OffsetDateTime.parse("2026-11-20T09:30:00+08:00"), 2,
                    List.of(new casegrid.intake.IntakeRequest.PartyInput("基准" + k, "139" + (10000000 + k), "住户")),
                    false, false, false);
            long t0 = System.nanoTime();
            intakeService.register(request, "center1", null);
            register[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(numbering);
        Arrays.sort(duplicates);
        Arrays.sort(register);
        out.append("| step, in-process (%s) | p50 ms | p95 ms |%n|---|---:|---:|%n".formatted(label));
        out.append("| numbering (street lookup + counter upsert, rolled back) | %.2f | %.2f |%n".formatted(
                LedgerBench.pct(numbering, 50), LedgerBench.pct(numbering, 95)));
        out.append("| duplicate search (RiskItemStore.possibleDuplicates) | %.2f | %.2f |%n".formatted(
                LedgerBench.pct(duplicates, 50), LedgerBench.pct(duplicates, 95)));
        out.append("| whole registration (IntakeService.register: item, parties, event, process start, first task) | %.2f | %.2f |%n"
                .formatted(LedgerBench.pct(register, 50), LedgerBench.pct(register, 95)));
        return out.toString();
    }

    interface Part {
        String run() throws Exception;
    }

    /** A part that failed is reported, and the run goes on with the next. */
    static String guarded(Part part) {
        try {
            return part.run();
        } catch (Exception e) {
            e.printStackTrace();
            return "\n**this part failed: " + e + "**\n";
        }
    }

    Map<String, long[]> tableStats() {
        Map<String, long[]> stats = new HashMap<>();
        jdbc.sql("select relname, n_tup_ins, n_tup_upd, n_tup_del from pg_stat_user_tables").query(rs -> {
            stats.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4)});
        });
        return stats;
    }

    /** Open 研判定级 tasks of real items (not the copies made for Tasklist's scale, which have no item rows). */
    static List<Task> realGradeTasks(TaskService taskService, int max) {
        return taskService.createTaskQuery().processDefinitionKey("riskItem").taskDefinitionKey("Task_Grade").list().stream()
                .filter(t -> !t.getId().contains("_c")).limit(max).toList();
    }

    static double median(double[] sorted) {
        return sorted[sorted.length / 2];
    }

    /** Seconds for n calls spread over the client threads; every call must answer 2xx. */
    double timed(int n, IntFunction<HttpResponse<String>> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    HttpResponse<String> response = call.apply(i);
                    if (response.statusCode() / 100 != 2) {
                        failures.add(response.statusCode() + " " + response.body());
                    }
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        if (!failures.isEmpty()) {
            throw new IllegalStateException(failures.size() + " calls failed, first: " + failures.peek());
        }
        return seconds;
    }

    static final HttpClient CLIENT = HttpClient.newHttpClient();

    HttpResponse<String> intake() {
        int i = sequence.incrementAndGet();
        String community = "C%02d".formatted(1 + i % 15);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", LedgerBench.TITLES[i % LedgerBench.TITLES.length] + " 基准" + i);
        body.put("description", "基准登记的事项。");
        body.put("category", LedgerBench.CATEGORIES[i % LedgerBench.CATEGORIES.length]);
        body.put("source", "GRID_SURVEY");
        body.put("community", community);
        body.put("grid", community + "-G" + (1 + i % 4));
        body.put("address", community + " " + randomPlace(i) + i + "号");
        body.put("occurredAt", "2026-11-20T09:30:00+08:00");
        body.put("peopleInvolved", 2);
        body.put("parties", List.of(Map.of("name", "基准" + i, "phone", "139" + (10000000 + i), "role", "住户")));
        body.put("threatOfViolence", false);
        body.put("involvesMinors", false);
        body.put("crossJurisdiction", false);
        try {
            return post("center1", "/api/risk-items", JSON.writeValueAsString(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static final String PLACE_CHARS = "福泰安康宁和平兴隆盛华春秋明德文武金银玉石松柏竹梅兰菊荷桂山水云海河湖江溪东南西北中新";

    /** A random place name, so that the intake's address-similarity search finds no duplicates among the bench's own items. */
    static String randomPlace(int i) {
        java.util.Random random = new java.util.Random(i * 31L + 7);
        StringBuilder place = new StringBuilder();
        for (int k = 0; k < 4; k++) {
            place.append(PLACE_CHARS.charAt(random.nextInt(PLACE_CHARS.length())));
        }
        return place.append(random.nextBoolean() ? "小区" : "路").toString();
    }

    HttpResponse<String> post(String user, String path, String body) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Authorization", basic(user))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    HttpResponse<String> get(String user, String path, String accept) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Authorization", basic(user))
                .header("Accept", accept).GET().build());
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Grows the open tasks to {@code target} by copying the runtime rows of the open riskItem
     * instances (all with real tasks, identity links and task authorizations) with new ids; the copies'
     * due dates are spread evenly over −10…+30 days around now (by the hour).
     */
    void growOpenTasks(int target) {
        jdbc.sql("create table if not exists bench_template (id varchar(64) primary key)").update();
        jdbc.sql("truncate bench_template").update();
        int templates = jdbc.sql("""
                insert into bench_template select e.id_ from act_ru_execution e join act_re_procdef d on d.id_ = e.proc_def_id_
                where d.key_ = 'riskItem' and e.id_ = e.proc_inst_id_ and e.id_ not like '%\\_c%' escape '\\'""").update();
        long tasksPerCopy = jdbc.sql("select count(*) from act_ru_task where proc_inst_id_ in (select id from bench_template)")
                .query(Long.class).single();
        long now = count("act_ru_task");
        int copies = (int) Math.ceil((target - now) / (double) tasksPerCopy);
        if (copies <= 0) {
            return;
        }
        int from = copiesSoFar + 1;
        copiesSoFar += copies;
        long began = System.nanoTime();
        String suffix = "'_c' || g";
        String range = "generate_series(" + from + ", " + (from + copies - 1) + ") g";
        copy("act_ru_execution", Map.of("id_", "id_ || " + suffix, "proc_inst_id_", "proc_inst_id_ || " + suffix,
                        "parent_id_", "parent_id_ || " + suffix, "root_proc_inst_id_", "root_proc_inst_id_ || " + suffix,
                        "business_key_", "business_key_ || " + suffix),
                "from act_ru_execution t, " + range + " where t.proc_inst_id_ in (select id from bench_template)");
        copy("act_ru_task", Map.of("id_", "id_ || " + suffix, "proc_inst_id_", "proc_inst_id_ || " + suffix,
                        "execution_id_", "execution_id_ || " + suffix,
                        "due_date_", "now() + ((abs(hashtext(t.id_ || '_' || g)) % 960) - 240) * interval '1 hour'",
                        "create_time_", "now() - (g % 30) * interval '1 day'"),
                "from act_ru_task t, " + range + " where t.proc_inst_id_ in (select id from bench_template)");
        copy("act_ru_identitylink", Map.of("id_", "id_ || " + suffix, "task_id_", "task_id_ || " + suffix),
                "from act_ru_identitylink t, " + range + " where t.task_id_ in (select id_ from act_ru_task where proc_inst_id_ in (select id from bench_template))");
        copy("act_ru_authorization", Map.of("id_", "id_ || " + suffix, "resource_id_", "resource_id_ || " + suffix),
                "from act_ru_authorization t, " + range + " where t.resource_type_ = 7 and t.resource_id_ in (select id_ from act_ru_task where proc_inst_id_ in (select id from bench_template))");
        copy("act_ru_variable", Map.of("id_", "id_ || " + suffix, "proc_inst_id_", "proc_inst_id_ || " + suffix,
                        "execution_id_", "execution_id_ || " + suffix, "task_id_", "task_id_ || " + suffix,
                        "var_scope_", "var_scope_ || " + suffix),
                "from act_ru_variable t, " + range + " where t.proc_inst_id_ in (select id from bench_template) and t.bytearray_id_ is null");
        jdbc.sql("analyze").update();
        report.append("\ngrew the open tasks to ").append(count("act_ru_task")).append(" (").append(copies).append(" copies of ")
                .append(templates).append(" real riskItem instances with ").append(tasksPerCopy).append(" open tasks; ")
                .append(count("act_ru_authorization")).append(" authorization rows, ").append(count("act_ru_identitylink"))
                .append(" identity links) in ").append("%.1f s%n".formatted((System.nanoTime() - began) / 1e9));
    }

    /** INSERT … SELECT of every column of the table, with the given expressions for some of them. */
    void copy(String table, Map<String, String> replaced, String fromWhere) {
        List<String> columns = jdbc.sql("select column_name from information_schema.columns where table_name = ? order by ordinal_position")
                .param(table).query(String.class).list();
        for (String col : replaced.keySet()) {
            if (!columns.contains(col)) {
                throw new IllegalStateException(table + " has no column " + col);
            }
        }
        String select = columns.stream().map(c -> replaced.containsKey(c) ? replaced.get(c) : "t." + c)
                .reduce((a, b) -> a + ", " + b).orElseThrow();
        jdbc.sql("insert into " + table + " (" + String.join(", ", columns) + ") select " + select + " " + fromWhere).update();
    }

    /** Part 2: Tasklist's first page and count of 本组待办 and 即将到期 as c03-staff, and the task query. */
    void tasklist(int open) throws Exception {
        String user = "c03-staff";
        FilterService filters = app.getBean(FilterService.class);
        Map<String, String> filterIds = new LinkedHashMap<>();
        for (String name : List.of("本组待办", "即将到期")) {
            Filter filter = filters.createFilterQuery().filterName(name).list().stream().filter(f -> f.getOwner() == null)
                    .findFirst().orElseThrow();
            filterIds.put(name, filter.getId());
        }
        // Tasklist's own request for a filter's first page (sorted by due date, 15 rows, the filter's variables embedded).
        String listBody = """
                {"processVariables":[],"taskVariables":[],"caseInstanceVariables":[],"orQueries":[],"sorting":[{"sortBy":"dueDate","sortOrder":"asc"}],"active":true}""";
        Map<String, Call> calls = new LinkedHashMap<>();
        for (var f : filterIds.entrySet()) {
            calls.put(f.getKey() + ": first page (filter list, HAL)", () -> send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/engine-rest/filter/" + f.getValue() + "/list?firstResult=0&maxResults=15"))
                    .header("Authorization", basic(user)).header("Content-Type", "application/json").header("Accept", "application/hal+json")
                    .POST(HttpRequest.BodyPublishers.ofString(listBody)).build()));
            calls.put(f.getKey() + ": count", () -> get(user, "/engine-rest/filter/" + f.getValue() + "/count", "application/json"));
        }
        calls.put("task?candidateGroup=community-C03-staff&sortBy=dueDate&maxResults=50", () -> get(user,
                "/engine-rest/task?candidateGroup=community-C03-staff&sortBy=dueDate&sortOrder=asc&maxResults=50", "application/json"));
        calls.put("task/count?candidateGroup=community-C03-staff", () -> get(user,
                "/engine-rest/task/count?candidateGroup=community-C03-staff", "application/json"));

        report.append("\n### Part 2: Tasklist as c03-staff, ").append(count("act_ru_task")).append(" open tasks (")
                .append(requests).append(" sequential requests after ").append(warmups).append(" warm-ups)\n\n| request | answer | p50 ms | p95 ms | max ms |\n|---|---:|---:|---:|---:|\n");
        for (var call : calls.entrySet()) {
            String answer = "";
            for (int i = 0; i < warmups; i++) {
                HttpResponse<String> r = call.getValue().call();
                if (r.statusCode() != 200) {
                    throw new IllegalStateException(call.getKey() + " → " + r.statusCode() + " " + r.body());
                }
                JsonNode node = JSON.readTree(r.body());
                answer = node.has("count") ? node.get("count").asText() + " (count)"
                        : node.has("_embedded") ? node.path("_embedded").path("task").size() + " rows"
                        : node.size() + " rows";
            }
            double[] ms = new double[requests];
            for (int i = 0; i < requests; i++) {
                long start = System.nanoTime();
                call.getValue().call();
                ms[i] = (System.nanoTime() - start) / 1e6;
            }
            Arrays.sort(ms);
            report.append("| ").append(call.getKey()).append(" | ").append(answer).append(" | ")
                    .append("%.1f | %.1f | %.1f |%n".formatted(LedgerBench.pct(ms, 50), LedgerBench.pct(ms, 95), ms[ms.length - 1]));
        }
        if (Boolean.parseBoolean(System.getProperty("bench.explain", "true"))) {
            report.append(explainTaskSql(calls));
        }
    }

    interface Call {
        HttpResponse<String> call() throws Exception;
    }

    /**
     * Runs each call once with MyBatis's statement log on for the task mapper, and EXPLAINs (ANALYZE,
     * BUFFERS) the logged statements with their logged parameters.
     */
    String explainTaskSql(Map<String, Call> calls) throws Exception {
        Logger mapper = (Logger) LoggerFactory.getLogger("org.camunda.bpm.engine.impl.persistence.entity.TaskEntity");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        mapper.addAppender(appender);
        Level before = mapper.getLevel();
        mapper.setLevel(Level.DEBUG);
        StringBuilder out = new StringBuilder("\n<details><summary>Plans (EXPLAIN (ANALYZE, BUFFERS)) of the task SQL the engine ran</summary>\n");
        try {
            for (var call : calls.entrySet()) {
                appender.list.clear();
                call.getValue().call();
                List<String> lines = appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i).trim();
                    if (line.startsWith("==>  Preparing:") && i + 1 < lines.size()) {
                        String sql = line.substring("==>  Preparing:".length()).trim();
                        String params = lines.get(i + 1).trim().replaceFirst("^==> Parameters:", "").trim();
                        out.append("\n#### ").append(call.getKey()).append("\n\n```sql\n").append(sql).append("\n-- ")
                                .append(params).append("\n```\n```\n").append(explain(sql, params)).append("```\n");
                    }
                }
            }
        } finally {
            mapper.setLevel(before);
            mapper.detachAppender(appender);
        }
        return out.append("</details>\n").toString();
    }

    String explain(String sql, String params) throws Exception {
        List<String[]> values = new ArrayList<>();
        if (!params.isEmpty()) {
            for (String p : params.split(", (?=[^,]*\\()")) {
                int open = p.lastIndexOf('(');
                values.add(open < 0 || !p.endsWith(")") ? new String[] {null, "null"}
                        : new String[] {p.substring(0, open), p.substring(open + 1, p.length() - 1)});
            }
        }
        StringBuilder plan = new StringBuilder();
        try (Connection c = app.getBean(DataSource.class).getConnection();
             PreparedStatement ps = c.prepareStatement("explain (analyze, buffers) " + sql)) {
            for (int i = 0; i < values.size(); i++) {
                String v = values.get(i)[0];
                switch (values.get(i)[1]) {
                    case "null" -> ps.setNull(i + 1, java.sql.Types.VARCHAR);
                    case "Integer" -> ps.setInt(i + 1, Integer.parseInt(v));
                    case "Long" -> ps.setLong(i + 1, Long.parseLong(v));
                    case "Boolean" -> ps.setBoolean(i + 1, Boolean.parseBoolean(v));
                    case "Timestamp" -> ps.setTimestamp(i + 1, Timestamp.valueOf(v));
                    default -> ps.setString(i + 1, v);
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append("\n");
                }
            }
        }
        return plan.toString();
    }

    /** Part 5: the ledger's two shapes that were over 100 ms, at 100k items. */
    void ledgerShapes() throws Exception {
        Map<String, String[]> pages = new LinkedHashMap<>();
        pages.put("center, text in title (q=漏水)", new String[] {"center1", "/api/risk-items?q=" + LedgerBench.enc("漏水")});
        pages.put("department (justice), own ledger", new String[] {"justice1", "/api/risk-items"});
        report.append("\n### Part 5: the ledger's two slow shapes at ").append(count("risk_item"))
                .append(" items\n\n| page | p50 ms | p95 ms | max ms |\n|---|---:|---:|---:|\n");
        for (var page : pages.entrySet()) {
            for (int i = 0; i < 20; i++) {
                HttpResponse<String> r = get(page.getValue()[0], page.getValue()[1], "application/json");
                if (r.statusCode() != 200) {
                    throw new IllegalStateException(page.getKey() + " → " + r.statusCode());
                }
            }
            double[] ms = new double[requests];
            for (int i = 0; i < requests; i++) {
                long start = System.nanoTime();
                get(page.getValue()[0], page.getValue()[1], "application/json");
                ms[i] = (System.nanoTime() - start) / 1e6;
            }
            Arrays.sort(ms);
            report.append("| ").append(page.getKey()).append(" | ")
                    .append("%.1f | %.1f | %.1f |%n".formatted(LedgerBench.pct(ms, 50), LedgerBench.pct(ms, 95), ms[ms.length - 1]));
        }
    }

    static String heap() {
        long peaks = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        return "heap: max %d MiB; sum of the heap pools' peaks over the whole run %d MiB (an upper bound); no OutOfMemoryError"
                .formatted(Runtime.getRuntime().maxMemory() >> 20, peaks >> 20);
    }

    private ScaleBench() {
    }
}
