import Foundation
import Simulators
import Testing

/// Tencent-specific reconciliation (the generic faults are in the conformance suite): a
/// restore leaves no remark, so an unknown one is found in DescribeTaskList.
@Suite("Tencent reconciliation, end to end")
struct TencentReconciliationTests {
    @Test("a restore whose start timed out is `unknown`, then reconciled from the task list — with one write")
    func ambiguousRestore() async throws {
        try await GatewayHarness.run(progression: .immediate, requestTimeout: .seconds(4)) { harness in
            await harness.simulator.inject(SimulatedFault(action: "RestoreInstance", effect: .delay(.seconds(7))))
            let accepted = try await harness.client.post(
                "/instances/crs-test02/restores", json: #"{"backupId":"\#(GatewayHarness.backupOf02)","confirmOverwrite":true}"#
            )
            #expect(accepted.status == 202)
            #expect(accepted.json["state"] as? String == "unknown")
            let id = try #require(accepted.json["id"] as? String)
            try await Task.sleep(for: .milliseconds(3500))
            let done = try await harness.waitUntilDone(id)
            #expect(done.json["state"] as? String == "succeeded")
            #expect(done.json["providerTaskId"] as? String != nil)
            let writes = await harness.simulator.receivedRequests().filter { $0.action == "RestoreInstance" }
            #expect(writes.count == 1)
        }
    }
}
