package casegrid.config;

import casegrid.org.OrgSync;
import casegrid.tasklist.TasklistFilters;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/** Brings Camunda's identity data and Tasklist filters in line with the organisation, at every start. */
@Component
class Startup implements ApplicationRunner {

    private final OrgSync orgSync;
    private final TasklistFilters filters;

    Startup(OrgSync orgSync, TasklistFilters filters) {
        this.orgSync = orgSync;
        this.filters = filters;
    }

    @Override
    public void run(ApplicationArguments args) {
        orgSync.synchronise();
        filters.synchronise();
    }
}
