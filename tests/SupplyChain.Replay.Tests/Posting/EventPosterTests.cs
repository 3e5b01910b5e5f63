using System.Net;
using Microsoft.AspNetCore.Http;
using SupplyChain.Replay.Posting;

namespace SupplyChain.Replay.Tests.Posting;

/// <summary>The poster against a real HTTP endpoint: throttling answers are waited out as they ask, refusals stop the run with the server's words.</summary>
public sealed class EventPosterTests
{
    private static readonly EventBatch Batch = new("[]"u8.ToArray(), 0);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ThrottlingAnswers_AreRetriedAfterTheirRetryAfter_UntilAccepted()
    {
        var answers = new Queue<(int Status, string? RetryAfter)>([(503, "1"), (429, "0"), (202, null)]);
        await using var target = await LoopbackReceiver.StartAsync(respond: (_, context) =>
        {
            var (status, retryAfter) = answers.Dequeue();
            context.Response.StatusCode = status;
            if (retryAfter is not null)
            {
                context.Response.Headers.RetryAfter = retryAfter;
            }

            return Task.CompletedTask;
        });
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{target.Port}/") };
        var poster = new EventPoster(client, 5, TimeProvider.System);

        await poster.PostAsync(Batch, Ct);

        var posts = target.Posts;
        Assert.Equal([503, 429, 202], posts.Select(p => p.Status));
        Assert.Equal(2, poster.Throttled);
        Assert.True(posts[1].At - posts[0].At >= TimeSpan.FromSeconds(1), $"the second attempt came {posts[1].At - posts[0].At} after the first, before its Retry-After of 1 s");
        Assert.Equal("application/cloudevents-batch+json", posts[0].Headers["content-type"]);
    }

    [Fact]
    public async Task ARefusal_StopsWithTheProblemDetails_WithoutRetrying()
    {
        await using var target = await LoopbackReceiver.StartAsync(respond: async (_, context) =>
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("""{"title":"Invalid events","errors":[{"index":0,"message":"time is more than 30 days old"}]}""", Ct);
        });
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{target.Port}/") };

        var error = await Assert.ThrowsAsync<ReplayRejectedException>(() => new EventPoster(client, 5, TimeProvider.System).PostAsync(Batch, Ct));

        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Contains("time is more than 30 days old", error.Message, StringComparison.Ordinal);
        Assert.Single(target.Posts);
    }

    [Fact]
    public async Task ATargetThatKeepsFailing_GivesUpAfterTheAttemptsAllowed()
    {
        await using var target = await LoopbackReceiver.StartAsync(respond: (_, context) =>
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return Task.CompletedTask;
        });
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{target.Port}/") };
        var poster = new EventPoster(client, 2, TimeProvider.System);

        var error = await Assert.ThrowsAsync<ReplayRejectedException>(() => poster.PostAsync(Batch, Ct));

        Assert.Equal(HttpStatusCode.InternalServerError, error.Status);
        Assert.Equal(2, target.Posts.Count);
        Assert.Equal(1, poster.Retried);
    }
}
