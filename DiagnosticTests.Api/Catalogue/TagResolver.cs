using System.ComponentModel.DataAnnotations;
using DiagnosticTests.Api.Data;
using DiagnosticTests.Domain;
using Microsoft.EntityFrameworkCore;

namespace DiagnosticTests.Api.Catalogue;

public sealed record TagResolution(IReadOnlyList<Tag> Tags, IReadOnlyList<ValidationResult> Errors);

/// <summary>
/// Turns the tags a client sent with a test into tracked tags: references (<c>Tags@odata.bind</c> or
/// <c>{"Id": 3}</c>) must exist; names are matched ignoring case and created when missing.
/// </summary>
public sealed class TagResolver(AppDbContext db)
{
    public async Task<TagResolution> ResolveAsync(IEnumerable<Tag> requested, CancellationToken cancellationToken)
    {
        var requestedTags = requested.ToList();
        var errors = new List<ValidationResult>();

        var ids = requestedTags.Where(IsReference).Select(t => t.Id).Distinct().ToList();
        var byId = await db.Tags.Where(t => ids.Contains(t.Id)).ToListAsync(cancellationToken);
        var missingIds = ids.Except(byId.Select(t => t.Id)).ToList();
        if (missingIds.Count > 0)
        {
            errors.Add(new ValidationResult($"Unknown tag id(s): {string.Join(", ", missingIds)}.", ["Tags"]));
        }

        var named = requestedTags.Where(t => !IsReference(t)).ToList();
        foreach (var tag in named)
        {
            tag.Name = TagName.Normalize(tag.Name ?? "");
            errors.AddRange(EntityValidator.Validate(tag).Select(e => new ValidationResult($"Tag '{tag.Name}': {e.ErrorMessage}", ["Tags"])));
        }

        if (errors.Count > 0)
        {
            return new TagResolution([], errors);
        }

        var names = named.Select(t => t.Name).Distinct(TagName.Comparer).ToList();
        var existing = await db.Tags.Where(t => names.Contains(t.Name)).ToListAsync(cancellationToken);
        var byName = existing.ToDictionary(t => t.Name, TagName.Comparer);
        foreach (var tag in named.Where(t => !byName.ContainsKey(t.Name)))
        {
            var created = new Tag { Name = tag.Name, Category = tag.Category, Description = tag.Description };
            db.Tags.Add(created);
            byName[created.Name] = created;
        }

        var resolved = byId.Concat(named.Select(t => byName[t.Name])).DistinctBy(t => t.Name, TagName.Comparer).ToList();
        return new TagResolution(resolved, []);
    }

    // A tag that arrives with an id and no name is a reference to an existing tag.
    private static bool IsReference(Tag tag) => tag.Id > 0 && string.IsNullOrEmpty(tag.Name);
}
