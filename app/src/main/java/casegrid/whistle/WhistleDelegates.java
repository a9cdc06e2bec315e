package casegrid.whistle;

import casegrid.item.ItemEvent;
import casegrid.deadline.DeadlineCalculator;
import casegrid.item.RiskItemStore;
import casegrid.notification.Notifications;
import casegrid.org.Office;
import casegrid.org.OrgDirectory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The whistle model's service steps: call the departments in, name each one, chase a late one, sum up. */
@Configuration(proxyBeanMethods = false)
class WhistleDelegates {

    static final String DEPARTMENTS = "departments";
    static final String DEPARTMENT = "department";
    static final String DEPARTMENT_NAME = "departmentName";
    static final String WHISTLE_ID = "whistleId";
    static final String REPORT_IN_DUE = "reportInDue";
    static final String RATINGS = "ratings";
    static final String REPORT_SUMMARY = "reportSummary";
    static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** Opens the whistle: one report-in row per department, all due within casegrid.deadlines.report-in. */
    @Bean
    JavaDelegate callDepartments(WhistleStore whistles, RiskItemStore items, OrgDirectory org, DeadlineCalculator calculator,
                                 Notifications notifications) {
        return execution -> {
            String number = execution.getProcessBusinessKey();
            List<String> departments = Departments.codes(execution.getVariable(DEPARTMENTS));
            if (departments.isEmpty()) {
                throw new IllegalStateException("whistle on " + number + " without departments");
            }
            Date due = calculator.dueAt("report-in", ClockUtil.getCurrentTime());
            String caller = currentUser(execution);
            String community = items.require(number).community();
            long id = whistles.open(number, community, caller, departments, due);
            execution.setVariable(WHISTLE_ID, id);
            execution.setVariable(REPORT_IN_DUE, due);
            items.callWhistle(number);
            Map<String, String> names = names(org);
            for (String department : departments) {
                // The event's unit also lets the department read the item it is called into (ItemVisibility).
                items.addEvent(number, caller, ItemEvent.DEPARTMENT_SUMMONED, "吹哨：召集" + names.getOrDefault(department, department) + "于 "
                        + SHOWN.format(due.toInstant().atZone(Office.ZONE)) + " 前报到", department);
                notifications.whistleCall(id, number, department, names.getOrDefault(department, department), due);
            }
        };
    }

    /** Each report-in's scope knows its department's name, for the forms. */
    @Bean
    ExecutionListener openReportIn(OrgDirectory org) {
        return execution -> {
            String department = (String) execution.getVariable(DEPARTMENT);
            execution.setVariableLocal(DEPARTMENT_NAME, names(org).getOrDefault(department, department));
        };
    }

    @Bean
    JavaDelegate markReportInMissed(WhistleStore whistles, RiskItemStore items, OrgDirectory org) {
        return execution -> {
            String department = (String) execution.getVariable(DEPARTMENT);
            whistles.missed(WhistleStore.id(execution.getVariable(WHISTLE_ID)), department);
            Date due = (Date) execution.getVariable(REPORT_IN_DUE);
            items.addEvent(execution.getProcessBusinessKey(), null, ItemEvent.REPORT_IN_MISSED,
                    names(org).getOrDefault(department, department) + "未在 "
                            + SHOWN.format(due.toInstant().atZone(Office.ZONE)) + " 前报到", department);
        };
    }

    /** What the community sees before rating: who came, what they said; one rating row per department. */
    @Bean
    JavaDelegate prepareJointHandling(WhistleStore whistles) {
        ObjectMapper json = new ObjectMapper();
        return execution -> {
            ArrayNode ratings = json.createArrayNode();
            StringBuilder summary = new StringBuilder();
            for (Map<String, Object> row : whistles.reportIns(WhistleStore.id(execution.getVariable(WHISTLE_ID)))) {
                String name = (String) row.get("department_name");
                ObjectNode rating = ratings.addObject();
                rating.put(DEPARTMENT, (String) row.get("department"));
                rating.put(DEPARTMENT_NAME, name);
                rating.putNull("timeliness");
                rating.putNull("effectiveness");
                summary.append(name).append("：");
                if (WhistleStore.RELEASED.equals(row.get("arbitration"))) {
                    summary.append("经裁定放行（").append(row.get("decline_reason")).append("）");
                } else {
                    summary.append("派出 ").append(row.get("reported_person")).append("；意见：").append(row.get("opinion"));
                }
                if (Boolean.TRUE.equals(row.get("missed"))) {
                    summary.append("（超时报到）");
                }
                summary.append("\n");
            }
            execution.setVariable(RATINGS, SpinValues.jsonValue(ratings.toString()).create());
            execution.setVariable(REPORT_SUMMARY, summary.toString().trim());
        };
    }

    static Map<String, String> names(OrgDirectory org) {
        Map<String, String> names = new java.util.HashMap<>();
        org.departments().forEach(unit -> names.put(unit.code(), unit.name()));
        return names;
    }

    static String currentUser(DelegateExecution execution) {
        Authentication authentication = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        return authentication == null ? null : authentication.getUserId();
    }
}
