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

import dev.kycsandbox.api.Envelope;
import dev.kycsandbox.api.Timestamps;

@Path("/auth")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
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
    public Envelope<TokenData> getToken(@NotNull @Valid GetTokenRequest request) {
        AuthService.IssuedToken issued = auth.issueToken(request.user().login(), request.user().password());
        return Envelope.of(new TokenData(issued.token(), Timestamps.format(issued.expiresAt())));
    }
}
