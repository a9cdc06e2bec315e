package casegrid.process;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.intake.IntakeService;
import casegrid.support.CasegridTest;
import casegrid.support.Scenario;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * V11 turns the task-id kinds earlier versions wrote into domain events. The rows are written as those
 * versions wrote them (kind = task id, summary = "verb：handler text"); the migration's updates run
 * again over them (its column is already there: Flyway ran it at start-up).
 */
@CasegridTest
class DomainEventKindsMigrationTest {

    @Autowired ProcessEngine engine;
    @Autowired IntakeService intake;
    @Autowired JdbcClient jdbc;
    @Autowired JdbcTemplate jdbcTemplate;

    @Test
    void oldTaskIdKindsBecomeTheDomainEventsTheyWereAndTheIdStaysAsATrace() throws IOException {
        Scenario item = new Scenario(engine, intake, jdbc).intake("c11-grid1", Scenario.neighbourDispute("C11"));
        Map<String, String> expected = new LinkedHashMap<>();
        old(item, "Task_Grade", "研判定级：定为低风险（与建议一致），制定一事一策", "GRADED", expected);
        old(item, "Task_Resolve", "化解处置：继续化解。约谈双方", "PROGRESS_UPDATED", expected);
        old(item, "Task_Resolve", "化解处置：申请延期，申请延期至 2026-12-20。等待鉴定", "EXTENSION_REQUESTED", expected);
        old(item, "Task_ApproveExtension", "审批延期：不同意延期：理由不足", "EXTENSION_REJECTED", expected);
        old(item, "Task_ApproveExtension", "审批延期：同意延期至 2026-12-20", "EXTENSION_APPROVED", expected);
        old(item, "Task_Resolve", "化解处置：退单，退单理由：属住建职责。非本社区职责", "TASK_COMPLETED", expected);
        old(item, "Task_Resolve", "化解处置：移交，移交至：区住建局。属区级职责", "TRANSFERRED", expected);
        old(item, "Task_Resolve", "化解处置：已化解。签订调解协议", "RESOLUTION_REQUESTED", expected);
        old(item, "Task_RequestClosure", "申请销号：合理诉求已解决。调解协议书", "CLOSURE_REQUESTED", expected);
        old(item, "Task_ApproveClosure", "审批销号：退回销号申请：材料不全", "CLOSURE_REJECTED", expected);
        old(item, "Task_ApproveClosure", "审批销号：同意销号（解决一个销号一个）", "CLOSED", expected);
        old(item, "Task_ReportIn", "部门报到：司法所已报到，派出 张三；意见：调解", "TASK_COMPLETED", expected);
        old(item, "Task_SomethingNew", "设计人员新增的任务", "TASK_COMPLETED", expected);
        old(item, "WHISTLE", "吹哨：召集司法所于 2026-11-25 17:00 前报到", "DEPARTMENT_SUMMONED", expected);

        String migration = new ClassPathResource("db/migration/V11__domain_event_kinds.sql").getContentAsString(StandardCharsets.UTF_8);
        jdbcTemplate.execute(migration.replaceFirst("alter table risk_item_event add column task_key varchar\\(100\\);", ""));

        Map<String, String> migrated = new LinkedHashMap<>();
        jdbc.sql("select summary, kind from risk_item_event where number = ? and kind <> 'REGISTERED' order by id")
                .param(item.number).query((rs, i) -> migrated.put(rs.getString(1), rs.getString(2))).list();
        assertThat(migrated).containsExactlyEntriesOf(expected);
        assertThat(jdbc.sql("select task_key from risk_item_event where number = ? and summary like '化解处置%' order by id")
                .param(item.number).query(String.class).list()).containsOnly("Task_Resolve").hasSize(5);
    }

    void old(Scenario item, String kind, String summary, String migratedKind, Map<String, String> expected) {
        jdbc.sql("insert into risk_item_event (number, at, actor, kind, summary) values (?, now(), 'c11-staff', ?, ?)")
                .params(item.number, kind, summary).update();
        expected.put(summary, migratedKind);
    }
}
