using System.Net;
using System.Text.Json;
using System.Xml.Linq;

namespace DiagnosticTests.Tests.Querying;

/// <summary>The service document and $metadata: anonymous, and describing exactly the public model (API.md, Base and Entity sets).</summary>
public sealed class MetadataTests : CatalogueTestBase
{
    private static readonly XNamespace Edm = "http://docs.oasis-open.org/odata/ns/edm";

    [Test]
    public async Task Metadata_is_served_anonymously_as_xml()
    {
        using var anonymous = Anonymous();

        using var response = await anonymous.GetAsync("/odata/$metadata");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/xml"));
        }
    }

    [Test]
    public async Task Metadata_lists_the_four_entity_sets_and_the_Me_singleton()
    {
        var metadata = await Metadata();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(metadata.Descendants(Edm + "EntitySet").Select(e => (string?)e.Attribute("Name")),
                Is.EquivalentTo(new[] { "DiagnosticTests", "Tags", "Users", "DiagnosticTestTags" }));
            Assert.That(metadata.Descendants(Edm + "Singleton").Select(e => (string?)e.Attribute("Name")),
                Is.EqualTo(new[] { "Me" }));
        }
    }

    [Test]
    public async Task Metadata_declares_every_schema_in_the_DiagnosticTests_namespace()
    {
        var metadata = await Metadata();

        Assert.That(metadata.Descendants(Edm + "Schema").Select(s => (string?)s.Attribute("Namespace")),
            Has.All.EqualTo("DiagnosticTests").And.Not.Empty);
    }

    [Test]
    public async Task Metadata_has_no_password_property()
    {
        var metadata = await Metadata();

        var properties = metadata.Descendants(Edm + "Property").Select(p => (string?)p.Attribute("Name")).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(properties, Does.Contain("Email"), "the User type is in the model");
            Assert.That(properties, Has.No.Member("Password").And.No.Member("PasswordHash"));
            Assert.That(metadata.ToString(), Does.Not.Contain("Password"));
        }
    }

    [Test]
    public async Task CreatedAt_is_an_Edm_DateTimeOffset_on_tests_and_users()
    {
        var metadata = await Metadata();

        var createdAt = metadata.Descendants(Edm + "EntityType")
            .Where(t => (string?)t.Attribute("Name") is "DiagnosticTest" or "User")
            .Select(t => t.Elements(Edm + "Property").Single(p => (string?)p.Attribute("Name") == "CreatedAt"))
            .Select(p => (string?)p.Attribute("Type"))
            .ToList();
        Assert.That(createdAt, Is.EqualTo(new[] { "Edm.DateTimeOffset", "Edm.DateTimeOffset" }));
    }

    [Test]
    public async Task Metadata_declares_no_enum_types()
    {
        var metadata = await Metadata();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(metadata.Descendants(Edm + "EnumType"), Is.Empty);
            Assert.That(ApplicableSexType(metadata), Is.EqualTo("Edm.String"));
        }
    }

    [Test]
    public async Task Metadata_with_format_json_is_csdl_json()
    {
        using var anonymous = Anonymous();

        using var response = await anonymous.GetAsync("/odata/$metadata?$format=json");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var csdl = await ReadJson(response);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
            Assert.That(csdl.GetProperty("$Version").GetString(), Does.StartWith("4."));
            Assert.That(csdl.GetProperty("$EntityContainer").GetString(), Does.StartWith("DiagnosticTests."));
            Assert.That(csdl.GetProperty("DiagnosticTests").GetProperty("DiagnosticTest").GetProperty("$Kind").GetString(), Is.EqualTo("EntityType"));
        }
    }

    [Test]
    public async Task The_service_document_is_served_anonymously_and_lists_the_sets_and_the_singleton()
    {
        using var anonymous = Anonymous();

        var document = await GetJson(anonymous, "/odata");

        var resources = document.GetProperty("value").EnumerateArray()
            .Select(r => $"{r.GetProperty("name").GetString()} ({Kind(r)})")
            .ToList();
        Assert.That(resources, Is.EquivalentTo(new[]
        {
            "DiagnosticTests (EntitySet)", "Tags (EntitySet)", "Users (EntitySet)", "DiagnosticTestTags (EntitySet)", "Me (Singleton)",
        }));
    }

    private static async Task<XDocument> Metadata()
    {
        using var anonymous = Anonymous();
        using var response = await anonymous.GetAsync("/odata/$metadata");
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        return XDocument.Parse(body);
    }

    private static string? ApplicableSexType(XDocument metadata) =>
        metadata.Descendants(Edm + "EntityType")
            .Single(t => (string?)t.Attribute("Name") == "DiagnosticTest")
            .Elements(Edm + "Property")
            .Select(p => (Name: (string?)p.Attribute("Name"), Type: (string?)p.Attribute("Type")))
            .Single(p => p.Name == "ApplicableSex").Type;

    // The service document may leave out "kind" for entity sets, its default.
    private static string Kind(JsonElement resource) =>
        resource.TryGetProperty("kind", out var kind) ? kind.GetString() ?? "EntitySet" : "EntitySet";
}
