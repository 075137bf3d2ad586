using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.OData.Routing;
using Microsoft.AspNetCore.OData.Routing.Template;
using Microsoft.OData.Edm;

namespace DiagnosticTests.Api.Docs;

/// <summary>What an OData URL addresses; decides which query options, bodies and responses an operation gets.</summary>
public enum ODataTarget
{
    ServiceDocument,
    Metadata,
    Collection,
    Entity,
    Count,
    Reference,
    Function,
}

/// <summary>
/// An OData operation as the router sees it. Read from the path template OData attached to the action, not
/// parsed back out of the URL text, so the filters agree with routing on what each path means.
/// </summary>
/// <param name="Target">What the path ends in.</param>
/// <param name="Source">The entity set or singleton the path starts from (null for the service document and $metadata).</param>
/// <param name="Type">The structured type addressed: the entity type, or a function's return element type.</param>
/// <param name="Navigation">The navigation property followed, if any (also the one a $ref addresses).</param>
/// <param name="Function">The function called, if any.</param>
/// <param name="HasRelatedKey">A $ref addressing one related entity: <c>Tags({relatedKey})/$ref</c>.</param>
public sealed record ODataRoute(
    ODataTarget Target,
    IEdmNavigationSource? Source,
    IEdmStructuredType? Type,
    IEdmNavigationProperty? Navigation,
    IEdmFunction? Function,
    bool HasRelatedKey)
{
    /// <summary>The entity set or singleton name, which is also the tag operations are grouped under.</summary>
    public string SourceName => Source?.Name ?? "Service";

    /// <summary>The EDM type name, which is also the component schema id (see <see cref="EdmComponentSchemasFilter"/>).</summary>
    public string? TypeName => Type is IEdmSchemaType schemaType ? schemaType.Name : null;

    public bool IsSingleton => Source is IEdmSingleton;

    public static ODataRoute? From(ApiDescription api) =>
        api.ActionDescriptor.EndpointMetadata.OfType<IODataRoutingMetadata>().FirstOrDefault() is { } metadata
            ? From(metadata.Template)
            : null;

    public static ODataRoute From(ODataPathTemplate template)
    {
        if (template.Count == 0)
        {
            return new(ODataTarget.ServiceDocument, null, null, null, null, false);
        }

        IEdmNavigationSource? source = null;
        IEdmStructuredType? type = null;
        IEdmNavigationProperty? navigation = null;
        var isCollection = false;
        foreach (var segment in template)
        {
            switch (segment)
            {
                case MetadataSegmentTemplate:
                    return new(ODataTarget.Metadata, null, null, null, null, false);
                case EntitySetSegmentTemplate set:
                    (source, type, isCollection) = (set.EntitySet, set.EntitySet.EntityType, true);
                    break;
                case SingletonSegmentTemplate singleton:
                    (source, type, isCollection) = (singleton.Singleton, singleton.Singleton.EntityType, false);
                    break;
                case KeySegmentTemplate key:
                    (type, isCollection) = (key.EntityType, false);
                    break;
                case NavigationSegmentTemplate step:
                    navigation = step.NavigationProperty;
                    (type, isCollection) = (navigation.ToEntityType(), navigation.Type.IsCollection());
                    break;
                case CountSegmentTemplate:
                    return new(ODataTarget.Count, source, type, navigation, null, false);
                case NavigationLinkSegmentTemplate link:
                    return new(ODataTarget.Reference, source, link.NavigationProperty.ToEntityType(), link.NavigationProperty, null, link.Key is not null);
                case NavigationLinkTemplateSegmentTemplate:
                    return new(ODataTarget.Reference, source, type, null, null, false);
                case FunctionSegmentTemplate call:
                    var returns = call.Function.GetReturn().Type;
                    var element = returns.IsCollection() ? returns.AsCollection().ElementType() : returns;
                    return new(ODataTarget.Function, source, element.Definition as IEdmStructuredType, navigation, call.Function, false);
                default:
                    // Casts, properties, actions: not used by this service; treat like what came before.
                    break;
            }
        }

        return new(isCollection ? ODataTarget.Collection : ODataTarget.Entity, source, type, navigation, null, false);
    }
}
