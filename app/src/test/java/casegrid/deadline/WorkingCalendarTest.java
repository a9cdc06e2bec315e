package casegrid.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkingCalendarTest {

    private final WorkingCalendar calendar = WorkingCalendar.builtIn();

    @TempDir
    Path dir;

    private static LocalDate d(String iso) {
        return LocalDate.parse(iso);
    }

    @Test
    void anOrdinaryWeekendIsOffAndTheWeekIsWorked() {
        assertThat(calendar.isWorkingDay(d("2026-11-27"))).as("Fri").isTrue();
        assertThat(calendar.isWorkingDay(d("2026-11-28"))).as("Sat").isFalse();
        assertThat(calendar.isWorkingDay(d("2026-11-29"))).as("Sun").isFalse();
        assertThat(calendar.isWorkingDay(d("2026-11-30"))).as("Mon").isTrue();
        assertThat(calendar.nextWorkingDay(d("2026-11-27"))).isEqualTo(d("2026-11-30"));
    }

    @Test
    void twoWorkingDaysAfterAFridayIsTuesday() {
        assertThat(calendar.plusWorkingDays(d("2026-11-27"), 1)).isEqualTo(d("2026-11-30"));
        assertThat(calendar.plusWorkingDays(d("2026-11-27"), 2)).isEqualTo(d("2026-12-01"));
    }

    @Test
    void nationalDayWeekIsSkipped() {
        assertThat(calendar.isWorkingDay(d("2026-10-05"))).as("Mon in 国庆").isFalse();
        assertThat(calendar.plusWorkingDays(d("2026-09-30"), 1)).isEqualTo(d("2026-10-08"));
        assertThat(calendar.plusWorkingDays(d("2026-09-30"), 2)).isEqualTo(d("2026-10-09"));
    }

    @Test
    void aMakeUpSaturdayIsAWorkingDay() {
        assertThat(calendar.isWorkingDay(d("2026-10-10"))).as("Sat 调休").isTrue();
        assertThat(calendar.isWorkingDay(d("2026-09-20"))).as("Sun 调休").isTrue();
        assertThat(calendar.plusWorkingDays(d("2026-10-09"), 1)).isEqualTo(d("2026-10-10"));
        assertThat(calendar.plusWorkingDays(d("2026-10-09"), 2)).isEqualTo(d("2026-10-12"));
    }

    @Test
    void springFestival2026IsSkippedAndItsSaturdaysAreWorked() {
        for (LocalDate day = d("2026-02-15"); !day.isAfter(d("2026-02-23")); day = day.plusDays(1)) {
            assertThat(calendar.isWorkingDay(day)).as(day.toString()).isFalse();
        }
        assertThat(calendar.plusWorkingDays(d("2026-02-13"), 1)).as("Sat Feb 14 is worked").isEqualTo(d("2026-02-14"));
        assertThat(calendar.plusWorkingDays(d("2026-02-13"), 2)).isEqualTo(d("2026-02-24"));
        assertThat(calendar.isWorkingDay(d("2026-02-28"))).as("Sat Feb 28 is worked").isTrue();
    }

    @ParameterizedTest(name = "{0}: {1} weekdays off, {2} weekend days worked")
    @CsvSource({"2025, 18, 5", "2026, 19, 6"})
    void eachYearMatchesTheStateCouncilNotice(int year, int weekdaysOff, int weekendDaysWorked) {
        int off = 0;
        int worked = 0;
        for (LocalDate day = LocalDate.of(year, 1, 1); day.getYear() == year; day = day.plusDays(1)) {
            boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
            if (!weekend && !calendar.isWorkingDay(day)) {
                off++;
            }
            if (weekend && calendar.isWorkingDay(day)) {
                worked++;
            }
        }
        assertThat(off).isEqualTo(weekdaysOff);
        assertThat(worked).isEqualTo(weekendDaysWorked);
    }

    @Test
    void the2025And2027HolidaysAreKnown() {
        assertThat(calendar.isWorkingDay(d("2025-01-26"))).as("Sun 2025-01-26 调休").isTrue();
        assertThat(calendar.isWorkingDay(d("2025-10-08"))).as("Wed 2025-10-08 国庆").isFalse();
        assertThat(calendar.isWorkingDay(d("2027-02-08"))).as("Mon 2027-02-08 春节").isFalse();
        assertThat(calendar.isWorkingDay(d("2027-06-09"))).as("Wed 2027-06-09 端午").isFalse();
    }

    @Test
    void zeroWorkingDaysIsTheStartOrTheNextWorkingDay() {
        assertThat(calendar.plusWorkingDays(d("2026-11-25"), 0)).isEqualTo(d("2026-11-25"));
        assertThat(calendar.plusWorkingDays(d("2026-11-28"), 0)).isEqualTo(d("2026-11-30"));
        assertThat(calendar.plusWorkingDays(d("2026-10-01"), 0)).isEqualTo(d("2026-10-08"));
        assertThatThrownBy(() -> calendar.plusWorkingDays(d("2026-11-25"), -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void workingDaysBetweenCountsTheEndButNotTheStart() {
        assertThat(calendar.workingDaysBetween(d("2026-11-27"), d("2026-12-01"))).isEqualTo(2);
        assertThat(calendar.workingDaysBetween(d("2026-09-30"), d("2026-10-09"))).isEqualTo(2);
        assertThat(calendar.workingDaysBetween(d("2026-10-09"), d("2026-10-12"))).isEqualTo(2);
        assertThat(calendar.workingDaysBetween(d("2026-11-27"), d("2026-11-27"))).isZero();
        assertThat(calendar.workingDaysBetween(d("2026-12-01"), d("2026-11-27"))).isEqualTo(-2);
    }

    @Test
    void workingDaysBetweenUndoesPlusWorkingDays() {
        for (LocalDate day = d("2025-01-01"); day.getYear() <= 2027; day = day.plusDays(1)) {
            for (int n = 1; n <= 5; n++) {
                LocalDate due = calendar.plusWorkingDays(day, n);
                assertThat(calendar.isWorkingDay(due)).as("%s + %d", day, n).isTrue();
                assertThat(calendar.workingDaysBetween(day, due)).as("%s + %d", day, n).isEqualTo(n);
            }
        }
    }

    @Test
    void theExtraFileOverridesAndExtendsTheBuiltInDates() throws IOException {
        Path extra = write("""
                \uFEFF# local closures
                date,kind,name
                2026-12-01,HOLIDAY,街道停电
                2026-10-05,WORKDAY,防汛值守
                2028-01-03,holiday,元旦
                """);

        WorkingCalendar local = WorkingCalendar.withExtraFile(extra);

        assertThat(local.isWorkingDay(d("2026-12-01"))).isFalse();
        assertThat(local.plusWorkingDays(d("2026-11-27"), 2)).isEqualTo(d("2026-12-02"));
        assertThat(local.isWorkingDay(d("2026-10-05"))).as("built-in holiday overridden").isTrue();
        assertThat(local.isWorkingDay(d("2028-01-03"))).isFalse();
        assertThat(local.isWorkingDay(d("2026-10-06"))).as("the rest of the built-in calendar stays").isFalse();
        assertThat(new WorkingCalendar(extra.toString()).isWorkingDay(d("2026-12-01"))).as("Spring constructor").isFalse();
        assertThat(new WorkingCalendar("").isWorkingDay(d("2026-12-01"))).as("no extra file").isTrue();
    }

    @Test
    void aBadKindFailsNamingTheFileAndLine() throws IOException {
        Path extra = write("""
                date,kind,name
                2026-12-01,HOLIDAY,街道停电
                2026-12-02,DAYOFF,街道停电
                """);

        assertThatThrownBy(() -> WorkingCalendar.withExtraFile(extra))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(extra.getFileName().toString())
                .hasMessageContaining("line 3")
                .hasMessageContaining("DAYOFF");
    }

    @Test
    void aBadDateADuplicateOrAMissingKindFailsWithTheLine() throws IOException {
        Path badDate = write("# c\n2026-13-01,HOLIDAY,x\n");
        assertThatThrownBy(() -> WorkingCalendar.withExtraFile(badDate)).hasMessageContaining("line 2");

        Path twice = write("2026-12-01,HOLIDAY,x\n\n2026-12-01,WORKDAY,y\n");
        assertThatThrownBy(() -> WorkingCalendar.withExtraFile(twice))
                .hasMessageContaining("line 3")
                .hasMessageContaining("line 1");

        Path noKind = write("2026-12-01\n");
        assertThatThrownBy(() -> new WorkingCalendar(noKind.toString())).hasMessageContaining("line 1");
    }

    @Test
    void aMissingExtraFileFailsNamingIt() {
        Path missing = dir.resolve("nowhere.csv");
        assertThatThrownBy(() -> WorkingCalendar.withExtraFile(missing))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("nowhere.csv");
    }

    private Path write(String text) throws IOException {
        Path file = Files.createTempFile(dir, "calendar", ".csv");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }
}
