using DiagnosticTests.Api.Auth;
using DiagnosticTests.Api.Data;
using DiagnosticTests.Api.OData;
using DiagnosticTests.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Deltas;
using Microsoft.AspNetCore.OData.Results;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Microsoft.EntityFrameworkCore;

namespace DiagnosticTests.Api.Controllers;

public sealed class TagsController(AppDbContext db) : ODataController
{
    private const string EntitySet = "Tags";

    [CatalogueQuery(ReuseBinding = true)]
    public IQueryable<Tag> Get() => db.Tags.AsNoTracking();

    [CatalogueQuery]
    public SingleResult<Tag> Get(int key) => SingleResult.Create(db.Tags.AsNoTracking().Where(t => t.Id == key));

    [CatalogueQuery]
    public IQueryable<DiagnosticTest> GetDiagnosticTests(int key) =>
        db.Tags.AsNoTracking().Where(t => t.Id == key).SelectMany(t => t.DiagnosticTests);

    [Authorize(Policy = Policies.Editor)]
    public async Task<IActionResult> Post([FromBody] Tag tag, CancellationToken cancellationToken)
    {
        if (tag is null)
        {
            return ODataErrors.InvalidBody(ModelState);
        }

        tag.Id = 0;
        tag.DiagnosticTests = [];
        if (await ValidateAsync(tag, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        db.Tags.Add(tag);
        await db.SaveChangesAsync(cancellationToken);
        return Created(tag);
    }

    [Authorize(Policy = Policies.Editor)]
    public Task<IActionResult> Patch(int key, [FromBody] Delta<Tag> changes, CancellationToken cancellationToken) =>
        UpdateAsync(key, changes, replace: false, cancellationToken);

    [Authorize(Policy = Policies.Editor)]
    public Task<IActionResult> Put(int key, [FromBody] Delta<Tag> replacement, CancellationToken cancellationToken) =>
        UpdateAsync(key, replacement, replace: true, cancellationToken);

    /// <summary>Removes the tag from every test; the tests themselves stay.</summary>
    [Authorize(Policy = Policies.Editor)]
    public async Task<IActionResult> Delete(int key, CancellationToken cancellationToken)
    {
        var deleted = await db.Tags.Where(t => t.Id == key).ExecuteDeleteAsync(cancellationToken);
        return deleted == 0 ? ODataErrors.NotFound(EntitySet, key) : NoContent();
    }

    private async Task<IActionResult> UpdateAsync(int key, Delta<Tag> changes, bool replace, CancellationToken cancellationToken)
    {
        if (changes is null)
        {
            return ODataErrors.InvalidBody(ModelState);
        }

        if (changes.ChangesKey(key))
        {
            return ODataErrors.BadRequest("Id cannot be changed.", nameof(Tag.Id));
        }

        var tag = await db.Tags.SingleOrDefaultAsync(t => t.Id == key, cancellationToken);
        if (tag is null)
        {
            return ODataErrors.NotFound(EntitySet, key);
        }

        changes.ApplyTo(tag, replace, keepKey: e => e.Id = key);
        if (await ValidateAsync(tag, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        await db.SaveChangesAsync(cancellationToken);
        return Updated(tag);
    }

    private async Task<IActionResult?> ValidateAsync(Tag tag, CancellationToken cancellationToken)
    {
        tag.Name = TagName.Normalize(tag.Name ?? "");
        var errors = EntityValidator.Validate(tag);
        if (errors.Count > 0)
        {
            return ODataErrors.Invalid(errors);
        }

        return await db.Tags.AnyAsync(t => t.Name == tag.Name && t.Id != tag.Id, cancellationToken)
            ? ODataErrors.Conflict($"A tag named '{tag.Name}' already exists.", nameof(Tag.Name))
            : null;
    }
}
