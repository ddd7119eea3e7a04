using System.Text.Json.Serialization;
using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.Events;
using JasperFx.MultiTenancy;
using Marten;
using Weasel.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Monolith.BuildingBlocks.Observability;
using Monolith.BuildingBlocks.Options;
using Monolith.BuildingBlocks.Tenancy;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Http;
using Wolverine.Marten;

namespace Monolith.BuildingBlocks.Messaging;

/// <summary>
/// Marten (event store + documents, conjoined tenancy) and Wolverine (durable local queues, transactional
/// outbox/inbox in PostgreSQL, HTTP endpoints) configured once for every module. Modules add only their own
/// types: <c>services.ConfigureMarten(...)</c> and <c>services.ConfigureWolverine(o => o.Discovery.IncludeAssembly(...))</c>.
/// </summary>
public static class CritterStackRegistration
{
    public static WebApplicationBuilder AddCritterStack(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<CritterStackOptions>(CritterStackOptions.Section);
        // Read eagerly: Marten and Wolverine need these while the container is being built. They are validated
        // again (and reported by setting name) through the options pipeline at start-up.
        var settings = builder.Configuration.GetSection(CritterStackOptions.Section).Get<CritterStackOptions>() ?? new();
        var errors = OptionsRegistration.Validate(settings, CritterStackOptions.Section);
        if (errors.Count > 0) throw new Microsoft.Extensions.Options.OptionsValidationException(
            CritterStackOptions.Section, typeof(CritterStackOptions), errors);
        var serviceName = builder.Configuration.GetSection(ObservabilityOptions.Section).Get<ObservabilityOptions>()?.ServiceName ?? "monolith";

        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));

        builder.Services.AddMarten(o =>
            {
                o.DatabaseSchemaName = settings.EventStoreSchema;
                o.UseSystemTextJsonForSerialization(EnumStorage.AsString);
                o.Events.StreamIdentity = StreamIdentity.AsGuid;
                o.Events.TenancyStyle = TenancyStyle.Conjoined;
                o.Policies.AllDocumentsAreMultiTenanted();
                o.Events.MetadataConfig.CorrelationIdEnabled = true;
                o.Events.MetadataConfig.CausationIdEnabled = true;
                o.Events.MetadataConfig.HeadersEnabled = true;
            })
            .UseNpgsqlDataSource()
            .UseLightweightSessions()
            .IntegrateWithWolverine(w =>
            {
                w.MessageStorageSchemaName = settings.MessagingSchema;
                // Async projections are spread over the nodes by Wolverine's leader; no AddAsyncDaemon.
                w.UseWolverineManagedEventSubscriptionDistribution = true;
            })
            .ApplyAllDatabaseChangesOnStartup();

        builder.Host.UseWolverine(o =>
        {
            o.ServiceName = serviceName;
            o.Durability.Mode = settings.DurabilityMode == "Solo" ? DurabilityMode.Solo : DurabilityMode.Balanced;
            o.Durability.DrainTimeout = TimeSpan.FromSeconds(settings.DrainTimeoutSeconds);
            // Balanced mode: how fast a killed node is noticed and its inbox, outbox and agents taken over by the others
            // (docs/reliability.md, "Several nodes on one PostgreSQL").
            o.Durability.HealthCheckPollingTime = TimeSpan.FromSeconds(settings.HealthCheckSeconds);
            o.Durability.StaleNodeTimeout = TimeSpan.FromSeconds(settings.StaleNodeSeconds);
            o.Durability.NodeReassignmentPollingTime = TimeSpan.FromSeconds(settings.NodeReassignmentSeconds);
            o.Durability.OrphanedMessageSweepPollingTime = TimeSpan.FromSeconds(settings.NodeReassignmentSeconds);
            o.CodeGeneration.TypeLoadMode = Enum.Parse<TypeLoadMode>(settings.CodeGeneration);
            o.Policies.AutoApplyTransactions();
            o.Policies.UseDurableLocalQueues();
            o.Policies.UseDurableOutboxOnAllSendingEndpoints();
            o.MultipleHandlerBehavior = MultipleHandlerBehavior.Separated;
            // Two handlers creating the same new stream at once (FetchForWriting on a stream that does not exist yet,
            // e.g. Analytics' company history for two prospects of one domain) lose with a stream-id collision, not a
            // ConcurrencyException: the same race, and a retry finds the stream and appends to it.
            o.Policies.OnException<ConcurrencyException>().Or<Marten.Exceptions.ExistingStreamIdCollisionException>()
                .RetryWithCooldown(Enumerable.Range(1, Math.Max(1, settings.ConcurrencyRetries))
                    .Select(i => TimeSpan.FromMilliseconds(50 * i)).ToArray())
                .Then.MoveToErrorQueue();
            // Marten creates a table lazily for a document type it first meets at run time; two nodes doing so at once
            // race on the DDL and one fails. The other's table exists a moment later: retry rather than dead-letter.
            o.Policies.OnException<Marten.Exceptions.MartenSchemaException>()
                .RetryWithCooldown(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2))
                .Then.MoveToErrorQueue();
            // PostgreSQL restarting under a running Host: retry in place (the message stays in the durable inbox)
            // rather than dead-lettering the message on the first broken connection.
            o.Policies.OnException(TransientDatabaseFailure.Matches, "transient PostgreSQL failure")
                .RetryWithCooldown([.. TransientDatabaseFailure.Cooldowns])
                .Then.MoveToErrorQueue();
        });

        builder.Services.AddWolverineHttp();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(settings.DrainTimeoutSeconds + 5));
        return builder;
    }

    public static WebApplication MapCritterStackEndpoints(this WebApplication app)
    {
        app.MapWolverineEndpoints(h =>
        {
            h.TenantId.DetectWith(new ResolvedTenantDetection());
            h.MapConcurrencyFailuresToConflict();
            // ?page=abc is a 400 naming the parameter, not a silent default.
            h.RejectUnparseableQueryValues = true;
        });
        return app;
    }
}
