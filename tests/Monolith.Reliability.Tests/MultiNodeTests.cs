using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Monolith.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace Monolith.Reliability.Tests;

/// <summary>
/// Several Host processes in <c>Balanced</c> durability mode on one PostgreSQL: uploads spread over the nodes are
/// processed by each of them; one node (the first: the leader, and the one that started PostgreSQL) is SIGKILLed with
/// a backlog in its durable inbox; the survivors re-elect a leader, eject the dead node, take over its inbox and its
/// projection agents, and every accepted document is decided exactly once. The async projection
/// (<c>AutomationMetrics</c>) is assigned to one node at a time and counts every document exactly once.
/// </summary>
public sealed class when_several_nodes_share_one_postgres(ITestOutputHelper output) : IAsyncLifetime
{
    private const int N = 36;
    private static readonly string[] Projections = ["automationmetrics", "providerusage"];
    private readonly FaultHarness _harness = new(output, "reliability"); // one of the tenants the test API keys cover

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public Task two_nodes_share_the_work_and_the_survivor_finishes_a_killed_nodes_work() => RunAsync(2);

    [Fact]
    public Task three_nodes_share_the_work_and_the_survivors_finish_a_killed_nodes_work() => RunAsync(3);

    private async Task RunAsync(int nodeCount)
    {
        var clock = Stopwatch.StartNew();
        _harness.Settings["CritterStack__DurabilityMode"] = "Balanced";
        // A dead node is noticed within seconds rather than Wolverine's default minute (see docs/reliability.md).
        _harness.Settings["CritterStack__HealthCheckSeconds"] = "2";
        _harness.Settings["CritterStack__StaleNodeSeconds"] = "10";
        _harness.Settings["CritterStack__NodeReassignmentSeconds"] = "2";
        // One document at a time per node, so each node certainly has a backlog in its inbox.
        _harness.Settings["Documents__ProcessingConcurrency"] = "1";
        var run = Guid.NewGuid().ToString("N")[..8];

        // Node 1 starts the embedded PostgreSQL; the others are pointed at it by connection string.
        var nodes = new List<HostProcess> { await _harness.StartReadyHostAsync() };
        var shared = new NpgsqlConnectionStringBuilder(_harness.ConnectionString(_harness.PostgresPort()!.Value)) { Pooling = true }.ConnectionString;
        var others = Enumerable.Range(1, nodeCount - 1).Select(_ => _harness.StartReadyHostAsync(
            new Dictionary<string, string> { ["ConnectionStrings__Postgres"] = shared })).ToList();
        nodes.AddRange(await Task.WhenAll(others));
        var clients = nodes.Select(n => n.Client(_harness.Tenant)).ToList();
        try
        {
            var cluster = await FaultHarness.PollAsync(AssignmentsAsync,
                a => a.Nodes.Count == nodeCount && a.HasProjectionAgents && a.Leader is not null,
                TimeSpan.FromSeconds(60), $"{nodeCount} nodes registered, a leader, the projection agents assigned");
            _harness.Log($"cluster of {nodeCount} formed {clock.Elapsed.TotalSeconds:0.0} s into the test: {cluster}");
            // Node numbers come from a sequence; node 1 registered before the others were started.
            var victimNode = cluster.Nodes.MinBy(n => n.Value).Key;
            AssertEachAgentOnOneLiveNode(cluster);

            // Each node processes one document while the client waits (its processing chain compiled and running) and
            // answers /metrics once (so the look at node 1's counter just before the kill is quick).
            var accepted = new ConcurrentDictionary<int, Guid>();
            var byNode = new ConcurrentDictionary<int, int>();
            await Task.WhenAll(Enumerable.Range(0, nodeCount).Select(async k =>
            {
                using var warm = await clients[k].PostAsync(new Uri("/api/documents?wait=true", UriKind.Relative), FaultHarness.Form(FaultHarness.Invoice(run, k), $"invoice-{k}.txt"));
                Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
                accepted[k] = await IdAsync(warm);
                byNode[k] = k;
                await HandledAsync(clients[k]);
            }));
            _harness.Log($"every node warm {clock.Elapsed.TotalSeconds:0.0} s into the test");

            // Round robin: document i goes to node i mod n. Node 1 is killed once it accepted half its share, so its
            // inbox certainly holds a backlog (one document at a time per node).
            const int victim = 0;
            using var killed = new CancellationTokenSource();
            var killClock = new Stopwatch();
            var next = nodeCount - 1;
            var killing = 0;
            var victimHandled = 0.0;
            async Task Uploader()
            {
                while (true)
                {
                    var i = Interlocked.Increment(ref next);
                    if (i >= N) return;
                    var k = i % nodeCount;
                    if (k == victim && killed.IsCancellationRequested) continue;
                    try
                    {
                        using var response = await clients[k].PostAsync(new Uri("/api/documents", UriKind.Relative),
                            FaultHarness.Form(FaultHarness.Invoice(run, i), $"invoice-{i}.txt"), k == victim ? killed.Token : CancellationToken.None);
                        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"upload {i} to node {k + 1}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                        accepted[i] = await IdAsync(response);
                        byNode[i] = k;
                        if (byNode.Values.Count(n => n == victim) > N / nodeCount / 2 && Interlocked.Exchange(ref killing, 1) == 0)
                        {
                            victimHandled = await HandledAsync(clients[victim]);
                            nodes[victim].Kill();
                            killClock.Start();
                            await killed.CancelAsync();
                        }
                    }
                    catch (Exception e) when (k == victim && e is HttpRequestException or OperationCanceledException) { }
                }
            }
            await Task.WhenAll(Enumerable.Range(0, 2 * nodeCount).Select(_ => Uploader()));
            Assert.True(nodes[victim].HasExited);
            var survivors = Enumerable.Range(0, nodeCount).Where(k => k != victim).ToList();
            var survivor = clients[survivors[0]];
            var atKill = await FaultHarness.DocumentsAsync(survivor);
            var orphaned = accepted.Where(a => byNode[a.Key] == victim && atKill.TryGetValue(a.Value, out var s) && !FaultHarness.IsFinished(s)).Select(a => a.Value).ToList();
            var inbox = await _harness.QueryAsync<int, long>(
                "select owner_id, count(*) from wolverine.wolverine_incoming_envelopes where status = 'Incoming' and message_type like '%ProcessDocument' group by owner_id");
            _harness.Log($"killed node 1 (pid {nodes[victim].ProcessId}, {victimHandled} documents processed by it) with {accepted.Count} accepted, "
                + $"{atKill.Values.Count(FaultHarness.IsFinished)} finished; its unfinished documents: {orphaned.Count}; inbox by owner: "
                + string.Join(", ", inbox.Select(r => $"{r.Item1}={r.Item2}")));
            Assert.NotEmpty(orphaned);

            // What node 1 never answered goes to the survivors (the same bytes are the same document).
            for (var i = 0; i < N; i++)
            {
                if (accepted.ContainsKey(i)) continue;
                var k = survivors[i % survivors.Count];
                using var response = await clients[k].PostAsync(new Uri("/api/documents", UriKind.Relative),
                    FaultHarness.Form(FaultHarness.Invoice(run, i), $"invoice-{i}.txt"));
                Assert.True(response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK, $"retry {i}: {(int)response.StatusCode}");
                accepted[i] = await IdAsync(response);
                byNode[i] = k;
            }

            var documents = await FaultHarness.PollAsync(() => FaultHarness.DocumentsAsync(survivor),
                d => d.Count >= N && d.Values.All(FaultHarness.IsFinished), TimeSpan.FromSeconds(90), "every document finished");
            _harness.Log($"all {N} finished {killClock.Elapsed.TotalSeconds:0.0} s after the kill");

            // Node 1 is gone from the cluster, the leadership and its agents are on survivors.
            var after = await FaultHarness.PollAsync(AssignmentsAsync,
                a => a.Nodes.Count == survivors.Count && a.HasProjectionAgents && a.Leader is not null && !a.Nodes.ContainsKey(victimNode),
                TimeSpan.FromSeconds(60), "node 1 ejected, agents reassigned");
            _harness.Log($"after the kill: {after}");
            AssertEachAgentOnOneLiveNode(after);

            // Every accepted document decided exactly once, none lost, none added.
            Assert.Equal(N, documents.Count);
            Assert.Equal(accepted.Values.Order(), documents.Keys.Order());
            Assert.All(orphaned, id => Assert.True(FaultHarness.IsFinished(documents[id])));
            await _harness.AssertEachDocumentScoredOnceAsync(N, noDeadLetters: true);

            // Work was shared: every node processed documents (node 1 until it died), and the survivors processed
            // (at least) their own documents and node 1's unfinished ones. Wolverine's meter is exported in batches: poll.
            var own = accepted.Keys.Count(i => byNode[i] != victim);
            var handled = await FaultHarness.PollAsync(async () =>
                {
                    var counts = new List<double>();
                    foreach (var k in survivors) counts.Add(await HandledAsync(clients[k]));
                    return counts;
                }, c => c.Sum() >= own + orphaned.Count, TimeSpan.FromSeconds(30), "survivors' processed-documents counters");
            _harness.Log($"documents processed per node: node 1={victimHandled} (before the kill), "
                + string.Join(", ", handled.Select((h, j) => $"node {survivors[j] + 1}={h}")) + $"; survivors' own {own} + node 1's unfinished {orphaned.Count}");
            foreach (var k in survivors)
                _harness.Log($"node {k + 1} error lines: " + string.Join(" | ", (nodes[k].StandardOutput + nodes[k].StandardError).Split('\n')
                    .Where(l => l.StartsWith("fail:", StringComparison.Ordinal) || l.StartsWith("crit:", StringComparison.Ordinal)).Take(10).Select(l => l.Length > 400 ? l[..400] : l)));
            Assert.True(victimHandled > 0, "node 1 processed no document");
            Assert.All(handled, h => Assert.True(h > 0, "a node processed no document"));

            // The async projection ran once per event: a projection running on two nodes would count documents twice.
            var counts = await FaultHarness.PollAsync(ProjectedAsync, c => c.Received >= N && c.Processed >= N,
                TimeSpan.FromSeconds(60), "the automation metrics caught up");
            await Task.Delay(TimeSpan.FromSeconds(3));
            Assert.Equal((N, N), await ProjectedAsync());
            _harness.Log($"AutomationMetrics: received {counts.Received}, processed {counts.Processed}; test {clock.Elapsed.TotalSeconds:0.0} s");
        }
        finally
        {
            foreach (var client in clients) client.Dispose();
        }
    }

    private static async Task<Guid> IdAsync(HttpResponseMessage response)
    {
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("id").GetGuid();
    }

    /// <summary>The node's own count of successfully handled <c>ProcessDocument</c> messages (Wolverine's meter on /metrics).</summary>
    private static async Task<double> HandledAsync(HttpClient client)
    {
        var text = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        return text.Split('\n')
            .Where(l => l.StartsWith("wolverine_messages_succeeded", StringComparison.Ordinal) && l.Contains("ProcessDocument\"", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
    }

    private async Task<(long Received, long Processed)> ProjectedAsync()
    {
        var rows = await _harness.QueryAsync<long, long>(
            "select coalesce(sum((data->>'Received')::bigint), 0)::bigint, coalesce(sum((data->>'Processed')::bigint), 0)::bigint from monolith.mt_doc_automationbucket where tenant_id = @t",
            ("t", _harness.Tenant));
        return rows[0];
    }

    private async Task<Assignments> AssignmentsAsync()
    {
        var nodes = await _harness.QueryAsync<Guid, int>("select id, node_number from wolverine.wolverine_nodes");
        var agents = await _harness.QueryAsync<string, Guid>("select id, node_id from wolverine.wolverine_node_assignments");
        return new Assignments(nodes.ToDictionary(n => n.Item1, n => n.Item2), agents);
    }

    private static void AssertEachAgentOnOneLiveNode(Assignments assignments)
    {
        Assert.All(assignments.Agents, a => Assert.Contains(a.Node, assignments.Nodes.Keys));
        Assert.Equal(assignments.Agents.Count, assignments.Agents.Select(a => a.Agent).Distinct().Count());
    }

    private sealed record Assignments(Dictionary<Guid, int> Nodes, List<(string Agent, Guid Node)> Agents)
    {
        public Guid? Leader => Agents.Where(a => a.Agent.StartsWith("wolverine://leader", StringComparison.Ordinal)).Select(a => (Guid?)a.Node).FirstOrDefault();
        public bool HasProjectionAgents => Projections.All(p => Agents.Any(a => a.Agent.Contains($"/{p}/", StringComparison.Ordinal)));
        public override string ToString() => $"nodes {string.Join(", ", Nodes.Values)}; leader {Leader}; "
            + string.Join("; ", Agents.Select(a => $"{a.Agent} -> {(Nodes.TryGetValue(a.Node, out var n) ? n : -1)}"));
    }
}
