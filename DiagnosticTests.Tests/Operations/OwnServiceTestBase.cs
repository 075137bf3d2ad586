using DiagnosticTests.Tests.Infrastructure;
using DiagnosticTests.Tests.Querying;

namespace DiagnosticTests.Tests.Operations;

/// <summary>
/// Tests that start a service instance of their own (its own connection settings) over the seeded catalogue,
/// stopped after each test.
/// </summary>
public abstract class OwnServiceTestBase : CatalogueTestBase
{
    protected ApiFactory? Service { get; set; }

    [SetUp]
    public Task Seed() => SeedCatalogue();

    [TearDown]
    public async Task StopTheService()
    {
        if (Service is not null)
        {
            await Service.DisposeAsync();
        }
    }
}
