import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import ProviderSigning
import Synchronization
@testable import Simulators

/// A settable "now" for the simulator's injected clock.
final class TestClock: Sendable {
    private let current: Mutex<Date>

    init(_ date: Date = Date(timeIntervalSince1970: 1_767_225_600)) {
        current = Mutex(date)
    }

    var now: Date { current.withLock { $0 } }
    var timestamp: Int { Int(now.timeIntervalSince1970) }

    func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }

    func set(_ date: Date) {
        current.withLock { $0 = date }
    }

    var function: @Sendable () -> Date { { self.now } }
}

/// What a call answered.
struct TencentAnswer {
    var status: Int
    var contentType: String?
    var body: String
    var json: SimulatorJSON?

    var response: SimulatorJSON? { json?["Response"] }
    var errorCode: String? { response?["Error"]?["Code"]?.stringValue }
    var errorMessage: String? { response?["Error"]?["Message"]?.stringValue }
    var requestId: String? { response?["RequestId"]?.stringValue }

    func int(_ key: String) -> Int64? { response?[key]?.intValue }
    func string(_ key: String) -> String? { response?[key]?.stringValue }
    func array(_ key: String) -> [SimulatorJSON] {
        if case .array(let items)? = response?[key] { return items }
        return []
    }
}

/// Signs (with ProviderSigning's TC3Signer, an implementation independent of the simulator's
/// verifier) and sends API 3.0 requests to a simulator over loopback.
struct TencentTestClient {
    var http: HTTPClient
    var port: Int
    var secretId = "AKIDsimulatorTEST"
    var secretKey = "simulator-test-secret"
    var token: String?
    var region: String? = "ap-guangzhou"
    var version: String? = "2018-04-12"
    var clock: TestClock

    var host: String { "127.0.0.1:\(port)" }

    /// Optional tweaks applied while building one request.
    struct Tweaks {
        var timestamp: Int?
        /// Timestamp used for signing when it differs from the one sent.
        var signingTimestamp: Int?
        var secretKey: String?
        var unsignedPayload = false
        var omitAuthorization = false
        var authorization: String?
        var extraHeaders: [(String, String)] = []
        var removeHeaders: [String] = []
        var contentType = "application/json"
    }

    func call(_ action: String, _ body: String = "{}", tweaks: Tweaks = Tweaks()) async throws -> TencentAnswer {
        try await send(action: action, method: .POST, query: "", body: Array(body.utf8), tweaks: tweaks)
    }

    func call(_ action: String, json: SimulatorJSON, tweaks: Tweaks = Tweaks()) async throws -> TencentAnswer {
        try await call(action, json.serialized, tweaks: tweaks)
    }

    func get(_ action: String, query: String, tweaks: Tweaks = Tweaks()) async throws -> TencentAnswer {
        var tweaks = tweaks
        tweaks.contentType = "application/x-www-form-urlencoded"
        return try await send(action: action, method: .GET, query: query, body: [], tweaks: tweaks)
    }

    func send(action: String, method: HTTPMethod, query: String, body: [UInt8], tweaks: Tweaks) async throws -> TencentAnswer {
        let timestamp = tweaks.timestamp ?? clock.timestamp
        let signature = TC3Signer.sign(
            TC3Signer.Request(
                method: method.rawValue,
                host: host,
                query: query,
                contentType: tweaks.contentType,
                body: body,
                unsignedPayload: tweaks.unsignedPayload
            ),
            credentials: SigningCredentials(accessKeyId: secretId, secret: tweaks.secretKey ?? secretKey),
            service: "redis",
            timestamp: tweaks.signingTimestamp ?? timestamp
        )
        var request = HTTPClientRequest(url: "http://\(host)/" + (query.isEmpty ? "" : "?\(query)"))
        request.method = method
        request.headers.add(name: "Host", value: host)
        request.headers.add(name: "Content-Type", value: tweaks.contentType)
        request.headers.add(name: "X-TC-Action", value: action)
        if let version { request.headers.add(name: "X-TC-Version", value: version) }
        request.headers.add(name: "X-TC-Timestamp", value: String(timestamp))
        if let region { request.headers.add(name: "X-TC-Region", value: region) }
        if let token { request.headers.add(name: "X-TC-Token", value: token) }
        if tweaks.unsignedPayload { request.headers.add(name: "X-TC-Content-SHA256", value: "UNSIGNED-PAYLOAD") }
        if !tweaks.omitAuthorization {
            request.headers.add(name: "Authorization", value: tweaks.authorization ?? signature.authorization)
        }
        for (name, value) in tweaks.extraHeaders { request.headers.replaceOrAdd(name: name, value: value) }
        for name in tweaks.removeHeaders { request.headers.remove(name: name) }
        if method == .POST { request.body = .bytes(ByteBuffer(bytes: body)) }
        return try await Self.execute(http, request)
    }

    static func execute(_ http: HTTPClient, _ request: HTTPClientRequest) async throws -> TencentAnswer {
        let response = try await http.execute(request, timeout: .seconds(60))
        let buffer = try await response.body.collect(upTo: 1 << 22)
        let bytes = Array(buffer.readableBytesView)
        return TencentAnswer(
            status: Int(response.status.code),
            contentType: response.headers.first(name: "Content-Type"),
            body: String(decoding: bytes, as: UTF8.self),
            json: SimulatorJSON.parse(bytes)
        )
    }
}

/// A started simulator, an HTTP client and a signing client; everything is shut down afterwards.
struct TencentHarness {
    var simulator: TencentSimulator
    var clock: TestClock
    var client: TencentTestClient
    var http: HTTPClient

    static let secretId = "AKIDsimulatorTEST"
    static let secretKey = "simulator-test-secret"

    static func with<T>(
        progression: TencentTaskProgression = .perPoll(steps: 3),
        rateLimits: Bool = false,
        credentials: [TencentSimulatorCredential] = [TencentSimulatorCredential(secretId: secretId, secretKey: secretKey)],
        regions: Set<String> = ["ap-guangzhou", "ap-shanghai"],
        clock: TestClock = TestClock(),
        seed: Bool = true,
        _ body: (TencentHarness) async throws -> T
    ) async throws -> T {
        let configuration = TencentSimulatorConfiguration(
            credentials: credentials,
            regions: regions,
            taskProgression: progression,
            enforceRateLimits: rateLimits,
            clock: clock.function
        )
        let simulator = TencentSimulator(configuration: configuration)
        if seed {
            for instance in TencentSandboxSeed.instances() { await simulator.addInstance(instance) }
            for backup in TencentSandboxSeed.backups(now: clock.now) { await simulator.addBackup(backup) }
        }
        try await simulator.start()
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(timeout: .init(connect: .seconds(60))))
        let harness = TencentHarness(
            simulator: simulator,
            clock: clock,
            client: TencentTestClient(http: http, port: simulator.port, clock: clock),
            http: http
        )
        do {
            let result = try await body(harness)
            try await http.shutdown()
            await simulator.stop()
            return result
        } catch {
            try? await http.shutdown()
            await simulator.stop()
            throw error
        }
    }

    /// Polls `DescribeTaskInfo` until the task ends; the statuses seen in order.
    func pollUntilDone(_ taskId: Int64, maxPolls: Int = 20) async throws -> [String] {
        var seen: [String] = []
        for _ in 0..<maxPolls {
            let answer = try await client.call("DescribeTaskInfo", json: ["TaskId": .int(taskId)])
            let status = answer.string("Status") ?? "?"
            seen.append(status)
            if ["succeed", "failed", "error"].contains(status) { break }
        }
        return seen
    }
}
