import Foundation
import GatewayConfiguration
import Simulators
import Testing

/// `GET /metrics` over real HTTP: valid Prometheus text with every series after a backup →
/// poll → list flow, a provider fault and a rate-limit refusal; route labels are templates.
@Suite("Metrics endpoint")
struct MetricsEndpointTests {
    @Test("after a flow with a fault and a rate-limit refusal, /metrics holds every series, strictly valid")
    func everySeries() async throws {
        // DescribeInstanceBackups at 1/s and 50 ms of waiting: back-to-back lists are refused.
        try await GatewayHarness.run(rateLimits: ["DescribeInstanceBackups": 1], rateLimitWait: .milliseconds(50)) { harness in
            let client = harness.client
            let accepted = try await client.post("/instances/crs-test01/backups", json: "{}")
            #expect(accepted.status == 202)
            let id = try #require(accepted.json["id"] as? String)
            #expect(try await harness.waitUntilDone(id).json["state"] as? String == "succeeded")
            #expect(try await client.get("/operations?instanceId=crs-test01").status == 200)

            // The refresh may have used this second's DescribeInstanceBackups slot.
            try await Task.sleep(for: .milliseconds(1100))
            var listStatuses: [Int] = []
            for _ in 0..<3 { listStatuses.append(try await client.get("/instances/crs-test01/backups").status) }
            #expect(listStatuses.contains(200) && listStatuses.contains(429))

            // A transient provider failure: retried (a read), then answered.
            await harness.simulator.inject(SimulatedFault(
                action: "DescribeInstances", times: 1, effect: .error(code: "InternalError", message: "try again")
            ))
            #expect(try await client.get("/instances/crs-test01").status == 200)
            #expect(try await client.get("/no/such/path").status == 404)

            let reply = try await client.get("/metrics")
            #expect(reply.status == 200)
            #expect(reply.header("Content-Type") == "text/plain; version=0.0.4")
            let metrics = try PrometheusText(reply.body)

            #expect(metrics.types["gateway_http_requests_total"] == "counter")
            #expect(metrics.types["gateway_http_request_duration_seconds"] == "histogram")
            #expect(metrics.total("gateway_http_requests_total", ["method": "POST", "route": "/instances/{instanceId}/backups", "status": "202"]) == 1)
            #expect(metrics.total("gateway_http_requests_total", ["method": "GET", "route": "/operations/{operationId}", "status": "200"]) >= 1)
            #expect(metrics.total("gateway_http_requests_total", ["route": "/instances/{instanceId}/backups", "status": "429"]) >= 1)
            #expect(metrics.total("gateway_http_requests_total", ["method": "GET", "route": "unmatched", "status": "404"]) == 1)
            #expect(metrics.total("gateway_http_request_duration_seconds_count", ["method": "GET", "route": "/instances/{instanceId}"]) == 1)
            let routes = Set(metrics.samples.compactMap { $0.labels["route"] })
            #expect(routes.allSatisfy { $0 == "unmatched" || ($0.hasPrefix("/") && !$0.contains("crs-") && !$0.contains("op_")) }, "\(routes)")

            let tencent = ["provider": "tencent", "account": "tencent-test"]
            #expect(metrics.types["gateway_provider_requests_total"] == "counter")
            #expect(metrics.total("gateway_provider_requests_total", tencent.merging(["action": "ManualBackupInstance", "outcome": "success"]) { $1 }) == 1)
            #expect(metrics.total("gateway_provider_requests_total", tencent.merging(["action": "DescribeInstances", "outcome": "error"]) { $1 }) == 1)
            #expect(metrics.total("gateway_provider_request_duration_seconds_count", ["provider": "tencent", "action": "DescribeTaskInfo"]) >= 1)
            #expect(metrics.total("gateway_provider_retries_total", ["provider": "tencent", "action": "DescribeInstances"]) == 1)
            #expect(metrics.types["gateway_rate_limit_wait_seconds"] == "histogram")
            #expect(metrics.total("gateway_rate_limit_wait_seconds_count", tencent.merging(["action": "DescribeInstanceBackups"]) { $1 }) >= 1)
            #expect(metrics.total("gateway_rate_limit_rejections_total", tencent.merging(["action": "DescribeInstanceBackups"]) { $1 }) >= 1)

            let acceptedStates = ["pending", "running", "unknown"].map { metrics.total("gateway_operations_total", ["kind": "backup", "state": $0]) }
            #expect(acceptedStates.reduce(0, +) == 1)
            #expect(metrics.total("gateway_operations_total", ["kind": "backup", "state": "succeeded"]) == 1)
            #expect(metrics.types["gateway_operations_unfinished"] == "gauge")
            #expect(!metrics.samples("gateway_operations_unfinished").isEmpty)

            #expect(metrics.types["gateway_store_operation_duration_seconds"] == "histogram")
            for operation in ["insert", "update", "get", "list", "unfinished", "append_audit_event"] {
                #expect(metrics.total("gateway_store_operation_duration_seconds_count", ["operation": operation]) >= 1, "\(operation)")
            }
            #if os(Linux)
            #expect(metrics.total("process_resident_memory_bytes") > 1_000_000)
            #expect(metrics.total("process_start_time_seconds") > 1_600_000_000)
            #endif
        }
    }

    @Test("/metrics follows auth.probes: with probes: token, a token is required")
    func probeAccess() async throws {
        var auth = AuthFixture.settings
        auth.probes = .token
        try await GatewayHarness.run(auth: auth, extraEnvironment: AuthFixture.environment) { harness in
            #expect(try await harness.client.get("/metrics").status == 401)
            let reply = try await harness.client.get("/metrics", headers: AuthFixture.bearer(AuthFixture.scriptToken))
            #expect(reply.status == 200)
            let metrics = try PrometheusText(reply.body)
            #expect(metrics.total("gateway_http_requests_total", ["route": "/metrics", "status": "401"]) == 1)
        }
    }

    @Test("the strict reader refuses malformed exposition text")
    func readerIsStrict() {
        #expect(throws: PrometheusText.Failure.self) { try PrometheusText("no_type_line 1\n") }
        #expect(throws: PrometheusText.Failure.self) { try PrometheusText("# TYPE a counter\na{x=1} 1\n") }
        #expect(throws: PrometheusText.Failure.self) {
            try PrometheusText("# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_sum 1\nh_count 1\n")
        }
        #expect(throws: Never.self) {
            try PrometheusText("# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_sum 3.5\nh_count 2\n")
        }
    }
}
