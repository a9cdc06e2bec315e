package casegrid.bench;

import casegrid.CasegridApplication;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The ledger benchmark (see bench/README.md). Not a test: a main class run explicitly by
 * bench/run.sh, in a JVM with a small heap. It starts the real app on a fresh embedded
 * PostgreSQL, seeds N items straight into the item tables with COPY (the process is not what is
 * measured), then measures filtered ledger pages over HTTP (p50/p95/p99) and one export of the
 * whole ledger (time, size, rows, peak heap).
 */
public final class LedgerBench {

    static final String[] CATEGORIES = {"DISPUTE", "PUBLIC_ORDER", "PUBLIC_SAFETY", "GROUP_CLAIM", "SUPPORT",
            "ONLINE_CRIME", "VIOLENCE_RISK"};
    static final String[] SOURCES = {"GRID_SURVEY", "COMMUNITY_CHECK", "DEPARTMENT_SURVEY", "HOTLINE_12345", "POLICE_110",
            "LETTERS_VISITS", "WALK_IN", "OTHER"};
    static final String[] DEPARTMENTS = {"dept-justice", "dept-police", "dept-safety", "dept-urban", "dept-market",
            "dept-labour", "dept-civil", "dept-health", "dept-education", "dept-letters", "dept-housing"};
    static final String[] TITLES = {"楼上漏水纠纷", "拖欠工资讨薪", "楼道堆放杂物", "邻里噪音纠纷", "出租屋消防隐患", "物业服务纠纷",
            "电信诈骗风险提示", "校园周边交通隐患", "独居老人关爱", "家庭矛盾调处", "违规电动车充电", "商铺租赁纠纷"};
    static final String[] SURNAMES = {"张", "王", "李", "赵", "陈", "刘", "杨", "黄", "周", "吴", "欧阳"};

    public static void main(String[] args) throws Exception {
        int items = Integer.parseInt(System.getProperty("bench.items", "100000"));
        int requests = Integer.parseInt(System.getProperty("bench.requests", "200"));
        Path dataDir = Files.createTempDirectory("casegrid-bench-pg");
        ConfigurableApplicationContext app = new SpringApplication(CasegridApplication.class).run(
                "--server.port=0",
                "--casegrid.embedded-postgres.data-dir=" + dataDir,
                "--casegrid.embedded-postgres.clean=true",
                "--camunda.bpm.job-execution.enabled=false",
                "--logging.level.root=warn");
        int exit = 0;
        try {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            JdbcClient jdbc = JdbcClient.create(app.getBean(DataSource.class));
            String db = jdbc.sql("select version() || ', lc_ctype ' || current_setting('lc_ctype')").query(String.class).single();

            long seedStart = System.nanoTime();
            boolean secondStreet = Boolean.getBoolean("bench.secondStreet");
            if (secondStreet) {
                // A second street (docs/streets.md): the demo street's center then reads "its" 15 of 16
                // communities, so its pages carry the street condition instead of none.
                jdbc.sql("""
                        insert into street (code, name, number_prefix, center_group, leaders_group)
                        values ('HX', '和兴街道', 'HX', 'street-center-hx', 'street-leaders-hx')""").update();
                jdbc.sql("insert into supervision_group (code, name, street_code) values ('supervision-hx', '和兴督导组', 'HX')").update();
                jdbc.sql("insert into community (code, street_code, name, supervision_group) values ('C16', 'HX', '和兴社区', 'supervision-hx')")
                        .update();
            }
            seed(app.getBean(DataSource.class), items);
            jdbc.sql("analyze").update();
            double seedSeconds = (System.nanoTime() - seedStart) / 1e9;

            StringBuilder report = new StringBuilder();
            report.append("## Ledger benchmark, ").append(LocalDate.now()).append("\n\n");
            report.append("- items: ").append(items).append(" (").append(count(jdbc, "risk_item_party")).append(" parties, ")
                    .append(count(jdbc, "risk_item_event")).append(" events), seeded with COPY in ")
                    .append("%.1f s".formatted(seedSeconds)).append("\n");
            report.append("- JVM: ").append(System.getProperty("java.version")).append(", max heap ")
                    .append(Runtime.getRuntime().maxMemory() / (1024 * 1024)).append(" MiB, ")
                    .append(Runtime.getRuntime().availableProcessors()).append(" cores\n");
            report.append("- database: ").append(db).append("\n");
            report.append("- streets: ").append(secondStreet ? "two (a second street without items: the center's pages carry"
                    + " the street condition, docs/streets.md)" : "one").append("\n");
            report.append("- load average before measuring (other work on the machine skews timings): ").append(load()).append("\n");
            report.append("- each page: ").append(requests).append(" sequential requests after 20 warm-ups, over HTTP with basic")
                    .append(" auth (includes authentication, the count query, the page query, the parties and the audit row)\n\n");

            report.append("| page | rows matching | p50 ms | p95 ms | p99 ms | max ms |\n|---|---:|---:|---:|---:|---:|\n");
            Map<String, String[]> pages = new LinkedHashMap<>();
            pages.put("center, newest first, no filter", new String[] {"center1", ""});
            pages.put("center, community + status", new String[] {"center1", "community=C03&status=RESOLVING"});
            pages.put("center, level HIGH + overdue", new String[] {"center1", "level=HIGH&overdue=true"});
            pages.put("center, one month, by level", new String[] {"center1", "from=2026-03-01&to=2026-03-31&sort=riskLevel,desc"});
            pages.put("center, department, by resolve-by", new String[] {"center1", "department=dept-justice&sort=resolveBy,asc"});
            pages.put("center, category + status list", new String[] {"center1", "category=DISPUTE&status=RESOLVING,PLANNING,WHISTLE"});
            pages.put("center, text in title (q=漏水)", new String[] {"center1", "q=" + enc("漏水")});
            pages.put("center, q + community", new String[] {"center1", "q=" + enc("讨薪") + "&community=C07"});
            pages.put("center, page 200 of 20", new String[] {"center1", "page=200&size=20"});
            pages.put("community staff (C03), own area", new String[] {"c03-staff", ""});
            pages.put("community staff (C03), overdue", new String[] {"c03-staff", "overdue=true"});
            pages.put("department (justice), unit + called in", new String[] {"justice1", ""});
            pages.put("supervision group 2, overdue", new String[] {"sup2", "overdue=true"});
            pages.put("grid worker, own reports", new String[] {"c05-grid1", ""});
            List<Double> all = new ArrayList<>();
            for (var page : pages.entrySet()) {
                String user = page.getValue()[0];
                String path = "/api/risk-items" + (page.getValue()[1].isEmpty() ? "" : "?" + page.getValue()[1]);
                HttpClient client = HttpClient.newHttpClient();
                long total = -1;
                for (int i = 0; i < 20; i++) {
                    HttpResponse<String> r = get(client, port, user, path);
                    if (r.statusCode() != 200) {
                        throw new IllegalStateException(path + " → " + r.statusCode() + " " + r.body());
                    }
                    String body = r.body();
                    int at = body.indexOf("\"total\":");
                    total = Long.parseLong(body.substring(at + 8, body.indexOf(',', at)));
                }
                double[] ms = new double[requests];
                for (int i = 0; i < requests; i++) {
                    long start = System.nanoTime();
                    get(client, port, user, path);
                    ms[i] = (System.nanoTime() - start) / 1e6;
                    all.add(ms[i]);
                }
                Arrays.sort(ms);
                report.append("| ").append(page.getKey()).append(" | ").append(total).append(" | ")
                        .append("%.1f | %.1f | %.1f | %.1f |%n".formatted(pct(ms, 50), pct(ms, 95), pct(ms, 99), ms[ms.length - 1]));
            }
            double[] everything = all.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            report.append("| **all pages together** | | %.1f | **%.1f** | %.1f | %.1f |%n".formatted(pct(everything, 50),
                    pct(everything, 95), pct(everything, 99), everything[everything.length - 1]));

            if (Boolean.getBoolean("bench.explain")) {
                report.append("\n").append(explain(app, pages));
            }
            report.append("\nload average after the pages: ").append(load()).append("\n\n");
            report.append(livePanel(port, requests)).append("\n");
            report.append(export(port)).append("\n");
            System.out.println("\n" + report);
            Path out = Path.of(System.getProperty("bench.out", "bench/results/latest.md"));
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, report.toString());
            System.out.println("written to " + out.toAbsolutePath());
        } catch (Exception e) {
            e.printStackTrace();
            exit = 1;
        } finally {
            app.close();
        }
        System.exit(exit);
    }

    /** The plans PostgreSQL chose for each page's count and page query, with actual times (EXPLAIN ANALYZE). */
    static String explain(ConfigurableApplicationContext app, Map<String, String[]> pages) {
        var policy = app.getBean(casegrid.access.AccessPolicy.class);
        var directory = app.getBean(casegrid.org.OrgDirectory.class);
        var identity = app.getBean(org.camunda.bpm.engine.IdentityService.class);
        var jdbc = JdbcClient.create(app.getBean(DataSource.class));
        StringBuilder out = new StringBuilder("### Plans (EXPLAIN ANALYZE)\n");
        for (var page : pages.entrySet()) {
            String user = page.getValue()[0];
            Map<String, String[]> params = new LinkedHashMap<>();
            for (String pair : page.getValue()[1].split("&")) {
                if (!pair.isEmpty()) {
                    String[] kv = pair.split("=", 2);
                    params.merge(kv[0], new String[] {java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8)},
                            (a, b) -> java.util.stream.Stream.concat(Arrays.stream(a), Arrays.stream(b)).toArray(String[]::new));
                }
            }
            List<String> groups = identity.createGroupQuery().groupMember(user).list().stream()
                    .map(org.camunda.bpm.engine.identity.Group::getId).toList();
            var query = casegrid.ledger.LedgerQuery.parse(params, directory,
                    app.getBean(casegrid.reference.ReferenceData.class).names(casegrid.reference.ReferenceData.Kind.CATEGORY).keySet(), true);
            var scope = policy.scope(user, groups);
            Map<String, Object> all = new LinkedHashMap<>(casegrid.ledger.LedgerService.params(query, scope));
            all.put("page_size", query.size());
            all.put("page_offset", (long) query.page() * query.size());
            out.append("\n#### ").append(page.getKey()).append("\n```\n");
            for (String sql : List.of(casegrid.ledger.LedgerService.countSql(query, scope),
                    casegrid.ledger.LedgerService.pageSql(query, scope))) {
                jdbc.sql("explain (analyze, costs off) " + sql).params(all).query(String.class).list()
                        .forEach(line -> out.append(line).append("\n"));
                out.append("--\n");
            }
            out.append("```\n");
        }
        return out.toString();
    }

    /** One export of the whole ledger as the street center, heap sampled every 10 ms while it runs. */
    static String export(int port) throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long before = memory.getHeapMemoryUsage().getUsed();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
        AtomicLong peakSampled = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (running.get()) {
                peakSampled.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        Path file = Files.createTempFile("ledger-export", ".xlsx");
        long start = System.nanoTime();
        HttpResponse<Path> response = HttpClient.newHttpClient().send(request(port, "center1", "/api/risk-items/export"),
                HttpResponse.BodyHandlers.ofFile(file));
        double seconds = (System.nanoTime() - start) / 1e9;
        running.set(false);
        sampler.join();
        long poolPeaks = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        if (response.statusCode() != 200) {
            throw new IllegalStateException("export → " + response.statusCode());
        }
        long rows = countRows(file);
        long size = Files.size(file);
        Files.delete(file);
        long mib = 1024 * 1024;
        return """
                | export of the whole ledger (street center) | |
                |---|---:|
                | rows in the sheet (header included) | %d |
                | file size | %.1f MiB |
                | time (request to last byte) | %.1f s |
                | heap used before (after a GC) | %d MiB |
                | peak heap used, sampled every 10 ms | %d MiB |
                | sum of heap pools' peaks (upper bound, pools peak at different times) | %d MiB |
                | max heap (-Xmx) | %d MiB |
                """.formatted(rows, size / (double) mib, seconds, before / mib, peakSampled.get() / mib, poolPeaks / mib,
                Runtime.getRuntime().maxMemory() / mib);
    }

    /** Rows of the first sheet, counted by streaming its XML (the file is far too big for a DOM). */
    static long countRows(Path xlsx) throws IOException {
        try (ZipFile zip = new ZipFile(xlsx.toFile())) {
            ZipEntry sheet = zip.getEntry("xl/worksheets/sheet1.xml");
            try (InputStream in = zip.getInputStream(sheet)) {
                return countOccurrences(in, "<row ");
            }
        }
    }

    static long countOccurrences(InputStream in, String needle) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        long count = 0;
        int matched = 0;
        int c;
        while ((c = reader.read()) != -1) {
            if (c == needle.charAt(matched)) {
                matched++;
                if (matched == needle.length()) {
                    count++;
                    matched = 0;
                }
            } else {
                matched = c == needle.charAt(0) ? 1 : 0;
            }
        }
        return count;
    }

    /**
     * N items spread over two years and the 15 communities, with realistic shares: most closed, a
     * few overdue, half owned by a department; 1–2 parties each; 3 timeline events each, some
     * recorded against a department (called in).
     */
    static void seed(DataSource dataSource, int items) throws Exception {
        Random random = new Random(20261128);
        OffsetDateTime end = OffsetDateTime.parse("2026-11-28T00:00:00+08:00");
        long span = 730L * 24 * 3600;
        try (Connection connection = dataSource.getConnection()) {
            PGConnection pg = connection.unwrap(PGConnection.class);
            CopyIn itemsCopy = pg.getCopyAPI().copyIn("""
                    copy risk_item (number, title, description, category, source, community, grid, address, reported_at,
                    reported_by, people_involved, status, suggested_level, risk_level, responsible_unit, responsible_leader,
                    resolver, resolve_by, overdue, closed_at, closure_outcome, updated_at) from stdin""");
            StringBuilder batch = new StringBuilder();
            List<String[]> meta = new ArrayList<>(items);
            Map<Integer, Integer> perYear = new LinkedHashMap<>();
            // Numbers go on after those already given (the scale bench seeds after its own intake).
            JdbcClient.create(dataSource).sql("select year, last_value from item_number_counter where street_code = 'QF'")
                    .query((rs, n) -> perYear.put(rs.getInt(1), rs.getInt(2))).list();
            for (int i = 0; i < items; i++) {
                OffsetDateTime reported = end.minusSeconds((long) (random.nextDouble() * span));
                int year = reported.getYear();
                int seq = perYear.merge(year, 1, Integer::sum);
                String number = "QF-%d-%06d".formatted(year, seq);
                int c = 1 + random.nextInt(15);
                String community = "C%02d".formatted(c);
                String grid = community + "-G" + (1 + random.nextInt(4));
                String category = CATEGORIES[random.nextInt(CATEGORIES.length)];
                String title = TITLES[random.nextInt(TITLES.length)] + " " + (i % 997);
                double r = random.nextDouble();
                String status = r < 0.60 ? "CLOSED" : r < 0.78 ? "RESOLVING" : r < 0.84 ? "PLANNING" : r < 0.88 ? "GRADING"
                        : r < 0.92 ? "WHISTLE" : r < 0.95 ? "CLOSURE_PENDING" : r < 0.97 ? "MEETING_COMMUNITY" : "MERGED";
                double l = random.nextDouble();
                String level = "GRADING".equals(status) ? null : l < 0.1 ? "HIGH" : l < 0.4 ? "MEDIUM" : "LOW";
                boolean planned = !("GRADING".equals(status) || "MERGED".equals(status));
                String unit = !planned ? null : random.nextBoolean() ? "community-" + community
                        : DEPARTMENTS[random.nextInt(DEPARTMENTS.length)];
                String staff = "c%02d-staff".formatted(c);
                boolean open = !("CLOSED".equals(status) || "MERGED".equals(status));
                boolean overdue = open && planned && random.nextDouble() < 0.15;
                OffsetDateTime resolveBy = planned ? reported.plusDays(7 + random.nextInt(30)) : null;
                OffsetDateTime closed = "CLOSED".equals(status) ? reported.plusDays(1 + random.nextInt(40)) : null;
                row(batch, number, title, "批量生成的基准事项", category, SOURCES[random.nextInt(SOURCES.length)], community, grid,
                        community + " 基准路" + (i % 500) + "号", ts(reported),
                        "c%02d-grid%d".formatted(c, 1 + random.nextInt(2)), String.valueOf(1 + random.nextInt(20)), status,
                        level, level, unit, planned ? "c%02d-leader".formatted(c) : null, planned ? staff : null, ts(resolveBy),
                        String.valueOf(overdue), ts(closed), closed == null ? null : "CLAIM_RESOLVED",
                        ts(closed != null ? closed : reported));
                meta.add(new String[] {number, ts(reported), unit});
                if (batch.length() > 1 << 20) {
                    write(itemsCopy, batch);
                }
            }
            write(itemsCopy, batch);
            itemsCopy.endCopy();

            CopyIn parties = pg.getCopyAPI().copyIn("copy risk_item_party (number, name, phone, role) from stdin");
            for (String[] item : meta) {
                int n = 1 + random.nextInt(2);
                for (int p = 0; p < n; p++) {
                    row(batch, item[0], SURNAMES[random.nextInt(SURNAMES.length)] + "某" + (char) ('甲' + random.nextInt(10)),
                            random.nextInt(4) == 0 ? null : "13" + (100000000 + random.nextInt(899999999)), "当事人");
                }
                if (batch.length() > 1 << 20) {
                    write(parties, batch);
                }
            }
            write(parties, batch);
            parties.endCopy();

            CopyIn events = pg.getCopyAPI().copyIn("copy risk_item_event (number, at, actor, kind, summary, unit) from stdin");
            for (String[] item : meta) {
                row(batch, item[0], item[1], "c01-grid1", "REGISTERED", "登记事项", null);
                row(batch, item[0], item[1], "c01-staff", "GRADED", "研判定级", null);
                String calledIn = random.nextInt(20) == 0 ? DEPARTMENTS[random.nextInt(DEPARTMENTS.length)] : null;
                row(batch, item[0], item[1], "c01-staff", calledIn == null ? "PROGRESS_UPDATED" : "DEPARTMENT_SUMMONED",
                        calledIn == null ? "化解处置" : "吹哨报到", calledIn);
                if (batch.length() > 1 << 20) {
                    write(events, batch);
                }
            }
            write(events, batch);
            events.endCopy();
            for (var year : perYear.entrySet()) {
                JdbcClient.create(dataSource).sql("""
                        insert into item_number_counter (street_code, year, last_value) values ('QF', ?, ?)
                        on conflict (street_code, year) do update set last_value = greatest(item_number_counter.last_value, excluded.last_value)""")
                        .params(year.getKey(), year.getValue()).update();
            }
        }
    }

    static void row(StringBuilder out, String... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append('\t');
            }
            out.append(values[i] == null ? "\\N" : values[i].replace("\\", "\\\\").replace("\t", " ").replace("\n", " "));
        }
        out.append('\n');
    }

    static void write(CopyIn copy, StringBuilder batch) throws Exception {
        byte[] bytes = batch.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        batch.setLength(0);
    }

    static String ts(OffsetDateTime time) {
        return time == null ? null : time.withOffsetSameInstant(ZoneOffset.ofHours(8)).toString();
    }

    static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    static long count(JdbcClient jdbc, String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    static double pct(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    static HttpRequest request(int port, String user, String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + user)
                        .getBytes(StandardCharsets.UTF_8))).GET().build();
    }

    /**
     * The leaders' live panel (issue 15's target: p95 ≤ 200 ms at 100k items) for the street and for a
     * supervision group. The seed starts no process instances, so the panel's engine-side parts (the step
     * an item waits on) read empty tables here: the figure covers the item-side queries.
     */
    static String livePanel(int port, int requests) throws Exception {
        StringBuilder out = new StringBuilder("| live panel `/api/reports/live` | p50 ms | p95 ms | p99 ms | max ms |\n"
                + "|---|---:|---:|---:|---:|\n");
        for (String user : List.of("center1", "sup2")) {
            HttpClient client = HttpClient.newHttpClient();
            for (int i = 0; i < 20; i++) {
                HttpResponse<String> r = get(client, port, user, "/api/reports/live");
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("/api/reports/live as " + user + " → " + r.statusCode() + " " + r.body());
                }
            }
            double[] ms = new double[requests];
            for (int i = 0; i < requests; i++) {
                long start = System.nanoTime();
                get(client, port, user, "/api/reports/live");
                ms[i] = (System.nanoTime() - start) / 1e6;
            }
            Arrays.sort(ms);
            out.append("| ").append(user).append(" | ")
                    .append("%.1f | %.1f | %.1f | %.1f |%n".formatted(pct(ms, 50), pct(ms, 95), pct(ms, 99), ms[ms.length - 1]));
        }
        return out.toString();
    }

    static HttpResponse<String> get(HttpClient client, int port, String user, String path) throws Exception {
        return client.send(request(port, user, path), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private LedgerBench() {
    }
}
