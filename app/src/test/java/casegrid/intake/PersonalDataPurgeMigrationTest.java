package casegrid.intake;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.support.CasegridTest;
import casegrid.support.Scenario;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.handler.CompositeDbHistoryEventHandler;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * V8 removes the personal data earlier versions left in the engine's history. The rows are made
 * the way those versions made them: the engine writing history without the personal-data filter.
 */
@CasegridTest
class PersonalDataPurgeMigrationTest {

    @Autowired ProcessEngine engine;
    @Autowired IntakeService intake;
    @Autowired JdbcClient jdbc;
    @Autowired JdbcTemplate jdbcTemplate;

    @Test
    void thePurgeMigrationRemovesPartyDataEarlierVersionsLeftInHistoryAndKeepsTheRest() throws IOException {
        ProcessInstance instance = startAsEarlierVersionsDid("冯" + System.nanoTime(), "13812340000");
        String id = instance.getId();
        // Name and phone from the form, then the phone again as bytes: three variables, all DELETED.
        assertThat(count("act_hi_varinst", id)).as("left by earlier versions in ACT_HI_VARINST").isEqualTo(3);
        assertThat(count("act_hi_detail", id)).as("variable updates and form fields in ACT_HI_DETAIL").isGreaterThanOrEqualTo(4);
        List<String> byteArrays = jdbc.sql("""
                select bytearray_id_ from act_hi_varinst where proc_inst_id_ = :id and bytearray_id_ is not null
                union select bytearray_id_ from act_hi_detail where proc_inst_id_ = :id and bytearray_id_ is not null""")
                .param("id", id).query(String.class).list();
        assertThat(byteArrays).as("a value stored as bytes").isNotEmpty();
        int otherHistory = jdbc.sql("select count(*) from act_hi_varinst where proc_inst_id_ = ? and name_ = 'title'")
                .param(id).query(Integer.class).single();

        jdbcTemplate.execute(new ClassPathResource("db/migration/V8__purge_personal_data_from_history.sql")
                .getContentAsString(StandardCharsets.UTF_8));

        assertThat(count("act_hi_varinst", id)).isZero();
        assertThat(count("act_hi_detail", id)).isZero();
        assertThat(jdbc.sql("select count(*) from act_ge_bytearray where id_ in (:ids)").param("ids", byteArrays)
                .query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from act_hi_varinst where proc_inst_id_ = ? and name_ = 'title'")
                .param(id).query(Integer.class).single()).as("other variables' history is kept").isEqualTo(otherHistory)
                .isPositive();
        // Flyway ran it at start-up, before the engine had created its tables: the guard let it pass.
        assertThat(jdbc.sql("select success from flyway_schema_history where version = '8'").query(Boolean.class).single())
                .isTrue();
    }

    /**
     * A walk-in registered through the start form, and a phone later set as a byte value, with the
     * engine's plain history handler, as before the filter existed; the filter is back afterwards.
     */
    private ProcessInstance startAsEarlierVersionsDid(String partyName, String partyPhone) {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        HistoryEventHandler filtered = configuration.getHistoryEventHandler();
        configuration.setHistoryEventHandler(new CompositeDbHistoryEventHandler(configuration.getCustomHistoryEventHandlers()));
        try {
            String definitionId = engine.getRepositoryService().createProcessDefinitionQuery()
                    .processDefinitionKey("riskItem").latestVersion().singleResult().getId();
            Map<String, Object> form = new HashMap<>(Map.of("title", "来访反映噪音扰民", "description", "夜间施工噪音",
                    "category", "DISPUTE", "source", "WALK_IN", "community", "C05", "grid", "C05-G1",
                    "address", "福泰路" + System.nanoTime() + "号", "peopleInvolved", 2L, "partyName", partyName,
                    "partyPhone", partyPhone));
            ProcessInstance[] started = new ProcessInstance[1];
            new Scenario(engine, intake, jdbc).as("c05-staff",
                    () -> started[0] = engine.getFormService().submitStartForm(definitionId, form));
            String id = started[0].getId();
            engine.getRuntimeService().setVariable(id, "partyPhone",
                    Variables.byteArrayValue(partyPhone.getBytes(StandardCharsets.UTF_8)));
            engine.getRuntimeService().removeVariable(id, "partyPhone");
            return started[0];
        } finally {
            configuration.setHistoryEventHandler(filtered);
        }
    }

    private int count(String table, String processInstanceId) {
        return jdbc.sql("select count(*) from " + table + " where proc_inst_id_ = ? and name_ in ('partyName', 'partyPhone')")
                .param(processInstanceId).query(Integer.class).single();
    }
}
