import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
@testable import Simulators

/// What an Alibaba call answered (JSON parsed when it is JSON).
struct AlibabaAnswer {
    var status: Int
    var contentType: String?
    var body: String
    var json: SimulatorJSON?

    var code: String? { json?["Code"]?.stringValue }
    var message: String? { json?["Message"]?.stringValue }
    var requestId: String? { json?["RequestId"]?.stringValue }

    subscript(key: String) -> SimulatorJSON? { json?[key] }
    func string(_ key: String) -> String? { json?[key]?.stringValue }
    func int(_ key: String) -> Int64? { json?[key]?.intValue }

    /// The array at a path of object keys (`["Backups", "Backup"]`).
    func array(_ path: String...) -> [SimulatorJSON] {
        var value = json
        for key in path { value = value?[key] }
        if case .array(let items)? = value { return items }
        return []
    }
}

/// Signs (v1 or ACS3, with the test's own wire encoding) and sends R-kvstore calls to a
/// simulator over loopback. The signature math is pinned by the vectors of alibaba.md §6.
struct AlibabaTestClient {
    var http: HTTPClient
    var port: Int
    var accessKeyId = AlibabaHarness.accessKeyId
    var secret = AlibabaHarness.secret
    var securityToken: String?
    var clock: TestClock

    var host: String { "127.0.0.1:\(port)" }

    /// Knobs for one v1 request.
    struct V1Tweaks {
        /// nil omits `Format` (the answer is XML then).
        var format: String? = "JSON"
        var timestamp: String?
        var nonce: String?
        var secret: String?
        var signatureMethod = "HMAC-SHA1"
        var version: String? = "2015-01-01"
        /// Parameters removed before signing.
        var remove: [String] = []
        /// Parameters set after signing (the signature no longer covers them).
        var afterSigning: [String: String] = [:]
        /// Send the parameters as a form body instead of the query.
        var formBody = false
        /// Drop `Signature` entirely.
        var unsigned = false
    }

    /// Knobs for one ACS3 request.
    struct ACS3Tweaks {
        var date: String?
        var nonce: String?
        var secret: String?
        var version = "2015-01-01"
        var algorithm = "ACS3-HMAC-SHA256"
        /// Header names (lower-case) sent but left out of SignedHeaders.
        var unsigned: Set<String> = []
        /// Extra headers sent and signed.
        var extraHeaders: [(String, String)] = []
        /// Business parameters sent as a form body (covered by x-acs-content-sha256).
        var form: [String: String]?
        /// Replaces the x-acs-content-sha256 value sent (and signed).
        var contentSHA256: String?
        /// Replaces the whole Authorization value.
        var authorization: String?
    }

    /// `pct()` with spaces as `+`: what a form encoder emits; the server must decode it.
    static func wireEncode(_ text: String) -> String {
        AlibabaPercentEncoding.encode(text).replacingOccurrences(of: "%20", with: "+")
    }

    static func wireQuery(_ parameters: [String: String]) -> String {
        parameters.keys.sorted().map { "\(wireEncode($0))=\(wireEncode(parameters[$0]!))" }.joined(separator: "&")
    }

    func v1(
        _ action: String,
        _ business: [String: String] = [:],
        method: HTTPMethod = .POST,
        tweaks: V1Tweaks = V1Tweaks()
    ) async throws -> AlibabaAnswer {
        var parameters = business
        parameters["Action"] = action
        parameters["Version"] = tweaks.version
        parameters["Format"] = tweaks.format
        parameters["AccessKeyId"] = accessKeyId
        parameters["SignatureMethod"] = tweaks.signatureMethod
        parameters["SignatureVersion"] = "1.0"
        parameters["SignatureNonce"] = tweaks.nonce ?? UUID().uuidString
        parameters["Timestamp"] = tweaks.timestamp ?? AlibabaTime.seconds(clock.now)
        parameters["SecurityToken"] = securityToken
        for name in tweaks.remove { parameters[name] = nil }
        let stringToSign = AlibabaRPCSignature.stringToSign(method: method.rawValue, parameters: parameters)
        if !tweaks.unsigned {
            parameters["Signature"] = AlibabaRPCSignature.signature(stringToSign: stringToSign, secret: tweaks.secret ?? secret)
        }
        for (name, value) in tweaks.afterSigning { parameters[name] = value }
        let encoded = Self.wireQuery(parameters)
        var request = HTTPClientRequest(url: "http://\(host)/" + (tweaks.formBody || encoded.isEmpty ? "" : "?\(encoded)"))
        request.method = method
        request.headers.add(name: "Host", value: host)
        if tweaks.formBody {
            request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            request.body = .bytes(ByteBuffer(string: encoded))
        }
        return try await Self.execute(http, request)
    }

    /// The string to sign the server will compute for a v1 call with these parameters.
    static func v1StringToSign(method: String, _ parameters: [String: String]) -> String {
        AlibabaRPCSignature.stringToSign(method: method, parameters: parameters)
    }

    func acs3(
        _ action: String,
        _ query: [String: String] = [:],
        method: HTTPMethod = .POST,
        tweaks: ACS3Tweaks = ACS3Tweaks()
    ) async throws -> AlibabaAnswer {
        let body = tweaks.form.map { Array(Self.wireQuery($0).utf8) } ?? []
        var headers: [(String, String)] = [
            ("host", host),
            ("x-acs-action", action),
            ("x-acs-version", tweaks.version),
            ("x-acs-date", tweaks.date ?? AlibabaTime.seconds(clock.now)),
            ("x-acs-signature-nonce", tweaks.nonce ?? UUID().uuidString),
            ("x-acs-content-sha256", tweaks.contentSHA256 ?? AlibabaACS3Signature.hashedPayload(body)),
            ("accept", "application/json"),
        ]
        if tweaks.form != nil { headers.append(("content-type", "application/x-www-form-urlencoded")) }
        if let securityToken { headers.append(("x-acs-security-token", securityToken)) }
        headers += tweaks.extraHeaders
        let signed = headers.map(\.0).filter { !tweaks.unsigned.contains($0) }
        let canonical = AlibabaACS3Signature.canonicalRequest(
            method: method.rawValue,
            query: query,
            signedHeaders: signed,
            headerValue: { name in headers.first { $0.0 == name }?.1 },
            hashedPayload: AlibabaACS3Signature.hashedPayload(body)
        )
        let signature = AlibabaACS3Signature.signature(
            stringToSign: AlibabaACS3Signature.stringToSign(canonicalRequest: canonical),
            secret: tweaks.secret ?? secret
        )
        let authorization = tweaks.authorization
            ?? "\(tweaks.algorithm) Credential=\(accessKeyId),SignedHeaders=\(AlibabaACS3Signature.sortedHeaderNames(signed).joined(separator: ";")),Signature=\(signature)"
        let encoded = Self.wireQuery(query)
        var request = HTTPClientRequest(url: "http://\(host)/" + (encoded.isEmpty ? "" : "?\(encoded)"))
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.headers.add(name: "Authorization", value: authorization)
        if !body.isEmpty { request.body = .bytes(ByteBuffer(bytes: body)) }
        return try await Self.execute(http, request)
    }

    static func execute(_ http: HTTPClient, _ request: HTTPClientRequest) async throws -> AlibabaAnswer {
        let response = try await http.execute(request, timeout: .seconds(60))
        let buffer = try await response.body.collect(upTo: 1 << 22)
        let bytes = Array(buffer.readableBytesView)
        return AlibabaAnswer(
            status: Int(response.status.code),
            contentType: response.headers.first(name: "Content-Type"),
            body: String(decoding: bytes, as: UTF8.self),
            json: SimulatorJSON.parse(bytes)
        )
    }
}

/// A started simulator seeded with the sandbox account, an HTTP client and a signing client;
/// everything is shut down afterwards.
struct AlibabaHarness {
    var simulator: AlibabaSimulator
    var clock: TestClock
    var client: AlibabaTestClient
    var http: HTTPClient

    static let accessKeyId = "LTAI5tSimulatorTest"
    static let secret = "simulator-test-secret"
    static let tair = AlibabaSandboxSeed.tairInstanceId
    static let redis = AlibabaSandboxSeed.redisInstanceId
    static let cluster = AlibabaSandboxSeed.clusterInstanceId

    static func with<T>(
        progression: AlibabaJobProgression = .perPoll(steps: 3),
        rateLimits: Bool = false,
        credentials: [AlibabaSimulatorCredential] = [AlibabaSimulatorCredential(accessKeyId: accessKeyId, secret: secret)],
        clock: TestClock = TestClock(),
        seed: Bool = true,
        _ body: (AlibabaHarness) async throws -> T
    ) async throws -> T {
        let configuration = AlibabaSimulatorConfiguration(
            credentials: credentials,
            progression: progression,
            enforceRateLimits: rateLimits,
            clock: clock.function
        )
        let simulator = AlibabaSimulator(configuration: configuration)
        if seed { await AlibabaSandboxSeed.seed(simulator, now: clock.now) }
        try await simulator.start()
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(timeout: .init(connect: .seconds(60))))
        let harness = AlibabaHarness(
            simulator: simulator,
            clock: clock,
            client: AlibabaTestClient(http: http, port: simulator.port, clock: clock),
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

    /// A DescribeBackups window around the test clock (minute precision).
    func window(daysBack: Double = 7) -> [String: String] {
        [
            "StartTime": AlibabaTime.minutes(clock.now.addingTimeInterval(-daysBack * 86_400)),
            "EndTime": AlibabaTime.minutes(clock.now.addingTimeInterval(60)),
        ]
    }
}
