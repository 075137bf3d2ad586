using DiagnosticTests.Api.Data;
using DiagnosticTests.Api.OData;
using DiagnosticTests.Domain;
using Microsoft.AspNetCore.OData.Routing.Controllers;

namespace DiagnosticTests.Api.Controllers;

/// <summary>The test–tag links as a flat, read-only set; writes have no action and so answer 405.</summary>
public sealed class DiagnosticTestTagsController(AppDbContext db) : ODataController
{
    [CatalogueQuery]
    public IQueryable<DiagnosticTestTag> Get() => db.DiagnosticTestTags;
}
