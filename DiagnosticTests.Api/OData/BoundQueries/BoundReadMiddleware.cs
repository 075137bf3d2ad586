using DiagnosticTests.Api.Data;
using DiagnosticTests.Api.OData.DirectWriting;

namespace DiagnosticTests.Api.OData.BoundQueries;

/// <summary>
/// Answers a repeated catalogue read from what OData bound for its URL (<see cref="BoundQueryCache"/>) before MVC
/// runs the action: building the controller and running its filters cost about a seventh of the service's CPU for
/// a one-row tag search. It runs after authorization, for the endpoint the URL routed to, and only for an action
/// that reuses bindings (<see cref="CatalogueQueryAttribute.ReuseBinding"/>); anything else goes on to MVC.
/// </summary>
public sealed class BoundReadMiddleware(RequestDelegate next, BoundQueryCache reads)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<CatalogueQueryAttribute>() is not { ReuseBinding: true }
            || reads.Find(context.Request) is not { } read)
        {
            await next(context);
            return;
        }

        var page = await read.ReadAsync(context.RequestServices.GetRequiredService<AppDbContext>(), context.Request);
        await new DirectPageResult(read.Direct, page).WriteAsync(context);
    }
}
