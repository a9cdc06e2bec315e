package casegrid.support.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The process coverage gate (STYLE.md 6c): every model under processes/ must have at least 90 % of
 * its flow nodes passed by the test run. Runs after every other class ({@link CoverageGateLast}) and
 * reads what {@link FlowNodeCoverageExtension} collected; prints the figures and the uncovered ids
 * and writes them to target/process-coverage.txt.
 */
class ProcessCoverageGateTest {

    static final double MINIMUM = 0.90;
    static final Path PROCESSES = Path.of("..", "processes").toAbsolutePath().normalize();

    @Test
    void everyModelHasNinetyPercentOfItsFlowNodesCoveredByTheSuite() throws IOException {
        Assumptions.assumeFalse(FlowNodeCoverage.isEmpty(),
                "no process test ran in this JVM (a single class was selected): nothing to gate");
        List<String> report = new ArrayList<>();
        List<String> belowMinimum = new ArrayList<>();
        for (Map.Entry<String, Set<String>> model : flowNodesPerProcess().entrySet()) {
            Set<String> uncovered = new TreeSet<>(model.getValue());
            uncovered.removeAll(FlowNodeCoverage.passed(model.getKey()));
            int total = model.getValue().size();
            double covered = (total - uncovered.size()) / (double) total;
            String line = String.format("%-14s %3d/%3d %5.1f %%%s", model.getKey(), total - uncovered.size(), total,
                    covered * 100, uncovered.isEmpty() ? "" : "  uncovered: " + String.join(", ", uncovered));
            report.add(line);
            if (covered < MINIMUM) {
                belowMinimum.add(line);
            }
        }
        System.out.println("== flow-node coverage per process ==\n" + String.join("\n", report));
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", "process-coverage.txt"), report);
        assertThat(belowMinimum).as("processes below %.0f %% flow-node coverage", MINIMUM * 100).isEmpty();
    }

    /** Process key → ids of every flow node in it (sub-process contents included), from processes/*.bpmn. */
    static Map<String, Set<String>> flowNodesPerProcess() throws IOException {
        Map<String, Set<String>> nodes = new TreeMap<>();
        try (Stream<Path> files = Files.list(PROCESSES)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".bpmn")).sorted().toList()) {
                BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
                for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
                    nodes.computeIfAbsent(processOf(node).getId(), k -> new TreeSet<>()).add(node.getId());
                }
            }
        }
        return nodes;
    }

    static Process processOf(ModelElementInstance element) {
        ModelElementInstance parent = element.getParentElement();
        while (!(parent instanceof Process)) {
            parent = parent.getParentElement();
        }
        return (Process) parent;
    }
}
