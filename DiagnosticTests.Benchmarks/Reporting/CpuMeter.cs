using System.Diagnostics;
using System.Globalization;

namespace DiagnosticTests.Benchmarks.Reporting;

/// <summary>CPU time used so far by the process that answers (service or baseline) and by the database server.</summary>
public readonly record struct CpuSample(TimeSpan App, TimeSpan? Database);

/// <summary>
/// CPU time per request, which stays meaningful when other work shares the machine (wall-clock throughput does
/// not). The app side is the answering process's own CPU time: the service child process, or this process for
/// the baseline (which with the built-in generator also includes the load generator). The database side is the
/// throwaway cluster's postmaster with every backend, live or exited; it is unknown for a server the benchmark
/// did not start.
/// </summary>
public static class CpuMeter
{
    // USER_HZ, the unit of /proc/<pid>/stat times; 100 on every mainstream Linux configuration.
    private const double TicksPerSecond = 100;

    public static CpuSample Take(Process app, int? postmasterPid)
    {
        app.Refresh();
        return new CpuSample(app.TotalProcessorTime, postmasterPid is { } pid ? DatabaseCpu(pid) : null);
    }

    /// <summary>The CPU time spent between two samples.</summary>
    public static CpuSample Spent(CpuSample before, CpuSample after) => new(after.App - before.App, after.Database - before.Database);

    /// <summary>Two spans of spending together (the rounds of one scenario).</summary>
    public static CpuSample Add(CpuSample first, CpuSample second) => new(first.App + second.App, first.Database + second.Database);

    public static (double AppMs, double? DatabaseMs) PerRequest(CpuSample spent, long requests) =>
        requests == 0
            ? (0, null)
            : (spent.App.TotalMilliseconds / requests, spent.Database is { } db ? db.TotalMilliseconds / requests : null);

    /// <summary>The postmaster's own and reaped children's time, plus every live backend's.</summary>
    private static TimeSpan? DatabaseCpu(int postmasterPid)
    {
        if (ReadStat(postmasterPid) is not { } postmaster)
        {
            return null;
        }

        var ticks = postmaster.UserTicks + postmaster.SystemTicks + postmaster.ChildUserTicks + postmaster.ChildSystemTicks;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && pid != postmasterPid
                && ReadStat(pid) is { } child
                && child.ParentPid == postmasterPid)
            {
                ticks += child.UserTicks + child.SystemTicks;
            }
        }

        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    private static ProcStat? ReadStat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            // The command name is in parentheses and may contain spaces: the fields start after the last ')'.
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            long Field(int number) => long.Parse(fields[number - 3], CultureInfo.InvariantCulture);
            return new ProcStat((int)Field(4), Field(14), Field(15), Field(16), Field(17));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null; // The process ended, or this is not Linux.
        }
    }

    private sealed record ProcStat(int ParentPid, long UserTicks, long SystemTicks, long ChildUserTicks, long ChildSystemTicks);
}
