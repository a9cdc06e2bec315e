package casegrid.support;

/** Settings for a second, web-less app context on the suite's database (a restart, a prod start). */
public final class SecondNode {

    /** Without a servlet container the engine's REST (Jersey) auto-configuration has nothing to attach to. */
    public static final String NO_WEB_REST = "org.camunda.bpm.spring.boot.starter.rest.CamundaBpmRestJerseyAutoConfiguration";

    private SecondNode() {
    }
}
