package casegrid.casefile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * GET /api/risk-items/{number}/diagram: the item's process model (BPMN XML) with where it stands
 * ({@code activeActivityIds}) and where it has been ({@code passedActivityIds}), for the case page.
 *
 * <p>Read without the engine's authorizations once the item policy has allowed the caller: a
 * caseworker may read the item but has no READ on process definitions or history, and the model
 * and the positions carry no personal data.
 */
@RestController
class CaseDiagramController {

    private final CaseAccess access;
    private final IdentityService identityService;
    private final RepositoryService repositoryService;
    private final HistoryService historyService;

    CaseDiagramController(CaseAccess access, IdentityService identityService, RepositoryService repositoryService,
                          HistoryService historyService) {
        this.access = access;
        this.identityService = identityService;
        this.repositoryService = repositoryService;
        this.historyService = historyService;
    }

    record Diagram(String processDefinitionId, String xml, Set<String> activeActivityIds, Set<String> passedActivityIds) {
    }

    @GetMapping("/api/risk-items/{number}/diagram")
    Diagram diagram(@PathVariable String number, Authentication caller) {
        Map<String, Object> row = access.require(number, caller);
        String processInstanceId = (String) row.get("process_instance_id");
        org.camunda.bpm.engine.impl.identity.Authentication engineCaller = identityService.getCurrentAuthentication();
        identityService.clearAuthentication();
        try {
            HistoricProcessInstance instance = processInstanceId == null ? null
                    : historyService.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).singleResult();
            if (instance == null) {
                return new Diagram(null, null, Set.of(), Set.of());
            }
            Set<String> active = new LinkedHashSet<>();
            Set<String> passed = new LinkedHashSet<>();
            for (HistoricActivityInstance activity : historyService.createHistoricActivityInstanceQuery()
                    .processInstanceId(processInstanceId)
                    .orderByHistoricActivityInstanceStartTime().asc()
                    .orderPartiallyByOccurrence().asc().list()) {
                (activity.getEndTime() == null ? active : passed).add(activity.getActivityId());
            }
            return new Diagram(instance.getProcessDefinitionId(), xml(instance.getProcessDefinitionId()), active, passed);
        } finally {
            if (engineCaller != null) {
                identityService.setAuthentication(engineCaller);
            }
        }
    }

    private String xml(String processDefinitionId) {
        try (InputStream in = repositoryService.getProcessModel(processDefinitionId)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
