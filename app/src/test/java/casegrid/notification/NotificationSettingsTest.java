package casegrid.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Quiet hours, robot lookup and backoff, without Spring. */
class NotificationSettingsTest {

    @Test
    void quietHoursSpanningMidnightHoldFromStartUntilJustBeforeEnd() {
        NotificationProperties.QuietHours quiet = new NotificationProperties().getQuietHours();
        assertThat(quiet.contains(LocalTime.of(21, 59))).isFalse();
        assertThat(quiet.contains(LocalTime.of(22, 0))).isTrue();
        assertThat(quiet.contains(LocalTime.of(3, 0))).isTrue();
        assertThat(quiet.contains(LocalTime.of(7, 29))).isTrue();
        assertThat(quiet.contains(LocalTime.of(7, 30))).isFalse();
        assertThat(quiet.contains(LocalTime.NOON)).isFalse();
    }

    @Test
    void aDaytimeWindowAndNoWindowWorkToo() {
        NotificationProperties.QuietHours quiet = new NotificationProperties().getQuietHours();
        quiet.setStart("12:00");
        quiet.setEnd("13:30");
        assertThat(quiet.contains(LocalTime.of(12, 15))).isTrue();
        assertThat(quiet.contains(LocalTime.of(13, 30))).isFalse();
        assertThat(quiet.contains(LocalTime.of(23, 0))).isFalse();
        quiet.setStart("");
        assertThat(quiet.contains(LocalTime.of(12, 15))).isFalse();
    }

    @Test
    void robotsAreFoundByUnitWhateverTheSpellingOfTheKey() {
        NotificationProperties settings = new NotificationProperties();
        settings.setRobots(Map.of("community.c01", "https://qyapi.example/c01"));
        settings.setRobotList("dept-justice = dingtalk:https://oapi.example/justice, broken");
        assertThat(settings.robotFor("community-C01")).contains("https://qyapi.example/c01");
        assertThat(settings.robotFor("dept-justice")).contains("dingtalk:https://oapi.example/justice");
        assertThat(settings.robotFor("dept-police")).isEmpty();
        assertThat(RobotSender.formatOf("dingtalk:https://oapi.example/justice")).isEqualTo(Channel.DINGTALK);
        assertThat(RobotSender.formatOf("https://oapi.dingtalk.com/robot/send?access_token=x")).isEqualTo(Channel.DINGTALK);
        assertThat(RobotSender.formatOf("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x")).isEqualTo(Channel.WECOM);
        assertThat(RobotSender.urlOf("dingtalk:https://oapi.example/justice")).isEqualTo("https://oapi.example/justice");
    }

    @Test
    void backoffDoublesFromTheBaseUpToTheCap() {
        NotificationProperties settings = new NotificationProperties();
        NotificationWorker worker = new NotificationWorker(null, settings, List.of(), null, Clock.systemUTC(), "unit");
        assertThat(List.of(1, 2, 3, 4, 7, 8, 50).stream().map(worker::backoff)).containsExactly(
                Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4), Duration.ofMinutes(8),
                Duration.ofMinutes(64), Duration.ofHours(2), Duration.ofHours(2));
    }
}
