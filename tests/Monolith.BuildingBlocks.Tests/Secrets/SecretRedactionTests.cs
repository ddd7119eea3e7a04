using Monolith.BuildingBlocks.Secrets;

namespace Monolith.BuildingBlocks.Tests.Secrets;

public class SecretRedactionTests
{
    [Theory]
    [InlineData("Host=db;Username=app;Password=pg-SECRET-1;Database=x", "Host=db;Username=app;Password=***;Database=x")]
    [InlineData("Host=db;PWD = 'pg SECRET';Database=x", "Host=db;PWD = ***;Database=x")]
    [InlineData("redis:6379,password=redis-SECRET,abortConnect=false", "redis:6379,password=***,abortConnect=false")]
    [InlineData("Authorization: Bearer sk-SECRET.abc", "Authorization: Bearer ***")]
    [InlineData("Incorrect API key provided: sk-test-SECRET-7f3a.", "Incorrect API key provided: sk-***.")]
    [InlineData("api-key: azure-SECRET-1 sent", "api-key: *** sent")]
    [InlineData("Ocp-Apim-Subscription-Key: azure-SECRET-2", "Ocp-Apim-Subscription-Key: ***")]
    [InlineData("Llm:ApiKey: is required when the LLM gateway is enabled.", "Llm:ApiKey: is required when the LLM gateway is enabled.")]
    [InlineData("no secrets here; Timeout=5", "no secrets here; Timeout=5")]
    public void it_masks_secret_values_and_keeps_the_rest(string text, string expected) =>
        Assert.Equal(expected, SecretRedaction.Redact(text));

    [Theory]
    [InlineData("Llm:ApiKey", true)]
    [InlineData("Documents:Azure:ApiKey", true)]
    [InlineData("ConnectionStrings:Postgres", true)]
    [InlineData("Auth:Clients:0:SecretHash", true)]
    [InlineData("Db:AdminPassword", true)]
    [InlineData("Llm:Model", false)]
    [InlineData("Caching:MaximumKeyLength", false)]
    public void it_knows_which_settings_hold_secrets(string path, bool secret) =>
        Assert.Equal(secret, SecretRedaction.IsSecretSetting(path));
}
