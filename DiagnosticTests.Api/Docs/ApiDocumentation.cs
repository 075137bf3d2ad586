using Microsoft.OpenApi;

namespace DiagnosticTests.Api.Docs;

/// <summary>Swagger UI at /api/docs over the OpenAPI document at /api/schema.</summary>
public static class ApiDocumentation
{
    public const string SchemaPath = "/api/schema";
    public const string UiPath = "api/docs";
    private const string BearerScheme = "Bearer";

    public static IServiceCollection AddApiDocumentation(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(swagger =>
        {
            swagger.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "DiagnosticTests",
                Version = "v1",
                Description = "OData v4 service for recommending diagnostic tests. Decision support, not a diagnosis.",
            });
            swagger.AddSecurityDefinition(BearerScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A token from POST /api/auth/token.",
            });
            swagger.AddSecurityRequirement(document => new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [],
            });
        });
        return services;
    }

    public static WebApplication UseApiDocumentation(this WebApplication app)
    {
        app.UseSwagger(options => options.RouteTemplate = "api/{documentName}.json");
        app.MapGet(SchemaPath, () => Results.Redirect("/api/v1.json")).AllowAnonymous().ExcludeFromDescription();
        app.UseSwaggerUI(ui =>
        {
            ui.RoutePrefix = UiPath;
            ui.SwaggerEndpoint(SchemaPath, "DiagnosticTests v1");
            ui.DocumentTitle = "DiagnosticTests API";
        });
        return app;
    }
}
