using System.Net;
using System.Text.Json;
using DiagnosticTests.Tests.Infrastructure;

namespace DiagnosticTests.Tests.Clients;

/// <summary>
/// The Org.OData.Capabilities.V1 annotations in $metadata, which tools such as Power Query and OpenAPI converters
/// read to decide what to ask for: they must say what the service does (API.md, Querying and Writes).
/// </summary>
public sealed class CapabilitiesAnnotationsTests : ApiTestBase
{
    private const string Capabilities = "@Org.OData.Capabilities.V1.";

    [TestCase("DiagnosticTests")]
    [TestCase("Tags")]
    [TestCase("Users")]
    public async Task A_main_entity_set_announces_every_query_option_the_service_serves(string entitySet)
    {
        var annotations = await AnnotationsOf($"DiagnosticTests.Container/{entitySet}");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Record(annotations, "CountRestrictions", "Countable"), Is.True);
            Assert.That(Record(annotations, "FilterRestrictions", "Filterable"), Is.True);
            Assert.That(Record(annotations, "SortRestrictions", "Sortable"), Is.True);
            Assert.That(Record(annotations, "ExpandRestrictions", "Expandable"), Is.True);
            Assert.That(annotations.GetProperty(Capabilities + "ExpandRestrictions").GetProperty("MaxLevels").GetInt32(), Is.EqualTo(2));
            Assert.That(annotations.GetProperty(Capabilities + "TopSupported").GetBoolean(), Is.True);
            Assert.That(annotations.GetProperty(Capabilities + "SkipSupported").GetBoolean(), Is.True);
            Assert.That(Record(annotations, "SearchRestrictions", "Searchable"), Is.True);
            Assert.That(Record(annotations, "SelectSupport", "Supported"), Is.True);
        }
    }

    [Test]
    public async Task DiagnosticTestTags_is_announced_as_not_insertable_updatable_or_deletable()
    {
        var annotations = await AnnotationsOf("DiagnosticTests.Container/DiagnosticTestTags");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Record(annotations, "InsertRestrictions", "Insertable"), Is.False);
            Assert.That(Record(annotations, "UpdateRestrictions", "Updatable"), Is.False);
            Assert.That(Record(annotations, "DeleteRestrictions", "Deletable"), Is.False);
        }
    }

    [Test]
    public async Task Users_is_announced_as_writable_by_admins_only()
    {
        var annotations = await AnnotationsOf("DiagnosticTests.Container/Users");

        using (Assert.EnterMultipleScope())
        {
            foreach (var (term, property) in new[] { ("InsertRestrictions", "Insertable"), ("UpdateRestrictions", "Updatable"), ("DeleteRestrictions", "Deletable") })
            {
                Assert.That(Record(annotations, term, property), Is.True, term);
                Assert.That(annotations.GetProperty(Capabilities + term).GetProperty("Description").GetString(), Is.EqualTo("Admins only."), term);
            }
        }
    }

    [Test]
    public async Task The_container_announces_batch_requests_and_no_asynchronous_requests()
    {
        var container = (await CsdlJson()).GetProperty("DiagnosticTests").GetProperty("Container");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(container.GetProperty(Capabilities + "BatchSupported").GetBoolean(), Is.True);
            Assert.That(container.GetProperty(Capabilities + "AsynchronousRequestsSupported").GetBoolean(), Is.False);
        }
    }

    private static bool Record(JsonElement annotations, string term, string property) =>
        annotations.GetProperty(Capabilities + term).GetProperty(property).GetBoolean();

    private static async Task<JsonElement> AnnotationsOf(string target) =>
        (await CsdlJson()).GetProperty("DiagnosticTests").GetProperty("$Annotations").GetProperty(target);

    private static async Task<JsonElement> CsdlJson()
    {
        using var anonymous = Anonymous();
        using var response = await anonymous.GetAsync(new Uri("/odata/$metadata?$format=json", UriKind.Relative));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return await ReadJson(response);
    }
}
