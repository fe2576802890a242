import Foundation
import Testing
@testable import Simulators

/// The body faults `hugeBody` and `stalledBody`: their control-endpoint JSON, and what a client
/// receives.
@Suite struct BodyFaultTests {
    static func fault(_ text: String) throws -> SimulatedFault {
        try SimulatedFault(controlJSON: try #require(SimulatorJSON.parse(Array(text.utf8))))
    }

    @Test("control JSON: hugeBody and stalledBody decode, encode back, and refuse a missing or out-of-range value")
    func controlCoding() throws {
        let huge = try Self.fault(#"{"action":"DescribeInstances","times":3,"effect":{"type":"hugeBody","bytes":5242880}}"#)
        #expect(huge == SimulatedFault(action: "DescribeInstances", times: 3, effect: .hugeBody(bytes: 5 << 20)))
        #expect(try SimulatedFault(controlJSON: huge.controlJSON) == huge)
        #expect(huge.effect.summary == "hugeBody(5242880)")
        let stalled = try Self.fault(#"{"effect":{"type":"stalledBody","milliseconds":1500}}"#)
        #expect(stalled.effect == .stalledBody(.milliseconds(1500)))
        #expect(try SimulatedFault(controlJSON: stalled.controlJSON) == stalled)
        for effect in [
            #"{"type":"hugeBody"}"#, #"{"type":"hugeBody","bytes":3}"#, #"{"type":"hugeBody","bytes":"big"}"#,
            #"{"type":"hugeBody","bytes":4294967296}"#, #"{"type":"stalledBody"}"#, #"{"type":"stalledBody","milliseconds":-1}"#,
        ] {
            #expect(throws: SimulatedFault.ControlDecodingError.self) { try Self.fault(#"{"effect":\#(effect)}"#) }
        }
    }

    @Test("hugeBody streams without Content-Length; stalledBody promises the whole answer")
    func lengths() {
        #expect(SimulatorResponses.huge(bytes: 1 << 20).body.contentLength == nil)
        #expect(SimulatorResponses.stalled(Array("{\"a\":1}".utf8), pause: .zero).body.contentLength == 7)
    }

    @Test("hugeBody: 200 with exactly that many bytes of valid JSON; the action happened")
    func hugeBodyEffect() async throws {
        try await TencentHarness.with { (harness: TencentHarness) async throws in
            await harness.simulator.inject(SimulatedFault(action: "ManualBackupInstance", effect: .hugeBody(bytes: 1 << 20)))
            let answer = try await harness.client.call("ManualBackupInstance", json: ["InstanceId": "crs-sandbox01"])
            #expect(answer.status == 200)
            #expect(answer.contentType == "application/json")
            #expect(answer.body.utf8.count == 1 << 20)
            #expect(answer.body.hasPrefix(#"{"Padding":"xxx"#))
            #expect(answer.json?["Padding"]?.stringValue?.count == (1 << 20) - 14)
            #expect(await harness.simulator.backups(of: "crs-sandbox01").count == 4)
            #expect(await harness.simulator.receivedRequests().last?.fault == "hugeBody(1048576)")
            // The next call is answered normally.
            #expect(try await harness.client.call("DescribeInstances", json: [:]).errorCode == nil)
        }
    }

    @Test("stalledBody: the complete real answer, its second half after the pause; the action happened")
    func stalledBodyEffect() async throws {
        try await TencentHarness.with { (harness: TencentHarness) async throws in
            await harness.simulator.inject(SimulatedFault(action: "ManualBackupInstance", effect: .stalledBody(.milliseconds(300))))
            let started = ContinuousClock.now
            let answer = try await harness.client.call("ManualBackupInstance", json: ["InstanceId": "crs-sandbox01"])
            #expect(ContinuousClock.now - started >= .milliseconds(300))
            #expect(answer.status == 200)
            #expect(answer.int("TaskId") != nil)
            #expect(answer.requestId != nil)
            #expect(await harness.simulator.backups(of: "crs-sandbox01").count == 4)
        }
    }
}
