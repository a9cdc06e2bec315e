package casegrid.support;

import casegrid.support.coverage.FlowNodeCoverageExtension;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The one Spring test configuration: the real app on a random port over the embedded PostgreSQL,
 * job executor off. Every Spring test uses exactly this, so the context is built once per suite.
 * After each class, the flow nodes its processes passed are recorded for the coverage gate.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ExtendWith(FlowNodeCoverageExtension.class)
public @interface CasegridTest {
}
