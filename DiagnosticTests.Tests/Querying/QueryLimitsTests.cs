using System.Net;

namespace DiagnosticTests.Tests.Querying;

/// <summary>
/// Queries beyond the configured limits, and queries that do not parse, are refused with 400 in the OData
/// error format, with a message that says what is wrong and no stack trace (API.md, Querying: Limits).
/// </summary>
public sealed class QueryLimitsTests : CatalogueTestBase
{
    [SetUp]
    public Task Seed() => SeedCatalogue();

    [Test]
    public async Task Top_above_1000_is_refused_naming_the_limit()
    {
        using var reader = await SignedInAs("Reader");

        using var response = await reader.GetAsync("/odata/DiagnosticTests?$top=1001");

        await AssertRefused(response, @"\b1000\b");
    }

    [Test]
    public async Task Expand_three_levels_deep_is_refused_naming_the_depth_limit()
    {
        using var reader = await SignedInAs("Reader");

        using var response = await reader.GetAsync("/odata/DiagnosticTests?$expand=Tags($expand=DiagnosticTests($expand=Tags))");

        await AssertRefused(response, @"depth\D*\b2\b");
    }

    [Test]
    public async Task A_filter_of_more_than_200_nodes_is_refused_naming_the_node_limit()
    {
        var clauses = string.Concat(Enumerable.Repeat(" or Name eq 'x'", 120));
        using var reader = await SignedInAs("Reader");

        using var response = await reader.GetAsync($"/odata/DiagnosticTests?$filter=Name eq 'Urinalysis'{clauses}");

        await AssertRefused(response, @"node count\D*\b200\b");
    }

    [Test]
    public async Task Any_nested_three_deep_is_refused_naming_the_nesting_limit()
    {
        using var reader = await SignedInAs("Reader");

        using var response = await reader.GetAsync(
            "/odata/DiagnosticTests?$filter=Tags/any(t: t/DiagnosticTests/any(d: d/Tags/any(u: u/Name eq 'x')))");

        await AssertRefused(response, @"any/all\D*\b2\b");
    }

    [Test]
    public async Task A_filter_on_an_unknown_property_is_refused_naming_the_property()
    {
        using var reader = await SignedInAs("Reader");

        using var response = await reader.GetAsync("/odata/DiagnosticTests?$filter=Nope eq 1");

        await AssertRefused(response, "'Nope'");
    }

    [Test]
    public async Task An_unknown_system_query_option_is_refused()
    {
        using var reader = await SignedInAs("Reader");

        using var response = await reader.GetAsync("/odata/DiagnosticTests?$foo=1");

        await AssertRefused(response, @"'\$foo'");
    }

    /// <summary>400, {"error":{"code","message"}} with a message matching <paramref name="naming"/> (ignoring case), no stack trace.</summary>
    private static async Task AssertRefused(HttpResponseMessage response, string naming)
    {
        var (status, body, code, message) = await ReadError(response);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), body);
            Assert.That(code, Is.Not.Null.And.Not.Empty, body);
            Assert.That(message, Does.Match(naming).IgnoreCase, body);

            Assert.That(body, Does.Not.Contain("innererror").IgnoreCase);
            Assert.That(body, Does.Not.Contain("StackTrace").IgnoreCase);
        }
    }
}
