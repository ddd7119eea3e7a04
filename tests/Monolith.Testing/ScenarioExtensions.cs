using System.Net;
using Alba;

namespace Monolith.Testing;

public static class ScenarioExtensions
{
    /// <summary>GET <paramref name="url"/> as <paramref name="tenant"/>, expecting 200, and read the JSON body.</summary>
    public static async Task<T> GetJsonAsync<T>(this IAlbaHost host, string url, string tenant = "default")
    {
        var result = await host.Scenario(s =>
        {
            s.Get.Url(url);
            s.WithRequestHeader("X-Customer-Id", tenant);
            s.StatusCodeShouldBe(HttpStatusCode.OK);
        });
        return (await result.ReadAsJsonAsync<T>())!;
    }
}

public static class TrackingExtensions
{
    /// <summary>
    /// Runs <paramref name="action"/> and waits until every Wolverine message it caused has been handled. The limit is
    /// generous (60 s) because the first use of a handler compiles its code, which is slow on a loaded CI machine.
    /// </summary>
    public static Task<Wolverine.Tracking.ITrackedSession> ExecuteAndTrackAsync(this Alba.IAlbaHost host, Func<Task> action) =>
        Wolverine.Tracking.WolverineHostMessageTrackingExtensions.TrackActivity(host)
            .Timeout(TimeSpan.FromSeconds(60))
            .ExecuteAndWaitAsync((Func<Wolverine.IMessageContext, Task>)(_ => action()));
}

public static class DeliveryExtensions
{
    /// <summary>
    /// Delivers a contract message for <paramref name="tenant"/> the way its module does: published to every subscriber
    /// (Analytics, the dashboard's live feed, …). <c>InvokeAsync</c> cannot be used for messages with several handlers:
    /// with <c>MultipleHandlerBehavior.Separated</c> each handler has its own endpoint.
    /// </summary>
    public static async Task PublishForTenantAsync(this Wolverine.IMessageBus bus, string tenant, object message) =>
        await bus.PublishAsync(message, new Wolverine.DeliveryOptions { TenantId = tenant });
}
