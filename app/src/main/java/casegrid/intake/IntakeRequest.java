package casegrid.intake;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;

/** The intake body of CONTRACT.md, as the mobile app, the hotline bridge and the Tasklist start form send it. */
public record IntakeRequest(
        @NotBlank(message = "必须填写事项标题") @Size(max = 100, message = "标题不能超过100字") String title,
        @NotBlank(message = "必须填写事项描述") @Size(max = 5000, message = "描述不能超过5000字") String description,
        @NotBlank(message = "必须选择类别") String category,
        @Size(max = 100, message = "细类不能超过100字") String subcategory,
        @NotBlank(message = "必须选择来源渠道") String source,
        @NotBlank(message = "必须选择社区") String community,
        @NotBlank(message = "必须填写网格") String grid,
        @NotBlank(message = "必须填写地址") @Size(max = 300, message = "地址不能超过300字") String address,
        OffsetDateTime occurredAt,
        @NotNull(message = "必须填写涉及人数") @Min(value = 0, message = "涉及人数不能为负数") Integer peopleInvolved,
        @Valid @Size(max = 50, message = "当事人不能超过50人") List<PartyInput> parties,
        Boolean threatOfViolence,
        Boolean involvesMinors,
        Boolean crossJurisdiction,
        @Schema(description = "工单在市矛盾纠纷多元化解平台或12345热线的编号（来源 PLATFORM 或 HOTLINE_12345 时可填）。"
                + "同一编号再次推送，返回已登记的同一事项（200），不会新建。", example = "GD-2026-1128-000457")
        @Size(max = 64, message = "外部工单号不能超过64个字符")
        @Pattern(regexp = "^[A-Za-z0-9][A-Za-z0-9._:/-]*$", message = "外部工单号只能由字母、数字和 . _ : / - 组成")
        String externalId,
        @Schema(description = "上报时手机定位的纬度（WGS-84，度），与经度同时填写或都不填", example = "39.9087")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @DecimalMin(value = "-90", message = "纬度应在 -90 到 90 之间")
        @DecimalMax(value = "90", message = "纬度应在 -90 到 90 之间") Double latitude,
        @Schema(description = "上报时手机定位的经度（WGS-84，度），与纬度同时填写或都不填", example = "116.3975")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @DecimalMin(value = "-180", message = "经度应在 -180 到 180 之间")
        @DecimalMax(value = "180", message = "经度应在 -180 到 180 之间") Double longitude) {

    /** A request without coordinates (every path but the mobile page and apps that send a location). */
    public IntakeRequest(String title, String description, String category, String subcategory, String source,
                         String community, String grid, String address, OffsetDateTime occurredAt, Integer peopleInvolved,
                         List<PartyInput> parties, Boolean threatOfViolence, Boolean involvesMinors,
                         Boolean crossJurisdiction, String externalId) {
        this(title, description, category, subcategory, source, community, grid, address, occurredAt, peopleInvolved,
                parties, threatOfViolence, involvesMinors, crossJurisdiction, externalId, null, null);
    }

    /** A request without a work-order id: every intake path but the platform's. */
    public IntakeRequest(String title, String description, String category, String subcategory, String source,
                         String community, String grid, String address, OffsetDateTime occurredAt, Integer peopleInvolved,
                         List<PartyInput> parties, Boolean threatOfViolence, Boolean involvesMinors,
                         Boolean crossJurisdiction) {
        this(title, description, category, subcategory, source, community, grid, address, occurredAt, peopleInvolved,
                parties, threatOfViolence, involvesMinors, crossJurisdiction, null, null, null);
    }

    public record PartyInput(
            @NotBlank(message = "必须填写当事人姓名") @Size(max = 100, message = "姓名不能超过100字") String name,
            @Pattern(regexp = "^(1\\d{10}|0\\d{2,3}-?\\d{7,8})$", message = "电话号码格式不正确") String phone,
            @Size(max = 32, message = "角色不能超过32字") String role) {
    }

    public List<PartyInput> partiesOrEmpty() {
        return parties == null ? List.of() : parties;
    }
}
