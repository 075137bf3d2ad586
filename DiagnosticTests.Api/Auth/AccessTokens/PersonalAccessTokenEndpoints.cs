using DiagnosticTests.Api.Data;
using DiagnosticTests.Domain;
using Microsoft.EntityFrameworkCore;

namespace DiagnosticTests.Api.Auth.AccessTokens;

public sealed record CreateTokenRequest(string? Name, int? ExpiresInDays);

public sealed record CreatedToken(int Id, string Name, string Token, DateTimeOffset ExpiresAt);

public sealed record TokenSummary(int Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? LastUsedAt);

/// <summary>Each user manages their own tokens; nobody, not even an Admin, sees another user's.</summary>
public static class PersonalAccessTokenEndpoints
{
    public static void MapPersonalAccessTokenEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var tokens = endpoints.MapGroup("/api/auth/personal-access-tokens").WithTags("Personal access tokens");

        tokens.MapPost("/", CreateAsync)
            .WithSummary("Create a read-only token for Excel / Power BI; its value is shown only in this response.")
            .Produces<CreatedToken>(StatusCodes.Status201Created)
            .ProducesValidationProblem();
        tokens.MapGet("/", ListAsync)
            .WithSummary("List your tokens (without their values).")
            .Produces<TokenSummary[]>();
        tokens.MapDelete("/{id:int}", RevokeAsync)
            .WithSummary("Revoke one of your tokens.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> CreateAsync(CreateTokenRequest request, HttpContext context, AppDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var token = new PersonalAccessToken
        {
            UserId = context.User.GetUserId()!.Value,
            Name = request.Name?.Trim() ?? "",
            CreatedAt = now,
            ExpiresAt = now.AddDays(request.ExpiresInDays ?? 0),
        };
        var value = TokenHashing.NewToken();
        token.TokenHash = TokenHashing.Hash(value);

        var errors = EntityValidator.Validate(token).ToList();
        if (PersonalAccessToken.CheckLifetime(request.ExpiresInDays) is { } lifetimeError)
        {
            errors.Add(new System.ComponentModel.DataAnnotations.ValidationResult(lifetimeError, ["ExpiresInDays"]));
        }

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(ProblemErrors.From(errors), detail: ProblemErrors.Summary(errors));
        }

        db.PersonalAccessTokens.Add(token);
        await db.SaveChangesAsync(cancellationToken);
        return Results.Created($"/api/auth/personal-access-tokens/{token.Id}", new CreatedToken(token.Id, token.Name, value, token.ExpiresAt));
    }

    private static async Task<TokenSummary[]> ListAsync(HttpContext context, AppDbContext db, CancellationToken cancellationToken)
    {
        var userId = context.User.GetUserId();
        return await db.PersonalAccessTokens.AsNoTracking()
            .Where(t => t.UserId == userId)
            .OrderBy(t => t.Id)
            .Select(t => new TokenSummary(t.Id, t.Name, t.CreatedAt, t.ExpiresAt, t.LastUsedAt))
            .ToArrayAsync(cancellationToken);
    }

    private static async Task<IResult> RevokeAsync(int id, HttpContext context, AppDbContext db, CancellationToken cancellationToken)
    {
        var userId = context.User.GetUserId();
        var deleted = await db.PersonalAccessTokens.Where(t => t.Id == id && t.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        return deleted == 0
            ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"You have no personal access token with id {id}.")
            : Results.NoContent();
    }
}
