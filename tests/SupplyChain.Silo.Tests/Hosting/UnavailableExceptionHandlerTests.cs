using System.Net.Sockets;
using SupplyChain.Silo.Hosting;

namespace SupplyChain.Silo.Tests.Hosting;

/// <summary>Which failures are a dependency being away (503, send again) and which are faults to show as such.</summary>
public sealed class UnavailableExceptionHandlerTests
{
    public static TheoryData<string, Exception, bool> Failures => new()
    {
        { "grain call timed out", new TimeoutException("call timed out"), true },
        { "storage refused the connection", new Azure.RequestFailedException(0, "connection refused", new HttpRequestException("refused", new SocketException(111))), true },
        { "storage throttles", new Azure.RequestFailedException(503, "server busy"), true },
        { "storage too many requests", new Azure.RequestFailedException(429, "slow down"), true },
        { "wrapped by the grain", new InvalidOperationException("write failed", new Azure.RequestFailedException(500, "internal")), true },
        { "storage says our request is bad", new Azure.RequestFailedException(400, "bad request"), false },
        { "storage etag conflict", new Azure.RequestFailedException(412, "condition not met"), false },
        { "a bug of ours", new InvalidOperationException("state out of order"), false },
        { "an argument we passed", new ArgumentException("bad"), false },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void IsUnavailable_OnlyForADependencyAway(string what, Exception failure, bool unavailable) =>
        Assert.True(UnavailableExceptionHandler.IsUnavailable(failure) == unavailable, what);
}
