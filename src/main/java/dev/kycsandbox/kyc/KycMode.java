package dev.kycsandbox.kyc;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** A KYC flow: which document slots a session opens and which attribute groups it requests. */
public enum KycMode {
    LICENSE_USA_CONDOR("licenseUSACondor",
            List.of(new SlotSpec("LICENSE", "FRONT"), new SlotSpec("LICENSE", "BACK")),
            List.of(CardAttributes.GROUP));

    public static final KycMode DEFAULT = LICENSE_USA_CONDOR;

    private final String wireName;
    private final List<SlotSpec> slots;
    private final List<String> attributeGroups;

    KycMode(String wireName, List<SlotSpec> slots, List<String> attributeGroups) {
        this.wireName = wireName;
        this.slots = slots;
        this.attributeGroups = attributeGroups;
    }

    public String wireName() {
        return wireName;
    }

    public List<SlotSpec> slots() {
        return slots;
    }

    public List<String> attributeGroups() {
        return attributeGroups;
    }

    public static Optional<KycMode> fromWireName(String name) {
        return Arrays.stream(values()).filter(m -> m.wireName.equals(name)).findFirst();
    }

    /** One document slot: {@code LICENSE} + {@code FRONT} is labelled {@code LICENSE FRONT}. */
    public record SlotSpec(String type, String side) {
    }
}
