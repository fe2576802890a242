import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
@testable import Simulators

/// What a Huawei call answered (JSON parsed when it is JSON).
struct HuaweiAnswer {
    var status: Int
    var headers: HTTPHeaders
    var body: String
    var json: SimulatorJSON?

    /// The code of any of the three error envelopes (gateway, DCS v2, DCS v1.0).
    var code: String? { json?["error_code"]?.stringValue ?? json?["error"]?["code"]?.stringValue }
    var message: String? { json?["error_msg"]?.stringValue ?? json?["error"]?["message"]?.stringValue }
    var requestIdHeader: String? { headers.first(name: "X-Request-Id") }

    subscript(key: String) -> SimulatorJSON? { json?[key] }
    func string(_ key: String) -> String? { json?[key]?.stringValue }
    func int(_ key: String) -> Int64? { json?[key]?.intValue }

    func array(_ key: String) -> [SimulatorJSON] {
        if case .array(let items)? = json?[key] { return items }
        return []
    }
}

/// SDK-HMAC-SHA256 from the client's side, written for the tests apart from the simulator's
/// canonicalization (Foundation percent-encoding, string sorting); only the SHA-256/HMAC
/// primitives are shared, and those are pinned by the vectors of huawei.md §4.
enum HuaweiTestSigner {
    static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~")

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved)!
    }

    /// The query as the SDK sends it: sorted by key then value, encoded.
    static func query(_ parameters: [(String, String)]) -> String {
        parameters.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
            .map { "\(encode($0.0))=\(encode($0.1))" }
            .joined(separator: "&")
    }

    /// The canonical request for a path of plain segments, decoded query parameters, the
    /// headers to sign (any case, any order) and the body.
    static func canonicalRequest(
        method: String,
        path: String,
        query parameters: [(String, String)],
        headers: [(String, String)],
        body: [UInt8]
    ) -> String {
        var uri = path.split(separator: "/", omittingEmptySubsequences: false).map { encode(String($0)) }.joined(separator: "/")
        if !uri.hasSuffix("/") { uri += "/" }
        let sorted = headers.map { ($0.0.lowercased(), $0.1.trimmingCharacters(in: .whitespaces)) }.sorted { $0.0 < $1.0 }
        return [
            method,
            uri,
            query(parameters),
            sorted.map { "\($0.0):\($0.1)\n" }.joined(),
            sorted.map(\.0).joined(separator: ";"),
            HuaweiAKSKSignature.payloadHash(body),
        ].joined(separator: "\n")
    }

    static func signature(canonicalRequest: String, date: String, secretKey: String) -> String {
        let stringToSign = "SDK-HMAC-SHA256\n\(date)\n\(HuaweiAKSKSignature.canonicalRequestHash(canonicalRequest))"
        return HuaweiAKSKSignature.signature(stringToSign: stringToSign, secretKey: secretKey)
    }
}

/// Signs and sends DCS calls to a simulator over loopback, like the Python SDK does (sorted
/// encoded query, `Content-Type`, `Host`, `X-Project-Id`, `X-Sdk-Date` signed).
struct HuaweiTestClient {
    var http: HTTPClient
    var port: Int
    var accessKey = HuaweiHarness.accessKey
    var secretKey = HuaweiHarness.secretKey
    var securityToken: String?
    var projectId = HuaweiHarness.projectId
    var clock: TestClock

    var host: String { "127.0.0.1:\(port)" }

    /// Knobs for one request.
    struct Tweaks {
        /// The `X-Sdk-Date` sent (default: the test clock).
        var date: String?
        var secretKey: String?
        var accessKey: String?
        /// Replaces the whole Authorization value; `""` omits the header.
        var authorization: String?
        /// Header names (lower-case) sent but left out of SignedHeaders.
        var unsigned: Set<String> = []
        /// Headers sent and signed in addition.
        var extraHeaders: [(String, String)] = []
        /// Sent after signing (not covered), replacing a header of the same name.
        var afterSigning: [(String, String)] = []
        /// The query string put on the wire instead of the sorted, encoded one.
        var wireQuery: String?
        /// The path signed instead of the one sent.
        var signedPath: String?
        var projectHeader = true
    }

    /// `/v2/{project}/instances/{id}` + `suffix`.
    func path(_ version: String = "v2", instance: String, _ suffix: String = "") -> String {
        "/\(version)/\(projectId)/instances/\(instance)\(suffix)"
    }

    func get(_ path: String, query: [(String, String)] = [], tweaks: Tweaks = Tweaks()) async throws -> HuaweiAnswer {
        try await send("GET", path, query: query, body: nil, tweaks: tweaks)
    }

    func post(_ path: String, json: SimulatorJSON, tweaks: Tweaks = Tweaks()) async throws -> HuaweiAnswer {
        try await send("POST", path, body: json.serialized, tweaks: tweaks)
    }

    func post(_ path: String, body: String, tweaks: Tweaks = Tweaks()) async throws -> HuaweiAnswer {
        try await send("POST", path, body: body, tweaks: tweaks)
    }

    func send(
        _ method: String,
        _ path: String,
        query: [(String, String)] = [],
        body: String?,
        tweaks: Tweaks = Tweaks()
    ) async throws -> HuaweiAnswer {
        let bytes = Array((body ?? "").utf8)
        let date = tweaks.date ?? HuaweiTime.sdkDate(clock.now)
        var headers: [(String, String)] = [
            ("Content-Type", body == nil ? "application/json" : "application/json;charset=utf-8"),
            ("Host", host),
            ("X-Sdk-Date", date),
        ]
        if tweaks.projectHeader { headers.append(("X-Project-Id", projectId)) }
        if let securityToken { headers.append(("X-Security-Token", securityToken)) }
        headers += tweaks.extraHeaders
        let signed = headers.filter { !tweaks.unsigned.contains($0.0.lowercased()) }
        let canonical = HuaweiTestSigner.canonicalRequest(
            method: method, path: tweaks.signedPath ?? path, query: query, headers: signed, body: bytes
        )
        let signature = HuaweiTestSigner.signature(
            canonicalRequest: canonical, date: date, secretKey: tweaks.secretKey ?? secretKey
        )
        let signedNames = signed.map { $0.0.lowercased() }.sorted().joined(separator: ";")
        let authorization = tweaks.authorization
            ?? "SDK-HMAC-SHA256 Access=\(tweaks.accessKey ?? accessKey), SignedHeaders=\(signedNames), Signature=\(signature)"
        let wireQuery = tweaks.wireQuery ?? HuaweiTestSigner.query(query)
        var request = HTTPClientRequest(url: "http://\(host)\(path)" + (wireQuery.isEmpty ? "" : "?\(wireQuery)"))
        request.method = HTTPMethod(rawValue: method)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        for (name, value) in tweaks.afterSigning { request.headers.replaceOrAdd(name: name, value: value) }
        if !authorization.isEmpty { request.headers.add(name: "Authorization", value: authorization) }
        if body != nil { request.body = .bytes(ByteBuffer(bytes: bytes)) }
        return try await Self.execute(http, request)
    }

    /// The canonical request the simulator should rebuild for a GET of `path` (for echo checks).
    func canonicalGET(_ path: String, query: [(String, String)] = [], date: String) -> String {
        var headers: [(String, String)] = [("Content-Type", "application/json"), ("Host", host), ("X-Sdk-Date", date)]
        headers.append(("X-Project-Id", projectId))
        return HuaweiTestSigner.canonicalRequest(method: "GET", path: path, query: query, headers: headers, body: [])
    }

    static func execute(_ http: HTTPClient, _ request: HTTPClientRequest) async throws -> HuaweiAnswer {
        let response = try await http.execute(request, timeout: .seconds(60))
        let buffer = try await response.body.collect(upTo: 1 << 22)
        let bytes = Array(buffer.readableBytesView)
        return HuaweiAnswer(
            status: Int(response.status.code),
            headers: response.headers,
            body: String(decoding: bytes, as: UTF8.self),
            json: SimulatorJSON.parse(bytes)
        )
    }
}

/// A started simulator seeded with the sandbox project, an HTTP client and a signing client;
/// everything is shut down afterwards.
struct HuaweiHarness {
    var simulator: HuaweiSimulator
    var clock: TestClock
    var client: HuaweiTestClient
    var http: HTTPClient

    static let accessKey = "HWSIMULATORTESTAK001"
    static let secretKey = "simulator-test-secret-key"
    static let projectId = "0a1b2c3d4e5f60718293a4b5c6d7e8f9"
    static let single = HuaweiSandboxSeed.singleInstanceId
    static let ha = HuaweiSandboxSeed.haInstanceId
    static let cluster = HuaweiSandboxSeed.clusterInstanceId

    static func with<T>(
        progression: HuaweiTaskProgression = .perPoll(steps: 3),
        rateLimits: Bool = false,
        emptyListStatus: Int = 204,
        credentials: [HuaweiSimulatorCredential] = [HuaweiSimulatorCredential(accessKey: accessKey, secretKey: secretKey)],
        clock: TestClock = TestClock(),
        seed: Bool = true,
        _ body: (HuaweiHarness) async throws -> T
    ) async throws -> T {
        let configuration = HuaweiSimulatorConfiguration(
            credentials: credentials,
            projectId: projectId,
            progression: progression,
            enforceRateLimits: rateLimits,
            emptyListStatus: emptyListStatus,
            clock: clock.function
        )
        let simulator = HuaweiSimulator(configuration: configuration)
        if seed { await HuaweiSandboxSeed.seed(simulator, now: clock.now) }
        try await simulator.start()
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(timeout: .init(connect: .seconds(60))))
        let harness = HuaweiHarness(
            simulator: simulator,
            clock: clock,
            client: HuaweiTestClient(http: http, port: simulator.port, clock: clock),
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

    /// `/v2|v1.0/{project}/instances/{id}/backups`.
    func backupsPath(_ instance: String, version: String = "v2") -> String {
        client.path(version, instance: instance, "/backups")
    }

    /// `/v2|v1.0/{project}/instances/{id}/restores`.
    func restoresPath(_ instance: String, version: String = "v2") -> String {
        client.path(version, instance: instance, "/restores")
    }

    /// The status of one backup as a v2 list reports it (one list call = one poll).
    func backupStatus(_ instance: String, _ backupId: String, version: String = "v2") async throws -> String? {
        let list = try await client.get(backupsPath(instance, version: version), query: [("limit", "1000")])
        return list.array("backup_record_response").first { $0["backup_id"]?.stringValue == backupId }?["status"]?.stringValue
    }

    /// The status of one restore as a list reports it (one list call = one poll).
    func restoreStatus(_ instance: String, _ restoreId: String, version: String = "v2") async throws -> String? {
        let list = try await client.get(restoresPath(instance, version: version), query: [("limit", "1000")])
        return list.array("restore_record_response").first { $0["restore_id"]?.stringValue == restoreId }?["status"]?.stringValue
    }
}
