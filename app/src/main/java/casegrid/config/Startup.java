package casegrid.config;

import casegrid.org.DemoOrganisation;
import casegrid.org.OrgSync;
import casegrid.tasklist.TasklistFilters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Brings Camunda's identity data and Tasklist filters in line with the organisation, at every start:
 * the demo profile (re-)imports the demo street's file first; prod imports nothing and, while it has
 * no street yet, says what the administrator must import (docs/organisation.md).
 */
@Component
class Startup implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(Startup.class);

    private final OrgSync orgSync;
    private final DemoOrganisation demoOrganisation;
    private final TasklistFilters filters;
    private final JdbcClient jdbc;
    private final boolean demo;

    Startup(OrgSync orgSync, DemoOrganisation demoOrganisation, TasklistFilters filters, JdbcClient jdbc,
            @Value("${casegrid.demo.enabled}") boolean demo) {
        this.orgSync = orgSync;
        this.demoOrganisation = demoOrganisation;
        this.filters = filters;
        this.jdbc = jdbc;
        this.demo = demo;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (demo) {
            demoOrganisation.load();
        } else {
            orgSync.synchronise();
            if (jdbc.sql("select count(*) from street").query(Integer.class).single() == 0) {
                log.warn("组织机构为空：请以 admin 登录，打开 /admin/org 下载模板，填写街道、社区、网格、部门和人员后上传导入"
                        + "（docs/organisation.md）。No organisation yet: sign in as admin, open /admin/org, download the"
                        + " template, fill it in and import it.");
            }
        }
        filters.synchronise();
    }
}
