using System.Net;
using DiagnosticTests.Tests.Infrastructure;

namespace DiagnosticTests.Tests.Operations;

/// <summary>
/// A database restart or failover closes the service's pooled connections under it. The requests after that
/// must still be answered, reads and writes alike: the execution strategy retries on a new connection.
/// </summary>
public sealed class DroppedConnectionTests : OwnServiceTestBase
{
    // Names this test's service instance in pg_stat_activity, so only its connections are dropped.
    private const string ApplicationName = "dropped-connection-tests";


    [Test]
    public async Task A_page_of_tests_with_their_tags_is_answered_after_the_database_drops_the_connections()
    {
        using var reader = await SignedInToAServiceWithOpenConnections("Reader");

        await DropTheServicesConnections();
        var page = await GetJson(reader, "/odata/DiagnosticTests?$expand=Tags&$orderby=Name");

        Assert.That(Names(page), Is.EqualTo(new[] { "Chest X-ray", "Complete blood count", "Lipid panel", "Spirometry", "Urinalysis" }));
        Assert.That(page.GetProperty("value")[0].GetProperty("Tags").GetArrayLength(), Is.EqualTo(3));
    }

    [Test]
    public async Task A_repeated_page_of_tests_with_their_tags_is_answered_after_the_database_drops_the_connections()
    {
        using var reader = await SignedInToAServiceWithOpenConnections("Reader");
        const string FeverWithTags = "/odata/DiagnosticTests?$filter=Tags/any(t: t/Name eq 'fever')&$expand=Tags";
        var first = await GetJson(reader, FeverWithTags);

        await DropTheServicesConnections();
        var repeated = await GetJson(reader, FeverWithTags);

        Assert.That(Names(first), Is.Not.Empty);
        Assert.That(repeated.GetRawText(), Is.EqualTo(first.GetRawText()));
    }

    [Test]
    public async Task Recommendations_are_answered_after_the_database_drops_the_connections()
    {
        using var reader = await SignedInToAServiceWithOpenConnections("Reader");

        await DropTheServicesConnections();
        var page = await GetJson(reader, """/odata/DiagnosticTests/Recommend(tags=@t)?@t=["fever","cough"]""");

        Assert.That(Names(page), Is.EqualTo(new[] { "Chest X-ray", "Complete blood count", "Spirometry" }));
    }

    [Test]
    public async Task A_new_tag_is_created_after_the_database_drops_the_connections()
    {
        using var editor = await SignedInToAServiceWithOpenConnections("Editor");

        await DropTheServicesConnections();
        using var created = await PostJson(editor, "/odata/Tags", new { Name = "night sweats", Category = "Symptom" });

        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        Assert.That(await Scalar<long>("""SELECT count(*) FROM "Tags" WHERE "Name" = 'night sweats'"""), Is.EqualTo(1));
    }

    /// <summary>A client of a service instance of its own, whose pool holds open connections after a first read.</summary>
    private async Task<HttpClient> SignedInToAServiceWithOpenConnections(string role)
    {
        Service = new ApiFactory($"{Harness.ConnectionString};Application Name={ApplicationName}");
        using var signedIn = await SignedInAs(role);
        var client = ClientOf(Service, signedIn);
        await GetJson(client, "/odata/Tags");
        return client;
    }

    private static async Task DropTheServicesConnections()
    {
        var dropped = await Scalar<long>(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = @name",
            ("name", ApplicationName));
        Assert.That(dropped, Is.GreaterThan(0), "The service held no connection to drop");
    }
}
