using Microsoft.Extensions.DependencyInjection;
using Wolverine.Marten;

namespace Monolith.BuildingBlocks.Messaging;

/// <summary>
/// A fresh <see cref="IMartenOutbox"/> for each of several transactions in one request. Wolverine's message context
/// sends its outgoing messages once, at the first commit it is enrolled in: the messages of a second session enrolled
/// in the same (request-scoped) outbox are stored in the durable inbox, owned by the node, but never handed to their
/// local queue — they wait for the next restart. Found by the sustained load test (docs/reliability.md §5): every
/// file of a bulk upload after the first stayed <c>Received</c>.
/// </summary>
public static class OutboxPerTransaction
{
    /// <summary>Runs <paramref name="work"/> with an outbox of its own (a new DI scope), to enroll one session in.</summary>
    public static async Task<T> RunAsync<T>(IServiceProvider services, Func<IMartenOutbox, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var scope = services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<IMartenOutbox>());
    }
}
