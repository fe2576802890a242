import Foundation
#if canImport(Glibc)
import Glibc
#endif
import GatewayCore
@testable import Providers
import Simulators
import Testing

/// `ProviderTransport`: unreachable peers, oversized answers, deadlines.
@Suite("Provider transport")
struct TransportTests {
    static func plainRequest(port: Int) -> ProviderHTTPRequest {
        ProviderHTTPRequest(
            method: "POST", url: "http://127.0.0.1:\(port)/",
            headers: [("Content-Type", "application/json")], body: Array("{}".utf8)
        )
    }

    /// A loopback port held bound but not listening while `body` runs: connections to it are
    /// refused, and no other test's server can take it meanwhile (a port merely closed again
    /// could be reused by a parallel test).
    static func withRefusingPort(_ body: (Int) async throws -> Void) async throws {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(socket >= 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        try #require(bound == 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
        }
        try #require(named == 0)
        try await body(Int(UInt16(bigEndian: address.sin_port)))
    }

    @Test("a closed port is provider_unavailable CONNECT_FAILED, and the outcome is known (nothing was sent)")
    func closedPortRefused() async throws {
        let transport = ProviderTransport(configuration: .init(connectTimeout: .seconds(3)))
        let started = Date()
        var error: GatewayError?
        try await Self.withRefusingPort { port in
            error = await #expect(throws: GatewayError.self) {
                try await transport.send(Self.plainRequest(port: port), deadline: Date().addingTimeInterval(10), provider: .tencent)
            }
        }
        try await transport.shutdown()
        #expect(error?.code == .providerUnavailable)
        #expect(error?.reason == "CONNECT_FAILED")
        #expect(error?.outcomeUnknown == false)
        #expect(error?.retryable == true)
        // Refused at once, not after the deadline.
        #expect(Date().timeIntervalSince(started) < 5)
    }

    @Test("an endpoint that is not a URL is internal ENDPOINT_INVALID, nothing sent")
    func invalidEndpoint() async throws {
        let transport = ProviderTransport()
        let request = ProviderHTTPRequest(method: "POST", url: "not a url", headers: [], body: Array("{}".utf8))
        let error = await #expect(throws: GatewayError.self) {
            try await transport.send(request, deadline: Date().addingTimeInterval(5), provider: .tencent)
        }
        try await transport.shutdown()
        #expect(error?.code == .internal)
        #expect(error?.reason == "ENDPOINT_INVALID")
        #expect(error?.outcomeUnknown == false)
    }

    @Test("an already passed deadline is provider_timeout before anything is sent")
    func passedDeadline() async throws {
        let transport = ProviderTransport()
        let error = await #expect(throws: GatewayError.self) {
            try await transport.send(Self.plainRequest(port: 9), deadline: Date().addingTimeInterval(-1), provider: .tencent)
        }
        try await transport.shutdown()
        #expect(error?.code == .providerTimeout)
        #expect(error?.reason == "DEADLINE_EXCEEDED")
        #expect(error?.outcomeUnknown == false)
    }

    @Test("a call whose context deadline has passed never reaches Tencent")
    func passedDeadlineThroughDriver() async throws {
        try await SimulatorHarness.run { harness in
            let error = await #expect(throws: GatewayError.self) {
                try await harness.driver().startBackup(
                    harness.ref, request: BackupRequest(), operationId: OperationID.make(),
                    context: CallContext(requestId: "late", deadline: Date().addingTimeInterval(-1))
                )
            }
            #expect(error?.code == .providerTimeout)
            #expect(error?.outcomeUnknown == false)
            #expect(await harness.simulator.receivedRequests().isEmpty)
        }
    }

    @Test("an answer slower than the deadline is provider_timeout, outcome unknown")
    func slowAnswer() async throws {
        try await SimulatorHarness.run { harness in
            await harness.simulator.inject(SimulatedFault(action: "DescribeInstances", effect: .delay(.milliseconds(1500))))
            let error = await #expect(throws: GatewayError.self) {
                try await harness.driver().describeInstance(harness.ref, context: SimulatorHarness.context(seconds: 0.3))
            }
            #expect(error?.code == .providerTimeout)
            #expect(error?.reason == "PROVIDER_TIMEOUT")
            #expect(error?.outcomeUnknown == true)
        }
    }

    @Test("an answer that stalls after its head is provider_timeout by the deadline, outcome unknown")
    func stalledBody() async throws {
        try await SimulatorHarness.run { harness in
            await harness.simulator.inject(SimulatedFault(action: "DescribeInstances", effect: .stalledBody(.seconds(60))))
            let started = ContinuousClock.now
            let error = await #expect(throws: GatewayError.self) {
                try await harness.driver().describeInstance(harness.ref, context: SimulatorHarness.context(seconds: 0.3))
            }
            #expect(error?.code == .providerTimeout)
            #expect(error?.reason == "PROVIDER_TIMEOUT")
            #expect(error?.outcomeUnknown == true)
            // Not held until the provider finishes its answer.
            #expect(ContinuousClock.now - started < .seconds(30))
        }
    }

    @Test("a body larger than the cap (injected 5000-byte 200 answer) is provider_error RESPONSE_TOO_LARGE")
    func oversizedInjectedBody() async throws {
        try await SimulatorHarness.run(transport: .init(maxResponseBytes: 1024)) { harness in
            let big = #"{"Response":{"RequestId":""# + String(repeating: "x", count: 5000) + #""}}"#
            // On every attempt: a read is retried (4 attempts in all) before the error is reported.
            await harness.simulator.inject(SimulatedFault(action: "DescribeInstances", times: 4, effect: .httpStatus(200, body: big)))
            let error = await #expect(throws: GatewayError.self) {
                try await harness.driver().describeInstance(harness.ref, context: SimulatorHarness.context())
            }
            #expect(error?.code == .providerError)
            #expect(error?.reason == "RESPONSE_TOO_LARGE")
            #expect(error?.outcomeUnknown == true)
            #expect(await harness.requests("DescribeInstances").count == 4)
        }
    }

    @Test("a real listing larger than the cap is provider_error RESPONSE_TOO_LARGE")
    func oversizedListing() async throws {
        try await SimulatorHarness.run(transport: .init(maxResponseBytes: 1024)) { harness in
            await harness.seedBackups(of: "crs-test01", count: 20)
            let driver = harness.driver()
            // A small answer still fits.
            let small = try await driver.describeInstance(harness.ref, context: SimulatorHarness.context())
            #expect(small.status == .running)
            let error = await #expect(throws: GatewayError.self) {
                try await driver.listBackups(harness.ref, query: BackupListQuery(pageSize: 20), context: SimulatorHarness.context())
            }
            #expect(error?.code == .providerError)
            #expect(error?.reason == "RESPONSE_TOO_LARGE")
        }
    }

    @Test("a connection dropped mid-answer is provider_unavailable CONNECTION_LOST, outcome unknown")
    func droppedConnection() async throws {
        try await SimulatorHarness.run { harness in
            // On every attempt: a read is retried (4 attempts in all) before the error is reported.
            await harness.simulator.inject(SimulatedFault(action: "DescribeInstances", times: 4, effect: .dropConnection))
            let error = await #expect(throws: GatewayError.self) {
                try await harness.driver().describeInstance(harness.ref, context: SimulatorHarness.context())
            }
            #expect(error?.code == .providerUnavailable)
            #expect(error?.outcomeUnknown == true)
            #expect(await harness.requests("DescribeInstances").count == 4)
        }
    }

    @Test("HTTP 502 from infrastructure is provider_unavailable PROVIDER_HTTP_STATUS")
    func badGateway() async throws {
        try await SimulatorHarness.run { harness in
            // On every attempt: a read is retried (4 attempts in all) before the error is reported.
            await harness.simulator.inject(SimulatedFault(action: "DescribeInstances", times: 4, effect: .httpStatus(502, body: "<html>bad gateway</html>")))
            let error = await #expect(throws: GatewayError.self) {
                try await harness.driver().describeInstance(harness.ref, context: SimulatorHarness.context())
            }
            #expect(error?.code == .providerUnavailable)
            #expect(error?.reason == "PROVIDER_HTTP_STATUS")
            #expect(error?.provider?.httpStatus == 502)
        }
    }

    @Test("a malformed 200 body is provider_error PROVIDER_RESPONSE_MALFORMED")
    func malformedBody() async throws {
        try await SimulatorHarness.run { harness in
            // On every attempt: a read is retried (4 attempts in all) before the error is reported.
            await harness.simulator.inject(SimulatedFault(action: "DescribeInstances", times: 4, effect: .malformedBody))
            let error = await #expect(throws: GatewayError.self) {
                try await harness.driver().describeInstance(harness.ref, context: SimulatorHarness.context())
            }
            #expect(error?.code == .providerError)
            #expect(error?.reason == "PROVIDER_RESPONSE_MALFORMED")
        }
    }
}
