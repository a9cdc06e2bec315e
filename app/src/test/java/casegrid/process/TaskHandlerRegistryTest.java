package casegrid.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import casegrid.item.ItemEvent;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/** The registry binds by form, refuses a handler of another shape, and never completes a task silently. */
class TaskHandlerRegistryTest {

    /** Not a @TaskHandlers bean: the application's component scan must not pick it up. */
    static class Handlers {
        @HandlesForm("resolve")
        Completion resolve(DelegateTask task, TaskInputs in, String number, String actor) {
            return Completion.of(ItemEvent.PROGRESS_UPDATED, "继续化解");
        }
    }

    static class WrongShape {
        @HandlesForm("resolve")
        String resolve(DelegateTask task, String actor) {
            return "继续化解";
        }
    }

    final TaskHandlerRegistry registry = registry(new Handlers());

    @Test
    void aTaskIsHandledByItsFormWhateverItsIdIs() {
        Completion completion = registry.complete(task("Task_ResolveItem", "resolve"), "QF-2026-000001", "c01-staff");
        assertThat(completion.event()).isEqualTo(ItemEvent.PROGRESS_UPDATED);
        assertThat(registry.forms()).containsExactly("resolve");
    }

    @Test
    void aTaskOnAnItemWithoutAHandlerFailsLoudly() {
        assertThatThrownBy(() -> registry.complete(task("Task_New", "new-form"), "QF-2026-000001", "c01-staff"))
                .hasMessageContaining("Task_New").hasMessageContaining("new-form");
        assertThatThrownBy(() -> registry.complete(task("Task_NoForm", null), "QF-2026-000001", "c01-staff"))
                .hasMessageContaining("Task_NoForm");
    }

    @Test
    void aHandlerOfAnotherShapeIsRefusedAtStartUp() {
        assertThatThrownBy(() -> registry(new WrongShape())).hasMessageContaining("WrongShape.resolve");
    }

    static TaskHandlerRegistry registry(Object handlers) {
        TaskHandlerRegistry registry = new TaskHandlerRegistry(new StaticListableBeanFactory());
        registry.register(List.of(handlers));
        return registry;
    }

    static DelegateTask task(String id, String form) {
        UserTask element = mock(UserTask.class);
        when(element.getCamundaFormRef()).thenReturn(form);
        DelegateTask task = mock(DelegateTask.class);
        when(task.getBpmnModelElementInstance()).thenReturn(element);
        when(task.getTaskDefinitionKey()).thenReturn(id);
        return task;
    }
}
