package dev.kycsandbox.kyc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.kycsandbox.customer.Customer;

/** The KYC modes and how a tenant's is chosen, without HTTP. */
class KycModeTest {

    @Test
    void shouldOpenTheTenantsOwnChoice() {
        assertSame(KycMode.PASSPORT_CONDOR, KycMode.forTenant("passportCondor", KycMode.LICENSE_USA_CONDOR));
        assertSame(KycMode.LICENSE_USA_CONDOR, KycMode.forTenant("licenseUSACondor", KycMode.PASSPORT_CONDOR));
    }

    @Test
    void shouldFallBackToTheConfiguredDefaultWhenTheTenantChoseNone() {
        assertSame(KycMode.LICENSE_USA_CONDOR, KycMode.forTenant(null, KycMode.LICENSE_USA_CONDOR));
        assertSame(KycMode.PASSPORT_CONDOR, KycMode.forTenant(null, KycMode.PASSPORT_CONDOR));
    }

    @Test
    void shouldRefuseAStoredModeItDoesNotKnow() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> KycMode.forTenant("selfieCondor", KycMode.DEFAULT));
        assertTrue(e.getMessage().contains("selfieCondor"), e.getMessage());
    }

    @Test
    void shouldDefaultToTheLicenseMode() {
        assertSame(KycMode.LICENSE_USA_CONDOR, KycMode.DEFAULT);
        assertSame(KycMode.LICENSE_USA_CONDOR, new KycConfig.WireNameConverter().convert("licenseUSACondor"));
    }

    @Test
    void shouldReadConfiguredModesByWireName() {
        KycConfig.WireNameConverter converter = new KycConfig.WireNameConverter();
        assertSame(KycMode.PASSPORT_CONDOR, converter.convert("passportCondor"));
        assertSame(KycMode.PASSPORT_CONDOR, converter.convert(" passportCondor "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> converter.convert("PASSPORT_CONDOR"));
        assertTrue(e.getMessage().contains("licenseUSACondor") && e.getMessage().contains("passportCondor"), e.getMessage());
    }

    @Test
    void shouldValidateExactlyTheWireNames() {
        List<String> names = Arrays.stream(KycMode.values()).map(KycMode::wireName).toList();
        assertEquals(List.of("licenseUSACondor", "passportCondor"), names);
        assertEquals("^(" + String.join("|", names) + ")$", KycMode.WIRE_NAME_PATTERN);
        for (String name : names) {
            assertTrue(name.matches(KycMode.WIRE_NAME_PATTERN), name);
            assertEquals(Optional.of(name), KycMode.fromWireName(name).map(KycMode::wireName));
        }
        assertFalse("passportcondor".matches(KycMode.WIRE_NAME_PATTERN));
        assertEquals(Optional.empty(), KycMode.fromWireName("passportcondor"));
    }

    @Test
    void shouldOpenPassportSessionWithOneFrontSlotAndCardAttributes() {
        Customer customer = new Customer();
        customer.id = "cstap_0123456789abcdefghijkl";
        KycSession session = KycSession.open(customer, KycMode.PASSPORT_CONDOR, null, null,
                Instant.parse("2024-05-01T10:00:00.000Z"));
        assertEquals("passportCondor", session.mode);
        assertEquals(List.of("PASSPORT FRONT"), session.slots.stream().map(DocumentSlot::label).toList());
        assertEquals("PASSPORT", session.slots.get(0).documentType);
        assertEquals("FRONT", session.slots.get(0).documentSide);
        assertEquals(List.of(CardAttributes.GROUP), session.missingAttributeCodes);
        assertEquals(KycStatus.WAITING_DATA, session.status);
    }

    @ParameterizedTest
    @EnumSource(KycMode.class)
    void shouldAskEveryModeForAtLeastOneDocument(KycMode mode) {
        assertFalse(mode.slots().isEmpty());
        assertEquals(mode.slots().size(), mode.slots().stream().distinct().count());
    }
}
