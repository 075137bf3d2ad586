using DiagnosticTests.Api.Caching;

namespace DiagnosticTests.Tests.Caching;

/// <summary>A captured response keeps every byte in order however it was written, as its buffer grows.</summary>
public sealed class PooledBufferTests
{
    [Test]
    public async Task Writes_of_every_kind_and_size_come_back_in_order()
    {
        // 200 writes of up to 2 kB: the buffer grows from 4 kB several times over.
        var chunks = RandomChunks(seed: 7, count: 200, maxLength: 2048);
        var expected = chunks.SelectMany(chunk => chunk).ToList();
        using var buffer = new PooledBuffer();

        foreach (var (i, chunk) in chunks.Index())
        {
            switch (i % 4)
            {
                case 0:
                    buffer.Write(chunk);
                    break;
                case 1:
                    await buffer.WriteAsync(chunk.AsMemory());
                    break;
                case 2:
                    buffer.Write(chunk, 0, chunk.Length);
                    break;
                default:
                    foreach (var value in chunk)
                    {
                        buffer.WriteByte(value);
                    }

                    break;
            }
        }

        Assert.That(expected, Has.Count.GreaterThan(100_000));
        Assert.That(buffer.Written.ToArray(), Is.EqualTo(expected.ToArray()));
        Assert.That(buffer.Length, Is.EqualTo(expected.Count));
    }

    [Test]
    public async Task A_captured_body_keeps_pipe_and_stream_writes_in_order()
    {
        var chunks = RandomChunks(seed: 11, count: 150, maxLength: 3000);
        var expected = chunks.SelectMany(chunk => chunk).ToList();
        using var buffer = new PooledBuffer();
        var body = new CapturedResponseBody(buffer);

        // A JSON writer writes through the pipe (spans it asks for, then flushes); OData's serializer through the stream.
        foreach (var (i, chunk) in chunks.Index())
        {
            switch (i % 3)
            {
                case 0:
                    chunk.CopyTo(body.Writer.GetSpan(chunk.Length));
                    body.Writer.Advance(chunk.Length);
                    break;
                case 1:
                    await body.Writer.WriteAsync(chunk);
                    break;
                default:
                    await body.Stream.WriteAsync(chunk);
                    break;
            }

            await body.Writer.FlushAsync();
        }

        Assert.That(expected, Has.Count.GreaterThan(100_000));
        Assert.That(buffer.Written.ToArray(), Is.EqualTo(expected.ToArray()));
    }

    private static List<byte[]> RandomChunks(int seed, int count, int maxLength)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ =>
        {
            var chunk = new byte[random.Next(0, maxLength)];
            random.NextBytes(chunk);
            return chunk;
        }).ToList();
    }
}
