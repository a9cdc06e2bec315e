package casegrid.security;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.deadline.DeadlineProperties;
import casegrid.deadline.Schedules;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/** The deployment check on expressions alone, against a small bean factory: what passes and what is named. */
class ExpressionPolicyTest {

    final ExpressionPolicy policy = new ExpressionPolicy(new ModelApiCatalog(beans()));

    static StaticListableBeanFactory beans() {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("schedules", new Schedules(new DeadlineProperties()));
        beans.addBean("registerItem", (JavaDelegate) execution -> { });
        beans.addBean("processEngine", new Object());
        beans.addBean("jdbcClient", new Object());
        return beans;
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "${number} ${title}", "${riskLevel == 'HIGH' ? 'street-leaders' : 'community-'.concat(community).concat('-leaders')}",
            "${schedules.weeklyReview}", "${schedules['dailyCheck']}", "#{execution.processBusinessKey}", "${registerItem}",
            "${duplicateOf != null && duplicateOf != ''}", "${!feedbackGiven}", "${departments.contains('dept-police')}",
            "${row.outcome}", "${list[0]}", "${dateTime().plusDays(2).toDate()}", "${now()}", "${currentUser()}",
            "\\${execution.getProcessEngineServices()} is text"})
    void whatTheModelsUsePasses(String expression) {
        assertThat(policy.violations(expression)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "${execution.getProcessEngineServices()}", "${execution.processEngineServices}", "${task.execution}",
            "${execution['processEngineServices']}", "${execution[name]}", "${jdbcClient.sql('x')}", "${jdbcClient}",
            "${schedules.getWeeklyReview(processEngine)}", "${x.concat(processEngine)}", "${registerItem.execute(execution)}",
            "${registerItem.class}", "${schedules.deadlines}", "${''.getClass()}", "${title.class}", "${S(x)}", "${fn:x()}",
            "${title[method]()}", "${a.b(}", "${a} #{b}"})
    void whatReachesBeyondThePublishedApiIsNamed(String expression) {
        assertThat(policy.violations(expression)).as(expression).isNotEmpty();
    }
}
