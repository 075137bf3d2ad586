using System.Buffers;

namespace DiagnosticTests.Api.Caching;

/// <summary>
/// A write-only stream over an array rented from the shared pool, doubled (and the old one returned) as it fills.
/// A captured response used to grow a MemoryStream instead: for a page of 50 tests with their tags (67 kB) that
/// allocated 256 kB per request, half of it on the large-object heap, which only a full collection reclaims.
/// It is also a buffer writer, so a JSON writer can write into the array itself (<see cref="CapturedResponseBody"/>).
/// </summary>
public sealed class PooledBuffer : Stream, IBufferWriter<byte>
{
    private const int MinimumFreeSpace = 256;

    private const int InitialCapacity = 4096;

    private byte[] _array = ArrayPool<byte>.Shared.Rent(InitialCapacity);
    private int _length;

    /// <summary>The bytes written so far; valid until the buffer is disposed.</summary>
    public ReadOnlyMemory<byte> Written => _array.AsMemory(0, _length);

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _length;

    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException();
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        EnsureRoomFor(buffer.Length);
        buffer.CopyTo(_array.AsSpan(_length));
        _length += buffer.Length;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        EnsureRoomFor(Math.Max(sizeHint, MinimumFreeSpace));
        return _array.AsMemory(_length);
    }

    public Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _array.Length - _length);
        _length += count;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void WriteByte(byte value) => Write([value]);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && _array.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_array);
            _array = [];
            _length = 0;
        }

        base.Dispose(disposing);
    }

    private void EnsureRoomFor(int count)
    {
        if (_array.Length - _length >= count)
        {
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_array.Length * 2, _length + count));
        _array.AsSpan(0, _length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_array);
        _array = larger;
    }
}
