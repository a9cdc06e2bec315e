package casegrid.support.coverage;

import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/** Keeps JUnit's default class order but runs {@link ProcessCoverageGateTest} after every other class. */
public class CoverageGateLast implements ClassOrderer {

    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort((a, b) -> Boolean.compare(isGate(a.getTestClass()), isGate(b.getTestClass())));
    }

    private static boolean isGate(Class<?> testClass) {
        return testClass == ProcessCoverageGateTest.class;
    }
}
