import Foundation
import GatewayCore
@testable import Providers
import Testing

/// `TencentDriver` against a real `TencentSimulator` on loopback: instances.
@Suite("Tencent driver: instances")
struct TencentDriverInstanceTests {
    @Test("describeInstance: a found instance, normalized")
    func describeFound() async throws {
        try await SimulatorHarness.run { harness in
            let info = try await harness.driver().describeInstance(harness.ref, context: SimulatorHarness.context())
            #expect(info.ref == harness.ref)
            #expect(info.name == "orders")
            #expect(info.status == .running)
            #expect(info.providerStatus == "2")
            #expect(info.architecture == "standalone")
            #expect(info.passwordRequired == true)
            #expect(info.capabilities.restorePasswordRequired == true)
            #expect(info.capabilities.pointInTimeRestore == false)

            let sent = try #require(await harness.requests("DescribeInstances").first)
            #expect(sent.bodyString == #"{"InstanceId":"crs-test01"}"#)
            #expect(sent.header("X-TC-Region") == Fixture.region)
            #expect(sent.header("X-TC-RequestClient") == Fixture.userAgent)
            #expect(sent.errorCode == nil)
        }
    }

    @Test("describeInstance: a password-free instance needs no password")
    func describeNoAuth() async throws {
        try await SimulatorHarness.run { harness in
            let info = try await harness.driver().describeInstance(SimulatorHarness.ref("crs-test02"), context: SimulatorHarness.context())
            #expect(info.passwordRequired == false)
            #expect(info.capabilities.restorePasswordRequired == false)
            #expect(info.architecture == "cluster")
        }
    }

    @Test("describeInstance: other statuses", arguments: [(-2, InstanceInfo.Status.isolated), (1, .busy), (0, .creating), (-3, .deleting)])
    func describeStatuses(status: Int, expected: InstanceInfo.Status) async throws {
        try await SimulatorHarness.run { harness in
            await harness.simulator.addInstance(.init(id: "crs-test09", name: "other", status: status, password: "x"))
            let info = try await harness.driver().describeInstance(SimulatorHarness.ref("crs-test09"), context: SimulatorHarness.context())
            #expect(info.status == expected)
            #expect(info.providerStatus == String(status))
        }
    }

    @Test("describeInstance: an unknown id is not_found INSTANCE_NOT_FOUND")
    func describeUnknown() async throws {
        try await SimulatorHarness.run { harness in
            let error = await #expect(throws: GatewayError.self) {
                try await harness.driver().describeInstance(SimulatorHarness.ref("crs-nothere"), context: SimulatorHarness.context())
            }
            #expect(error?.code == .notFound)
            #expect(error?.reason == "INSTANCE_NOT_FOUND")
        }
    }
}
