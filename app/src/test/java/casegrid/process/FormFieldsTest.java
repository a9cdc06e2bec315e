package casegrid.process;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.item.RiskItemVariables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What each shipped form submits, as ClientInputGuard reads it: the task's answers, no context, no identity. */
class FormFieldsTest {

    static final Path FORMS = Path.of("..", "forms").toAbsolutePath().normalize();

    static byte[] form(String id) throws IOException {
        return Files.readAllBytes(FORMS.resolve(id + ".form"));
    }

    @Test
    void aTaskFormSubmitsItsAnswersButNotTheDisabledContext() throws IOException {
        assertThat(FormFields.submitted(form("grade"))).containsExactlyInAnyOrder("riskLevel", "fixableNow", "gradeReason");
        assertThat(FormFields.submitted(form("plan"))).containsExactlyInAnyOrder("responsibleUnit", "responsibleLeader",
                "investigator", "resolver", "stabiliser", "dispatcher", "measures", "resolveBy");
    }

    @Test
    void aSelectsOptionListIsReadNotSubmittedAndItsAnswerMustBeAmongThem() throws IOException {
        assertThat(FormFields.submitted(form("plan"))).doesNotContain("personOptions", "leaderOptions", "unitOptions");
        assertThat(FormFields.optionLists(form("plan"))).containsExactlyInAnyOrder("personOptions", "leaderOptions", "unitOptions");
        assertThat(FormFields.choices(form("plan"))).containsEntry("responsibleLeader", new FormFields.Choice("leaderOptions", false))
                .containsEntry("investigator", new FormFields.Choice("personOptions", false)).doesNotContainKey("measures");
        assertThat(FormFields.choices(form("resolve"))).containsEntry("departments", new FormFields.Choice("departmentOptions", true));
        // A disabled select shows a recorded unit by name: its list is set, its value is not an answer.
        assertThat(FormFields.optionLists(form("issue-supervision"))).contains("allUnitOptions");
        assertThat(FormFields.choices(form("issue-supervision"))).isEmpty();
    }

    @Test
    void anAnswerNamesOneOptionOrSeveral() {
        assertThat(OfferedOptions.answers("c03-staff", false)).containsExactly("c03-staff");
        assertThat(OfferedOptions.answers(" ", false)).isEmpty();
        assertThat(OfferedOptions.answers("[\"dept-police\",\"dept-urban\"]", true)).containsExactly("dept-police", "dept-urban");
        assertThat(OfferedOptions.answers("dept-police,dept-urban", true)).containsExactly("dept-police", "dept-urban");
        assertThat(OfferedOptions.answers(java.util.List.of("dept-police"), true)).containsExactly("dept-police");
    }

    @Test
    void aDynamicListSubmitsOneVariableUnderItsPath() throws IOException {
        assertThat(FormFields.submitted(form("joint-handling"))).containsExactlyInAnyOrder("jointAction", "ratings");
    }

    @Test
    void theStartFormSubmitsTheIntakeFieldsOnly() throws IOException {
        assertThat(FormFields.submitted(form("intake"))).containsExactlyInAnyOrder("title", "description", "category",
                "subcategory", "source", "community", "grid", "address", "occurredAt", "peopleInvolved", "partyName",
                "partyPhone", "threatOfViolence", "involvesMinors", "crossJurisdiction");
    }

    @Test
    void noTaskFormAsksForTheItemsIdentity() throws IOException {
        try (Stream<Path> forms = Files.list(FORMS)) {
            forms.filter(f -> f.toString().endsWith(".form") && !f.getFileName().toString().equals("intake.form"))
                    .forEach(f -> {
                        try {
                            assertThat(FormFields.submitted(Files.readAllBytes(f))).as(f.getFileName().toString())
                                    .doesNotContainAnyElementsOf(RiskItemVariables.ITEM_IDENTITY);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
        }
    }
}
