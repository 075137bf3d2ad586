using DiagnosticTests.Api.Data;
using DiagnosticTests.Domain;
using Microsoft.EntityFrameworkCore;

namespace DiagnosticTests.Api.Catalogue;

/// <summary>
/// The one way a catalogue file reaches the database (start-up seeding, the CLI verb, the HTTP endpoint):
/// tests and tags are upserted by name, ignoring case, in one transaction, and only when no row is rejected.
/// A test's tags in the file replace its tag set; tags named by a test but not listed are created as Other.
/// </summary>
public sealed class CatalogueImporter(AppDbContext db)
{
    public async Task<CatalogueImportReport> ImportAsync(ParsedCatalogue parsed, CancellationToken cancellationToken)
    {
        var plan = CataloguePlan.Build(parsed);
        if (plan.Rejected.Count > 0)
        {
            return CatalogueImportReport.Refused(plan.Rejected);
        }

        // Npgsql retries transient failures; with an explicit transaction the retry must replay the whole unit.
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            // A retry starts again from the database, not from what a failed attempt left tracked.
            db.ChangeTracker.Clear();
            // Reads and writes in one transaction, so the counts describe what was committed; a concurrent insert
            // of the same name fails this import on the unique index (rolled back) rather than duplicating the row.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var tags = await UpsertTagsAsync(plan, cancellationToken);
            var report = await UpsertTestsAsync(plan, tags, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return report;
        });
    }

    private async Task<TagChanges> UpsertTagsAsync(CataloguePlan plan, CancellationToken cancellationToken)
    {
        var names = plan.Tags.Select(t => t.Name).Concat(plan.Tests.SelectMany(t => t.TagNames)).Distinct(TagName.Comparer).ToList();
        var byName = (await db.Tags.Where(t => names.Contains(t.Name)).ToListAsync(cancellationToken)).ToDictionary(t => t.Name, TagName.Comparer);
        var changes = new TagChanges(byName, [], []);
        foreach (var listed in plan.Tags)
        {
            if (byName.TryGetValue(listed.Name, out var tag))
            {
                if (tag.Name != listed.Name || tag.Category != listed.Category || tag.Description != listed.Description)
                {
                    (tag.Name, tag.Category, tag.Description) = (listed.Name, listed.Category, listed.Description);
                    changes.Updated.Add(tag.Name);
                }
            }
            else
            {
                Create(new Tag { Name = listed.Name, Category = listed.Category, Description = listed.Description });
            }
        }

        // Tags only named by a test: an existing tag keeps its category; a new one gets the default.
        foreach (var name in names.Where(n => !byName.ContainsKey(n)))
        {
            Create(new Tag { Name = name, Category = TagCategory.Other });
        }

        return changes;

        void Create(Tag tag)
        {
            db.Tags.Add(tag);
            byName[tag.Name] = tag;
            changes.Created.Add(tag.Name);
        }
    }

    private async Task<CatalogueImportReport> UpsertTestsAsync(CataloguePlan plan, TagChanges tags, CancellationToken cancellationToken)
    {
        var names = plan.Tests.Select(t => t.Values.Name).ToList();
        var existing = (await db.DiagnosticTests.Include(t => t.Tags).Where(t => names.Contains(t.Name)).ToListAsync(cancellationToken))
            .ToDictionary(t => t.Name, StringComparer.OrdinalIgnoreCase);
        var (created, updated, unchanged) = (new List<string>(), new List<string>(), 0);
        foreach (var planned in plan.Tests)
        {
            var wanted = planned.TagNames.Select(n => tags.ByName[n]).ToList();
            if (!existing.TryGetValue(planned.Values.Name, out var test))
            {
                test = new DiagnosticTest { Tags = wanted };
                CopyFields(planned.Values, test);
                db.DiagnosticTests.Add(test);
                created.Add(test.Name);
                continue;
            }

            CopyFields(planned.Values, test);
            var entry = db.Entry(test);
            entry.DetectChanges();
            var fieldsChanged = entry.State == EntityState.Modified;
            var tagsChanged = !test.Tags.ToHashSet(ReferenceEqualityComparer.Instance).SetEquals(wanted);
            if (tagsChanged)
            {
                test.Tags.Clear();
                wanted.ForEach(test.Tags.Add);
                // A new tag set is a change of the test too: mark it so that UpdatedAt is stamped.
                entry.Property(t => t.UpdatedAt).IsModified = true;
            }

            if (fieldsChanged || tagsChanged)
            {
                updated.Add(test.Name);
            }
            else
            {
                unchanged++;
            }
        }

        return new CatalogueImportReport(created, updated, unchanged, tags.Created, tags.Updated, []);
    }

    private static void CopyFields(DiagnosticTest from, DiagnosticTest to)
    {
        to.Name = from.Name;
        to.Code = from.Code;
        to.Category = from.Category;
        to.Description = from.Description;
        to.Specimen = from.Specimen;
        to.Preparation = from.Preparation;
        to.TurnaroundHours = from.TurnaroundHours;
        to.ValidityDays = from.ValidityDays;
        to.Price = from.Price;
        to.ApplicableSex = from.ApplicableSex;
        to.MinAgeYears = from.MinAgeYears;
        to.MaxAgeYears = from.MaxAgeYears;
    }

    private sealed record TagChanges(Dictionary<string, Tag> ByName, List<string> Created, List<string> Updated);
}
