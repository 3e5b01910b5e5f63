using System.Globalization;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Analysis;
using Microsoft.Diagnostics.Tracing.Analysis.GC;
using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.EventPipe;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;
using TraceLog = Microsoft.Diagnostics.Tracing.Etlx.TraceLog;

// Where a process's allocations (or CPU) go, from a dotnet-trace gc-verbose profile (an allocation tick with
// its type and stack about every 100 KB): the types, the first of our frames on each stack (what
// code of ours to change), and the first frame of anyone's (who allocates below it).
//
//   dotnet tools/SupplyChain.Allocations/bin/Release/net10.0/SupplyChain.Allocations.dll /tmp/silo.nettrace [top] [within]
//
// With within (part of a method name, e.g. AuditMiddleware) only the allocations whose first frame of
// ours is that method count: what the code below it (a middleware's next, say) allocates.
//
// Any profile with the GC keyword (gc-collect, gc-verbose) also lists the collections: per generation,
// their pauses and what they promoted, and the longest pauses. A trace with the runtime's exception
// events lists the exceptions thrown (below).
//
// A thread-time profile (dotnet-trace's default, dotnet-sampled-thread-time) is read as CPU instead:
// only the samples of threads running managed code count (waiting threads are sampled too), by the
// method on top (exclusive) and by each method anywhere on the stack (inclusive, once per sample);
// with within, only the samples with that method on the stack, and who called it.
if (args.Length is 0 or > 3)
{
    Console.Error.WriteLine("usage: SupplyChain.Allocations <trace.nettrace> [top, default 25] [within: part of one of our method names]");
    return 2;
}

var top = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 25;
var within = args.Length > 2 ? args[2] : null;
var etlx = TraceLog.CreateFromEventPipeDataFile(args[0]);
using var log = new TraceLog(etlx);
var source = log.Events.GetSource();

var byType = new Dictionary<string, double>(StringComparer.Ordinal);
var byOurs = new Dictionary<string, double>(StringComparer.Ordinal);
var byLeaf = new Dictionary<string, double>(StringComparer.Ordinal);
var total = 0.0;
source.Clr.GCAllocationTick += tick =>
{
    // A tick stands for the bytes allocated since the previous one on that heap.
    double bytes = tick.AllocationAmount64;
    string? leaf = null, ours = null;
    for (var frame = tick.CallStack(); frame is not null && ours is null; frame = frame.Caller)
    {
        var name = frame.CodeAddress.FullMethodName;
        if (string.IsNullOrEmpty(name))
        {
            continue;
        }

        leaf ??= name;
        if (name.StartsWith("SupplyChain.", StringComparison.Ordinal))
        {
            ours = name;
        }
    }

    if (within is not null && ours?.Contains(within, StringComparison.Ordinal) != true)
    {
        return;
    }

    total += bytes;
    Add(byType, tick.TypeName ?? "?", bytes);
    Add(byLeaf, leaf ?? "(no managed frame)", bytes);
    Add(byOurs, ours ?? "(none of ours on the stack)", bytes);
};
var samples = 0.0;
var exclusive = new Dictionary<string, double>(StringComparer.Ordinal);
var inclusive = new Dictionary<string, double>(StringComparer.Ordinal);
var callers = new Dictionary<string, double>(StringComparer.Ordinal);
var sampler = new SampleProfilerTraceEventParser(source);
sampler.ThreadSample += sample =>
{
    if (sample.Type != ClrThreadSampleType.Managed)
    {
        return;
    }

    var seen = new HashSet<string>(StringComparer.Ordinal);
    string? top = null, caller = null;
    var keep = within is null;
    var matched = false;
    for (var frame = sample.CallStack(); frame is not null; frame = frame.Caller)
    {
        var name = frame.CodeAddress.FullMethodName;
        if (string.IsNullOrEmpty(name))
        {
            continue;
        }

        if (matched && caller is null)
        {
            caller = name;
        }

        top ??= name;
        seen.Add(name);
        if (!keep && within is not null && name.Contains(within, StringComparison.Ordinal))
        {
            keep = matched = true;
        }
    }

    if (!keep)
    {
        return;
    }

    samples++;
    Add(exclusive, top ?? "(no managed frame)", 1);
    if (within is not null)
    {
        Add(callers, caller ?? "(none)", 1);
    }

    foreach (var name in seen)
    {
        Add(inclusive, name, 1);
    }
};
// The exceptions thrown, by type, message and the first of our frames: the count the benchmark prints
// without a cause. Only a trace taken with the runtime's exception keyword and stacks has them
// (--providers Microsoft-Windows-DotNETRuntime:0x40008000:4); the profiles bench.sh takes do not.
var exceptions = new Dictionary<string, double>(StringComparer.Ordinal);
source.Clr.ExceptionStart += thrown =>
{
    string? ours = null;
    for (var frame = thrown.CallStack(); frame is not null && ours is null; frame = frame.Caller)
    {
        if (frame.CodeAddress.FullMethodName is { } name && name.StartsWith("SupplyChain.", StringComparison.Ordinal))
        {
            ours = name;
        }
    }

    Add(exceptions, $"{thrown.ExceptionType}: {thrown.ExceptionMessage} (at {ours ?? "none of ours"})", 1);
};
// Each garbage collection the trace saw (any profile with the GC keyword: gc-collect, gc-verbose).
var collections = new List<TraceGC>();
source.NeedLoadedDotNetRuntimes();
source.AddCallbackOnProcessStart(process => process.AddCallbackOnDotNetRuntimeLoad(runtime => runtime.GCEnd += (_, gc) => collections.Add(gc)));
source.Process();
if (collections.Count > 0)
{
    PrintCollections(collections);
}

if (exceptions.Count > 0)
{
    Console.WriteLine($"exceptions thrown: {exceptions.Values.Sum():F0}");
    foreach (var (what, count) in exceptions.OrderByDescending(e => e.Value).Take(top))
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{count,8:F0}  {Shorten(what)}"));
    }
}

if (samples > 0)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"CPU samples (threads in managed code){(within is null ? "" : $" under {within}")}: {samples}"));
    total = samples;
    Print("exclusive: the method on top", exclusive);
    Print("inclusive: anywhere on the stack", inclusive);
    if (within is not null)
    {
        Print($"the direct callers of {within}", callers);
    }

    return 0;
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sampled allocations{(within is null ? "" : $" under {within}")}: {total / 1e6:F1} MB"));
Print("by type", byType);
Print("by the first of our frames on the stack", byOurs);
Print("by the allocating frame", byLeaf);
return 0;

void Print(string title, Dictionary<string, double> rows)
{
    Console.WriteLine();
    Console.WriteLine($"== {title}");
    foreach (var (name, bytes) in rows.OrderByDescending(r => r.Value).Take(top))
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{bytes / total,6:P1}  {Shorten(name)}"));
    }
}

// Per generation: how many, how long they paused the process, what they promoted; then the longest pauses.
static void PrintCollections(List<TraceGC> collections)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"garbage collections: {collections.Count}, paused {collections.Sum(c => c.PauseDurationMSec):F0} ms in all"));
    foreach (var generation in collections.GroupBy(c => c.Generation).OrderBy(g => g.Key))
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  gen{generation.Key}: {generation.Count()}, pause mean {generation.Average(c => c.PauseDurationMSec):F1} ms, max {generation.Max(c => c.PauseDurationMSec):F1} ms, suspending mean {generation.Average(c => c.SuspendDurationMSec):F1} ms, promoted mean {generation.Average(c => c.PromotedMB):F1} MB"));
    }

    // What each generation's marking found the live objects through (the GC's mark events, per heap
    // and summed): the stacks, the finalization queue, handles, older generations' references to
    // younger objects (the card table), and so on. A young collection's pause that grows with the old
    // generation shows here as time in "older".
    foreach (var generation in collections.GroupBy(c => c.Generation).OrderBy(g => g.Key))
    {
        var marked = generation.Where(c => c.PerHeapMarkTimes is { Count: > 0 }).ToList();
        if (marked.Count == 0)
        {
            continue;
        }

        var kinds = Enum.GetValues<MarkRootType>().Where(k => k != MarkRootType.MarkMax);
        var found = kinds.Select(kind => string.Create(CultureInfo.InvariantCulture,
            $"{kind.ToString()[4..]} {marked.Average(c => c.PerHeapMarkTimes.Values.Sum(m => m.MarkTimes[(int)kind])):F1} ms / {marked.Average(c => c.PerHeapMarkTimes.Values.Sum(m => m.MarkPromoted[(int)kind])) / 1e6:F1} MB"));
        Console.WriteLine($"  gen{generation.Key} marking, mean per collection over {marked.Count}: {string.Join(", ", found)}");
    }

    Console.WriteLine("  longest pauses: number gen type reason pause-ms suspend-ms promoted-MB heap-before-MB heap-after-MB");
    foreach (var gc in collections.OrderByDescending(c => c.PauseDurationMSec).Take(10))
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {gc.Number} gen{gc.Generation} {gc.Type} {gc.Reason} {gc.PauseDurationMSec:F1} {gc.SuspendDurationMSec:F1} {gc.PromotedMB:F1} {gc.HeapSizeBeforeMB:F0} {gc.HeapSizeAfterMB:F0}"));
    }
}

static void Add(Dictionary<string, double> rows, string key, double bytes) =>
    rows[key] = rows.GetValueOrDefault(key) + bytes;

static string Shorten(string name) => name.Length <= 160 ? name : name[..157] + "...";
