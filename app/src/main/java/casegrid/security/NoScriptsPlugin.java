package casegrid.security;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.BpmnParseException;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * Refuses, at deployment, any BPMN model that would run a script: a script task, a script in a
 * listener or an input/output mapping, a condition with a script language, or an external script
 * resource. Process designers deploy without a rebuild, so code must not ride in on a model;
 * behaviour belongs in reviewed Java delegates.
 */
@Component
public class NoScriptsPlugin extends AbstractProcessEnginePlugin {

    static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = configuration.getCustomPreBPMNParseListeners() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreBPMNParseListeners());
        listeners.add(new ScriptRejectingParseListener());
        configuration.setCustomPreBPMNParseListeners(listeners);
    }

    static class ScriptRejectingParseListener extends AbstractBpmnParseListener {

        @Override
        public void parseRootElement(Element rootElement, List<ProcessDefinitionEntity> processDefinitions) {
            List<String> findings = new ArrayList<>();
            collect(rootElement, null, findings);
            if (!findings.isEmpty()) {
                // A BpmnParseException becomes the engine's ParseException: REST answers 400 with this text.
                throw new BpmnParseException("部署被拒绝：casegrid 不允许在模型中使用脚本 (scripts are not allowed in casegrid models; "
                        + "use a Java delegate): " + String.join("; ", findings), rootElement);
            }
        }

        private static void collect(Element element, String nearestId, List<String> findings) {
            String id = element.attribute("id") != null ? element.attribute("id") : nearestId;
            String tag = element.getTagName();
            if ("scriptTask".equals(tag)) {
                findings.add("script task " + id);
            } else if ("script".equals(tag) && CAMUNDA_NS.equals(element.getUri())) {
                findings.add((element.attribute("resource") != null ? "external script resource near " : "script near ") + id);
            } else if ("conditionExpression".equals(tag) && element.attribute("language") != null) {
                findings.add("script condition on " + id);
            }
            for (Element child : element.elements()) {
                collect(child, id, findings);
            }
        }
    }
}
