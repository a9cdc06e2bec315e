package casegrid.org;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.support.CasegridTest;
import casegrid.support.Http;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A second street built from an xlsx through the admin API: a file with broken rows is refused with
 * every problem by sheet, line and column and nothing written; the corrected file creates the street in
 * the tables and in Camunda (groups, users, memberships, authorizations); the same file again changes
 * nothing; a person left out is disabled; a unit still used by an item cannot be removed. Only
 * camunda-admin may do any of it, and every call is audited. The second street is removed afterwards,
 * since every test class shares one database and the demo organisation's counts.
 */
@CasegridTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OrgImportHttpTest {

    static final String IMPORT = "/api/admin/org/import";
    static final List<String> PEOPLE = List.of("hj-center1", "hj-leader1", "h01-staff", "h01-grid1", "h02-staff", "hjjustice1");

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired ProcessEngine engine;

    /** The second street, sheet by sheet (header row first, as the template has it). */
    static Map<String, List<List<String>>> secondStreet() {
        Map<String, List<List<String>>> sheets = new LinkedHashMap<>();
        sheets.put("街道", rows(List.of("编码", "名称", "编号前缀", "综治中心组", "领导组"),
                List.of("HJ", "和谐街道", "HJ", "street-center-hj", "street-leaders-hj")));
        sheets.put("督导组", rows(List.of("编码", "名称", "所属街道"), List.of("supervision-hj1", "和谐第一督导组", "HJ")));
        sheets.put("社区", rows(List.of("编码", "名称", "所属街道", "督导组"),
                List.of("H01", "和谐一社区", "HJ", "supervision-hj1"),
                List.of("H02", "和谐二社区", "HJ", "supervision-hj1")));
        sheets.put("网格", rows(List.of("编码", "名称", "所属社区"),
                List.of("H01-G1", "和谐一社区第一网格", "H01"),
                List.of("H02-G1", "和谐二社区第一网格", "H02")));
        sheets.put("部门", rows(List.of("编码", "名称", "所属街道"), List.of("dept-hj-justice", "和谐街道司法所", "HJ")));
        sheets.put("人员", rows(List.of("账号", "姓名", "所属单位/角色", "手机", "邮箱"),
                List.of("hj-center1", "和谐综治中心员", "street-center-hj", "13800000001", "hj-center1@example.invalid"),
                List.of("hj-leader1", "和谐街道领导", "和谐街道领导", "", ""),
                // by group ids and by names, separated as people type them
                List.of("h01-staff", "和谐一社区工作人员", "community-H01；和谐一社区工作人员", "138 0000 0003", ""),
                List.of("h01-grid1", "和谐一社区网格员", "grid-workers\ncommunity-H01", "", ""),
                List.of("h02-staff", "和谐二社区工作人员", "community-H02;community-H02-staff", "", ""),
                List.of("hjjustice1", "和谐司法所联络员", "dept-hj-justice", "", "")));
        return sheets;
    }

    @SafeVarargs
    static List<List<String>> rows(List<String>... rows) {
        return new ArrayList<>(List.of(rows));
    }

    static byte[] xlsx(Map<String, List<List<String>>> sheets) {
        try (Workbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            sheets.forEach((name, rows) -> {
                Sheet sheet = workbook.createSheet(name);
                for (int r = 0; r < rows.size(); r++) {
                    Row row = sheet.createRow(r);
                    for (int c = 0; c < rows.get(r).size(); c++) {
                        row.createCell(c).setCellValue(rows.get(r).get(c));
                    }
                }
            });
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    Http admin() {
        return new Http(port).as("admin");
    }

    Http.Response upload(Http caller, byte[] file, boolean dryRun) {
        return caller.postMultipart(IMPORT + (dryRun ? "?dryRun=true" : ""), Map.of(), Map.of("file", file));
    }

    int count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Integer.class).single();
    }

    @Test
    @Order(1)
    void theTemplateOpensWithPoiAndHasEverySheetWithItsHeader() throws IOException {
        var response = admin().download("/api/admin/org/template");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).contains("spreadsheetml");
        try (Workbook workbook = WorkbookFactory.create(new ByteArrayInputStream(response.body()))) {
            for (var sheet : OrgWorkbook.COLUMNS.entrySet()) {
                Row header = workbook.getSheet(sheet.getKey()).getRow(0);
                for (int c = 0; c < sheet.getValue().size(); c++) {
                    assertThat(header.getCell(c).getStringCellValue()).isEqualTo(sheet.getValue().get(c));
                }
            }
            assertThat(workbook.getSheet("说明").getRow(0).getCell(0).getStringCellValue()).contains("组织机构导入模板");
        }
        assertThat(count("select count(*) from access_audit where user_id = 'admin' and action = 'ORG_TEMPLATE'")).isPositive();
    }

    @Test
    @Order(2)
    void aFileWithBrokenRowsIsRefusedWithEveryProblemByLineAndNothingIsWritten() {
        Map<String, List<List<String>>> broken = secondStreet();
        broken.get("社区").add(List.of("H-03", "和谐三社区", "HJ", "supervision-hj1"));       // line 4: '-' in a code
        broken.get("网格").add(List.of("H09-G1", "不存在的社区的网格", "H09"));                  // line 4: unknown community
        broken.get("部门").add(List.of("dept-hj-justice", "重复的司法所", "HJ"));               // line 3: duplicate code
        broken.get("人员").set(2, List.of("hj-leader1", "和谐街道领导", "和谐街道领导", "1380000", "")); // line 3: bad phone
        byte[] file = xlsx(broken);
        int streets = count("select count(*) from street");
        long users = engine.getIdentityService().createUserQuery().count();

        Http.Response dryRun = upload(admin(), file, true);
        assertThat(dryRun.status()).isEqualTo(200);
        assertThat(dryRun.json().path("valid").asBoolean()).isFalse();
        List<String> problems = problems(dryRun.json().path("problems"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("社区|4|编码|").contains("不能含“-”"))
                .anySatisfy(p -> assertThat(p).startsWith("网格|4|所属社区|").contains("H09"))
                .anySatisfy(p -> assertThat(p).startsWith("部门|3|编码|").contains("dept-hj-justice"))
                .anySatisfy(p -> assertThat(p).startsWith("人员|3|手机|"));
        assertThat(problems).hasSize(4);

        Http.Response refused = upload(admin(), file, false);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.header("Content-Type")).contains("application/problem+json");
        assertThat(problems(refused.json().path("problems"))).containsExactlyElementsOf(problems);
        assertThat(refused.json().path("errors").get(0).path("field").asText()).isNotBlank();

        assertThat(count("select count(*) from street")).isEqualTo(streets);
        assertThat(count("select count(*) from community where code in ('H01', 'H02')")).isZero();
        assertThat(count("select count(*) from person where user_id = 'hj-center1'")).isZero();
        assertThat(engine.getIdentityService().createUserQuery().count()).isEqualTo(users);
        assertThat(engine.getIdentityService().createGroupQuery().groupId("street-center-hj").count()).isZero();
        assertThat(count("select count(*) from access_audit where user_id = 'admin' and action = 'ORG_IMPORT' and detail like '%未导入%'"))
                .isPositive();
    }

    static List<String> problems(JsonNode problems) {
        List<String> list = new ArrayList<>();
        problems.forEach(p -> list.add(p.path("sheet").asText() + "|" + p.path("row").asInt() + "|" + p.path("column").asText()
                + "|" + p.path("message").asText()));
        return list;
    }

    @Test
    @Order(3)
    void theCorrectedFileBuildsTheSecondStreetInTheTablesAndInCamunda() {
        byte[] file = xlsx(secondStreet());
        Http.Response dryRun = upload(admin(), file, true);
        assertThat(dryRun.status()).isEqualTo(200);
        assertThat(dryRun.json().path("valid").asBoolean()).as(dryRun.body()).isTrue();
        assertThat(dryRun.json().path("counts").path("社区").path("added").asInt()).isEqualTo(2);
        assertThat(dryRun.json().path("newAccounts")).hasSize(PEOPLE.size());
        assertThat(count("select count(*) from street where code = 'HJ'")).as("a dry run writes nothing").isZero();

        Http.Response imported = upload(admin(), file, false);
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        JsonNode counts = imported.json().path("counts");
        assertThat(counts.path("街道").path("added").asInt()).isEqualTo(1);
        assertThat(counts.path("网格").path("added").asInt()).isEqualTo(2);
        assertThat(counts.path("人员").path("added").asInt()).isEqualTo(PEOPLE.size());

        assertThat(jdbc.sql("select number_prefix || '/' || center_group || '/' || leaders_group from street where code = 'HJ'")
                .query(String.class).single()).isEqualTo("HJ/street-center-hj/street-leaders-hj");
        assertThat(jdbc.sql("select code from community where street_code = 'HJ' order by code").query(String.class).list())
                .containsExactly("H01", "H02");
        assertThat(count("select count(*) from department where code = 'dept-hj-justice' and street_code = 'HJ'")).isOne();
        assertThat(jdbc.sql("select phone from person_contact where user_id = 'h01-staff'").query(String.class).single())
                .isEqualTo("13800000003");

        var identity = engine.getIdentityService();
        for (String group : List.of("street-center-hj", "street-leaders-hj", "community-H01", "community-H01-staff",
                "community-H02-leaders", "dept-hj-justice", "supervision-hj1")) {
            assertThat(identity.createGroupQuery().groupId(group).count()).as(group).isOne();
        }
        assertThat(identity.createGroupQuery().groupId("street-center-hj").singleResult().getName()).isEqualTo("和谐街道综治中心");
        assertThat(identity.createUserQuery().userId("hj-leader1").memberOfGroup("street-leaders-hj").count()).isOne();
        assertThat(identity.createUserQuery().userId("h01-staff").memberOfGroup("community-H01-staff").count()).isOne();
        assertThat(identity.createUserQuery().userId("h01-grid1").memberOfGroup("grid-workers").count()).isOne();
        assertThat(identity.createUserQuery().userId("h01-grid1").singleResult().getFirstName()).isEqualTo("和谐一社区网格员");
        var authorizations = engine.getAuthorizationService();
        Authorization tasklist = authorizations.createAuthorizationQuery().groupIdIn("street-center-hj")
                .resourceType(Resources.APPLICATION).resourceId("tasklist").singleResult();
        assertThat(tasklist.isPermissionGranted(Permissions.ACCESS)).isTrue();
        assertThat(authorizations.createAuthorizationQuery().groupIdIn("community-H01-staff")
                .resourceType(Resources.USER).resourceId("*").singleResult().isPermissionGranted(Permissions.READ)).isTrue();

        // Each new account's one-time password is shown once, here, and works; the database keeps only Camunda's hash.
        JsonNode accounts = imported.json().path("newAccounts");
        assertThat(accounts).hasSize(PEOPLE.size());
        for (JsonNode account : accounts) {
            String password = account.path("password").asText();
            assertThat(password).hasSize(12);
            assertThat(identity.checkPassword(account.path("userId").asText(), password)).isTrue();
            assertThat(count("select count(*) from access_audit where detail like ?", "%" + password + "%")).isZero();
        }
        assertThat(count("select count(*) from act_id_user where pwd_ = ?", accounts.get(0).path("password").asText())).isZero();
        assertThat(count("select count(*) from access_audit where user_id = 'admin' and action = 'ORG_IMPORT' and detail like '%HJ%新增%'"))
                .isPositive();
        assertThat(admin().get("/api/admin/org").json().path("streets").toString()).contains("和谐街道");
    }

    @Test
    @Order(4)
    void importingTheSameFileAgainChangesNothing() {
        Http.Response again = upload(admin(), xlsx(secondStreet()), false);
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        again.json().path("counts").forEach(c -> {
            assertThat(c.path("added").asInt() + c.path("changed").asInt() + c.path("removed").asInt()).as(c.toString()).isZero();
            assertThat(c.path("unchanged").asInt()).isPositive();
        });
        assertThat(again.json().path("newAccounts")).isEmpty();
        // The export of what is there now is itself a file that changes nothing.
        var export = admin().download("/api/admin/org/export");
        assertThat(export.statusCode()).isEqualTo(200);
        Http.Response exported = upload(admin(), export.body(), true);
        assertThat(exported.json().path("valid").asBoolean()).as(exported.body()).isTrue();
        exported.json().path("counts").forEach(c -> assertThat(c.path("added").asInt() + c.path("changed").asInt()
                + c.path("removed").asInt()).as(c.toString()).isZero());
        assertThat(count("select count(*) from access_audit where user_id = 'admin' and action = 'ORG_EXPORT'")).isPositive();
    }

    @Test
    @Order(5)
    void aPersonLeftOutLosesTheStreetsGroupsAndIsDisabledNotDeleted() {
        Map<String, List<List<String>>> sheets = secondStreet();
        sheets.get("人员").removeIf(r -> r.get(0).equals("h02-staff"));
        Http.Response response = upload(admin(), xlsx(sheets), false);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().path("counts").path("人员").path("removed").asInt()).isOne();
        assertThat(response.json().path("disabled").toString()).contains("h02-staff");
        assertThat(count("select count(*) from person where user_id = 'h02-staff' and not active")).isOne();
        var identity = engine.getIdentityService();
        assertThat(identity.createUserQuery().userId("h02-staff").count()).as("kept for the history that names them").isOne();
        assertThat(identity.createGroupQuery().groupMember("h02-staff").count()).isZero();
    }

    @Test
    @Order(6)
    void aCommunityStillUsedByAnItemCannotBeRemoved() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "楼道堆物");
        body.put("description", "楼道内堆放杂物，堵塞消防通道。");
        body.put("category", "PUBLIC_SAFETY");
        body.put("source", "GRID_SURVEY");
        body.put("community", "C15");
        body.put("grid", "C15-G1");
        body.put("address", "C15 组织路" + System.nanoTime() + "号");
        body.put("peopleInvolved", 0);
        body.put("threatOfViolence", false);
        body.put("involvesMinors", false);
        body.put("crossJurisdiction", false);
        assertThat(new Http(port).as("c15-grid1").postJson("/api/risk-items", body).status()).isEqualTo(201);

        // The demo street as it is, without C15, its grids and its people.
        OrgData now = OrgData.read(jdbc);
        var qf = now.communities().stream().filter(c -> c.street().equals("QF") && !c.code().equals("C15")).toList();
        var kept = qf.stream().map(OrgData.Community::code).toList();
        var qfGroups = new java.util.HashSet<>(OrgData.FIXED_GROUPS.keySet());
        qfGroups.addAll(now.streetGroups("QF").keySet());
        OrgData withoutC15 = new OrgData(now.streets().stream().filter(s -> s.code().equals("QF")).toList(),
                now.supervisions().stream().filter(s -> s.street().equals("QF")).toList(),
                qf,
                now.grids().stream().filter(g -> kept.contains(g.community())).toList(),
                now.departments().stream().filter(d -> d.street().equals("QF")).toList(),
                now.people().stream().filter(p -> qfGroups.containsAll(p.groups())
                        && p.groups().stream().noneMatch(g -> g.contains("C15"))).toList());
        int communities = count("select count(*) from community");
        Http.Response refused = upload(admin(), OrgWorkbook.write(withoutC15), false);
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(problems(refused.json().path("problems"))).anySatisfy(p -> assertThat(p).startsWith("社区|0|编码|")
                .contains("C15").contains("不能删除"));
        assertThat(count("select count(*) from community")).isEqualTo(communities);
        assertThat(engine.getIdentityService().createUserQuery().userId("c15-staff").memberOfGroup("community-C15-staff").count()).isOne();
    }

    @Test
    @Order(7)
    void onlyTheAdministratorMayDownloadOrImport() {
        for (String user : List.of("center1", "leader1", "c03-staff", "designer")) {
            Http caller = new Http(port).as(user);
            assertThat(caller.download("/api/admin/org/template").statusCode()).as(user).isEqualTo(403);
            assertThat(caller.download("/api/admin/org/export").statusCode()).as(user).isEqualTo(403);
            assertThat(upload(caller, xlsx(secondStreet()), true).status()).as(user).isEqualTo(403);
            assertThat(caller.get("/admin/org").status()).as(user).isEqualTo(403);
            assertThat(caller.get("/api/admin/reference").status()).as(user).isEqualTo(403);
        }
        assertThat(new Http(port).anonymous().get("/api/admin/org").status()).isEqualTo(401);
        assertThat(count("select count(*) from access_audit where user_id = 'center1' and action = 'REFUSED'"
                + " and path like '/api/admin/org%'")).isPositive();
        Http.Response page = admin().get("/admin/org");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<html lang=\"zh-CN\"").contains("组织机构").doesNotContain("https://");
    }

    /** The second street goes again: the other test classes count the demo organisation. */
    @AfterAll
    void removeTheSecondStreet() {
        var identity = engine.getIdentityService();
        var authorizations = engine.getAuthorizationService();
        for (String user : PEOPLE) {
            identity.deleteUser(user);
            jdbc.sql("delete from person_group where user_id = ?").param(user).update();
            jdbc.sql("delete from person_contact where user_id = ?").param(user).update();
            jdbc.sql("delete from person where user_id = ?").param(user).update();
        }
        for (String group : List.of("street-center-hj", "street-leaders-hj", "community-H01", "community-H01-staff",
                "community-H01-leaders", "community-H02", "community-H02-staff", "community-H02-leaders", "dept-hj-justice",
                "supervision-hj1")) {
            authorizations.createAuthorizationQuery().groupIdIn(group).list().forEach(a -> authorizations.deleteAuthorization(a.getId()));
            identity.deleteGroup(group);
        }
        jdbc.sql("delete from grid where community_code in ('H01', 'H02')").update();
        jdbc.sql("delete from community where street_code = 'HJ'").update();
        jdbc.sql("delete from department where street_code = 'HJ'").update();
        jdbc.sql("delete from supervision_group where street_code = 'HJ'").update();
        jdbc.sql("delete from item_number_counter where street_code = 'HJ'").update();
        jdbc.sql("delete from street where code = 'HJ'").update();
    }
}
