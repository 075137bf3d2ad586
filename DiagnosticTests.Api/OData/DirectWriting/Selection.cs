using System.Linq.Expressions;
using Microsoft.OData.UriParser;

namespace DiagnosticTests.Api.OData.DirectWriting;

/// <summary>
/// A $select of an entity type's own properties, read as new entities that carry only those properties. EF then
/// reads only their columns, and the page is written without OData's per-entity wrappers: for a BI tool's page of
/// 100 tests and four columns, those wrappers cost most of the request.
/// </summary>
public sealed class Selection
{
    private readonly Type _entityType;

    private Selection(Type entityType, IReadOnlyList<string> properties)
    {
        _entityType = entityType;
        Properties = properties;
    }

    /// <summary>The selected properties in the order the URL names them, each once, as the context URL lists them.</summary>
    public IReadOnlyList<string> Properties { get; }

    /// <summary>
    /// The selection of <paramref name="clause"/>: only plain properties of the entity type (no navigation, no
    /// nested options) that the CLR type can set. Null when it selects anything else.
    /// </summary>
    public static Selection? Of(SelectExpandClause clause, Type entityType)
    {
        if (entityType.GetConstructor(Type.EmptyTypes) is null)
        {
            return null;
        }

        var properties = new List<string>();
        foreach (var item in clause.SelectedItems)
        {
            if (item is not PathSelectItem
                {
                    SelectedPath: { Count: 1 } path, FilterOption: null, OrderByOption: null, TopOption: null,
                    SkipOption: null, CountOption: null, SearchOption: null, ComputeOption: null,
                } pathItem
                || path.FirstSegment is not PropertySegment { Property: var property }
                || pathItem.SelectAndExpand?.SelectedItems.Any() == true
                || entityType.GetProperty(property.Name) is not { CanRead: true, CanWrite: true })
            {
                return null;
            }

            if (!properties.Contains(property.Name))
            {
                properties.Add(property.Name);
            }
        }

        return properties.Count == 0 ? null : new Selection(entityType, properties);
    }

    /// <summary><c>page.Select(e => new T { A = e.A, B = e.B })</c>: the page's entities with only the selected properties.</summary>
    public IQueryable Project(IQueryable page)
    {
        var entity = Expression.Parameter(_entityType, "entity");
        var bindings = Properties.Select(name => _entityType.GetProperty(name)!)
            .Select(property => Expression.Bind(property, Expression.Property(entity, property)));
        var projection = Expression.Lambda(Expression.MemberInit(Expression.New(_entityType), bindings), entity);
        return page.Provider.CreateQuery(Expression.Call(
            typeof(Queryable), nameof(Queryable.Select), [_entityType, _entityType], page.Expression, Expression.Quote(projection)));
    }
}
