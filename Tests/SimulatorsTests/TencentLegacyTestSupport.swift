import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import ProviderSigning
import Synchronization
@testable import Simulators

/// What an API 2.0 call answered.
struct TencentLegacyAnswer {
    var status: Int
    var contentType: String?
    var body: String
    var json: SimulatorJSON?

    var code: Int64? { json?["code"]?.intValue }
    var message: String? { json?["message"]?.stringValue }
    var codeDesc: String? { json?["codeDesc"]?.stringValue }
    var data: SimulatorJSON? { json?["data"] }

    func array(_ key: String) -> [SimulatorJSON] {
        if case .array(let items)? = data?[key] { return items }
        return []
    }
}

/// Signs API 2.0 requests with ProviderSigning's TencentV2Signer (independent of the
/// simulator's verifier) and sends them over loopback.
struct TencentLegacyTestClient {
    static let nonces = Atomic<Int>(10_000)

    var http: HTTPClient
    var port: Int
    var secretId = TencentLegacyHarness.secretId
    var secretKey = TencentLegacyHarness.secretKey
    var token: String?
    var region: String? = "gz"
    var clock: TestClock

    var host: String { "127.0.0.1:\(port)" }

    struct Tweaks {
        var method: HTTPMethod = .GET
        var signatureMethod: TencentV2Signer.Method = .hmacSHA1
        var timestamp: Int?
        var nonce: Int?
        var secretKey: String?
        var secretId: String?
        /// Parameters removed from the wire after signing.
        var remove: [String] = []
        /// Parameters appended to the wire after signing (not signed).
        var append: [(String, String)] = []
        /// The Host header sent (and signed), when not the loopback authority.
        var host: String?
    }

    func call(_ action: String, _ parameters: [(String, String)] = [], tweaks: Tweaks = Tweaks()) async throws -> TencentLegacyAnswer {
        var all = [("Action", action)]
        if let region { all.append(("Region", region)) }
        all += parameters
        let nonce = tweaks.nonce ?? Self.nonces.add(1, ordering: .relaxed).newValue
        let host = tweaks.host ?? host
        let signed = TencentV2Signer.sign(
            method: tweaks.method.rawValue, host: host, path: "/v2/index.php", parameters: all,
            credentials: SigningCredentials(
                accessKeyId: tweaks.secretId ?? secretId, secret: tweaks.secretKey ?? secretKey, sessionToken: token
            ),
            timestamp: tweaks.timestamp ?? clock.timestamp, nonce: nonce, signatureMethod: tweaks.signatureMethod
        )
        var pairs = signed.formEncoded.split(separator: "&").map(String.init)
        pairs.removeAll { pair in tweaks.remove.contains { pair.hasPrefix($0 + "=") } }
        pairs += tweaks.append.map { "\(TencentV2Signer.formEncode($0.0))=\(TencentV2Signer.formEncode($0.1))" }
        return try await send(method: tweaks.method, encoded: pairs.joined(separator: "&"), host: host)
    }

    /// Sends already-encoded parameters (a query for GET, a form body for POST).
    func send(method: HTTPMethod, encoded: String, host: String? = nil) async throws -> TencentLegacyAnswer {
        let url = "http://\(self.host)/v2/index.php" + (method == .GET ? "?\(encoded)" : "")
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers.replaceOrAdd(name: "Host", value: host ?? self.host)
        if method == .POST {
            request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            request.body = .bytes(ByteBuffer(string: encoded))
        }
        return try await Self.execute(http, request)
    }

    static func execute(_ http: HTTPClient, _ request: HTTPClientRequest, timeout: TimeAmount = .seconds(60)) async throws -> TencentLegacyAnswer {
        let response = try await http.execute(request, timeout: timeout)
        let buffer = try await response.body.collect(upTo: 1 << 22)
        let bytes = Array(buffer.readableBytesView)
        return TencentLegacyAnswer(
            status: Int(response.status.code),
            contentType: response.headers.first(name: "Content-Type"),
            body: String(decoding: bytes, as: UTF8.self),
            json: SimulatorJSON.parse(bytes)
        )
    }
}

/// A started legacy simulator (sandbox seed, pinned clock), an HTTP client and a signing client.
struct TencentLegacyHarness {
    var simulator: TencentLegacySimulator
    var clock: TestClock
    var client: TencentLegacyTestClient
    var http: HTTPClient

    static let secretId = "AKIDlegacyTEST"
    static let secretKey = "legacy-test-secret"

    static func with<T>(
        progression: TencentTaskProgression = .perPoll(steps: 3),
        shape: TencentLegacyModuleErrorShape = .commonCodeWithPrefix,
        credentials: [TencentSimulatorCredential] = [TencentSimulatorCredential(secretId: secretId, secretKey: secretKey)],
        regions: Set<String> = ["gz", "ap-guangzhou"],
        manualBackupDailyLimit: Int? = nil,
        clock: TestClock = TestClock(),
        _ body: (TencentLegacyHarness) async throws -> T
    ) async throws -> T {
        let configuration = TencentLegacySimulatorConfiguration(
            credentials: credentials,
            regions: regions,
            taskProgression: progression,
            moduleErrorShape: shape,
            manualBackupDailyLimit: manualBackupDailyLimit,
            clock: clock.function
        )
        let simulator = TencentLegacySimulator(configuration: configuration)
        for instance in TencentLegacySandboxSeed.instances() { await simulator.addInstance(instance) }
        for backup in TencentLegacySandboxSeed.backups(now: clock.now) { await simulator.addBackup(backup) }
        try await simulator.start()
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(timeout: .init(connect: .seconds(60))))
        let harness = TencentLegacyHarness(
            simulator: simulator,
            clock: clock,
            client: TencentLegacyTestClient(http: http, port: simulator.port, clock: clock),
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

    /// Polls DescribeTaskInfo until the task ends; the statuses seen in order.
    func pollUntilDone(_ taskId: Int64, maxPolls: Int = 20) async throws -> [Int64] {
        var seen: [Int64] = []
        for _ in 0..<maxPolls {
            let answer = try await client.call("DescribeTaskInfo", [("requestId", String(taskId))])
            let status = answer.data?["status"]?.intValue ?? 99
            seen.append(status)
            if [2, 3, -1].contains(status) { break }
        }
        return seen
    }
}
