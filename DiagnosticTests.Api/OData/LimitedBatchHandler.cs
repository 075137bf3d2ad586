using Microsoft.AspNetCore.OData.Batch;
using Microsoft.OData;

namespace DiagnosticTests.Api.OData;

/// <summary>
/// The default handler with a cap on the number of requests per batch. The message quotas alone
/// only bound multipart batches; JSON batches (what most clients send) need this count.
/// </summary>
public sealed class LimitedBatchHandler : DefaultODataBatchHandler
{
    public LimitedBatchHandler(int maxParts)
    {
        MaxParts = maxParts;
        MessageQuotas.MaxPartsPerBatch = maxParts;
        MessageQuotas.MaxOperationsPerChangeset = maxParts;
    }

    public int MaxParts { get; }

    public override async Task<IList<ODataBatchRequestItem>> ParseBatchRequestsAsync(HttpContext context)
    {
        var requests = await base.ParseBatchRequestsAsync(context);
        var count = requests.Sum(item => item is ChangeSetRequestItem changeSet ? changeSet.Contexts.Count() : 1);
        return count > MaxParts
            ? throw new ODataException($"A batch may contain at most {MaxParts} requests; this one has {count}.")
            : requests;
    }
}
