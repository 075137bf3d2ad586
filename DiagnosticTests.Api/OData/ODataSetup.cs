using DiagnosticTests.Api.OData.BoundQueries;
using DiagnosticTests.Api.OData.DirectWriting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.OData;
using Microsoft.AspNetCore.OData.Batch;
using Microsoft.AspNetCore.OData.Query.Expressions;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Microsoft.OData;

namespace DiagnosticTests.Api.OData;

public static class ODataSetup
{
    public const string RoutePrefix = "odata";

    public static IServiceCollection AddODataService(this IServiceCollection services, IConfiguration configuration)
    {
        var limitsSection = configuration.GetSection(QueryLimits.Section);
        services.Configure<QueryLimits>(limitsSection);
        services.Configure<DirectWritingOptions>(configuration.GetSection(DirectWritingOptions.Section));
        services.AddSingleton<BoundQueryCache>();
        var limits = limitsSection.Get<QueryLimits>() ?? new QueryLimits();
        var model = EdmModelBuilder.Build(limits);
        services.AddSingleton(model);

        services.AddControllers().AddOData(options =>
        {
            options.Select().Filter().OrderBy().Expand().Count().SetMaxTop(limits.MaxTop);
            options.TimeZone = TimeZoneInfo.Utc;
            options.AddRouteComponents(RoutePrefix, model, routeServices =>
            {
                routeServices.AddSingleton<ISearchBinder, TextSearchBinder>();
                // Per request, as the tag filter binds to the request's DbContext; $expand's nested filters use it too.
                routeServices.AddScoped<IFilterBinder, TagFilterBinder>();
                routeServices.AddScoped<ISelectExpandBinder, SelectExpandBinder>();
                // The writer re-validates every property of every entity against the model; the service writes only
                // its own model's types, and skipping that saved about 1 ms of CPU per 50-test page.
                routeServices.AddScoped(_ => new ODataMessageWriterSettings
                {
                    Validations = ValidationKinds.None,
                    EnableMessageStreamDisposal = false,
                    MessageQuotas = new ODataMessageQuotas { MaxReceivedMessageSize = long.MaxValue },
                });
                routeServices.AddSingleton<ODataBatchHandler>(new LimitedBatchHandler(limits.MaxBatchParts));
            });
        });
        return services;
    }

    /// <summary>Maps the OData controllers; the service document and $metadata stay anonymous so clients can discover the model.</summary>
    public static void MapODataControllers(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapControllers().Add(endpoint =>
        {
            if (endpoint.Metadata.OfType<ControllerActionDescriptor>().Any(a => a.ControllerTypeInfo == typeof(MetadataController)))
            {
                endpoint.Metadata.Add(new AllowAnonymousAttribute());
            }
        });
}
