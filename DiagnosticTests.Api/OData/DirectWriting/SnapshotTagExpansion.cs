using System.Runtime.CompilerServices;
using DiagnosticTests.Api.Catalogue;
using DiagnosticTests.Api.Data;
using DiagnosticTests.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Query;

namespace DiagnosticTests.Api.OData.DirectWriting;

/// <summary>
/// Tests with their expanded tags, where the statement reads only the link table's tag ids and the tags themselves
/// come from a <see cref="TagSnapshot"/>: the tag rows are the same for every page, and looking each one up in
/// Tags was about a tenth of the database's CPU for a one-row tag search. A reused binding holds its snapshot only
/// while that is current (<see cref="TagSnapshotBinding"/>). A tag the snapshot lacks (one created and linked since
/// the binding was checked) is read from Tags after the rows.
/// </summary>
public sealed class SnapshotTagExpansion(TagSnapshot snapshot, IEntityType links) : IJoinedReading
{
    private static readonly ConditionalWeakTable<IModel, EntityColumns> TestColumns = [];

    /// <summary>The expansion of <paramref name="navigation"/> on <paramref name="entityType"/> from the request's tag snapshot, or null when it is not DiagnosticTest.Tags or no snapshot is current.</summary>
    public static SnapshotTagExpansion? For(HttpContext context, Type entityType, string navigation) =>
        entityType == typeof(DiagnosticTest) && navigation == nameof(DiagnosticTest.Tags)
        && TagSnapshotBinding.For(context).Snapshot is { } snapshot
            ? new SnapshotTagExpansion(snapshot, context.RequestServices.GetRequiredService<AppDbContext>().Model.FindEntityType(typeof(DiagnosticTestTag))!)
            : null;

    public IQueryable Join(IQueryable page)
    {
        var tests = (IQueryable<DiagnosticTest>)page;
        var linkRows = tests.Provider.CreateQuery<DiagnosticTestTag>(new EntityQueryRootExpression((IAsyncQueryProvider)tests.Provider, links));
        return tests.SelectMany(
            test => linkRows.Where(link => link.DiagnosticTestId == test.Id).DefaultIfEmpty(),
            (test, link) => new TagLink { Test = test, TagId = link == null ? null : link.TagId });
    }

    public async IAsyncEnumerable<object> ReadAsync(DbContext db, JoinedStatement statement, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var tests = new List<(DiagnosticTest Test, List<int> TagIds)>();
        await using (var executed = await statement.ExecuteReaderWithStrategyAsync(db, cancellationToken))
        {
            var rows = executed.Rows;
            var columns = TestColumns.GetValue(db.Model, static model => EntityColumns.For(model, typeof(DiagnosticTest)));
            var ordinals = columns.Ordinals(rows, 0);
            var (keyOrdinal, tagIdOrdinal) = (ordinals[columns.KeyIndex], columns.Columns.Count);
            var readKey = columns.KeyReader<int>();
            // The rows come in the page's order, which the key completes, so a test's rows are adjacent.
            while (await rows.ReadAsync(cancellationToken))
            {
                var key = readKey(rows, keyOrdinal);
                if (tests.Count == 0 || tests[^1].Test.Id != key)
                {
                    tests.Add(((DiagnosticTest)columns.Read(rows, ordinals), []));
                }

                if (!rows.IsDBNull(tagIdOrdinal))
                {
                    tests[^1].TagIds.Add(rows.GetInt32(tagIdOrdinal));
                }
            }
        }

        var tags = await TagsAsync(db, tests.SelectMany(test => test.TagIds), cancellationToken);
        foreach (var (test, tagIds) in tests)
        {
            // In key order, as an include reads them; a missing tag deleted since the rows were read is left out.
            tagIds.Sort();
            foreach (var tagId in tagIds)
            {
                if (tags.TryGetValue(tagId, out var tag))
                {
                    test.Tags.Add(tag);
                }
            }

            yield return test;
        }
    }

    // One entity per tag for the page, as EF's identity resolution gives; from the snapshot, or else from Tags.
    private async Task<Dictionary<int, Tag>> TagsAsync(DbContext db, IEnumerable<int> tagIds, CancellationToken cancellationToken)
    {
        var tags = new Dictionary<int, Tag>();
        HashSet<int>? missing = null;
        foreach (var tagId in tagIds)
        {
            if (!tags.ContainsKey(tagId))
            {
                if (snapshot.WithId(tagId) is { } known)
                {
                    tags.Add(tagId, known.ToTag());
                }
                else
                {
                    (missing ??= []).Add(tagId);
                }
            }
        }

        if (missing is not null)
        {
            foreach (var tag in await db.Set<Tag>().AsNoTracking().Where(tag => missing.Contains(tag.Id)).ToListAsync(cancellationToken))
            {
                tags.TryAdd(tag.Id, tag);
            }
        }

        return tags;
    }

    /// <summary>One row of the join, as EF projects it into SQL: the test's columns, then the linked tag's id.</summary>
    private sealed class TagLink
    {
        public DiagnosticTest Test { get; init; } = null!;

        public int? TagId { get; init; }
    }
}
