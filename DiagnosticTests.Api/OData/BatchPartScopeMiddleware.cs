using Microsoft.AspNetCore.OData.Abstracts;

namespace DiagnosticTests.Api.OData;

/// <summary>
/// Gives each part of a $batch its own service scope. Otherwise every part shares the batch request's
/// scope, whose authentication handlers stay bound to the first part: a later part's 401/403 would be
/// written onto an earlier part's response, and parts would share one DbContext.
/// </summary>
public sealed class BatchPartScopeMiddleware(RequestDelegate next)
{
    /// <summary>Whether this request is a part of a $batch.</summary>
    // Reads the feature rather than GetODataBatchId(), which creates one (with a dictionary) on every request.
    public static bool IsBatchPart(HttpContext context) => context.Features.Get<IODataBatchFeature>()?.BatchId is not null;

    // Not async on the way through: every request passes here, and an async frame around next costs each one a state machine.
    public Task InvokeAsync(HttpContext context) => IsBatchPart(context) ? InvokeInOwnScopeAsync(context) : next(context);

    private async Task InvokeInOwnScopeAsync(HttpContext context)
    {
        var batchServices = context.RequestServices;
        await using var scope = batchServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        context.RequestServices = scope.ServiceProvider;
        try
        {
            await next(context);
        }
        finally
        {
            context.RequestServices = batchServices;
        }
    }
}
