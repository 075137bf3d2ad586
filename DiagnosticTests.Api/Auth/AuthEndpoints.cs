using DiagnosticTests.Api.Users;
using DiagnosticTests.Domain;

namespace DiagnosticTests.Api.Auth;

public sealed record RegisterRequest(string? Email, string? Password, string? Name);

public sealed record RegisteredUser(int Id, string Email, string Name, string Role);

public sealed record TokenRequest(string? Email, string? Password);

public sealed record TokenResponse(
    [property: System.Text.Json.Serialization.JsonPropertyName("access_token")] string AccessToken,
    [property: System.Text.Json.Serialization.JsonPropertyName("token_type")] string TokenType,
    [property: System.Text.Json.Serialization.JsonPropertyName("expires_in")] int ExpiresIn);

public static class AuthEndpoints
{
    private static readonly Microsoft.AspNetCore.Mvc.ProblemDetails InvalidCredentials = new()
    {
        Type = "https://tools.ietf.org/html/rfc9110#section-15.5.2",
        Title = "Invalid credentials",
        Status = StatusCodes.Status401Unauthorized,
        Detail = "The email or password is not correct, or the account is inactive.",
    };

    public static RouteGroupBuilder MapAuthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var auth = endpoints.MapGroup("/api/auth").WithTags("Authentication");

        auth.MapPost("/register", RegisterAsync)
            .AllowAnonymous()
            .WithSummary("Create an account with the Reader role.")
            .Produces<RegisteredUser>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        auth.MapPost("/token", IssueTokenAsync)
            .AllowAnonymous()
            .WithSummary("Exchange email and password for a bearer token (JWT).")
            .Produces<TokenResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        return auth;
    }

    private static async Task<IResult> RegisterAsync(RegisterRequest request, UserAccounts accounts, CancellationToken cancellationToken)
    {
        var result = await accounts.CreateAsync(
            new UserChanges { Email = request.Email, Password = request.Password, Name = request.Name, Role = Roles.Reader },
            cancellationToken);
        if (result.EmailTaken)
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Email already registered",
                detail: "An account with this email already exists.");
        }

        if (!result.Succeeded)
        {
            return Results.ValidationProblem(ProblemErrors.From(result.Errors), detail: ProblemErrors.Summary(result.Errors));
        }

        var user = result.User!;
        return Results.Created((string?)null, new RegisteredUser(user.Id, user.Email, user.Name, user.Role));
    }

    private static async Task<IResult> IssueTokenAsync(TokenRequest request, UserAccounts accounts, TokenIssuer issuer, CancellationToken cancellationToken)
    {
        var user = await accounts.SignInAsync(request.Email, request.Password, cancellationToken);
        if (user is null)
        {
            // A fixed body, without the per-request traceId, so every refusal is byte-for-byte the same.
            return Results.Json(InvalidCredentials, statusCode: StatusCodes.Status401Unauthorized, contentType: "application/problem+json");
        }

        var token = issuer.Issue(user);
        return Results.Ok(new TokenResponse(token.Value, "Bearer", token.ExpiresInSeconds));
    }
}
