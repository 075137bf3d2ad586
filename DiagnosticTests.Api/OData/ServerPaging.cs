using System.Collections;
using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using Microsoft.AspNetCore.OData.Extensions;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;

namespace DiagnosticTests.Api.OData;

/// <summary>
/// Server-driven paging done here rather than by OData's page size, for two measured costs of the latter:
/// it also pages every expanded collection (EF turns <c>$expand=Tags</c> into a ROW_NUMBER window over the
/// whole link table), and it reads the page synchronously (TruncatedCollection), holding a thread for the
/// database round trip. Here the query is composed without a page size, limited to one row more than the
/// page in SQL, read asynchronously, and given OData's own next link when that extra row came back.
/// $count=true is counted asynchronously too: OData counts synchronously while it serialises. A search by
/// tags alone is counted from the link table (<see cref="TagSearchCount"/>).
/// </summary>
public static class ServerPaging
{
    private static readonly object ReadingKey = new();
    private static readonly MethodInfo Take = typeof(Queryable).GetMethods().Single(m => m.Name == nameof(Queryable.Take) && m.GetParameters()[1].ParameterType == typeof(int));
    private static readonly ConcurrentDictionary<Type, Type> ListTypes = new();

    /// <summary>The composition settings: OData's, without a page size.</summary>
    public static ODataQuerySettings Settings(bool ensureStableOrdering) => new()
    {
        EnsureStableOrdering = ensureStableOrdering,
        EnableConstantParameterization = true,
        TimeZone = TimeZoneInfo.Utc,
    };

    /// <summary>
    /// Whether this request can be paged here. Not when the client orders without $skip/$top (OData adds the
    /// key as a tie-breaker only with those, and pages must not overlap), nor for $count or in-memory results.
    /// </summary>
    public static bool Applies(IQueryable source, ODataQueryOptions options, HttpRequest request) =>
        source.Provider is IAsyncQueryProvider
        && !request.IsCountRequest()
        && (options.OrderBy is null || options.Skip is not null || options.Top is not null);

    /// <summary>
    /// Composes the client's query and limits it to <paramref name="pageSize"/> + 1 rows, or a single entity's options.
    /// <paramref name="handledElsewhere"/> are options the caller applies itself.
    /// </summary>
    public static IQueryable Compose(IQueryable source, ODataQueryOptions options, HttpRequest request, int pageSize, AllowedQueryOptions handledElsewhere)
    {
        var isCollection = options.Context.Path?.LastSegment is not (KeySegment or SingletonSegment);
        if (!isCollection)
        {
            return options.ApplyTo(source, Settings(ensureStableOrdering: false), handledElsewhere);
        }

        var unordered = source;
        if (options.OrderBy is null && options.Skip is null && options.Top is null)
        {
            source = OrderByKey(source, options.Context.ElementType as IEdmEntityType);
        }

        var composed = options.ApplyTo(source, Settings(ensureStableOrdering: true), handledElsewhere);
        Expression? count = null;
        if (options.Count?.Value == true)
        {
            request.ODataFeature().TotalCountFunc = null;
            count = TagSearchCount.For(options, request) is { } tagSearchCount
                ? Expression.Call(typeof(Queryable), nameof(Queryable.FirstOrDefault), [typeof(long)], tagSearchCount.Expression)
                : LongCount(Matching(unordered, options));
        }

        Remember(request, new PageReading(pageSize, count));
        return (IQueryable)Take.MakeGenericMethod(composed.ElementType).Invoke(null, [composed, pageSize + 1])!;
    }

    /// <summary>How the page composed for this request is read: its size, and the count query when $count=true asked for one.</summary>
    public static PageReading? Reading(HttpRequest request) => request.HttpContext.Items[ReadingKey] as PageReading;

    /// <summary>Sets how MaterializeAsync reads this request's page (a page composed elsewhere, say reused).</summary>
    public static void Remember(HttpRequest request, PageReading reading) => request.HttpContext.Items[ReadingKey] = reading;

    public static bool CanMaterialize(object? value) =>
        value is IQueryable { Provider: IAsyncQueryProvider } query && !query.ElementType.IsValueType;

    /// <summary>Reads the composed query asynchronously into a typed list (the formatter picks its serializer by type).</summary>
    public static Task<IList> MaterializeAsync(IQueryable query, HttpRequest request) =>
        MaterializeAsync((IAsyncEnumerable<object>)query, query.ElementType, (IAsyncQueryProvider)query.Provider, request);

    /// <summary>Reads <paramref name="rows"/> of <paramref name="elementType"/>; the count, if any, runs on <paramref name="provider"/>, the rows' context.</summary>
    public static async Task<IList> MaterializeAsync(IAsyncEnumerable<object> rows, Type elementType, IAsyncQueryProvider provider, HttpRequest request)
    {
        var list = (IList)Activator.CreateInstance(ListTypes.GetOrAdd(elementType, t => typeof(List<>).MakeGenericType(t)))!;
        await foreach (var item in rows.WithCancellation(request.HttpContext.RequestAborted))
        {
            list.Add(item);
        }

        if (Reading(request) is not { } reading)
        {
            return list;
        }

        if (reading.Count is { } count)
        {
            // Same context as the page: the count's query roots were built from it.
            request.ODataFeature().TotalCount = await provider.ExecuteAsync<Task<long>>(count, request.HttpContext.RequestAborted);
        }

        if (list.Count > reading.PageSize)
        {
            list.RemoveAt(reading.PageSize);
            request.ODataFeature().NextLink = request.GetNextPageLink(reading.PageSize, null, null);
        }

        return list;
    }

    /// <summary>The page size in force: the configured one, or less when the client prefers (Prefer: odata.maxpagesize=N).</summary>
    public static int EffectivePageSize(HttpRequest request, int configured)
    {
        foreach (var preference in Preferences.Of(request))
        {
            var parts = preference.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length == 2 && string.Equals(parts[0], "odata.maxpagesize", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out var preferred) && preferred > 0)
            {
                return Math.Min(configured, preferred);
            }
        }

        return configured;
    }

    private static Expression LongCount(IQueryable matching) =>
        Expression.Call(typeof(Queryable), nameof(Queryable.LongCount), [matching.ElementType], matching.Expression);

    /// <summary>What $count counts: the source with $filter and $search applied, as OData counts it.</summary>
    private static IQueryable Matching(IQueryable source, ODataQueryOptions options)
    {
        var settings = Settings(ensureStableOrdering: false);
        var matching = options.Filter?.ApplyTo(source, settings) ?? source;
        return options.Search?.ApplyTo(matching, settings) ?? matching;
    }

    private static IQueryable OrderByKey(IQueryable source, IEdmEntityType? entityType)
    {
        var keys = entityType?.Key().Select(k => k.Name).ToList() ?? [];
        var parameter = Expression.Parameter(source.ElementType, "e");
        var expression = source.Expression;
        for (var i = 0; i < keys.Count; i++)
        {
            var key = Expression.Lambda(Expression.Property(parameter, keys[i]), parameter);
            var method = i == 0 ? nameof(Queryable.OrderBy) : nameof(Queryable.ThenBy);
            expression = Expression.Call(typeof(Queryable), method, [source.ElementType, key.Body.Type], expression, Expression.Quote(key));
        }

        return source.Provider.CreateQuery(expression);
    }
}

/// <summary>A page limited to <see cref="PageSize"/> + 1 rows, and the scalar query that counts what it pages (for $count=true).</summary>
public sealed record PageReading(int PageSize, Expression? Count);
