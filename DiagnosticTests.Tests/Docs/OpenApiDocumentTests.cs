using System.Net;
using System.Text.Json;
using DiagnosticTests.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.OpenApi;

namespace DiagnosticTests.Tests.Docs;

/// <summary>The OpenAPI document at /api/schema and Swagger UI at /api/docs, as an anonymous client fetches them.</summary>
public sealed class OpenApiDocumentTests : ApiTestBase
{
    private static readonly string[] CollectionQueryOptions = ["$filter", "$select", "$expand", "$orderby", "$top", "$skip", "$count", "$search"];

    private static readonly (string Method, string Path)[] AnonymousOperations =
    [
        ("get", "/odata"),
        ("get", "/odata/$metadata"),
        ("post", "/api/auth/register"),
        ("post", "/api/auth/token"),
        ("get", "/health/live"),
        ("get", "/health/ready"),
    ];

    [Test]
    public async Task The_schema_is_served_directly_to_anonymous_clients_as_OpenAPI_3_JSON()
    {
        using var client = Harness.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync("/api/schema");
        var text = await response.Content.ReadAsStringAsync();
        var parsed = OpenApiDocument.Parse(text, "json");
        var invalid = parsed.Document?.Validate(ValidationRuleSet.GetDefaultRuleSet())?.ToList() ?? [];

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
            Assert.That(parsed.Diagnostic?.Errors, Is.Empty, () => string.Join("\n", parsed.Diagnostic!.Errors.Select(e => $"{e.Pointer}: {e.Message}")));
            Assert.That(parsed.Diagnostic?.SpecificationVersion.ToString(), Does.StartWith("OpenApi3"));
            Assert.That(invalid, Is.Empty, () => string.Join("\n", invalid.Select(e => $"{e.Pointer}: {e.Message}")));
            Assert.That(parsed.Document?.Info.Title, Is.EqualTo("DiagnosticTests"));
        }
    }

    [Test]
    public async Task Every_entity_set_singleton_and_function_is_listed_once_in_its_canonical_form()
    {
        var paths = (await FetchSchemaAsync()).GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();

        using (Assert.EnterMultipleScope())
        {
            foreach (var expected in new[]
            {
                "/odata", "/odata/$metadata", "/odata/$batch",
                "/odata/DiagnosticTests", "/odata/DiagnosticTests({key})", "/odata/DiagnosticTests({key})/Tags",
                "/odata/DiagnosticTests({key})/Tags/$ref", "/odata/DiagnosticTests({key})/Tags({relatedKey})/$ref",
                "/odata/DiagnosticTests/Recommend(tags=@t,sex=@s,age=@a)",
                "/odata/Tags", "/odata/Tags({key})", "/odata/Users", "/odata/Users({key})", "/odata/Me", "/odata/DiagnosticTestTags",
                "/api/auth/register", "/api/auth/token", "/health/live", "/health/ready",
            })
            {
                Assert.That(paths.Count(p => p == expected), Is.EqualTo(1), expected);
            }

            Assert.That(paths, Has.None.Contains("/{key}"), "the /{key} spelling duplicates ({key})");
            Assert.That(paths.Where(p => p.StartsWith("/odata", StringComparison.Ordinal)).SelectMany(p => p.Split('/')),
                Has.None.Matches<string>(s => s.Contains('{', StringComparison.Ordinal) && !s.Contains('(', StringComparison.Ordinal)),
                "a key outside parentheses is the slash spelling of a key");
            Assert.That(paths, Has.None.Contains("DiagnosticTests.Recommend"), "the namespace-qualified call duplicates Recommend");
            Assert.That(paths.Count(p => p.Contains("Recommend", StringComparison.Ordinal)), Is.EqualTo(1));
            Assert.That(paths, Is.Unique);
        }
    }

    [Test]
    public async Task Every_OData_operation_has_its_own_operationId()
    {
        var operations = (await FetchSchemaAsync()).GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (Path: path.Name, Id: op.Value.TryGetProperty("operationId", out var id) ? id.GetString() : null)))
            .ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(operations.Where(o => o.Path.StartsWith("/odata", StringComparison.Ordinal)).Select(o => o.Id), Has.None.Null);
            Assert.That(operations.Select(o => o.Id).OfType<string>(), Is.Unique);
        }
    }

    [Test]
    public async Task Collection_reads_offer_all_eight_query_options_with_a_tag_search_example()
    {
        var get = Operation(await FetchSchemaAsync(), "/odata/DiagnosticTests", "get");
        var parameters = get.GetProperty("parameters").EnumerateArray().ToList();
        var filter = parameters.Single(p => p.GetProperty("name").GetString() == "$filter");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(parameters.Select(p => p.GetProperty("name").GetString()), Is.SupersetOf(CollectionQueryOptions));
            Assert.That(parameters.Where(p => p.GetProperty("name").GetString()!.StartsWith('$')).Select(p => p.GetProperty("in").GetString()), Is.All.EqualTo("query"));
            Assert.That(parameters.Where(p => p.GetProperty("name").GetString()!.StartsWith('$')), Is.All.Matches<JsonElement>(p => p.TryGetProperty("description", out _)));
            Assert.That(filter.GetProperty("examples").EnumerateObject().Select(e => e.Value.GetProperty("value").GetString()),
                Does.Contain("Tags/any(t: t/Name in ('fever','cough'))"));
        }
    }

    [Test]
    public async Task Single_entity_reads_offer_select_and_expand()
    {
        var get = Operation(await FetchSchemaAsync(), "/odata/DiagnosticTests({key})", "get");

        var queryOptions = get.GetProperty("parameters").EnumerateArray()
            .Where(p => p.GetProperty("in").GetString() == "query")
            .Select(p => p.GetProperty("name").GetString())
            .ToList();

        Assert.That(queryOptions, Is.EquivalentTo(new[] { "$select", "$expand" }));
    }

    [Test]
    public async Task OData_reads_document_their_conditional_form()
    {
        var get = Operation(await FetchSchemaAsync(), "/odata/DiagnosticTests", "get");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(get.GetProperty("parameters").EnumerateArray().Select(p => (p.GetProperty("name").GetString(), p.GetProperty("in").GetString())),
                Does.Contain(("If-None-Match", "header")));
            Assert.That(get.GetProperty("responses").GetProperty("200").GetProperty("headers").TryGetProperty("ETag", out _), Is.True);
            Assert.That(get.GetProperty("responses").TryGetProperty("304", out _), Is.True);
        }
    }

    [Test]
    public async Task Recommend_is_documented_in_the_alias_form_with_an_example_and_as_decision_support()
    {
        var get = Operation(await FetchSchemaAsync(), "/odata/DiagnosticTests/Recommend(tags=@t,sex=@s,age=@a)", "get");

        var parameters = get.GetProperty("parameters").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);
        var text = get.GetProperty("summary").GetString() + "\n" + get.GetProperty("description").GetString();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(parameters.Keys, Is.SupersetOf(new[] { "@t", "@s", "@a", "$top", "$skip", "$count" }));
            Assert.That(parameters["@t"].GetProperty("example").GetString(), Is.EqualTo("""["fever","cough"]"""));
            Assert.That(text, Does.Contain("""/odata/DiagnosticTests/Recommend(tags=@t,sex=@s,age=@a)?@t=["fever","cough"]&@s='Female'&@a=54"""));
            Assert.That(text, Does.Contain("Decision support, not a diagnosis"));
        }
    }

    [Test]
    public async Task Collection_responses_are_documented_as_the_OData_envelope()
    {
        var schema = await FetchSchemaAsync();

        var envelope = Resolve(schema, Operation(schema, "/odata/DiagnosticTests", "get")
            .GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema"));

        var properties = envelope.GetProperty("properties");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(properties.EnumerateObject().Select(p => p.Name), Is.SupersetOf(new[] { "@odata.context", "value", "@odata.count", "@odata.nextLink" }));
            Assert.That(properties.GetProperty("value").GetProperty("items").GetProperty("$ref").GetString(), Is.EqualTo("#/components/schemas/DiagnosticTest"));
        }
    }

    [Test]
    public async Task Errors_are_documented_in_the_OData_format_under_odata_and_as_problem_details_under_api()
    {
        var schema = await FetchSchemaAsync();

        var odataError = Resolve(schema, Operation(schema, "/odata/DiagnosticTests({key})", "get")
            .GetProperty("responses").GetProperty("404").GetProperty("content").GetProperty("application/json").GetProperty("schema"));
        var apiError = Operation(schema, "/api/auth/token", "post").GetProperty("responses").GetProperty("401").GetProperty("content");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(odataError.GetProperty("properties").GetProperty("error").GetProperty("properties").EnumerateObject().Select(p => p.Name),
                Is.SupersetOf(new[] { "code", "message", "target" }));
            Assert.That(apiError.GetProperty("application/problem+json").GetProperty("schema").GetProperty("$ref").GetString(),
                Is.EqualTo("#/components/schemas/ProblemDetails"));
        }
    }

    [Test]
    public async Task Components_hold_only_the_payload_shapes_and_no_password_outside_the_write_body()
    {
        var schemas = (await FetchSchemaAsync()).GetProperty("components").GetProperty("schemas");

        var names = schemas.EnumerateObject().Select(s => s.Name).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(names, Has.None.Contains("Delta").And.None.Contains("SingleResult").And.None.Contains("Microsoft")
                .And.None.StartsWith("IEdm").And.None.StartsWith("Edm").And.None.StartsWith("OData"));
            Assert.That(names, Is.SupersetOf(new[] { "DiagnosticTest", "Tag", "User", "DiagnosticTestTag", "Recommendation", "UserChanges" }));
            Assert.That(Properties(schemas, "User"), Has.None.Contains("Password"));
            Assert.That(Properties(schemas, "UserChanges"), Does.Contain("Password"));
            Assert.That(Properties(schemas, "DiagnosticTest"), Does.Contain("Tags").And.Contain("ApplicableSex"));
            foreach (var name in names.Where(n => n != "UserChanges"))
            {
                Assert.That(Properties(schemas, name), Has.None.Contains("Password"), name);
            }
        }
    }

    [Test]
    public async Task Creating_a_test_is_documented_with_a_deep_insert_of_its_tags()
    {
        var post = Operation(await FetchSchemaAsync(), "/odata/DiagnosticTests", "post");

        var body = post.GetProperty("requestBody").GetProperty("content").GetProperty("application/json");
        var example = body.GetProperty("examples").GetProperty("deepInsert").GetProperty("value");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(body.GetProperty("schema").GetProperty("$ref").GetString(), Is.EqualTo("#/components/schemas/DiagnosticTest"));
            Assert.That(JsonSerializer.Serialize(example.GetProperty("Tags")), Is.EqualTo("""[{"Name":"fever"},{"Name":"cough","Category":"Symptom"}]"""));
        }
    }

    [Test]
    public async Task Anonymous_operations_carry_no_security_requirement_and_the_others_require_a_bearer_token_and_document_401()
    {
        var schema = await FetchSchemaAsync();

        var bearer = schema.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        var operations = schema.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (Method: op.Name, Path: path.Name, Operation: op.Value)))
            .ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(bearer.GetProperty("type").GetString(), Is.EqualTo("http"));
            Assert.That(bearer.GetProperty("scheme").GetString(), Is.EqualTo("bearer"));
            Assert.That(schema.TryGetProperty("security", out _), Is.False, "no document-wide requirement");
            foreach (var (method, path, operation) in operations)
            {
                var schemes = Schemes(operation);
                if (AnonymousOperations.Contains((method, path)))
                {
                    Assert.That(schemes, Is.Empty, $"{method} {path}");
                }
                else
                {
                    Assert.That(schemes, Does.Contain("Bearer"), $"{method} {path}");
                    // A batch answers 200 and reports 401 inside, per part.
                    Assert.That(operation.GetProperty("responses").TryGetProperty("401", out _) || path == "/odata/$batch", Is.True, $"{method} {path} documents 401");
                }
            }
        }
    }

    [Test]
    public async Task Every_operation_that_reaches_the_database_documents_503_with_Retry_After()
    {
        var operations = (await FetchSchemaAsync()).GetProperty("paths").EnumerateObject()
            .Where(path => !path.Name.StartsWith("/health", StringComparison.Ordinal))
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (Method: op.Name, Path: path.Name, Operation: op.Value)))
            .ToList();

        using (Assert.EnterMultipleScope())
        {
            foreach (var (method, path, operation) in operations)
            {
                var documented = operation.GetProperty("responses").TryGetProperty("503", out var busy);
                // The service document and $metadata read no data; a batch answers 200 and reports 503 inside, per part.
                if (path is "/odata" or "/odata/$metadata" or "/odata/$batch")
                {
                    Assert.That(documented, Is.False, $"{method} {path}");
                    continue;
                }

                Assert.That(documented, Is.True, $"{method} {path} documents 503");
                if (documented)
                {
                    Assert.That(busy.GetProperty("headers").TryGetProperty("Retry-After", out _), Is.True, $"{method} {path} names Retry-After");
                    var media = path.StartsWith("/odata", StringComparison.Ordinal) ? "application/json" : "application/problem+json";
                    Assert.That(busy.GetProperty("content").EnumerateObject().Select(c => c.Name), Has.Some.StartsWith(media), $"{method} {path}");
                }
            }
        }
    }

    [Test]
    public async Task Personal_access_tokens_are_defined_and_offered_as_alternatives_on_reads_and_batches_only()
    {
        var schema = await FetchSchemaAsync();

        var schemes = schema.GetProperty("components").GetProperty("securitySchemes");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(schemes.GetProperty("basic").GetProperty("scheme").GetString(), Is.EqualTo("basic"));
            Assert.That(schemes.GetProperty("api-key").GetProperty("in").GetString(), Is.EqualTo("query"));
            Assert.That(schemes.GetProperty("api-key").GetProperty("name").GetString(), Is.EqualTo("api-key"));
            Assert.That(schemes.GetProperty("basic").GetProperty("description").GetString(), Does.Contain("ersonal access token (read-only)"));
            Assert.That(Schemes(Operation(schema, "/odata/DiagnosticTests", "get")), Is.EquivalentTo(new[] { "Bearer", "basic", "api-key" }));
            Assert.That(Schemes(Operation(schema, "/odata/DiagnosticTests", "post")), Is.EquivalentTo(new[] { "Bearer" }));
            Assert.That(Schemes(Operation(schema, "/odata/$batch", "post")), Is.EquivalentTo(new[] { "Bearer", "basic", "api-key" }),
                "a batch of reads works with a personal access token");
        }
    }

    [Test]
    public async Task The_documented_query_examples_are_accepted_by_the_service()
    {
        using var admin = await SignedInAs("Admin");
        var schema = await FetchSchemaAsync();
        // The documented deep insert creates the test and the tags fever and cough the other examples look for.
        var deepInsert = Operation(schema, "/odata/DiagnosticTests", "post").GetProperty("requestBody").GetProperty("content")
            .GetProperty("application/json").GetProperty("examples").GetProperty("deepInsert").GetProperty("value");
        using var created = await PostJson(admin, "/odata/DiagnosticTests", deepInsert);
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var testId = (await ReadJson(created)).GetProperty("Id").GetInt32();
        var tagId = await IdAt(admin, "/odata/Tags?$top=1");
        var keys = new Dictionary<string, (string Template, int Value)[]>
        {
            ["/odata/DiagnosticTests("] = [("{key}", testId)],
            ["/odata/Tags("] = [("{key}", tagId)],
            ["/odata/Users("] = [("{key}", await IdAt(admin, "/odata/Me"))],
            ["/odata/DiagnosticTestTags("] = [("{keyDiagnosticTestId}", testId), ("{keyTagId}", tagId)],
        };

        var failures = new List<string>();
        foreach (var path in schema.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith("/odata", StringComparison.Ordinal)))
        {
            if (!path.Value.TryGetProperty("get", out var get))
            {
                continue;
            }

            var url = keys.Where(k => path.Name.StartsWith(k.Key, StringComparison.Ordinal)).SelectMany(k => k.Value)
                .Aggregate(path.Name, (u, key) => u.Replace(key.Template, $"{key.Value}", StringComparison.Ordinal));
            foreach (var query in ExampleQueries(get))
            {
                using var response = await admin.GetAsync(url + query);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    failures.Add($"{url}{query} → {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
        }

        Assert.That(failures, Is.Empty);
    }

    [Test]
    public async Task Swagger_UI_is_served_at_api_docs_without_signing_in()
    {
        using var client = Anonymous();

        using var response = await client.GetAsync("/api/docs/index.html");
        var html = await response.Content.ReadAsStringAsync();
        using var configuration = await client.GetAsync("/api/docs/index.js");
        var script = await configuration.Content.ReadAsStringAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
            Assert.That(html, Does.Contain("swagger-ui"));
            Assert.That(script, Does.Contain("/api/schema"), "the UI loads the document from /api/schema");
        }
    }

    private static async Task<JsonElement> FetchSchemaAsync()
    {
        using var client = Anonymous();
        using var response = await client.GetAsync("/api/schema");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return await ReadJson(response);
    }

    private static JsonElement Operation(JsonElement schema, string path, string method) =>
        schema.GetProperty("paths").GetProperty(path).GetProperty(method);

    /// <summary>Follows a local <c>$ref</c> into components.</summary>
    private static JsonElement Resolve(JsonElement schema, JsonElement reference) =>
        reference.TryGetProperty("$ref", out var target)
            ? schema.GetProperty("components").GetProperty("schemas").GetProperty(target.GetString()!.Split('/').Last())
            : reference;

    private static List<string> Properties(JsonElement schemas, string name) =>
        schemas.GetProperty(name).TryGetProperty("properties", out var properties)
            ? properties.EnumerateObject().Select(p => p.Name).ToList()
            : [];

    private static List<string> Schemes(JsonElement operation) =>
        operation.TryGetProperty("security", out var security)
            ? security.EnumerateArray().SelectMany(requirement => requirement.EnumerateObject().Select(s => s.Name)).ToList()
            : [];

    /// <summary>
    /// The query string Swagger UI sends with every example pre-filled, then once per named example
    /// (the $filter list) in its place: each must work on its own and together with the others.
    /// </summary>
    private static IEnumerable<string> ExampleQueries(JsonElement operation)
    {
        var parameters = operation.TryGetProperty("parameters", out var list)
            ? list.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query").ToList()
            : [];
        var prefilled = parameters.Where(p => p.TryGetProperty("example", out _))
            .ToDictionary(p => p.GetProperty("name").GetString()!, p => Literal(p.GetProperty("example")));
        yield return Query(prefilled);
        foreach (var parameter in parameters.Where(p => p.TryGetProperty("examples", out _)))
        {
            foreach (var example in parameter.GetProperty("examples").EnumerateObject())
            {
                yield return Query(new Dictionary<string, string>(prefilled) { [parameter.GetProperty("name").GetString()!] = Literal(example.Value.GetProperty("value")) });
            }
        }
    }

    private static string Literal(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();

    private static string Query(Dictionary<string, string> values) =>
        values.Count == 0 ? "" : "?" + string.Join("&", values.Select(v => $"{Uri.EscapeDataString(v.Key)}={Uri.EscapeDataString(v.Value)}"));

    /// <summary>The Id of the entity at <paramref name="url"/>, or of the first one in the page it answers.</summary>
    private static async Task<int> IdAt(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var body = await ReadJson(response);
        return (body.TryGetProperty("value", out var page) ? page[0] : body).GetProperty("Id").GetInt32();
    }
}
