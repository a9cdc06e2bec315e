package casegrid.bench;

import casegrid.CasegridApplication;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.impl.persistence.StrongUuidGenerator;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Seeds the timer benchmark's databases (bench/timers.sh), not a test. Three modes:
 *
 * <ul>
 *   <li>{@code seed-app}: starts casegrid (job executor off) on the database of SPRING_DATASOURCE_URL, writes N
 *       open items in the resolution step (rows straight into risk_item) and starts each item's risk-item process
 *       before its T+2 feedback task, so each has the model's own T+2 cycle timer (Timer_FeedbackOverdue); and N
 *       instances of a minimal process start → timer → end ({@value #PLAIN}) in the same engine;</li>
 *   <li>{@code seed-bare}: the bare engine (Camunda's defaults, no casegrid) on another database, N instances of
 *       the same minimal process;</li>
 *   <li>{@code run-bare}: the bare engine with its job executor on (Camunda's default settings), until killed.</li>
 * </ul>
 *
 * All timers are created due tomorrow; the script moves them due and measures how fast they drain.
 */
public final class TimerBench {

    static final String PLAIN = "bench-plain-timer";

    private TimerBench() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int n = Integer.parseInt(System.getProperty("bench.timers", "10000"));
        int threads = Integer.parseInt(System.getProperty("bench.threads", "4"));
        try {
            run(mode, args, n, threads);
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    static void run(String mode, String[] args, int n, int threads) throws Exception {
        switch (mode) {
            case "seed-app" -> seedApp(n, threads);
            case "seed-bare" -> {
                ProcessEngine engine = bareEngine(args[1], false);
                seedPlain(engine, n, threads);
                engine.close();
            }
            case "run-bare" -> {
                ProcessEngine engine = bareEngine(args[1], true);
                System.out.println("bare engine running");
                Runtime.getRuntime().addShutdownHook(new Thread(engine::close));
                Thread.currentThread().join();
            }
            default -> throw new IllegalArgumentException(mode);
        }
    }

    /** The bare engine: Camunda's defaults (job executor included), the same history level and ids as casegrid. */
    static ProcessEngine bareEngine(String url, boolean jobExecutor) {
        StandaloneProcessEngineConfiguration config = new StandaloneProcessEngineConfiguration();
        config.setJdbcUrl(url);
        config.setJdbcUsername("postgres");
        config.setJdbcPassword("");
        config.setJdbcDriver("org.postgresql.Driver");
        config.setDatabaseSchemaUpdate("true");
        config.setHistory("full");
        config.setIdGenerator(new StrongUuidGenerator());
        config.setJobExecutorActivate(jobExecutor);
        config.setProcessEngineName("bare-" + ProcessHandle.current().pid());
        return config.buildProcessEngine();
    }

    static void seedApp(int n, int threads) throws Exception {
        ConfigurableApplicationContext app = new SpringApplication(CasegridApplication.class).run(
                "--server.port=0", "--camunda.bpm.job-execution.enabled=false", "--logging.level.root=warn",
                "--casegrid.notifications.worker.enabled=false", "--casegrid.platform.worker.enabled=false");
        try {
            JdbcClient jdbc = JdbcClient.create(app.getBean(DataSource.class));
            ProcessEngine engine = app.getBean(ProcessEngine.class);
            Instant due = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
            long start = System.nanoTime();
            jdbc.sql("""
                    insert into risk_item (number, title, description, category, source, community, grid, address,
                        reported_at, reported_by, people_involved, status, suggested_level, risk_level, responsible_unit,
                        responsible_leader, feedback_due, updated_at)
                    select 'QF-2026-' || lpad(i::text, 6, '0'), '计时基准事项 ' || i, '计时基准：等待 T+2 反馈', ?, ?,
                        'C' || lpad((1 + i % 15)::text, 2, '0'), 'C' || lpad((1 + i % 15)::text, 2, '0') || '-G1',
                        '基准路' || i || '号', now(), 'c01-grid1', 1, 'RESOLVING', 'LOW', 'LOW',
                        'community-C' || lpad((1 + i % 15)::text, 2, '0'), 'c' || lpad((1 + i % 15)::text, 2, '0') || '-leader',
                        ?, now()
                    from generate_series(1, ?) i""")
                    .params(LedgerBench.CATEGORIES[0], LedgerBench.SOURCES[0], Timestamp.from(due), n).update();
            jdbc.sql("""
                    insert into item_number_counter (street_code, year, last_value) values ('QF', 2026, ?)
                    on conflict (street_code, year) do update set last_value = greatest(item_number_counter.last_value, excluded.last_value)""")
                    .param(n).update();
            RuntimeService runtime = engine.getRuntimeService();
            CommandExecutor commands = commands(engine);
            AtomicInteger next = new AtomicInteger();
            parallel(threads, () -> {
                for (int i = next.incrementAndGet(); i <= n; i = next.incrementAndGet()) {
                    String community = "C%02d".formatted(1 + i % 15);
                    String number = "QF-2026-%06d".formatted(i);
                    Map<String, Object> vars = new HashMap<>();
                    vars.put("number", number);
                    vars.put("title", "计时基准事项 " + i);
                    vars.put("community", community);
                    vars.put("priority", 50);
                    vars.put("riskLevel", "LOW");
                    vars.put("responsibleUnit", "community-" + community);
                    vars.put("resolver", null);
                    vars.put("feedbackDue", Date.from(due));
                    vars.put("feedbackGiven", false);
                    // Inside an engine command, as the app's own intake does: casegrid refuses a client's start that
                    // names a business key or begins inside the model (ClientInputGuard).
                    commands.execute(context -> runtime.createProcessInstanceByKey("riskItem").businessKey(number)
                            .setVariables(vars).startBeforeActivity("Task_Feedback").execute());
                }
            });
            System.out.printf("seeded %d items with a T+2 timer in %.1f s%n", n, (System.nanoTime() - start) / 1e9);
            seedPlain(engine, n, threads);
        } finally {
            app.close();
        }
    }

    static CommandExecutor commands(ProcessEngine engine) {
        return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired();
    }

    static void seedPlain(ProcessEngine engine, int n, int threads) throws Exception {
        RepositoryService repository = engine.getRepositoryService();
        RuntimeService runtime = engine.getRuntimeService();
        CommandExecutor commands = commands(engine);
        BpmnModelInstance model = Bpmn.createExecutableProcess(PLAIN).name("计时基准：普通定时器").camundaHistoryTimeToLive(1)
                .startEvent("Start").name("开始")
                .intermediateCatchEvent("Timer").name("等一天").timerWithDuration("P1D")
                .endEvent("End").name("结束")
                .done();
        repository.createDeployment().name(PLAIN).addModelInstance(PLAIN + ".bpmn", model).enableDuplicateFiltering(true).deploy();
        long start = System.nanoTime();
        AtomicInteger next = new AtomicInteger();
        parallel(threads, () -> {
            for (int i = next.incrementAndGet(); i <= n; i = next.incrementAndGet()) {
                String key = "plain-" + i;
                commands.execute(context -> runtime.startProcessInstanceByKey(PLAIN, key));
            }
        });
        System.out.printf("seeded %d plain timers in %.1f s%n", n, (System.nanoTime() - start) / 1e9);
    }

    static void parallel(int threads, Runnable work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(work));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdownNow();
    }
}
