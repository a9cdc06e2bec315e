package casegrid.security;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
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
 * resource; and any DMN table with a script expression language (Modeler offers JavaScript, Groovy,
 * Python and JRuby per cell). Process designers deploy without a rebuild, so code must not ride in
 * on a model; behaviour belongs in reviewed Java delegates.
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
        List<Deployer> deployers = configuration.getCustomPreDeployers() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreDeployers());
        deployers.add(new ScriptRejectingDmnDeployer());
        configuration.setCustomPreDeployers(deployers);
    }

    /**
     * DMN has no parse listener hook for this, so a deployer that runs before the engine's own looks at
     * every new DMN resource. Only FEEL (the default) and JUEL are allowed: this build ships no script
     * engine, so a script cell would not even run; it would fail every grading until rolled back.
     */
    static class ScriptRejectingDmnDeployer implements Deployer {

        @Override
        public void deploy(DeploymentEntity deployment) {
            if (!deployment.isNew() || deployment.getResources() == null) {
                return; // definitions re-read into the cache were checked when they were deployed
            }
            deployment.getResources().forEach((name, resource) -> {
                if (name.endsWith(".dmn") || name.endsWith(".dmn11.xml")) {
                    List<String> findings = scriptLanguages(resource.getBytes(), name);
                    if (!findings.isEmpty()) {
                        // A ParseException is what REST answers with 400 and this text.
                        throw new ParseException("部署被拒绝：casegrid 不允许在决策表中使用脚本 (scripts are not allowed in "
                                + "casegrid decision tables; use FEEL): " + String.join("; ", findings), name, List.of(), List.of());
                    }
                }
            });
        }

        static List<String> scriptLanguages(byte[] dmn, String name) {
            List<String> findings = new ArrayList<>();
            try {
                DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
                factory.setNamespaceAware(true);
                factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                factory.setXIncludeAware(false);
                factory.setExpandEntityReferences(false);
                collect(factory.newDocumentBuilder().parse(new ByteArrayInputStream(dmn)).getDocumentElement(), null, findings);
            } catch (ParserConfigurationException | SAXException | IOException e) {
                // Malformed XML: the engine's own DMN parser reports it with its details.
                return List.of();
            }
            return findings;
        }

        private static void collect(org.w3c.dom.Element element, String nearestId, List<String> findings) {
            String id = element.hasAttribute("id") ? element.getAttribute("id") : nearestId;
            if (element.hasAttribute("expressionLanguage")) {
                String language = element.getAttribute("expressionLanguage").trim().toLowerCase(Locale.ROOT);
                if (!language.equals("juel") && !language.contains("feel")) {
                    findings.add("expression language " + element.getAttribute("expressionLanguage") + " on " + id);
                }
            }
            for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child instanceof org.w3c.dom.Element childElement) {
                    collect(childElement, id, findings);
                }
            }
        }
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
