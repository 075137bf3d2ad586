using System.Reflection;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.EntityFrameworkCore;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;

namespace DiagnosticTests.Api.OData.DirectWriting;

/// <summary>
/// A page OData would write plainly: an entity set's entities with all their own properties and, when
/// expanded, whole related collections, in minimal metadata. Such a page is read as entities (the expansions
/// as joined rows (<see cref="JoinedExpansion"/>) or EF includes, not OData's per-property wrappers) and written by <see cref="DirectPageResult"/>: for the
/// load benchmark's 50 tests with tags, about 1.5 times the requests per second of OData's serializer on the
/// same two cores. A $select of own properties is read and written as entities with only those properties
/// (<see cref="Selection"/>). Anything else (a $select with $expand, nested expand options, another format or
/// metadata level) stays with OData.
/// </summary>
public sealed class DirectPage
{
    private static readonly object PlannedKey = new();
    private static readonly MethodInfo IncludeMethod = typeof(EntityFrameworkQueryableExtensions).GetMethods()
        .Single(m => m.Name == nameof(EntityFrameworkQueryableExtensions.Include) && m.GetParameters()[1].ParameterType == typeof(string));

    private readonly IJoinedReading? _joined;
    private readonly Selection? _selection;

    private DirectPage(string context, Type entityType, JsonShape shape, IReadOnlyList<DirectExpansion> expansions, IJoinedReading? joined = null, Selection? selection = null, bool isEntity = false)
    {
        Context = isEntity ? $"{context}/$entity" : context;
        IsEntity = isEntity;
        EntityType = entityType;
        Shape = shape;
        Expansions = expansions;
        _joined = joined;
        _selection = selection;
    }

    /// <summary>What the context URL names after <c>$metadata#</c>: the entity set and its expansions or selection (then <c>/$entity</c> for one entity), or a collection type.</summary>
    public string Context { get; }

    /// <summary>Whether this is one entity, read by key, rather than a page.</summary>
    public bool IsEntity { get; }

    /// <summary>The CLR type of the page's entities (or complex values).</summary>
    public Type EntityType { get; }

    public JsonShape Shape { get; }

    public IReadOnlyList<DirectExpansion> Expansions { get; }

    /// <summary>The query options the page applies itself, so OData's composition must leave them out.</summary>
    public static AllowedQueryOptions Handled => AllowedQueryOptions.Select | AllowedQueryOptions.Expand;

    /// <summary>
    /// Plans the direct page for this request (a collection of an entity set, or one of its entities by key) and
    /// remembers it, or returns null when OData must write it.
    /// </summary>
    public static DirectPage? Plan(IQueryable source, ODataQueryOptions options, HttpRequest request)
    {
        if (!DirectRequests.ArePlain(request, options.RawValues)
            || options.Context.Path is not { Count: 1 or 2 } path || path.FirstSegment is not EntitySetSegment set
            || (path.Count == 2 && path.LastSegment is not KeySegment)
            || options.Context.ElementType is not IEdmEntityType entityType
            || JsonShape.For(entityType, source.ElementType) is not { } shape)
        {
            return null;
        }

        if (options.SelectExpand?.SelectExpandClause is { AllSelected: false } clause)
        {
            // A $select without expansions: the entities are read with, and written with, only those properties.
            if (Selection.Of(clause, source.ElementType) is not { } selection || shape.Selecting(selection.Properties) is not { } selected)
            {
                return null;
            }

            return Remember(request, new DirectPage(
                $"{set.EntitySet.Name}({string.Join(',', selection.Properties)})", source.ElementType, selected, [], selection: selection, isEntity: path.LastSegment is KeySegment));
        }

        // $select=* names the selection in the context URL ("(*)"); it stays with OData.
        if (options.RawValues.Select is not null || WholeExpansions(options.SelectExpand?.SelectExpandClause, shape) is not { } expansions)
        {
            return null;
        }

        var context = expansions.Count == 0
            ? set.EntitySet.Name
            : $"{set.EntitySet.Name}({string.Join(',', expansions.Select(e => e.Navigation + "()"))})";
        // One expanded collection is read as joined rows; more than one would multiply the rows, so they are included.
        // Tags are filled in from the service's snapshot of them when it has a current one.
        var joined = expansions is [var only]
            ? (IJoinedReading?)SnapshotTagExpansion.For(request.HttpContext, source.ElementType, only.Navigation)
                ?? JoinedExpansion.For(entityType, source.ElementType, only.Navigation, only.EntityType, only.ClrType)
            : null;
        return Remember(request, new DirectPage(context, source.ElementType, shape, expansions, joined, isEntity: path.LastSegment is KeySegment));
    }

    /// <summary>A function's collection of complex values (Recommend's answer), or null when OData must write it.</summary>
    public static DirectPage? ForCollectionOf<T>(HttpRequest request)
    {
        var model = request.HttpContext.RequestServices.GetRequiredService<IEdmModel>();
        if (!DirectRequests.ArePlain(request, raw: null)
            || model.FindDeclaredType($"{EdmModelBuilder.Namespace}.{typeof(T).Name}") is not IEdmComplexType type
            || JsonShape.For(type, typeof(T)) is not { } shape)
        {
            return null;
        }

        return Remember(request, new DirectPage($"Collection({type.FullName()})", typeof(T), shape, []));
    }

    public static DirectPage? Planned(HttpRequest request) => request.HttpContext.Items[PlannedKey] as DirectPage;

    private static DirectPage Remember(HttpRequest request, DirectPage page)
    {
        request.HttpContext.Items[PlannedKey] = page;
        return page;
    }

    /// <summary>The source with each expanded navigation included, unless the expansion is read by <see cref="Rows"/>.</summary>
    public IQueryable Include(IQueryable source)
    {
        if (_joined is not null)
        {
            return source;
        }

        foreach (var expansion in Expansions)
        {
            source = (IQueryable)IncludeMethod.MakeGenericMethod(source.ElementType).Invoke(null, [source, expansion.Navigation])!;
        }

        return source;
    }

    /// <summary>What is read for the composed page: its entities (with only the selected properties), or the rows that join them to their one expansion.</summary>
    public IQueryable Rows(IQueryable page) => _selection?.Project(page) ?? _joined?.Join(page) ?? page;

    /// <summary>The statement a joined expansion's rows are read with (<see cref="IJoinedReading.ReadAsync"/>), or null when EF reads the page.</summary>
    public JoinedStatement? Statement(IQueryable rows, DbContext db) => _joined is null ? null : JoinedStatement.Of(rows, db);

    /// <summary>The page's entities, with their expansion, read from <paramref name="statement"/> (see <see cref="Statement"/>).</summary>
    public IAsyncEnumerable<object> Entities(DbContext db, JoinedStatement statement) =>
        (_joined ?? throw new InvalidOperationException("Only a page with a joined expansion has a statement.")).ReadAsync(db, statement);

    /// <summary>The context URL OData writes: the service root's $metadata and <see cref="Context"/>.</summary>
    public string ContextUrl(HttpRequest request) => $"{ServiceRoot.Of(request)}/$metadata#{Context}";

    /// <summary>The expansions when every one is a whole collection navigation without options; null otherwise.</summary>
    private static List<DirectExpansion>? WholeExpansions(SelectExpandClause? clause, JsonShape parent)
    {
        var expansions = new List<DirectExpansion>();
        if (clause is null)
        {
            return expansions;
        }

        foreach (var item in clause.SelectedItems)
        {
            if (item is not ExpandedNavigationSelectItem expand || !IsWhole(expand)
                || expand.PathToNavigationProperty is not { Count: 1 } path
                || path.FirstSegment is not NavigationPropertySegment { NavigationProperty: var navigation }
                || !navigation.Type.IsCollection()
                || parent.RelatedType(navigation.Name) is not { } relatedType
                || JsonShape.For(navigation.ToEntityType(), relatedType) is not { } shape)
            {
                return null;
            }

            expansions.Add(new DirectExpansion(navigation.Name, shape, navigation.ToEntityType(), relatedType));
        }

        return expansions;
    }

    private static bool IsWhole(ExpandedNavigationSelectItem expand) =>
        expand is { FilterOption: null, OrderByOption: null, TopOption: null, SkipOption: null, CountOption: null, SearchOption: null, LevelsOption: null, ComputeOption: null, ApplyOption: null }
        && expand.SelectAndExpand is { AllSelected: true } nested && !nested.SelectedItems.Any();
}

/// <summary>An expanded collection navigation, how its entities are written, and their model and CLR types.</summary>
public sealed record DirectExpansion(string Navigation, JsonShape Shape, IEdmEntityType EntityType, Type ClrType);
