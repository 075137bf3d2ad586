using System.Collections.Concurrent;
using System.Net;
using DiagnosticTests.Api.OData.DirectWriting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace DiagnosticTests.Tests.Querying;

/// <summary>
/// Plain pages and entities read by key are written by the direct writer, and a client cannot tell: every response here is compared,
/// status, headers and body byte for byte, with the one OData's own serializer writes for the same request.
/// </summary>
public sealed class DirectWritingTests : CatalogueTestBase
{
    private static readonly string[] ComparedHeaders = ["Content-Type", "OData-Version", "ETag", "Preference-Applied"];

    [TestCase("/odata/DiagnosticTests")]
    [TestCase("/odata/DiagnosticTests?$expand=Tags")]
    [TestCase("/odata/DiagnosticTests?$filter=Tags/any(t: t/Name eq 'fever') and Tags/any(t: t/Name eq 'cough')&$expand=Tags&$top=50")]
    [TestCase("/odata/DiagnosticTests?$filter=Tags/any(t: t/Name in ('fever','cough'))&$count=true&$top=2")]
    [TestCase("/odata/DiagnosticTests?$orderby=Name desc&$skip=1&$top=3&$expand=Tags")]
    [TestCase("/odata/DiagnosticTests?$search=chest&$expand=Tags&$count=true")]
    [TestCase("/odata/DiagnosticTests?$filter=Price gt 10&$orderby=Price&$top=10")]
    [TestCase("/odata/DiagnosticTests?$filter=Name eq 'nothing matches'&$expand=Tags&$count=true")]
    [TestCase("/odata/Tags?$expand=DiagnosticTests")]
    [TestCase("/odata/Tags?$count=true&$orderby=Name&$top=4")]
    [TestCase("/odata/DiagnosticTestTags?$top=3")]
    [TestCase("/odata/DiagnosticTests?$select=Id,Name,Code,Price")]
    [TestCase("/odata/DiagnosticTests?$select=Price,name,CODE,Price&$orderby=Name desc&$skip=1&$top=4&$count=true")]
    [TestCase("/odata/DiagnosticTests?$select=Description,Specimen,Preparation,TurnaroundHours,ValidityDays,MinAgeYears,MaxAgeYears,CreatedAt,UpdatedAt,ApplicableSex&$filter=contains(Name, 'é') or Price lt 20")]
    [TestCase("/odata/DiagnosticTests?$select=Name&$filter=Tags/any(t: t/Name eq 'fever')&$orderby=Price desc&$top=3")]
    [TestCase("/odata/Tags?$select=Name,Category&$count=true&$orderby=Name&$top=4")]
    [TestCase("/odata/DiagnosticTests(2)?$expand=Tags")]
    [TestCase("/odata/DiagnosticTests(6)")]
    [TestCase("/odata/DiagnosticTests(7)?$expand=Tags")]
    [TestCase("/odata/DiagnosticTests(6)?$select=Description,Name,Price,name")]
    [TestCase("/odata/Tags(1)?$expand=DiagnosticTests")]
    [TestCase("/odata/DiagnosticTestTags(DiagnosticTestId=2,TagId=1)")]
    [TestCase("/odata/DiagnosticTests/Recommend(tags=['fever','cough'])")]
    [TestCase("/odata/DiagnosticTests/Recommend(tags=@t,sex=@s,age=@a)?@t=[\"cough\",\"shortness of breath\",\"dysuria\"]&@s='Female'&@a=30")]
    [TestCase("/odata/DiagnosticTests/Recommend(tags=['fever'])?$top=1&$count=true")]
    [TestCase("/odata/DiagnosticTests/Recommend(tags=['fever','cough','dysuria'])")]
    public async Task A_plain_page_or_recommendation_list_is_written_directly_and_byte_for_byte_as_OData_writes_it(string url)
    {
        var (direct, odata) = await BothWriters(url);

        Assert.That(direct.WrittenDirectly, Is.True, "the direct writer wrote the page");
        AssertSame(direct, odata);
    }

    [TestCase("application/json")]
    [TestCase("application/json;odata.metadata=minimal")]
    [TestCase("application/json;odata.metadata=minimal;odata.streaming=true")]
    [TestCase("application/json; charset=utf-8")]
    [TestCase("*/*")]
    public async Task Plain_JSON_media_types_get_the_same_bytes(string accept)
    {
        var (direct, odata) = await BothWriters("/odata/DiagnosticTests?$expand=Tags", ("Accept", accept));

        Assert.That(direct.WrittenDirectly, Is.True);
        AssertSame(direct, odata);
    }

    [TestCase("/odata/DiagnosticTests?$expand=Tags")]
    [TestCase("/odata/DiagnosticTests?$select=Name,Price")]
    public async Task A_preferred_page_size_gives_the_same_page_and_next_link(string url)
    {
        var (direct, odata) = await BothWriters(url, ("Prefer", "odata.maxpagesize=2"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(direct.WrittenDirectly, Is.True);
            Assert.That(direct.Body, Does.Contain("\"@odata.nextLink\""));
        }

        AssertSame(direct, odata);
    }

    [TestCase("/odata/DiagnosticTests?$select=*")]
    [TestCase("/odata/DiagnosticTests?$select=Name&$expand=Tags")]
    [TestCase("/odata/DiagnosticTests?$select=Name,Tags")]
    [TestCase("/odata/DiagnosticTests?$expand=Tags($select=Name)")]
    [TestCase("/odata/DiagnosticTests?$expand=Tags($orderby=Name desc)")]
    [TestCase("/odata/DiagnosticTests?$expand=Tags/$ref")]
    [TestCase("/odata/DiagnosticTests?$format=json")]
    [TestCase("/odata/DiagnosticTests(2)?$expand=Tags($select=Name)")]
    [TestCase("/odata/DiagnosticTests(2)?$select=*")]
    [TestCase("/odata/Me")]
    [TestCase("/odata/DiagnosticTests(2)/Tags")]
    [TestCase("/odata/DiagnosticTests/Recommend(tags=['fever'])?$format=json")]
    public async Task Other_requests_stay_with_ODatas_writer(string url)
    {
        var (direct, odata) = await BothWriters(url);

        Assert.That(direct.WrittenDirectly, Is.False);
        AssertSame(direct, odata);
    }

    [TestCase("/odata/DiagnosticTests(999)?$expand=Tags")]
    [TestCase("/odata/DiagnosticTests(999)?$select=Name")]
    public async Task A_missing_key_is_the_same_404_from_both_writers(string url)
    {
        var (direct, odata) = await BothWriters(url);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(direct.Status, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(direct.Status, Is.EqualTo(odata.Status));
            Assert.That(direct.Headers, Is.EqualTo(odata.Headers));
            Assert.That(direct.Body, Is.EqualTo(odata.Body));
        }
    }

    [TestCase("Accept", "application/json;odata.metadata=full")]
    [TestCase("Accept", "application/json;odata.metadata=none")]
    [TestCase("Accept", "application/json;IEEE754Compatible=true")]
    [TestCase("OData-MaxVersion", "4.01")]
    [TestCase("Prefer", "odata.include-annotations=\"*\"")]
    public async Task Other_formats_and_preferences_stay_with_ODatas_writer(string header, string value)
    {
        var (direct, odata) = await BothWriters("/odata/DiagnosticTests?$expand=Tags", (header, value));

        Assert.That(direct.WrittenDirectly, Is.False);
        AssertSame(direct, odata);
    }

    /// <summary>Seeds the catalogue and a test whose values exercise escaping, nulls, scales and times; reads through both writers.</summary>
    private static async Task<(Written Direct, Written OData)> BothWriters(string url, params (string Name, string Value)[] headers)
    {
        await SeedCatalogue();
        await ExecuteSql("""
            INSERT INTO "DiagnosticTests" ("Name", "Code", "Category", "Description", "Specimen", "Preparation",
                "TurnaroundHours", "ValidityDays", "Price", "ApplicableSex", "MinAgeYears", "MaxAgeYears", "CreatedAt", "UpdatedAt") VALUES
              (E'Ünïcödé <b>"chest"</b> & \\ path/é', NULL, 'Laboratory', E'Line\nbreak\ttab \u2028 emoji 😀 control \x01 quote '' "', NULL, NULL,
               NULL, NULL, 12.5, 'Female', 18, 65, '2024-02-29 12:34:56.789012+00', '2024-03-01 00:00:00+00'),
              ('Priced round', 'X-1', 'Imaging', NULL, 'Blood', 'Fasting 8 h', 0, 365, 100, 'Male', NULL, 99, '2025-06-30 23:59:59.5+00', now());
            UPDATE "DiagnosticTests" SET "Price" = 0.05 WHERE "Name" = 'Chest X-ray';
            """);
        using var signedIn = await SignedInAs("Reader");
        using var directFactory = Recording(Harness.Factory, directWriting: true, out var directPages);
        using var odataFactory = Recording(Harness.Factory, directWriting: false, out var odataPages);

        var direct = await Get(directFactory, signedIn, url, headers, directPages);
        var odata = await Get(odataFactory, signedIn, url, headers, odataPages);
        Assert.That(odata.WrittenDirectly, Is.False, "the comparison is with OData's serializer");
        return (direct, odata);
    }

    private static WebApplicationFactory<Program> Recording(WebApplicationFactory<Program> factory, bool directWriting, out ConcurrentQueue<bool> pages)
    {
        var recorded = new ConcurrentQueue<bool>();
        pages = recorded;
        return factory.WithWebHostBuilder(host => host.ConfigureTestServices(services =>
        {
            services.Configure<DirectWritingOptions>(options => options.DirectJson = directWriting);
            services.AddSingleton<IStartupFilter>(new DirectPageRecorder(recorded));
        }));
    }

    private static async Task<Written> Get(
        WebApplicationFactory<Program> factory, HttpClient signedIn, string url, (string Name, string Value)[] headers, ConcurrentQueue<bool> pages)
    {
        using var client = ClientOf(factory, signedIn);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();
        var compared = ComparedHeaders.ToDictionary(
            name => name,
            name => response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
                ? string.Join(", ", values)
                : null);
        return new Written(response.StatusCode, compared, body, pages.TryDequeue(out var direct) && direct);
    }

    private static void AssertSame(Written direct, Written odata)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(direct.Status, Is.EqualTo(HttpStatusCode.OK), direct.Body);
            Assert.That(direct.Status, Is.EqualTo(odata.Status));
            Assert.That(direct.Headers, Is.EqualTo(odata.Headers));
            Assert.That(direct.Body, Is.EqualTo(odata.Body));
            Assert.That(direct.Bytes, Is.EqualTo(odata.Bytes), "the bytes, not only the text");
        }
    }

    private sealed record Written(HttpStatusCode Status, Dictionary<string, string?> Headers, byte[] Bytes, bool WrittenDirectly)
    {
        public string Body => System.Text.Encoding.UTF8.GetString(Bytes);
    }

    /// <summary>Notes, per request, whether the direct writer had planned the page.</summary>
    private sealed class DirectPageRecorder(ConcurrentQueue<bool> pages) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                await nextMiddleware(context);
                if (context.Request.Path.StartsWithSegments("/odata"))
                {
                    pages.Enqueue(DirectPage.Planned(context.Request) is not null);
                }
            });
            next(app);
        };
    }
}
