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
