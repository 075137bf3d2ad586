using DiagnosticTests.Api.Data;
using DiagnosticTests.Api.OData.BoundQueries;
using DiagnosticTests.Api.OData.DirectWriting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.AspNetCore.OData.Results;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.Extensions.Options;

namespace DiagnosticTests.Api.OData;

/// <summary>
/// [EnableQuery] with the configured <see cref="QueryLimits"/>, and with its 400 responses rewritten
/// into the OData error format: the stock ones carry the exception's stack trace, even in Production.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, Inherited = true, AllowMultiple = false)]
public sealed class CatalogueQueryAttribute : EnableQueryAttribute
{
    /// <summary>
    /// False for results the action has already ordered (rankings): OData would otherwise re-sort them by
    /// key, or by every property for a complex type, to make paging stable.
    /// </summary>
    public bool ReorderForPaging { get; init; } = true;

    /// <summary>
    /// True for an action whose query depends on nothing but the URL (an entity set's whole collection): what OData
    /// bound for a URL is kept (<see cref="BoundQueryCache"/>), and a repeat is answered before MVC (<see cref="BoundReadMiddleware"/>).
    /// </summary>
    public bool ReuseBinding { get; init; }

    public override void OnActionExecuting(ActionExecutingContext actionExecutingContext)
    {
        var limits = actionExecutingContext.HttpContext.RequestServices.GetRequiredService<IOptions<QueryLimits>>().Value;
        // Set so that OData applies the query at all; entity queries are then paged by ServerPaging.
        PageSize = limits.PageSize;
        MaxTop = limits.MaxTop;
        MaxExpansionDepth = limits.MaxExpansionDepth;
        MaxNodeCount = limits.MaxNodeCount;
        MaxAnyAllExpressionDepth = limits.MaxAnyAllExpressionDepth;
        // Parameterised constants let the database reuse one plan for every tag list.
        EnableConstantParameterization = true;
        EnsureStableOrdering = ReorderForPaging;

        base.OnActionExecuting(actionExecutingContext);
        actionExecutingContext.Result = WithoutStackTrace(actionExecutingContext.Result);
    }

    public override void OnActionExecuted(ActionExecutedContext actionExecutedContext)
    {
        if (actionExecutedContext.Result is ObjectResult { Value: SingleResult })
        {
            DeferredEntity.MarkSingleResult(actionExecutedContext.HttpContext.Request);
        }

        base.OnActionExecuted(actionExecutedContext);
        actionExecutedContext.Result = WithoutStackTrace(actionExecutedContext.Result);
    }

    public override IQueryable ApplyQuery(IQueryable queryable, ODataQueryOptions queryOptions) =>
        DeferredEntity.Defer(Compose(queryable, queryOptions), queryOptions.Request);

    private IQueryable Compose(IQueryable queryable, ODataQueryOptions queryOptions)
    {
        var request = queryOptions.Request;
        if (!ReorderForPaging || !ServerPaging.Applies(queryable, queryOptions, request))
        {
            return base.ApplyQuery(queryable, queryOptions);
        }

        var limits = request.HttpContext.RequestServices.GetRequiredService<IOptions<QueryLimits>>().Value;
        var pageSize = ServerPaging.EffectivePageSize(request, limits.PageSize);
        if (DirectPage.Plan(queryable, queryOptions, request) is { } direct)
        {
            return direct.Rows(ServerPaging.Compose(direct.Include(queryable), queryOptions, request, pageSize, DirectPage.Handled));
        }

        return ServerPaging.Compose(queryable, queryOptions, request, pageSize, AllowedQueryOptions.None);
    }

    /// <summary>
    /// After OData has composed the query (OnActionExecuted), read it asynchronously before the formatter writes:
    /// a page, or the entity of a SingleResult (<see cref="DeferredEntity"/>).
    /// </summary>
    public override async Task OnResultExecutionAsync(ResultExecutingContext context, ResultExecutionDelegate next)
    {
        if (context.Result is ObjectResult { Value: DeferredEntity deferred } single)
        {
            var direct = DirectPage.Planned(context.HttpContext.Request);
            var db = context.HttpContext.RequestServices.GetRequiredService<AppDbContext>();
            var statement = direct?.Statement(deferred.Query, db);
            var entity = await DeferredEntity.SingleOrDefaultAsync(
                statement is null ? deferred.Rows : direct!.Entities(db, statement), context.HttpContext.RequestAborted);
            single.Value = entity;
            // No entity: 404, as [EnableQuery] answers a SingleResult without one.
            context.Result = entity is null ? new NotFoundResult() : direct is null ? single : new DirectPageResult(direct, new[] { entity });
        }

        if (context.Result is ObjectResult result && ServerPaging.CanMaterialize(result.Value))
        {
            var request = context.HttpContext.Request;
            var query = (IQueryable)result.Value!;
            var direct = DirectPage.Planned(request);
            var db = request.HttpContext.RequestServices.GetRequiredService<AppDbContext>();
            var statement = direct?.Statement(query, db);
            var page = direct is null
                ? await ServerPaging.MaterializeAsync(query, request)
                : await ServerPaging.MaterializeAsync(
                    statement is null ? (IAsyncEnumerable<object>)query : direct.Entities(db, statement),
                    direct.EntityType,
                    (IAsyncQueryProvider)query.Provider,
                    request);
            result.Value = page;
            if (direct is not null)
            {
                context.Result = new DirectPageResult(direct, page);
                if (ReuseBinding)
                {
                    request.HttpContext.RequestServices.GetRequiredService<BoundQueryCache>().Remember(request, query, direct, statement);
                }
            }
        }

        await base.OnResultExecutionAsync(context, next);
    }

    private static IActionResult? WithoutStackTrace(IActionResult? result) =>
        result is BadRequestObjectResult { Value: SerializableError error }
            ? ODataErrors.BadRequest(WithoutFrameworkAdvice(error.TryGetValue("Message", out var message) ? $"{message}" : "The query is not valid."))
            : result;

    // OData appends advice for the service's developer ("set the 'MaxTop' property on EnableQueryAttribute"); clients cannot act on it.
    private static string WithoutFrameworkAdvice(string message)
    {
        var advice = message.IndexOf(" To increase the limit", StringComparison.Ordinal);
        if (advice < 0)
        {
            advice = message.IndexOf(" 'MaxAnyAllExpressionDepth' can be configured", StringComparison.Ordinal);
        }

        return advice < 0 ? message : message[..advice];
    }
}
