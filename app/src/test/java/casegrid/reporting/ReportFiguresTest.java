package casegrid.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.support.CasegridTest;
import casegrid.support.Http;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The weekly/monthly figures against a hand-computed fixture, seeded with SQL in March 2021, a
 * window no other test writes to (they all run in 2026 and later), so the shared database does
 * not disturb the counts. Every expected number is worked out in the comments from the rows, by
 * the definitions in docs/reports.md. Week 2021-W10 is Monday 2021-03-08 to Sunday 2021-03-14.
 */
@CasegridTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportFiguresTest {

    @Autowired JdbcClient jdbc;
    @LocalServerPort int port;

    static final String A = "QF-2021-900001", B = "QF-2021-900002", C = "QF-2021-900003", D = "QF-2021-900004",
            E = "QF-2021-900005", F = "QF-2021-900006", G = "QF-2021-900007";

    @BeforeAll
    void seed() {
        if (jdbc.sql("select count(*) from risk_item where number = ?").param(A).query(Integer.class).single() > 0) {
            return;
        }
        // A: high, owned by the justice office, closed inside the week after a closure request; its resolve-by falls in the week.
        item(A, "C05", "DISPUTE", "HIGH", "CLOSED", "2021-03-01T10:00", "2021-03-01T11:00", false, "2021-03-04T00:00", "2021-03-02T09:00",
                "2021-03-10T10:00", "2021-03-09T15:00", "dept-justice", "2021-02-28T20:00", true);
        event(A, "2021-03-09T10:00", "CLOSURE_REQUESTED", null);
        // B: medium, new in the week, T+2 answered in time, resolve-by missed (a reminder), no occurred-at and no party.
        item(B, "C05", "PUBLIC_SAFETY", "MEDIUM", "RESOLVING", "2021-03-08T09:00", "2021-03-08T10:00", false, "2021-03-11T00:00",
                "2021-03-09T16:00", "2021-03-12T10:00", null, "community-C05", null, false);
        miss(B, "resolve-by", "2021-03-12T10:00", "2021-03-12T10:05", 1, "REMINDER", "community-C05", "supervision-1", null, null);
        // C: medium, new, owned by the police, T+2 never given: third miss, on the public-notice list, notice answered.
        item(C, "C12", "DISPUTE", "MEDIUM", "RESOLVING", "2021-03-09T09:00", "2021-03-09T10:00", false, "2021-03-12T00:00", null,
                "2021-03-24T10:00", null, "dept-police", "2021-03-08T18:00", true);
        miss(C, "feedback", "2021-03-12T00:00", "2021-03-12T00:01", 3, "NOTICE", "dept-police", "supervision-3", "请限期反馈", "2021-03-13T09:00");
        // Whistle report-ins: the justice office in time, the police late (a miss, then the report-in).
        event(C, "2021-03-10T09:00", "REPORTED_IN", "dept-justice");
        event(C, "2021-03-10T12:00", "REPORT_IN_MISSED", "dept-police");
        event(C, "2021-03-11T09:00", "REPORTED_IN", "dept-police");
        // The whistling community rates both departments; the police twice (once in the week, once after it).
        long whistle = jdbc.sql("insert into whistle (number, called_at, community) values (?, ?, 'C12') returning id")
                .params(C, t("2021-03-10T08:00")).query(Long.class).single();
        long laterWhistle = jdbc.sql("insert into whistle (number, called_at, community) values (?, ?, 'C12') returning id")
                .params(C, t("2021-03-20T08:00")).query(Long.class).single();
        rating(whistle, C, "dept-justice", 5, 4, "2021-03-11T15:00");
        rating(whistle, C, "dept-police", 2, 3, "2021-03-11T15:00");
        rating(laterWhistle, C, "dept-police", 5, 5, "2021-03-21T15:00");
        // D: a repeat report merged into A: never an item of its own.
        item(D, "C05", "DISPUTE", null, "MERGED", "2021-03-10T09:00", null, null, null, null, null, null, null, "2021-03-10T08:00", true);
        // E: low, reopened in the week after an unsatisfied follow-up visit; resolve-by in the week; a weekly update missed.
        item(E, "C12", "SUPPORT", "LOW", "RESOLVING", "2021-02-01T09:00", "2021-02-01T10:00", false, "2021-02-03T00:00",
                "2021-02-02T09:00", "2021-03-11T10:00", null, "community-C12", "2021-01-31T09:00", true);
        event(E, "2021-03-01T09:00", "CLOSURE_REQUESTED", null);
        event(E, "2021-03-09T09:00", "REOPENED", null);
        miss(E, "weekly-update", "2021-03-10T09:00", "2021-03-10T09:00", 1, "REMINDER", "community-C12", "supervision-3", null, null);
        // F: medium, transferred out in the week (its last 化解处置), resolve-by in the week.
        item(F, "C05", "DISPUTE", "MEDIUM", "TRANSFERRED", "2021-03-02T09:00", "2021-03-02T10:00", false, "2021-03-05T00:00",
                "2021-03-03T09:00", "2021-03-12T10:00", null, "community-C05", "2021-03-01T09:00", true);
        event(F, "2021-03-10T11:00", "TRANSFERRED", null);
        // G: low, fixed at once: the rectification answers the warning in time; closed in the week; no party.
        item(G, "C12", "PUBLIC_ORDER", "LOW", "CLOSED", "2021-03-10T09:00", "2021-03-10T10:00", true, "2021-03-13T00:00", null,
                "2021-04-09T10:00", "2021-03-12T16:00", "community-C12", "2021-03-10T08:00", false);
        event(G, "2021-03-11T15:00", "RECTIFIED", null);
        // C: unresolved at the district tier, resolution goes on as a long-term matter.
        jdbc.sql("update risk_item set long_term = true, long_term_review_due = ? where number = ?")
                .params(t("2021-04-01T00:00"), C).update();
        // Daily checks: C05 did one of two, C12 its one.
        check("2021-03-08", "C05", "DONE");
        check("2021-03-09", "C05", "MISSED");
        check("2021-03-08", "C12", "DONE");
    }

    void item(String number, String community, String category, String level, String status, String reported, String graded,
              Boolean fixable, String feedbackDue, String feedbackAt, String resolveBy, String closedAt, String unit,
              String occurred, boolean withParty) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("number", number);
        row.put("title", "报表测试事项 " + number);
        row.put("description", "报表口径测试数据");
        row.put("category", category);
        row.put("source", "GRID_SURVEY");
        row.put("community", community);
        row.put("grid", community + "-G1");
        row.put("address", community + " 测试路 1 号");
        row.put("reported_at", t(reported));
        row.put("reported_by", community.toLowerCase() + "-grid1");
        row.put("people_involved", 2);
        row.put("status", status);
        row.put("risk_level", level);
        row.put("graded_at", t(graded));
        row.put("fixable_now", fixable);
        row.put("feedback_due", t(feedbackDue));
        row.put("feedback_at", t(feedbackAt));
        row.put("resolve_by", t(resolveBy));
        row.put("closed_at", t(closedAt));
        row.put("responsible_unit", unit);
        row.put("occurred_at", t(occurred));
        row.put("merged_into", "MERGED".equals(status) ? A : null);
        jdbc.sql("insert into risk_item (" + String.join(", ", row.keySet()) + ") values ("
                + String.join(", ", row.keySet().stream().map(k -> ":" + k).toList()) + ")").params(row).update();
        if (withParty) {
            jdbc.sql("insert into risk_item_party (number, name, role) values (?, '测试当事人', '当事人')").param(number).update();
        }
    }

    void event(String number, String at, String kind, String unit) {
        jdbc.sql("insert into risk_item_event (number, at, actor, kind, summary, unit) values (?, ?, 'test', ?, '测试', ?)")
                .params(number, t(at), kind, unit).update();
    }

    void rating(long whistle, String number, String department, int timeliness, int effectiveness, String at) {
        jdbc.sql("""
                insert into report_in_rating (whistle_id, number, department, timeliness, effectiveness, rated_by, rated_at)
                values (?, ?, ?, ?, ?, 'c12-staff', ?)""")
                .params(whistle, number, department, timeliness, effectiveness, t(at)).update();
    }

    void miss(String number, String deadline, String due, String created, int missNumber, String step, String unit,
              String group, String notice, String repliedAt) {
        jdbc.sql("""
                insert into supervision_record (number, deadline, due_at, miss_number, step, unit, supervision_group,
                    notice, reply, replied_at, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(number, deadline, t(due), missNumber, step, unit, group, notice, repliedAt == null ? null : "已整改",
                        t(repliedAt), t(created)).update();
    }

    void check(String day, String community, String status) {
        jdbc.sql("""
                insert into daily_check (check_day, community, open_items, status, created_at)
                values (cast(? as date), ?, 3, ?, ?)""").params(day, community, status, t(day + "T08:30")).update();
    }

    static OffsetDateTime t(String local) {
        return local == null ? null : OffsetDateTime.parse(local + ":00+08:00");
    }

    JsonNode weekly(String user, String week) {
        Http.Response response = new Http(port).as(user).get("/api/reports/weekly?week=" + week);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    static JsonNode row(JsonNode rows, String code) {
        for (JsonNode row : rows) {
            if (code.equals(row.path("code").asText()) || code.equals(row.path("level").asText())) {
                return row;
            }
        }
        throw new AssertionError("no row " + code + " in " + rows);
    }

    @Test
    void theWeekMatchesTheHandComputedFigures() {
        JsonNode r = weekly("center1", "2021-W10");
        assertThat(r.path("from").asText()).isEqualTo("2021-03-08");
        assertThat(r.path("to").asText()).isEqualTo("2021-03-14");
        JsonNode t = r.path("totals");
        // New: B, C, G (A, E, F came earlier; D is a merged repeat).
        assertThat(t.path("newItems").asInt()).isEqualTo(3);
        assertThat(t.path("mergedRepeats").asInt()).isEqualTo(1);
        // Resolved = closure requested in the week: A (E's request was on 03-01, before the week).
        assertThat(t.path("resolved").asInt()).isEqualTo(1);
        // Closed: A and G. E was reopened, so it is open, not closed.
        assertThat(t.path("closed").asInt()).isEqualTo(2);
        assertThat(t.path("reopened").asInt()).isEqualTo(1);
        assertThat(t.path("transferred").asInt()).isEqualTo(1);
        // Overdue = a deadline falling in the week was missed: B (resolve-by), C (T+2), E (weekly update).
        assertThat(t.path("overdue").asInt()).isEqualTo(3);
        // Open at the end: B, C, E (A and G closed, F transferred, D merged).
        assertThat(t.path("openAtEnd").asInt()).isEqualTo(3);

        // Resolution rate by level over the items whose resolve-by falls in the week.
        JsonNode rates = r.path("resolutionRates");
        assertThat(row(rates, "HIGH").path("due").asInt()).isEqualTo(1);          // A
        assertThat(row(rates, "HIGH").path("rate").decimalValue()).isEqualByComparingTo("1");
        assertThat(row(rates, "HIGH").path("verdict").asText()).isEqualTo("MET");
        assertThat(row(rates, "MEDIUM").path("due").asInt()).isEqualTo(1);        // B; F transferred is left out
        assertThat(row(rates, "MEDIUM").path("resolved").asInt()).isZero();
        assertThat(row(rates, "MEDIUM").path("verdict").asText()).isEqualTo("MISSED");
        assertThat(row(rates, "MEDIUM").path("target").decimalValue()).isEqualByComparingTo("0.9");
        assertThat(row(rates, "LOW").path("due").asInt()).isEqualTo(1);           // E, reopened, not resolved again
        assertThat(row(rates, "LOW").path("rate").decimalValue()).isEqualByComparingTo("0");

        // T+2: B in time, C late, G answered by its rectification in time.
        assertThat(r.path("feedbackOnTime").path("due").asInt()).isEqualTo(3);
        assertThat(r.path("feedbackOnTime").path("onTime").asInt()).isEqualTo(2);
        assertThat(r.path("feedbackOnTime").path("rate").decimalValue()).isEqualByComparingTo("0.6667");
        // Weekly updates: A, B, C, E under resolution in the week (F transferred, G fixed at once); E missed one.
        assertThat(r.path("weeklyUpdate").path("inResolution").asInt()).isEqualTo(4);
        assertThat(r.path("weeklyUpdate").path("missed").asInt()).isEqualTo(1);
        assertThat(r.path("weeklyUpdate").path("rate").decimalValue()).isEqualByComparingTo("0.75");
        // A: Mon 03-01 to Tue 03-09 = 6 working days; G: Wed 03-10 to Fri 03-12 = 2; average 4.0.
        assertThat(r.path("avgWorkingDaysToClose").decimalValue()).isEqualByComparingTo("4.0");

        JsonNode medium = row(r.path("byLevel"), "MEDIUM");
        assertThat(medium.path("newItems").asInt()).isEqualTo(2);
        assertThat(medium.path("overdue").asInt()).isEqualTo(2);
        assertThat(medium.path("transferred").asInt()).isEqualTo(1);
        JsonNode c05 = row(r.path("byCommunity"), "C05");
        assertThat(c05.path("newItems").asInt()).isEqualTo(1);
        assertThat(c05.path("mergedRepeats").asInt()).isEqualTo(1);
        assertThat(c05.path("closed").asInt()).isEqualTo(1);
        JsonNode c12 = row(r.path("byCommunity"), "C12");
        assertThat(c12.path("newItems").asInt()).isEqualTo(2);
        assertThat(c12.path("reopened").asInt()).isEqualTo(1);
        assertThat(row(r.path("byCategory"), "DISPUTE").path("newItems").asInt()).isEqualTo(1);   // C

        JsonNode justice = row(r.path("byDepartment"), "dept-justice");
        assertThat(justice.path("closed").asInt()).isEqualTo(1);
        assertThat(justice.path("reportInsOnTime").asInt()).isEqualTo(1);
        assertThat(justice.path("reportInTimeliness").decimalValue()).isEqualByComparingTo("1");
        JsonNode police = row(r.path("byDepartment"), "dept-police");
        assertThat(police.path("newItems").asInt()).isEqualTo(1);
        assertThat(police.path("reportIns").asInt()).isEqualTo(1);
        assertThat(police.path("reportInsOnTime").asInt()).isZero();
        assertThat(police.path("reportInsMissed").asInt()).isEqualTo(1);
        assertThat(police.path("reportInTimeliness").decimalValue()).isEqualByComparingTo("0");
        assertThat(justice.path("ratings").asInt()).isEqualTo(1);
        assertThat(justice.path("ratingTimeliness").decimalValue()).isEqualByComparingTo("5");
        assertThat(justice.path("ratingEffectiveness").decimalValue()).isEqualByComparingTo("4");
        assertThat(police.path("ratings").asInt()).as("the later rating is outside the week").isEqualTo(1);
        assertThat(police.path("ratingTimeliness").decimalValue()).isEqualByComparingTo("2");
        assertThat(row(r.path("byDepartment"), "dept-urban").path("ratingTimeliness").isNull()).isTrue();

        JsonNode sup = r.path("supervision");
        assertThat(sup.path("missedDeadlines").asInt()).isEqualTo(3);
        assertThat(sup.path("reminders").asInt()).isEqualTo(2);
        assertThat(sup.path("noticesIssued").asInt()).isEqualTo(1);
        assertThat(sup.path("noticesAnswered").asInt()).isEqualTo(1);
        assertThat(sup.path("publicNotices").asInt()).isEqualTo(1);
        assertThat(row(sup.path("byGroup"), "supervision-3").path("missedDeadlines").asInt()).isEqualTo(2);
        assertThat(r.path("publicNotices")).hasSize(1);
        assertThat(r.path("publicNotices").get(0).path("number").asText()).isEqualTo(C);
        assertThat(r.path("overdueItems")).extracting(n -> n.path("number").asText()).containsExactly(B, C, E);

        JsonNode q05 = row(r.path("dataQuality"), "C05");
        assertThat(q05.path("missingFields").asInt()).isEqualTo(1);               // B
        assertThat(q05.path("dailyChecksDue").asInt()).isEqualTo(2);
        assertThat(q05.path("dailyChecksMissed").asInt()).isEqualTo(1);
        assertThat(q05.path("dailyCheckRate").decimalValue()).isEqualByComparingTo("0.5");
        JsonNode q12 = row(r.path("dataQuality"), "C12");
        assertThat(q12.path("missingFields").asInt()).isEqualTo(1);               // G
        assertThat(q12.path("lateWeeklyUpdates").asInt()).isEqualTo(1);           // E
        assertThat(q12.path("lateFeedback").asInt()).isEqualTo(1);                // C
    }

    @Test
    void anEmptyWeekHasZerosAndNoRatesRatherThanFakePercentages() {
        JsonNode r = weekly("leader1", "2021-W02");
        assertThat(r.path("totals").path("newItems").asInt()).isZero();
        assertThat(r.path("totals").path("openAtEnd").asInt()).isZero();
        assertThat(row(r.path("resolutionRates"), "HIGH").path("rate").isNull()).isTrue();
        assertThat(row(r.path("resolutionRates"), "HIGH").path("verdict").asText()).isEqualTo("NO_DATA");
        assertThat(r.path("feedbackOnTime").path("rate").isNull()).isTrue();
        assertThat(r.path("avgWorkingDaysToClose").isNull()).isTrue();
        assertThat(r.path("byCommunity")).hasSize(15);
        assertThat(r.path("publicNotices")).isEmpty();
    }

    @Test
    void theMonthCountsTheSameWayOverItsDays() {
        Http.Response response = new Http(port).as("leader2").get("/api/reports/monthly?month=2021-03");
        assertThat(response.status()).isEqualTo(200);
        JsonNode t = response.json().path("totals");
        // Reported in March: A, B, C, F, G (E in February, D merged).
        assertThat(t.path("newItems").asInt()).isEqualTo(5);
        // Closure requests in March: A and E (E's on 03-01, before it was reopened).
        assertThat(t.path("resolved").asInt()).isEqualTo(2);
        assertThat(response.json().path("from").asText()).isEqualTo("2021-03-01");
        assertThat(response.json().path("to").asText()).isEqualTo("2021-03-31");
        // The long-term matter is on the month's review list; C12 is outside supervision-1's report.
        assertThat(response.json().path("longTermItems")).extracting(i -> i.path("number").asText()).containsExactly(C);
        assertThat(response.json().path("longTermItems").get(0).path("reviewDue").asText()).startsWith("2021-04-01");
        assertThat(new Http(port).as("sup1").get("/api/reports/monthly?month=2021-03").json().path("longTermItems")).isEmpty();
    }

    @Test
    void aSupervisionGroupSeesTheReportOfItsOwnCommunitiesOnly() {
        JsonNode r = weekly("sup1", "2021-W10");
        assertThat(r.path("scope")).extracting(JsonNode::asText).containsExactly("C01", "C02", "C03", "C04", "C05");
        // C05 only: B new, D merged, A closed, F transferred, B overdue.
        assertThat(r.path("totals").path("newItems").asInt()).isEqualTo(1);
        assertThat(r.path("totals").path("closed").asInt()).isEqualTo(1);
        assertThat(r.path("totals").path("overdue").asInt()).isEqualTo(1);
        assertThat(r.path("byCommunity")).hasSize(5);
        assertThat(r.path("publicNotices")).isEmpty();                          // C is in C12
        assertThat(row(r.path("resolutionRates"), "LOW").path("verdict").asText()).isEqualTo("NO_DATA");
    }

    @Test
    void othersMayNotReadTheReportsAndStrangersMustLogIn() {
        Http http = new Http(port);
        assertThat(http.as("c05-staff").get("/api/reports/weekly?week=2021-W10").status()).isEqualTo(403);
        assertThat(http.as("justice1").get("/api/reports/monthly?month=2021-03").status()).isEqualTo(403);
        assertThat(http.anonymous().get("/api/reports/weekly?week=2021-W10").status()).isEqualTo(401);
    }

    @Test
    void aBadWeekOrMonthIsA400NamingTheParameter() {
        Http http = new Http(port).as("center1");
        for (String query : new String[] {"weekly?week=2021-W54", "weekly?week=2021-10", "weekly", "weekly?week=W10"}) {
            Http.Response response = http.get("/api/reports/" + query);
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.json().path("errors").get(0).path("field").asText()).as(query).isEqualTo("week");
        }
        for (String query : new String[] {"monthly?month=2021-13", "monthly?month=2021-W10", "monthly"}) {
            Http.Response response = http.get("/api/reports/" + query);
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.json().path("errors").get(0).path("field").asText()).as(query).isEqualTo("month");
        }
        // 2020 had 53 ISO weeks.
        assertThat(http.get("/api/reports/weekly?week=2020-W53").status()).isEqualTo(200);
    }
}
