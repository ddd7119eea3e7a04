using System.Net.Http.Headers;
using System.Text;
using Monolith.BuildingBlocks.Web.Fetching;

namespace Monolith.Webhooks.Delivery;

/// <summary>One attempt: POST the stored body, signed, through the guarded client; every failure becomes an outcome.</summary>
public static class WebhookSender
{
    public const string ClientName = "Webhooks";
    public const string DeliveryHeader = "X-Monolith-Delivery";
    public const string EventHeader = "X-Monolith-Event";

    public static async Task<AttemptOutcome> SendAsync(HttpClient client, string url, string secret, WebhookDelivery delivery, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(delivery);
        var body = Encoding.UTF8.GetBytes(delivery.Body);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation(WebhookSignature.Header, WebhookSignature.Sign(secret, body));
        request.Headers.TryAddWithoutValidation(DeliveryHeader, delivery.Id.ToString());
        request.Headers.TryAddWithoutValidation(EventHeader, delivery.Type);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            return AttemptOutcome.Answered((int)response.StatusCode);
        }
        catch (HttpRequestException e) when (Blocked(e) is { } blocked)
        {
            return new AttemptOutcome(null, "Refused: " + blocked.Message, Refused: true);
        }
        catch (HttpRequestException e)
        {
            return new AttemptOutcome(null, e.Message);
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return new AttemptOutcome(null, $"No answer within {client.Timeout.TotalSeconds:0.#} s.");
        }
    }

    private static BlockedAddressException? Blocked(Exception e)
    {
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
            if (inner is BlockedAddressException blocked) return blocked;
        return null;
    }
}
