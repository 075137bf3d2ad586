using DiagnosticTests.Api.Data;
using DiagnosticTests.Api.OData;
using DiagnosticTests.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Results;
using Microsoft.AspNetCore.OData.Routing.Controllers;

namespace DiagnosticTests.Api.Controllers;

/// <summary>
/// The test–tag links as a flat, read-only set for BI tools. Writes answer 405 and say where links are
/// edited; they are explicit because OData routing answers 404, not 405, for unhandled methods on a composite key.
/// </summary>
public sealed class DiagnosticTestTagsController(AppDbContext db) : ODataController
{
    [CatalogueQuery]
    public IQueryable<DiagnosticTestTag> Get() => db.DiagnosticTestTags;

    [CatalogueQuery]
    public SingleResult<DiagnosticTestTag> Get(int keyDiagnosticTestId, int keyTagId) =>
        SingleResult.Create(db.DiagnosticTestTags.Where(l => l.DiagnosticTestId == keyDiagnosticTestId && l.TagId == keyTagId));

    public IActionResult Post() => ReadOnly();

    public IActionResult Put(int keyDiagnosticTestId, int keyTagId) => ReadOnly();

    public IActionResult Patch(int keyDiagnosticTestId, int keyTagId) => ReadOnly();

    public IActionResult Delete(int keyDiagnosticTestId, int keyTagId) => ReadOnly();

    private static ObjectResult ReadOnly() => ODataErrors.MethodNotAllowed(
        "DiagnosticTestTags is read-only. Link a tag with POST /odata/DiagnosticTests(id)/Tags/$ref and unlink it with DELETE /odata/DiagnosticTests(id)/Tags(tagId)/$ref.");
}
