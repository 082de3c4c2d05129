package dev.kycsandbox.sandbox;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.kycsandbox.api.Envelope;
import dev.kycsandbox.api.OpenApiDocs;
import dev.kycsandbox.api.Timestamps;
import dev.kycsandbox.auth.AuthService;
import dev.kycsandbox.auth.SandboxUser;
import dev.kycsandbox.kyc.KycConfig;
import dev.kycsandbox.kyc.KycMode;
import dev.kycsandbox.kyc.KycService;
import dev.kycsandbox.kyc.KycSessionSummary;
import dev.kycsandbox.tenant.Tenant;
import dev.kycsandbox.tenant.TenantService;

/** Tenants, their users, their KYC sessions and their reset: the admin side of multi-tenancy. */
@Path("/sandbox/tenants")
@AdminOnly
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = OpenApiDocs.TAG_TENANTS, description = "Tenants, their KYC mode, users and KYC sessions, and their reset")
@SecurityRequirement(name = OpenApiDocs.ADMIN_TOKEN)
@APIResponse(responseCode = "401", description = OpenApiDocs.ADMIN_UNAUTHORIZED)
public class TenantsResource {

    static final String TENANT_ID = "^[0-9a-zA-Z_-]{1,36}$";

    private final TenantService tenants;
    private final AuthService auth;
    private final KycService kyc;
    private final KycConfig kycConfig;

    public TenantsResource(TenantService tenants, AuthService auth, KycService kyc, KycConfig kycConfig) {
        this.tenants = tenants;
        this.auth = auth;
        this.kyc = kyc;
        this.kycConfig = kycConfig;
    }

    public record CreateTenantRequest(@NotNull @Pattern(regexp = TENANT_ID) String tenantId,
            @Pattern(regexp = KycMode.WIRE_NAME_PATTERN) String kycMode) {
    }

    /** {@code kycMode} null (or absent): back to the configured default. */
    public record KycModeRequest(@Pattern(regexp = KycMode.WIRE_NAME_PATTERN) String kycMode) {
    }

    public record CreateUserRequest(@NotBlank @Size(max = 36) String login, @NotBlank @Size(max = 50) String password) {
    }

    /** {@code kycMode}: the tenant's own choice, null when it follows the default; {@code effectiveKycMode}: what kyc/init opens. */
    @JsonPropertyOrder({ "tenantId", "kycMode", "effectiveKycMode", "users", "createdAt" })
    public record TenantView(String tenantId, String kycMode, String effectiveKycMode, List<String> users,
            String createdAt) {
    }

    public record TenantList(List<TenantView> tenants) {
    }

    @JsonPropertyOrder({ "userId", "login", "tenantId", "createdAt" })
    public record UserView(String userId, String login, String tenantId, String createdAt) {
    }

    public record DeletedUser(String tenantId, String login) {
    }

    public record SessionList(String tenantId, List<KycSessionSummary> sessions) {
    }

    public record ResetResult(String tenantId, int deletedFiles) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a tenant", description = "A tenant with no users yet, in `kycMode` (absent: the"
            + " configured default).")
    @APIResponse(responseCode = "200", description = "the tenant")
    @APIResponse(responseCode = "400", description = OpenApiDocs.INVALID_JSON + ", `tenantExists`")
    public Envelope<TenantView> create(@NotNull @Valid CreateTenantRequest request) {
        return Envelope.of(view(tenants.create(request.tenantId(), request.kycMode()), List.of()));
    }

    @GET
    @Operation(summary = "List the tenants", description = "Every tenant, by id.")
    @APIResponse(responseCode = "200", description = "the tenants")
    public Envelope<TenantList> list() {
        Map<String, List<String>> logins = auth.users().stream()
                .collect(Collectors.groupingBy(u -> u.tenantId, Collectors.mapping(u -> u.login, Collectors.toList())));
        return Envelope.of(new TenantList(tenants.list().stream()
                .map(t -> view(t, logins.getOrDefault(t.id, List.of()))).toList()));
    }

    @GET
    @Path("/{tenantId}")
    @Operation(summary = "Read a tenant", description = "Its own KYC mode, the mode `kyc/init` opens now, its users'"
            + " logins; never its webhook secret.")
    @APIResponse(responseCode = "200", description = "the tenant")
    @APIResponse(responseCode = "404", description = OpenApiDocs.TENANT_NOT_FOUND)
    public Envelope<TenantView> get(@PathParam("tenantId") String tenantId) {
        return Envelope.of(view(tenants.require(tenantId)));
    }

    @PUT
    @Path("/{tenantId}/kyc-mode")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a tenant's KYC mode", description = "The mode of the tenant's next sessions; null: back"
            + " to the configured default. Open sessions keep theirs.")
    @APIResponse(responseCode = "200", description = "the tenant")
    @APIResponse(responseCode = "400", description = OpenApiDocs.INVALID_JSON)
    @APIResponse(responseCode = "404", description = OpenApiDocs.TENANT_NOT_FOUND)
    public Envelope<TenantView> setKycMode(@PathParam("tenantId") String tenantId,
            @NotNull @Valid KycModeRequest request) {
        return Envelope.of(view(tenants.setKycMode(tenantId, request.kycMode())));
    }

    @POST
    @Path("/{tenantId}/users")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a sandbox user", description = "A user of the tenant, who logs in with"
            + " `/auth/get-token`; logins are unique across tenants.")
    @APIResponse(responseCode = "200", description = "the user")
    @APIResponse(responseCode = "400", description = OpenApiDocs.INVALID_JSON + ", `loginExists`")
    @APIResponse(responseCode = "404", description = OpenApiDocs.TENANT_NOT_FOUND)
    public Envelope<UserView> createUser(@PathParam("tenantId") String tenantId,
            @NotNull @Valid CreateUserRequest request) {
        SandboxUser user = auth.createUser(tenantId, request.login(), request.password());
        return Envelope.of(new UserView(user.id, user.login, user.tenantId, Timestamps.format(user.createdAt)));
    }

    @DELETE
    @Path("/{tenantId}/users/{login}")
    @Operation(summary = "Delete a sandbox user", description = "The user and its tokens, which answer 401 from then"
            + " on; the tenant's data stays.")
    @APIResponse(responseCode = "200", description = "the user deleted")
    @APIResponse(responseCode = "404", description = OpenApiDocs.TENANT_NOT_FOUND + ", `userNotFound`")
    public Envelope<DeletedUser> deleteUser(@PathParam("tenantId") String tenantId, @PathParam("login") String login) {
        auth.deleteUser(tenantId, login);
        return Envelope.of(new DeletedUser(tenantId, login));
    }

    @GET
    @Path("/{tenantId}/kyc-sessions")
    @Operation(summary = "List a tenant's KYC sessions", description = "Newest first, at most `limit` (1 to 1000).")
    @APIResponse(responseCode = "200", description = "the sessions")
    @APIResponse(responseCode = "400", description = "`requestValidateError`: `limit` is out of range")
    @APIResponse(responseCode = "404", description = OpenApiDocs.TENANT_NOT_FOUND)
    public Envelope<SessionList> sessions(@PathParam("tenantId") String tenantId,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        tenants.require(tenantId);
        return Envelope.of(new SessionList(tenantId, kyc.sessionsOfTenant(tenantId, limit)));
    }

    /** Deletes the tenant's customers, KYC sessions and documents; the tenant and its users stay. */
    @POST
    @Path("/{tenantId}/reset")
    @Operation(summary = "Reset a tenant", description = "Deletes everything the tenant owns: customers, KYC sessions,"
            + " documents and their files, webhooks. The tenant, its mode, users and tokens stay.")
    @APIResponse(responseCode = "200", description = "the number of files deleted")
    @APIResponse(responseCode = "404", description = OpenApiDocs.TENANT_NOT_FOUND)
    public Envelope<ResetResult> reset(@PathParam("tenantId") String tenantId) {
        return Envelope.of(new ResetResult(tenantId, tenants.reset(tenantId)));
    }

    private TenantView view(Tenant tenant) {
        return view(tenant, auth.usersOf(tenant.id).stream().map(u -> u.login).toList());
    }

    private TenantView view(Tenant tenant, List<String> logins) {
        return new TenantView(tenant.id, tenant.kycMode,
                KycMode.forTenant(tenant.kycMode, kycConfig.defaultMode()).wireName(), logins,
                Timestamps.format(tenant.createdAt));
    }
}
