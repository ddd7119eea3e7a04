using System.Net;
using Microsoft.Extensions.Options;
using Monolith.BuildingBlocks.Web.Fetching;

namespace Monolith.Webhooks;

/// <summary>
/// The website fetcher's SSRF rule applied to webhook URLs: <see cref="AddressPolicy"/> with the
/// <c>WebFetch:AllowedHosts</c> exemptions and the <c>WebFetch:HostAddresses</c> fixed addresses. Checked when a
/// subscription is created (here) and again on every connection (<see cref="GuardedConnector"/> on the delivery client).
/// </summary>
public sealed class WebhookAddresses(HostExemptions exemptions, IOptions<WebFetchOptions> webFetch)
{
    private static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(3);

    public HostExemptions Exemptions { get; } = exemptions;

    public IReadOnlyDictionary<string, IPAddress> HostAddresses { get; } = webFetch.Value.HostAddresses
        .ToDictionary(e => e.Key, e => IPAddress.Parse(e.Value), StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Why <paramref name="url"/> may not be a webhook target, or null. Every address the host resolves to must be public
    /// or exempt. A name that does not resolve now is accepted: the connection-time check still guards every delivery.
    /// </summary>
    public async Task<string?> ProblemAsync(Uri url, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(url);
        var host = url.IdnHost.Trim('[', ']');
        if (Exemptions.IsExempt(host)) return null;
        IPAddress[] resolved;
        if (IPAddress.TryParse(host, out var literal)) resolved = [literal];
        else if (HostAddresses.TryGetValue(host, out var fixedAddress)) resolved = [fixedAddress];
        else
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(ResolveTimeout);
            try { resolved = await Dns.GetHostAddressesAsync(host, timeout.Token); }
            catch (Exception e) when (e is System.Net.Sockets.SocketException or OperationCanceledException && !ct.IsCancellationRequested)
            {
                return null;
            }
        }
        var blocked = resolved.Where(a => !Exemptions.Allows(a)).ToList();
        return blocked.Count == 0 ? null
            : $"url must point at a public address; '{host}' is {string.Join(", ", blocked)} (private, loopback, link-local or reserved).";
    }
}
