using System.Linq.Expressions;

namespace DiagnosticTests.Api.OData.DirectWriting;

/// <summary>Compiled readers of a CLR property, for code that handles entities of any type as objects.</summary>
public static class PropertyGetter
{
    /// <summary><c>entity => (object)((T)entity).Name</c>, or null when the type has no readable property of that name.</summary>
    public static Func<object, object?>? For(Type type, string name)
    {
        if (type.GetProperty(name) is not { CanRead: true } property)
        {
            return null;
        }

        var entity = Expression.Parameter(typeof(object), "entity");
        var body = Expression.Convert(Expression.Property(Expression.Convert(entity, type), property), typeof(object));
        return Expression.Lambda<Func<object, object?>>(body, entity).Compile();
    }
}
