using System.Data.Common;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.EntityFrameworkCore.Storage;

namespace DiagnosticTests.Api.OData.DirectWriting;

/// <summary>
/// Reads one entity type's columns from a row of a statement EF generated, the way EF's own materialiser reads
/// them: each property through its type mapping's data-reader method and value converter. An entity's columns are
/// adjacent in EF's projection and named as mapped, so they are found by name within their range.
/// </summary>
public sealed class EntityColumns
{
    private readonly Func<DbDataReader, int[], object> _read;
    private readonly Delegate _readKey;
    private readonly string[] _columns;

    private EntityColumns(string[] columns, int keyIndex, Type keyType, Func<DbDataReader, int[], object> read, Delegate readKey)
    {
        _columns = columns;
        KeyIndex = keyIndex;
        KeyType = keyType;
        _read = read;
        _readKey = readKey;
    }

    /// <summary>Every column the entity's projection has, the shadow ones (say, TagCount) included.</summary>
    public IReadOnlyList<string> Columns => _columns;

    /// <summary>Where the key's column is among <see cref="Columns"/>.</summary>
    public int KeyIndex { get; }

    /// <summary>The CLR type of the key.</summary>
    public Type KeyType { get; }

    /// <summary>The reader of <paramref name="clrType"/>, an entity type of <paramref name="model"/> with a single-column key and a parameterless constructor.</summary>
    public static EntityColumns For(IModel model, Type clrType)
    {
        if (model.FindEntityType(clrType) is not { } entityType || entityType.FindPrimaryKey() is not { Properties: [var key] }
            || clrType.GetConstructor(Type.EmptyTypes) is null)
        {
            throw new InvalidOperationException($"{clrType.Name} is not an entity type with a single-column key and a parameterless constructor.");
        }

        var properties = entityType.GetProperties().ToList();
        var reader = Expression.Parameter(typeof(DbDataReader), "reader");
        var ordinals = Expression.Parameter(typeof(int[]), "ordinals");
        var bindings = new List<MemberBinding>();
        for (var i = 0; i < properties.Count; i++)
        {
            if (properties[i].PropertyInfo is { CanWrite: true } member)
            {
                bindings.Add(Expression.Bind(member, Value(properties[i], reader, Expression.ArrayIndex(ordinals, Expression.Constant(i)))));
            }
        }

        var read = Expression.Lambda<Func<DbDataReader, int[], object>>(
            Expression.MemberInit(Expression.New(clrType), bindings), reader, ordinals);
        var ordinal = Expression.Parameter(typeof(int), "ordinal");
        var readKey = Expression.Lambda(
            typeof(Func<,,>).MakeGenericType(typeof(DbDataReader), typeof(int), key.ClrType), Value(key, reader, ordinal), reader, ordinal);
        return new EntityColumns(
            properties.Select(p => p.GetColumnName()).ToArray(),
            properties.IndexOf(key),
            key.ClrType,
            read.Compile(),
            readKey.Compile());
    }

    /// <summary>The entity whose columns are at <paramref name="ordinals"/> (in <see cref="Columns"/> order).</summary>
    public object Read(DbDataReader reader, int[] ordinals) => _read(reader, ordinals);

    /// <summary>Reads the key (of type <see cref="KeyType"/>) at an ordinal that is not null, unboxed.</summary>
    public Func<DbDataReader, int, TKey> KeyReader<TKey>() => (Func<DbDataReader, int, TKey>)_readKey;

    /// <summary>The ordinal of each of <see cref="Columns"/> among the reader's columns <paramref name="from"/> onwards, which are this entity's.</summary>
    public int[] Ordinals(DbDataReader reader, int from)
    {
        var ordinals = new int[Columns.Count];
        for (var ordinal = from; ordinal < from + ordinals.Length; ordinal++)
        {
            var name = ordinal < reader.FieldCount ? reader.GetName(ordinal) : null;
            var index = name is null ? -1 : Array.IndexOf(_columns, name);
            if (index < 0)
            {
                throw new InvalidOperationException($"The statement's column {ordinal} ({name ?? "missing"}) is not one of the entity's: {string.Join(", ", _columns)}.");
            }

            ordinals[index] = ordinal;
        }

        return ordinals;
    }

    // reader.IsDBNull(o) ? default : convert(reader.GetXxx(o)), as EF materialises a property.
    private static Expression Value(IProperty property, ParameterExpression reader, Expression ordinal)
    {
        var mapping = (RelationalTypeMapping)property.GetTypeMapping();
        var method = mapping.GetDataReaderMethod();
        Expression value = mapping.CustomizeDataReaderExpression(Expression.Call(reader, method, ordinal));
        if (mapping.Converter is { } converter)
        {
            var fromProvider = converter.ConvertFromProviderExpression;
            value = ReplacingExpressionVisitor.Replace(
                fromProvider.Parameters[0], Expression.Convert(value, fromProvider.Parameters[0].Type), fromProvider.Body);
        }

        value = Expression.Convert(value, property.ClrType);
        return property.IsNullable
            ? Expression.Condition(Expression.Call(reader, nameof(DbDataReader.IsDBNull), null, ordinal), Expression.Default(property.ClrType), value)
            : value;
    }
}
