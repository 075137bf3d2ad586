using System.Reflection;
using DiagnosticTests.Domain;
using Microsoft.AspNetCore.Rewrite;
using Microsoft.OpenApi;

namespace DiagnosticTests.Api.Docs;

/// <summary>
/// Swagger UI at /api/docs over the OpenAPI document at /api/schema. Swashbuckle knows MVC and minimal APIs,
/// not OData; the filters registered here, one concern each, make the document describe the OData surface
/// as clients use it.
/// </summary>
public static class ApiDocumentation
{
    public const string SchemaPath = "/api/schema";
    public const string UiPath = "api/docs";
    private const string DocumentName = "v1";

    public static IServiceCollection AddApiDocumentation(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(swagger =>
        {
            swagger.SwaggerDoc(DocumentName, new OpenApiInfo
            {
                Title = "DiagnosticTests",
                Version = "v1",
                Description =
                    "OData v4 service for finding and recommending diagnostic tests. **Decision support, not a diagnosis.**\n\n"
                    + "Sign in with POST /api/auth/token and paste the access_token under Authorize. "
                    + "OData URLs take the system query options ($filter, $select, $expand, $orderby, $top, $skip, $count, $search); "
                    + "the data model is at /odata/$metadata.",
            });
            SecuritySchemes.AddDefinitions(swagger);
            IncludeXmlComments(swagger, typeof(ApiDocumentation).Assembly, typeof(DiagnosticTest).Assembly);

            swagger.SchemaFilter<UserChangesSchemaFilter>();

            swagger.OperationFilter<ODataOperationNamesFilter>();
            swagger.OperationFilter<ODataKeyParametersFilter>();
            swagger.OperationFilter<ODataQueryOptionsFilter>();
            swagger.OperationFilter<ODataRequestBodiesFilter>();
            swagger.OperationFilter<ODataResponsesFilter>();
            swagger.OperationFilter<ConditionalGetFilter>();
            // After the responses filter, which replaces the response list these add 401/403 and 503 to.
            swagger.OperationFilter<SecurityRequirementsFilter>();
            swagger.OperationFilter<BusyDatabaseFilter>();

            swagger.DocumentFilter<CanonicalODataPathsFilter>();
            swagger.DocumentFilter<WriteRestrictionsFilter>();
            swagger.DocumentFilter<FunctionAliasFormFilter>();
            swagger.DocumentFilter<BatchEndpointFilter>();
            swagger.DocumentFilter<HealthEndpointsFilter>();
            swagger.DocumentFilter<EdmComponentSchemasFilter>();
            swagger.DocumentFilter<TagDescriptionsFilter>();
            // Last: only once every other filter has replaced what it replaces is it clear what is unused.
            swagger.DocumentFilter<UnreferencedSchemasFilter>();
        });
        return services;
    }

    public static WebApplication UseApiDocumentation(this WebApplication app)
    {
        // Only requests for the document or the UI pass through its middleware, whose route matching (regular
        // expressions) would otherwise run for every OData request.
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments(SchemaPath) || context.Request.Path.StartsWithSegments("/" + UiPath),
            documentation => UseDocumentation(documentation));
        return app;
    }

    private static void UseDocumentation(IApplicationBuilder app)
    {
        // /api/schema answers with the document itself (not a redirect), so tools that do not follow redirects can load it.
        app.UseRewriter(new RewriteOptions().AddRewrite("^api/schema$", $"api/schema/{DocumentName}.json", skipRemainingRules: true));
        // Served by middleware ahead of authentication, so the document and the UI are anonymous.
        app.UseSwagger(options =>
        {
            options.RouteTemplate = "api/schema/{documentName}.json";
            options.PreSerializeFilters.Add(ODataPayloadSchemas.UseRequestServiceRoot);
        });
        app.UseSwaggerUI(ui =>
        {
            ui.RoutePrefix = UiPath;
            ui.SwaggerEndpoint(SchemaPath, "DiagnosticTests v1");
            ui.DocumentTitle = "DiagnosticTests API";
            ui.EnablePersistAuthorization();
            ui.DisplayRequestDuration();
            ui.EnableDeepLinking();
            ui.EnableFilter();
            ui.DefaultModelsExpandDepth(0);
        });
    }

    // The XML files sit next to the assemblies when built or published; a missing one only costs descriptions.
    private static void IncludeXmlComments(Swashbuckle.AspNetCore.SwaggerGen.SwaggerGenOptions swagger, params Assembly[] assemblies)
    {
        foreach (var assembly in assemblies)
        {
            var file = Path.ChangeExtension(assembly.Location, ".xml");
            if (File.Exists(file))
            {
                swagger.IncludeXmlComments(file, includeControllerXmlComments: false);
            }
        }
    }
}
