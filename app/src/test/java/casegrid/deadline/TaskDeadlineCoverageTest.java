package casegrid.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.supervision.OverdueTaskSweeper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every user task of every shipped model has a deadline from Decision_TaskDeadline (its own row, for each
 * risk level and for none) and a miss path: a timer of its own that repeats until the task is done (or
 * ends it), or else the {@link OverdueTaskSweeper}, which chases every task without one.
 */
class TaskDeadlineCoverageTest {

    static final Path PROCESSES = Path.of("..").toAbsolutePath().normalize().resolve("processes");
    static final List<String> LEVELS = Arrays.asList("HIGH", "MEDIUM", "LOW", null);

    static DmnDecision table;
    static String tableText;
    static DmnEngine dmn;
    static final DeadlineCalculator calculator = new DeadlineCalculator(new DeadlineProperties(), WorkingCalendar.builtIn());

    record ModelTask(String file, BpmnModelInstance model, UserTask task) {
        @Override
        public String toString() {
            return file + "#" + task.getId();
        }
    }

    @BeforeAll
    static void readTable() throws IOException {
        dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
        Path file = PROCESSES.resolve("task-deadline.dmn");
        tableText = Files.readString(file);
        try (InputStream in = Files.newInputStream(file)) {
            table = dmn.parseDecision(TaskDeadlineTable.DECISION, in);
        }
    }

    static List<ModelTask> userTasks() throws IOException {
        List<ModelTask> tasks = new ArrayList<>();
        try (Stream<Path> files = Files.list(PROCESSES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList()) {
                BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
                model.getModelElementsByType(UserTask.class)
                        .forEach(task -> tasks.add(new ModelTask(file.getFileName().toString(), model, task)));
            }
        }
        return tasks;
    }

    @Test
    void everyUserTaskOfEveryModelGetsADueDateFromItsOwnRowOfTheTable() throws IOException {
        List<ModelTask> tasks = userTasks();
        assertThat(tasks).hasSizeGreaterThanOrEqualTo(25);
        Date start = new Date();
        for (ModelTask t : tasks) {
            String form = t.task().getCamundaFormRef();
            assertThat(form).as("%s shows a form", t).isNotBlank();
            assertThat(tableText).as("%s: the table has a row for form %s (not only the catch-all)", t, form)
                    .contains("<text>\"" + form + "\"</text>");
            for (String level : LEVELS) {
                Map<String, Object> inputs = new HashMap<>();
                inputs.put("formId", form);
                inputs.put("riskLevel", level);
                DmnDecisionResultEntries row = dmn.evaluateDecision(table, inputs).getFirstResult();
                assertThat(row).as("%s at %s", t, level).isNotNull();
                DayCounting counting = DayCounting.valueOf(row.getEntry("counting"));
                TaskDeadlineTable.Chased.valueOf(row.getEntry("chased"));
                Date due = calculator.dueAt(row.getEntry("duration"), counting, start);
                assertThat(due).as("%s at %s is due after it starts", t, level).isAfter(start);
            }
        }
    }

    @Test
    void everyUserTaskHasAMissPathThatRepeatsUntilItIsDone() throws IOException {
        for (ModelTask t : userTasks()) {
            Set<String> ownTimers = OverdueTaskSweeper.tasksWithOwnTimer(t.model());
            if (!ownTimers.contains(t.task().getId())) {
                continue; // chased by the sweep, every working day until done (OverdueTaskSweeperTest)
            }
            List<BoundaryEvent> timers = t.model().getModelElementsByType(BoundaryEvent.class).stream()
                    .filter(b -> b.getAttachedTo() == t.task()
                            && !b.getChildElementsByType(TimerEventDefinition.class).isEmpty())
                    .toList();
            // Task_Resolve's resolve-by timer fires once, but its weekly-update cycle keeps chasing.
            assertThat(timers).as("%s: a timer of its own that repeats until the task is done, or ends it; "
                            + "otherwise leave the task to the sweep", t)
                    .anySatisfy(timer -> assertThat(timer.cancelActivity()
                            || timer.getChildElementsByType(TimerEventDefinition.class).iterator().next().getTimeCycle() != null)
                            .isTrue());
        }
    }
}
