using DiagnosticTests.Api.Auth;
using DiagnosticTests.Api.Catalogue;
using DiagnosticTests.Api.Data;
using DiagnosticTests.Api.OData;
using DiagnosticTests.Api.OData.DirectWriting;
using DiagnosticTests.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Deltas;
using Microsoft.AspNetCore.OData.Extensions;
using Microsoft.AspNetCore.OData.Formatter;
using Microsoft.AspNetCore.OData.Results;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DiagnosticTests.Api.Controllers;

public sealed class DiagnosticTestsController(AppDbContext db, TagResolver tagResolver, Recommender recommender) : ODataController
{
    private const string EntitySet = "DiagnosticTests";

    [CatalogueQuery(ReuseBinding = true)]
    public IQueryable<DiagnosticTest> Get() => db.DiagnosticTests.AsNoTracking();

    [CatalogueQuery]
    public SingleResult<DiagnosticTest> Get(int key) =>
        SingleResult.Create(db.DiagnosticTests.AsNoTracking().Where(t => t.Id == key));

    [CatalogueQuery]
    public IQueryable<Tag> GetTags(int key) =>
        db.DiagnosticTests.AsNoTracking().Where(t => t.Id == key).SelectMany(t => t.Tags);

    /// <summary>
    /// Decision support, not a diagnosis: the tests worth considering for a patient with these tags,
    /// ranked by the share of tags matched, then by specificity, then by name.
    /// </summary>
    [HttpGet]
    public async Task<IActionResult> Recommend(
        [FromODataUri] IEnumerable<string>? tags,
        [FromODataUri] string? sex,
        [FromODataUri] int? age,
        [FromServices] IOptions<QueryLimits> limits,
        CancellationToken cancellationToken)
    {
        var (paging, pagingError) = PagingOptions.Parse(Request.Query, limits.Value);
        var (request, errors) = RecommendationRequest.Create(tags, sex, age);
        if (pagingError is not null || errors.Count > 0)
        {
            return ODataErrors.BadRequest(pagingError ?? string.Join(" ", errors));
        }

        // A page is the configured size (or less, as the client prefers) unless $top asks for fewer.
        var pageSize = ServerPaging.EffectivePageSize(Request, limits.Value.PageSize);
        var take = Math.Min(paging!.Top ?? int.MaxValue, pageSize);
        var page = await recommender.RecommendAsync(request, paging.Skip, take, paging.Count, cancellationToken);
        if (page.Errors.Count > 0)
        {
            return ODataErrors.BadRequest(string.Join(" ", page.Errors), "tags");
        }

        var feature = Request.ODataFeature();
        feature.TotalCount = page.TotalCount;
        if (page.HasMore && take == pageSize && paging.Top != take)
        {
            feature.NextLink = Request.GetNextPageLink(pageSize, null, null);
        }

        return DirectPage.ForCollectionOf<Recommendation>(Request) is { } direct
            ? new DirectPageResult(direct, page.Recommendations)
            : Ok(page.Recommendations);
    }

    [Authorize(Policy = Policies.Editor)]
    public async Task<IActionResult> Post([FromBody] DiagnosticTest test, CancellationToken cancellationToken)
    {
        if (test is null)
        {
            return ODataErrors.InvalidBody(ModelState);
        }

        test.Id = 0;
        var requestedTags = test.Tags.ToList();
        test.Tags = [];
        if (await ValidateAsync(test, requestedTags, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        db.DiagnosticTests.Add(test);
        await db.SaveChangesAsync(cancellationToken);
        return Created(test);
    }

    [Authorize(Policy = Policies.Editor)]
    public Task<IActionResult> Patch(int key, [FromBody] Delta<DiagnosticTest> changes, CancellationToken cancellationToken) =>
        UpdateAsync(key, changes, replace: false, cancellationToken);

    [Authorize(Policy = Policies.Editor)]
    public Task<IActionResult> Put(int key, [FromBody] Delta<DiagnosticTest> replacement, CancellationToken cancellationToken) =>
        UpdateAsync(key, replacement, replace: true, cancellationToken);

    [Authorize(Policy = Policies.Editor)]
    public async Task<IActionResult> Delete(int key, CancellationToken cancellationToken)
    {
        var deleted = await db.DiagnosticTests.Where(t => t.Id == key).ExecuteDeleteAsync(cancellationToken);
        return deleted == 0 ? ODataErrors.NotFound(EntitySet, key) : NoContent();
    }

    [Authorize(Policy = Policies.Editor)]
    public async Task<IActionResult> CreateRefToTags(int key, [FromBody] Uri link, CancellationToken cancellationToken)
    {
        var test = await db.DiagnosticTests.Include(t => t.Tags).SingleOrDefaultAsync(t => t.Id == key, cancellationToken);
        if (test is null)
        {
            return ODataErrors.NotFound(EntitySet, key);
        }

        if (link is null || ODataLinks.TryGetKey(link, "Tags") is not { } tagId)
        {
            return ODataErrors.BadRequest("The body must be {\"@odata.id\": \".../Tags(<id>)\"}.", "@odata.id");
        }

        var tag = await db.Tags.FindAsync([tagId], cancellationToken);
        if (tag is null)
        {
            return ODataErrors.NotFound("Tags", tagId);
        }

        if (!test.Tags.Any(t => t.Id == tagId))
        {
            test.Tags.Add(tag);
            await db.SaveChangesAsync(cancellationToken);
        }

        return NoContent();
    }

    [Authorize(Policy = Policies.Editor)]
    public async Task<IActionResult> DeleteRefToTags(int key, int relatedKey, CancellationToken cancellationToken)
    {
        if (!await db.DiagnosticTests.AnyAsync(t => t.Id == key, cancellationToken))
        {
            return ODataErrors.NotFound(EntitySet, key);
        }

        var removed = await db.DiagnosticTestTags
            .Where(l => l.DiagnosticTestId == key && l.TagId == relatedKey)
            .ExecuteDeleteAsync(cancellationToken);
        return removed == 0 ? ODataErrors.NotFound($"DiagnosticTests({key})/Tags", relatedKey) : NoContent();
    }

    private async Task<IActionResult> UpdateAsync(int key, Delta<DiagnosticTest> changes, bool replace, CancellationToken cancellationToken)
    {
        if (changes is null)
        {
            return ODataErrors.InvalidBody(ModelState);
        }

        if (changes.ChangesKey(key))
        {
            return ODataErrors.BadRequest("Id cannot be changed.", nameof(DiagnosticTest.Id));
        }

        var test = await db.DiagnosticTests.Include(t => t.Tags).SingleOrDefaultAsync(t => t.Id == key, cancellationToken);
        if (test is null)
        {
            return ODataErrors.NotFound(EntitySet, key);
        }

        var tagsSent = changes.GetChangedPropertyNames().Contains(nameof(DiagnosticTest.Tags));
        var currentTags = test.Tags.ToList();
        changes.ApplyTo(test, replace, keepKey: e => e.Id = key);
        var requestedTags = tagsSent ? test.Tags.ToList() : currentTags;
        test.Tags = currentTags;
        if (await ValidateAsync(test, requestedTags, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        await db.SaveChangesAsync(cancellationToken);
        return Updated(test);
    }

    /// <summary>Validates the test and resolves its tags into <paramref name="test"/>; returns an error result or null.</summary>
    private async Task<IActionResult?> ValidateAsync(DiagnosticTest test, IReadOnlyList<Tag> requestedTags, CancellationToken cancellationToken)
    {
        test.Name = test.Name?.Trim() ?? "";
        var errors = EntityValidator.Validate(test);
        if (errors.Count > 0)
        {
            return ODataErrors.Invalid(errors);
        }

        if (await db.DiagnosticTests.AnyAsync(t => t.Name == test.Name && t.Id != test.Id, cancellationToken))
        {
            return ODataErrors.Conflict($"A diagnostic test named '{test.Name}' already exists.", nameof(DiagnosticTest.Name));
        }

        var resolution = await tagResolver.ResolveAsync(requestedTags, cancellationToken);
        if (resolution.Errors.Count > 0)
        {
            return ODataErrors.Invalid(resolution.Errors);
        }

        test.Tags.Clear();
        foreach (var tag in resolution.Tags)
        {
            test.Tags.Add(tag);
        }

        return null;
    }
}
