using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Monolith.BuildingBlocks.Postgres;
using Monolith.BuildingBlocks.Secrets;

namespace Monolith.BuildingBlocks.Hosting;

/// <summary>
/// Turns the start-up failures a newcomer can fix (a bad setting, missing PostgreSQL binaries) into one
/// actionable line instead of a stack trace.
/// </summary>
public static class StartupFailure
{
    public static string? Describe(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case OptionsValidationException options:
                    return "Invalid configuration: " + string.Join("; ", options.Failures)
                        + " (set it in appsettings.json or as an environment variable, ':' written as '__').";
                case EmbeddedPostgresException postgres:
                    return postgres.Message;
                case AggregateException aggregate when aggregate.InnerExceptions.Count > 0:
                    var inner = aggregate.InnerExceptions.Select(Describe).FirstOrDefault(x => x is not null);
                    if (inner is not null) return inner;
                    break;
            }
        }
        return null;
    }

    /// <summary>
    /// When the process is started to serve (no JasperFx command, or only host flags such as <c>--urls</c>), check
    /// every validated option and bring up PostgreSQL before anything else, so a bad setting or a missing server
    /// binary fails here, where <see cref="RunAsync"/> can report it in one line, instead of inside a hosted service.
    /// </summary>
    public static void CheckBeforeServing(IServiceProvider services, string[] args)
    {
        if (args.Length > 0 && !args[0].StartsWith('-')) return;
        services.GetService<IStartupValidator>()?.Validate();
        Access.DevelopmentModeAnnouncement.CheckConfiguredAddresses(
            services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>(),
            services.GetRequiredService<IOptions<Access.AccessOptions>>().Value);
        _ = services.GetRequiredService<PostgresConnectionSource>().ConnectionString;
    }

    /// <summary>
    /// Runs the host; known configuration failures print one line to stderr and exit 1. Any other start-up failure prints
    /// its redacted message chain and stack (no connection-string password or API key) and exits 1 too.
    /// </summary>
    public static async Task<int> RunAsync(Func<Task<int>> run)
    {
        try
        {
            var code = await run();
            return code == 0 ? Environment.ExitCode : code; // a refusal after start sets Environment.ExitCode
        }
        catch (Exception e) when (Describe(e) is { } line)
        {
            await Console.Error.WriteLineAsync("Start-up failed: " + SecretRedaction.Redact(line));
            return 1;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var messages = new List<string>();
            for (var inner = e; inner is not null; inner = inner.InnerException) messages.Add($"{inner.GetType().Name}: {inner.Message}");
            await Console.Error.WriteLineAsync("Start-up failed: " + SecretRedaction.Redact(string.Join(" → ", messages)));
            await Console.Error.WriteLineAsync(SecretRedaction.Redact(e.ToString()));
            return 1;
        }
    }
}
