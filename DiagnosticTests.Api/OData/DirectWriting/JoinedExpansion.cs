using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.OData.Edm;

namespace DiagnosticTests.Api.OData.DirectWriting;

/// <summary>
/// A page's one expanded collection read as flat rows of (entity, related entity) and folded back into the
/// entities' collections. EF's include of a collection runs nested lambdas of its compiled shaper for every row,
/// and each run builds a delegate from a DynamicMethod: a fifth of the service's CPU for the load benchmark's
/// 50 tests with their tags. EF still writes the SQL (a projection of the two entities), but the rows are read
/// here (<see cref="EntityColumns"/>), because EF would materialise an entity again for each of its rows: 250
/// tests for that page's 50, and its two searched tags 50 times each. The rows come in the page's order, which
/// the key completes, so an entity's rows are adjacent; its related entities are put in key order, the order
/// an include reads them in.
/// </summary>
public sealed class JoinedExpansion : IJoinedReading
{
    private static readonly ConcurrentDictionary<(Type, string), JoinedExpansion?> Known = new();

    private readonly Type _parentType;
    private readonly Type _relatedType;
    private readonly string _navigation;
    private readonly Action<object, object> _add;
    private readonly ConditionalWeakTable<IModel, RowsReader> _readers = [];

    private JoinedExpansion(Type parentType, Type relatedType, string navigation)
    {
        _parentType = parentType;
        _relatedType = relatedType;
        _navigation = navigation;
        _add = Adder(parentType, relatedType, navigation);
    }

    /// <summary>The joined reading of <paramref name="navigation"/>, or null when either side has a composite key or no parameterless constructor.</summary>
    public static JoinedExpansion? For(IEdmEntityType parent, Type parentType, string navigation, IEdmEntityType related, Type relatedType) =>
        Known.GetOrAdd((parentType, navigation), static (_, of) => Create(of.parent, of.parentType, of.navigation, of.related, of.relatedType), (parent, parentType, navigation, related, relatedType));

    private static JoinedExpansion? Create(IEdmEntityType parent, Type parentType, string navigation, IEdmEntityType related, Type relatedType)
    {
        if (parentType.GetConstructor(Type.EmptyTypes) is null || relatedType.GetConstructor(Type.EmptyTypes) is null
            || parent.Key().Count() != 1 || related.Key().Count() != 1)
        {
            return null;
        }

        return new JoinedExpansion(parentType, relatedType, navigation);
    }

    /// <summary>Each entity of <paramref name="page"/> with each of its related entities (or none: a left join).</summary>
    public IQueryable Join(IQueryable page)
    {
        var parent = Expression.Parameter(_parentType, "entity");
        var related = Expression.Parameter(_relatedType, "related");
        var joinedType = typeof(Joined<,>).MakeGenericType(_parentType, _relatedType);
        var collection = Expression.Lambda(
            Expression.Call(typeof(Enumerable), nameof(Enumerable.DefaultIfEmpty), [_relatedType], Expression.Property(parent, _navigation)),
            parent);
        var row = Expression.Lambda(
            Expression.MemberInit(
                Expression.New(joinedType),
                Expression.Bind(joinedType.GetProperty(nameof(Joined<,>.Entity))!, parent),
                Expression.Bind(joinedType.GetProperty(nameof(Joined<,>.Related))!, related)),
            parent,
            related);
        var joined = Expression.Call(
            typeof(Queryable), nameof(Queryable.SelectMany), [_parentType, _relatedType, joinedType],
            page.Expression, Expression.Quote(collection), Expression.Quote(row));
        return page.Provider.CreateQuery(joined);
    }

    /// <summary>
    /// The page's entities, each with its related entities in key order, read from <paramref name="statement"/>'s
    /// rows (the SQL of <see cref="Join"/>) on <paramref name="db"/>, streamed as they come.
    /// </summary>
    public IAsyncEnumerable<object> ReadAsync(DbContext db, JoinedStatement statement, CancellationToken cancellationToken = default) =>
        _readers.GetOrAdd(db.Model, static (model, expansion) => expansion.Reader(model), this)(db, statement, cancellationToken);

    // The reading for the model's key types, so that the two keys of every row are read and compared without boxing.
    private RowsReader Reader(IModel model)
    {
        var (parent, related) = (EntityColumns.For(model, _parentType), EntityColumns.For(model, _relatedType));
        var read = typeof(JoinedExpansion).GetMethod(nameof(ReadRowsAsync), BindingFlags.NonPublic | BindingFlags.Instance)!
            .MakeGenericMethod(parent.KeyType, related.KeyType)
            .CreateDelegate<Func<DbContext, JoinedStatement, EntityColumns, EntityColumns, CancellationToken, IAsyncEnumerable<object>>>(this);
        return (db, statement, cancellationToken) => read(db, statement, parent, related, cancellationToken);
    }

    private async IAsyncEnumerable<object> ReadRowsAsync<TKey, TRelatedKey>(
        DbContext db, JoinedStatement statement, EntityColumns parent, EntityColumns related, [EnumeratorCancellation] CancellationToken cancellationToken)
        where TRelatedKey : notnull
    {
        await using var executed = await statement.ExecuteReaderWithStrategyAsync(db, cancellationToken);
        var rows = executed.Rows;
        var parentOrdinals = parent.Ordinals(rows, 0);
        var relatedOrdinals = related.Ordinals(rows, parent.Columns.Count);
        var (keyOrdinal, relatedKeyOrdinal) = (parentOrdinals[parent.KeyIndex], relatedOrdinals[related.KeyIndex]);
        var (readKey, readRelatedKey) = (parent.KeyReader<TKey>(), related.KeyReader<TRelatedKey>());
        // Each entity is read from the first of its rows only, and each related entity once per page.
        var relatedByKey = new Dictionary<TRelatedKey, object>();
        object? entity = null;
        TKey? entityKey = default;
        var relatedOfEntity = new List<KeyValuePair<TRelatedKey, object>>();
        while (await rows.ReadAsync(cancellationToken))
        {
            var key = readKey(rows, keyOrdinal);
            if (entity is null || !EqualityComparer<TKey>.Default.Equals(key, entityKey))
            {
                if (entity is not null)
                {
                    yield return Complete(entity, relatedOfEntity);
                }

                (entity, entityKey) = (parent.Read(rows, parentOrdinals), key);
            }

            // A null related key: the left join found no related entity.
            if (!rows.IsDBNull(relatedKeyOrdinal))
            {
                var relatedKey = readRelatedKey(rows, relatedKeyOrdinal);
                if (!relatedByKey.TryGetValue(relatedKey, out var item))
                {
                    item = related.Read(rows, relatedOrdinals);
                    relatedByKey.Add(relatedKey, item);
                }

                relatedOfEntity.Add(new(relatedKey, item));
            }
        }

        if (entity is not null)
        {
            yield return Complete(entity, relatedOfEntity);
        }
    }

    private object Complete<TRelatedKey>(object entity, List<KeyValuePair<TRelatedKey, object>> related)
    {
        related.Sort(static (left, right) => Comparer<TRelatedKey>.Default.Compare(left.Key, right.Key));
        foreach (var (_, item) in related)
        {
            _add(entity, item);
        }

        related.Clear();
        return entity;
    }

    // (entity, related) => ((TParent)entity).Navigation.Add((TRelated)related)
    private static Action<object, object> Adder(Type parentType, Type relatedType, string navigation)
    {
        var entity = Expression.Parameter(typeof(object), "entity");
        var related = Expression.Parameter(typeof(object), "related");
        var collection = Expression.Convert(
            Expression.Property(Expression.Convert(entity, parentType), navigation),
            typeof(ICollection<>).MakeGenericType(relatedType));
        var add = Expression.Call(collection, nameof(ICollection<>.Add), null, Expression.Convert(related, relatedType));
        return Expression.Lambda<Action<object, object>>(add, entity, related).Compile();
    }

    private delegate IAsyncEnumerable<object> RowsReader(DbContext db, JoinedStatement statement, CancellationToken cancellationToken);

    /// <summary>One row of the join, as EF projects it into SQL.</summary>
    private sealed class Joined<TEntity, TRelated>
        where TEntity : class
        where TRelated : class
    {
        public TEntity Entity { get; init; } = null!;

        public TRelated? Related { get; init; }
    }
}
