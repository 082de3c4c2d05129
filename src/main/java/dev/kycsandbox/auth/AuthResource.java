package dev.kycsandbox.auth;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.kycsandbox.api.Envelope;
import dev.kycsandbox.api.OpenApiDocs;
import dev.kycsandbox.api.Timestamps;
import io.vertx.core.http.HttpServerRequest;

@Path("/auth")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = OpenApiDocs.TAG_AUTH, description = "connectFi's login: a token for the other connectFi endpoints")
@SecurityScheme(securitySchemeName = OpenApiDocs.CONNECTFI_TOKEN, type = SecuritySchemeType.APIKEY,
        in = SecuritySchemeIn.HEADER, apiKeyName = TokenFilter.HEADER,
        description = "The token of `POST /auth/get-token`, required by every other connectFi endpoint")
public class AuthResource {

    private final AuthService auth;

    public AuthResource(AuthService auth) {
        this.auth = auth;
    }

    public record Credentials(@NotBlank @Size(max = 36) String login, @NotBlank @Size(max = 50) String password) {
    }

    public record GetTokenRequest(@NotNull @Valid Credentials user) {
    }

    public record TokenData(String token, String dtsExpireAt) {
    }

    @POST
    @Path("/get-token")
    @Operation(summary = "Log in", description = "A token of a sandbox user, sent as `x-connectfi-token` to every other"
            + " connectFi endpoint until `dtsExpireAt` (lifetime `sandbox.auth.token-lifetime`, default 24 h).")
    @APIResponse(responseCode = "200", description = "the token and when it expires")
    @APIResponse(responseCode = "400", description = OpenApiDocs.INVALID_JSON)
    @APIResponse(responseCode = "401", description = "`unauthorized`: unknown login or wrong password")
    @APIResponse(responseCode = "429", description = "`tooManyRequests`: too many failed logins for this login or from"
            + " this address within `sandbox.auth.login-attempts.window` (defaults: 10 per login, 50 per address, 1 minute)")
    public Envelope<TokenData> getToken(@NotNull @Valid GetTokenRequest request, HttpServerRequest http) {
        AuthService.IssuedToken issued = auth.issueToken(request.user().login(), request.user().password(),
                http.remoteAddress().hostAddress());
        return Envelope.of(new TokenData(issued.token(), Timestamps.format(issued.expiresAt())));
    }
}
