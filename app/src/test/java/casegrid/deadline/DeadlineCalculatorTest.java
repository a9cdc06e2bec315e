package casegrid.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import casegrid.org.Office;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Date;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class DeadlineCalculatorTest {

    private static final WorkingCalendar CALENDAR = WorkingCalendar.builtIn();

    private final DeadlineCalculator calculator = new DeadlineCalculator(new DeadlineProperties(), CALENDAR);

    /** A wall-clock time in the office. */
    private static Date at(String localDateTime) {
        return Date.from(LocalDateTime.parse(localDateTime).atZone(Office.ZONE).toInstant());
    }

    @Test
    void feedbackGradedOnAFridayIsDueAtTheEndOfTuesday() {
        assertThat(calculator.dueAt("feedback", at("2026-11-27T15:30"))).isEqualTo(at("2026-12-02T00:00"));
    }

    @Test
    void feedbackAcrossNationalDayIsDueAtTheEndOfTheSecondWorkingDayAfter() {
        assertThat(calculator.dueAt("feedback", at("2026-09-30T10:00"))).isEqualTo(at("2026-10-10T00:00"));
    }

    @Test
    void feedbackCountsAMakeUpSaturday() {
        assertThat(calculator.dueAt("feedback", at("2026-10-09T16:00"))).isEqualTo(at("2026-10-13T00:00"));
    }

    @Test
    void feedbackAcrossSpringFestival2026() {
        // T+1 is the 调休 Saturday Feb 14, T+2 the first day after the festival.
        assertThat(calculator.dueAt("feedback", at("2026-02-13T09:00"))).isEqualTo(at("2026-02-25T00:00"));
    }

    @Test
    void feedbackGradedAtTheWeekendCountsFromMonday() {
        assertThat(calculator.dueAt("feedback", at("2026-11-28T11:00"))).isEqualTo(at("2026-12-02T00:00"));
    }

    @Test
    void daysAreOfficeDaysWhateverTheInstant() {
        // 2026-11-26T17:00Z is Friday 01:00 in Shanghai but still Thursday in UTC.
        Date start = Date.from(Instant.parse("2026-11-26T17:00:00Z"));
        assertThat(calculator.dueAt("feedback", start)).isEqualTo(at("2026-12-02T00:00"));
    }

    @Test
    void followUpVisitCountsFiveWorkingDays() {
        assertThat(calculator.dueAt("follow-up-visit", at("2026-11-27T15:30"))).isEqualTo(at("2026-12-05T00:00"));
    }

    @Test
    void aWorkingTimePartIsClockTimeAfterTheEndOfTheDay() {
        assertThat(calculator.dueAt("P1DT4H", DayCounting.WORKING, at("2026-11-27T15:30")))
                .isEqualTo(at("2026-12-01T04:00"));
        assertThat(calculator.dueAt("PT24H", DayCounting.WORKING, at("2026-11-27T15:30")))
                .as("no day part: clock time only").isEqualTo(at("2026-11-28T15:30"));
    }

    @Test
    void weeklyUpdateIsSevenTimesTwentyFourHoursEvenAcrossHolidays() {
        Date start = at("2026-09-30T10:00");
        Date due = calculator.dueAt("weekly-update", start);

        assertThat(due).isEqualTo(at("2026-10-07T10:00"));
        assertThat(Duration.between(start.toInstant(), due.toInstant())).isEqualTo(Duration.ofHours(7 * 24));
    }

    @Test
    void reportInIsTwentyFourHoursOfClockTime() {
        assertThat(calculator.dueAt("report-in", at("2026-11-27T15:30"))).isEqualTo(at("2026-11-28T15:30"));
    }

    @Test
    void theSamePeriodDiffersByCounting() {
        Date start = at("2026-09-30T10:00");
        assertThat(calculator.dueAt("P2D", DayCounting.CALENDAR, start)).isEqualTo(at("2026-10-02T10:00"));
        assertThat(calculator.dueAt("P2D", DayCounting.WORKING, start)).isEqualTo(at("2026-10-10T00:00"));
    }

    @Test
    void resolveByDependsOnTheRiskLevel() {
        Date start = at("2026-11-27T15:30");
        assertThat(calculator.resolveByDefault("HIGH", start)).isEqualTo(at("2026-12-04T15:30"));
        assertThat(calculator.resolveByDefault("MEDIUM", start)).isEqualTo(at("2026-12-12T15:30"));
        assertThat(calculator.resolveByDefault("low", start)).isEqualTo(at("2026-12-27T15:30"));
        assertThatThrownBy(() -> calculator.resolveByDefault("URGENT", start))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("URGENT");
        assertThatThrownBy(() -> calculator.dueAt("resolve-by", start))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("resolveByDefault");
    }

    @Test
    void aBadIsoValueIsRefusedNamingTheDeadline() {
        Date start = at("2026-11-27T15:30");
        assertThatThrownBy(() -> calculator.dueAt("P2X", DayCounting.CALENDAR, start))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("P2X");
        assertThatThrownBy(() -> calculator.dueAt("-P2D", DayCounting.CALENDAR, start))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> calculator.dueAt("P1M", DayCounting.WORKING, start))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("working days");

        DeadlineProperties properties = new DeadlineProperties();
        properties.setFeedback("two days");
        assertThatThrownBy(() -> new DeadlineCalculator(properties, CALENDAR))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("casegrid.deadlines.feedback")
                .hasMessageContaining("two days");

        DeadlineProperties resolveBy = new DeadlineProperties();
        resolveBy.setResolveBy(Map.of("LOW", "30 days"));
        assertThatThrownBy(() -> new DeadlineCalculator(resolveBy, CALENDAR))
                .hasMessageContaining("casegrid.deadlines.resolve-by.LOW");
    }

    @Test
    void anUnknownDeadlineOrCountingKeyOrCronIsRefused() {
        assertThatThrownBy(() -> calculator.dueAt("fedback", at("2026-11-27T15:30")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fedback");

        DeadlineProperties typo = new DeadlineProperties();
        typo.setCounting(Map.of("feedbak", DayCounting.WORKING));
        assertThatThrownBy(() -> new DeadlineCalculator(typo, CALENDAR)).hasMessageContaining("feedbak");

        DeadlineProperties cron = new DeadlineProperties();
        cron.setDailyCheck("every morning");
        assertThatThrownBy(() -> new DeadlineCalculator(cron, CALENDAR))
                .hasMessageContaining("casegrid.deadlines.daily-check");
    }

    @Test
    void theDefaultsAreTheContractsValues() {
        DeadlineProperties defaults = new DeadlineProperties();
        assertThat(defaults.getFeedback()).isEqualTo("P2D");
        assertThat(defaults.getWeeklyUpdate()).isEqualTo("P7D");
        assertThat(defaults.getReportIn()).isEqualTo("PT24H");
        assertThat(defaults.getFollowUpVisit()).isEqualTo("P5D");
        assertThat(defaults.getResolveBy()).containsExactly(
                Map.entry("HIGH", "P7D"), Map.entry("MEDIUM", "P15D"), Map.entry("LOW", "P30D"));
        // Every day: the working calendar, not the cron, decides (a 调休 Saturday is checked, a holiday Monday is not).
        assertThat(defaults.getDailyCheck()).isEqualTo("0 30 8 * * *");
        assertThat(defaults.getWeeklyReview()).isEqualTo("0 0 9 * * MON");
        assertThat(defaults.getMonthlyStats()).isEqualTo("0 0 9 1 * *");
        assertThat(defaults.countingOf("feedback")).isEqualTo(DayCounting.WORKING);
        assertThat(defaults.countingOf("follow-up-visit")).isEqualTo(DayCounting.WORKING);
        assertThat(defaults.countingOf("weekly-update")).isEqualTo(DayCounting.CALENDAR);
        assertThat(defaults.countingOf("report-in")).isEqualTo(DayCounting.CALENDAR);
        assertThat(defaults.countingOf("resolve-by")).isEqualTo(DayCounting.CALENDAR);
    }

    @Test
    void applicationYamlKeysBindAndKeepTheDefaultsTheyLeaveOut() {
        MapConfigurationPropertySource yaml = new MapConfigurationPropertySource(Map.of(
                "casegrid.deadlines.feedback", "P3D",
                "casegrid.deadlines.resolve-by.HIGH", "P5D",
                "casegrid.deadlines.counting.weekly-update", "working"));

        DeadlineProperties properties = new Binder(yaml)
                .bind("casegrid.deadlines", DeadlineProperties.class).get();
        DeadlineCalculator configured = new DeadlineCalculator(properties, CALENDAR);
        Date friday = at("2026-11-27T15:30");

        assertThat(configured.dueAt("feedback", friday)).as("T+3, still working days").isEqualTo(at("2026-12-03T00:00"));
        assertThat(configured.resolveByDefault("HIGH", friday)).isEqualTo(at("2026-12-02T15:30"));
        assertThat(configured.resolveByDefault("LOW", friday)).isEqualTo(at("2026-12-27T15:30"));
        assertThat(configured.dueAt("weeklyUpdate", friday)).as("7 working days").isEqualTo(at("2026-12-09T00:00"));
    }
}
