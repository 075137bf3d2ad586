using DiagnosticTests.Api.Auth;
using DiagnosticTests.Api.Auth.AccessTokens;
using DiagnosticTests.Api.Caching;
using DiagnosticTests.Api.Catalogue;
using DiagnosticTests.Api.Commands;
using DiagnosticTests.Api.Data;
using DiagnosticTests.Api.Docs;
using DiagnosticTests.Api.Errors;
using DiagnosticTests.Api.Health;
using DiagnosticTests.Api.OData;
using DiagnosticTests.Api.OData.BoundQueries;
using DiagnosticTests.Api.Startup;
using DiagnosticTests.Api.Users;
using DiagnosticTests.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.OData;
using Microsoft.Extensions.Options;

var builder = WebApplication.CreateBuilder(args);
// Request-start log lines carry the full URL, which may hold a personal access token (api-key=…). Off rather than
// at Warning (it logs nothing above Information): while its logger is on at all, hosting starts an Activity for
// every request, about 1% of a repeated tag search's CPU.
builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);

// Data and the rules behind writes
builder.Services.AddAppDbContext(builder.Configuration);
builder.Services.AddScoped<IPasswordHasher<User>, PasswordHasher<User>>();
builder.Services.AddScoped<UserAccounts>();
builder.Services.AddScoped<TagResolver>();
builder.Services.AddScoped<Recommender>();
builder.Services.Configure<CatalogueOptions>(builder.Configuration.GetSection(CatalogueOptions.Section));
builder.Services.AddScoped<CatalogueImporter>();
builder.Services.AddScoped<CatalogueExporter>();
builder.Services.AddScoped<CatalogueSeeder>();
builder.Services.AddScoped<AdminBootstrapper>();
builder.Services.AddScoped<DatabaseWaiter>();
builder.Services.AddScoped<DatabaseInitializer>();

// OData, authentication, errors, health, proxy, documentation
builder.Services.AddODataService(builder.Configuration);
builder.Services.AddApiAuthentication(builder.Configuration, builder.Environment);
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ApiExceptionHandler>();
builder.Services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: [HealthEndpoints.ReadyTag]);
builder.Services.AddReverseProxySupport(builder.Configuration);
builder.Services.AddApiDocumentation();
builder.Services.Configure<CachingOptions>(builder.Configuration.GetSection(CachingOptions.Section));
builder.Services.AddSingleton<AccountCache>();
builder.Services.AddSingleton<TagCache>();

var app = builder.Build();

if (CommandRunner.IsCommand(args))
{
    return await CommandRunner.RunAsync(app.Services, args);
}

// Refuse to start on unusable settings (say, no signing key in Production) before touching the database.
app.Services.GetRequiredService<IStartupValidator>().Validate();

await using (var scope = app.Services.CreateAsyncScope())
{
    await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(app.Lifetime.ApplicationStopping);
}

// Pipeline
app.UseForwardedHeaders();
app.UseExceptionHandler();
app.UseStatusCodePages(context => ErrorResponses.WriteForStatusCodeAsync(context.HttpContext));
app.UseODataBatching();
app.UseMiddleware<BatchPartScopeMiddleware>();
app.UseMiddleware<FunctionCallCanonicalizer>();
// Explicitly after batching, so each part of a batch is routed, authenticated and authorised on its own.
app.UseRouting();
app.UseMiddleware<EntityTagMiddleware>();
app.UseApiDocumentation();
if (app.Environment.IsDevelopment())
{
    app.UseODataRouteDebug();
}

app.UseAuthentication();
app.UseAuthorization();
app.UseMiddleware<CatalogueResponseCache>();
// After authorization: a repeated read is answered here, for a caller allowed to ask, without MVC.
app.UseMiddleware<BoundReadMiddleware>();

// Endpoints
app.MapODataControllers();
app.MapAuthEndpoints();
app.MapPersonalAccessTokenEndpoints();
app.MapCatalogueEndpoints();
app.MapHealthEndpoints();

await app.RunAsync();
return 0;

// WebApplicationFactory<Program> in the tests needs a public entry-point type.
public partial class Program;
