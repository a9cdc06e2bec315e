package casegrid.attachment;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Why a file was added: at intake (现场照片), with a progress update (进展材料), as write-off evidence (佐证材料). */
public enum AttachmentPurpose {
    INTAKE("登记材料"), PROGRESS("进展材料"), EVIDENCE("佐证材料");

    private final String label;

    AttachmentPurpose(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    static String codes() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining("/"));
    }
}
