import Foundation
import Testing
@testable import Simulators

/// The simulator's SDK-HMAC-SHA256 verifier on every vector of huawei.md §4 (the published
/// APIG example, TV1–TV6), with the clock pinned to the vectors' time.
@Suite struct HuaweiSignatureVectorTests {
    static let accessKey = "EXAMPLEAK1234567890A"
    static let secretKey = "ExampleSecretKey0123456789abcdefghijklmn"
    static let project = "0a1b2c3d4e5f60718293a4b5c6d7e8f9"
    static let instance = "5560df16-cebf-4473-95c4-d1b573c16e79"
    static let host = "dcs.ap-southeast-1.myhuaweicloud.com"
    static let date = "20240101T000000Z"
    static let vectorTime = Date(timeIntervalSince1970: 1_704_067_200)  // 2024-01-01T00:00:00Z
    static let token = "gQpjbi1ub3J0aC00Example"

    /// One captured request and what the SDK computed for it.
    struct Vector: Sendable, CustomStringConvertible {
        var name: String
        var method: String
        var path: String
        var query: String
        var headers: [(String, String)]
        var body: String
        var signedHeaders: String
        var canonicalRequestHash: String
        var signature: String
        var accessKey = HuaweiSignatureVectorTests.accessKey
        var secretKey = HuaweiSignatureVectorTests.secretKey
        var securityToken: String?
        var time = HuaweiSignatureVectorTests.vectorTime
        /// The full canonical request, where huawei.md prints it.
        var canonicalRequest: String?

        var description: String { name }

        var received: ReceivedHTTPRequest {
            let authorization = "SDK-HMAC-SHA256 Access=\(accessKey), SignedHeaders=\(signedHeaders), Signature=\(signature)"
            return ReceivedHTTPRequest(
                method: method,
                path: path,
                query: query,
                headers: (headers + [("Authorization", authorization)]).map { SimulatedHeader(name: $0.0, value: $0.1) },
                body: Array(body.utf8)
            )
        }
    }

    static let tv1Body = #"{"remark": "nightly", "backup_format": "rdb"}"#
    static var backupsPath: String { "/v2/\(project)/instances/\(instance)/backups" }
    static var postHeaders: [(String, String)] {
        [("Content-Type", "application/json;charset=utf-8"), ("Host", host), ("X-Project-Id", project), ("X-Sdk-Date", date)]
    }

    static let vectors: [Vector] = [
        Vector(
            name: "published APIG example",
            method: "GET",
            path: "/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs",
            query: "limit=2&marker=13551d6b-755d-4757-b956-536f674975c0",
            headers: [("Content-Type", "application/json"), ("Host", "service.region.example.com"), ("X-Sdk-Date", "20191115T033655Z")],
            body: "",
            signedHeaders: "content-type;host;x-sdk-date",
            canonicalRequestHash: "b25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a",
            signature: "7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe",
            accessKey: "QTWAOYTTINDUT2QVKYUC",
            secretKey: "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc",
            time: Date(timeIntervalSince1970: 1_573_788_955),  // 2019-11-15T03:35:55Z
            canonicalRequest: """
                GET
                /v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs/
                limit=2&marker=13551d6b-755d-4757-b956-536f674975c0
                content-type:application/json
                host:service.region.example.com
                x-sdk-date:20191115T033655Z

                content-type;host;x-sdk-date
                e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                """
        ),
        Vector(
            name: "TV1 create backup v2",
            method: "POST",
            path: backupsPath,
            query: "",
            headers: postHeaders,
            body: tv1Body,
            signedHeaders: "content-type;host;x-project-id;x-sdk-date",
            canonicalRequestHash: "b74bbfc93a2f556786ea21a8c61cdc06edb2a1b26de44b7767fa74a87e8ee181",
            signature: "f6f29c599ea728113e67bb0eae96e05098d03d218057657e21b8b4aff64ecc0d",
            canonicalRequest: """
                POST
                /v2/0a1b2c3d4e5f60718293a4b5c6d7e8f9/instances/5560df16-cebf-4473-95c4-d1b573c16e79/backups/

                content-type:application/json;charset=utf-8
                host:dcs.ap-southeast-1.myhuaweicloud.com
                x-project-id:0a1b2c3d4e5f60718293a4b5c6d7e8f9
                x-sdk-date:20240101T000000Z

                content-type;host;x-project-id;x-sdk-date
                4f6a00a1985f058ac2117b3aa0fda2fac5537a322749f835fa2397bd59706b3c
                """
        ),
        Vector(
            name: "TV2 list backups v2, query unsorted on the wire",
            method: "GET",
            path: backupsPath,
            query: "offset=0&limit=10&begin_time=20240101000000&end_time=20240102000000",
            headers: [("Content-Type", "application/json"), ("Host", host), ("X-Project-Id", project), ("X-Sdk-Date", date)],
            body: "",
            signedHeaders: "content-type;host;x-project-id;x-sdk-date",
            canonicalRequestHash: "019bb2391b6121442b9b229213dae95ee8584623be60b372649f620dfb6d425a",
            signature: "c1832f5adbfc54bbee6a7d8f1eaa90b55a7558ced5129e28f242fc06147e8a17",
            canonicalRequest: """
                GET
                /v2/0a1b2c3d4e5f60718293a4b5c6d7e8f9/instances/5560df16-cebf-4473-95c4-d1b573c16e79/backups/
                begin_time=20240101000000&end_time=20240102000000&limit=10&offset=0
                content-type:application/json
                host:dcs.ap-southeast-1.myhuaweicloud.com
                x-project-id:0a1b2c3d4e5f60718293a4b5c6d7e8f9
                x-sdk-date:20240101T000000Z

                content-type;host;x-project-id;x-sdk-date
                e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                """
        ),
        Vector(
            name: "TV3 restore v1.0, compact JSON",
            method: "POST",
            path: "/v1.0/\(project)/instances/\(instance)/restores",
            query: "",
            headers: postHeaders,
            body: #"{"backup_id":"4631832a-14c6-45b0-a0b3-3abd8f591ad1","remark":"restore test"}"#,
            signedHeaders: "content-type;host;x-project-id;x-sdk-date",
            canonicalRequestHash: "81ba0cce4c12bc4f8ea49894bf7e855c324389500c2659c7bd9c1d95eefbb423",
            signature: "0545ee193dd7f08411afa6f2e3c20c412292a076b5f388cf4ca4636b6a3227c4"
        ),
        Vector(
            name: "TV4 show instance, temporary credentials",
            method: "GET",
            path: "/v2/\(project)/instances/\(instance)",
            query: "",
            headers: [
                ("Content-Type", "application/json"), ("Host", host), ("X-Project-Id", project), ("X-Sdk-Date", date),
                ("X-Security-Token", token),
            ],
            body: "",
            signedHeaders: "content-type;host;x-project-id;x-sdk-date;x-security-token",
            canonicalRequestHash: "deba79a95042f8625037338741518aeaf44c99cb8c85f9ef1b915f7b5d9d5a16",
            signature: "f9c7b2daeb71c29a79c0f05a52f0c69fc71bf7c59da19cc0036faf3cfaa41394",
            securityToken: token,
            canonicalRequest: """
                GET
                /v2/0a1b2c3d4e5f60718293a4b5c6d7e8f9/instances/5560df16-cebf-4473-95c4-d1b573c16e79/

                content-type:application/json
                host:dcs.ap-southeast-1.myhuaweicloud.com
                x-project-id:0a1b2c3d4e5f60718293a4b5c6d7e8f9
                x-sdk-date:20240101T000000Z
                x-security-token:gQpjbi1ub3J0aC00Example

                content-type;host;x-project-id;x-sdk-date;x-security-token
                e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                """
        ),
        Vector(
            name: "TV5 encoded query values and a UTF-8 body",
            method: "POST",
            path: backupsPath,
            query: "note=a%20b%2Fc~d&tag=%E5%A4%87%E4%BB%BD",
            headers: postHeaders,
            body: #"{"remark":"备份"}"#,
            signedHeaders: "content-type;host;x-project-id;x-sdk-date",
            canonicalRequestHash: "d481d71d48278eb5f93308fc3de6488678e5d97083861574fe20cb9831673e73",
            signature: "34dd21087047c4a48708c59d6558e90d18ad72f955eb14d8d6759ddb4f28642b"
        ),
        Vector(
            name: "TV6 DcsClient.copy_instance on the wire",
            method: "POST",
            path: backupsPath,
            query: "",
            headers: [
                ("User-Agent", "huaweicloud-usdk-python/3.0"), ("Accept-Encoding", "gzip, deflate"), ("Accept", "*/*"),
                ("Connection", "keep-alive"), ("Content-Type", "application/json;charset=utf-8"), ("X-Sdk-Date", date),
                ("X-Project-Id", project), ("Host", "127.0.0.1:18443"), ("Content-Length", "45"),
            ],
            body: tv1Body,
            signedHeaders: "content-type;host;user-agent;x-project-id;x-sdk-date",
            canonicalRequestHash: "30fe6aa8a0218f88763d78be07dab42a8358b9d637e7efb070c9091a977c72be",
            signature: "8c6d00c72092761f75f148d7f6030eac16fcb00f8c61d924d0f946c06b45272b"
        ),
    ]

    static func authenticator(_ vector: Vector) -> HuaweiAuthenticator {
        let credential = HuaweiSimulatorCredential(
            accessKey: vector.accessKey, secretKey: vector.secretKey, securityToken: vector.securityToken
        )
        let time = vector.time
        return HuaweiAuthenticator(configuration: HuaweiSimulatorConfiguration(
            credentials: [credential], projectId: project, clock: { time }
        ))
    }

    /// identify + verify at `time` (default: the vector's own).
    static func check(_ vector: Vector, request: ReceivedHTTPRequest? = nil, at time: Date? = nil) -> HuaweiAPIError? {
        let authenticator = authenticator(vector)
        let request = request ?? vector.received
        switch authenticator.identify(request) {
        case .failure(let error): return error
        case .success(let (credential, authorization)):
            return authenticator.verify(
                request, credential: credential, authorization: authorization,
                now: time ?? authenticator.configuration.clock()
            )
        }
    }

    static func canonical(_ vector: Vector) -> String {
        let request = vector.received
        return HuaweiAKSKSignature.canonicalRequest(
            method: request.method,
            path: request.path,
            query: request.query,
            signedHeaders: vector.signedHeaders.split(separator: ";").map(String.init),
            headerValue: { request.header($0) },
            payloadHash: HuaweiAKSKSignature.payloadHash(request.body)
        )
    }

    @Test("Each vector: canonical request hash and signature as the SDK computed them", arguments: vectors)
    func canonicalAndSignature(vector: Vector) {
        let canonical = Self.canonical(vector)
        if let expected = vector.canonicalRequest { #expect(canonical == expected) }
        #expect(HuaweiAKSKSignature.canonicalRequestHash(canonical) == vector.canonicalRequestHash)
        let sdkDate = vector.received.header("X-Sdk-Date")!
        let stringToSign = HuaweiAKSKSignature.stringToSign(canonicalRequest: canonical, sdkDate: sdkDate)
        #expect(stringToSign == "SDK-HMAC-SHA256\n\(sdkDate)\n\(vector.canonicalRequestHash)")
        #expect(HuaweiAKSKSignature.signature(stringToSign: stringToSign, secretKey: vector.secretKey) == vector.signature)
    }

    @Test("Each vector as received passes the verifier at its own time", arguments: vectors)
    func verifies(vector: Vector) {
        #expect(Self.check(vector) == nil)
    }

    @Test("Each vector with one body or query byte changed fails and echoes the server's canonical request", arguments: vectors)
    func tamperedFails(vector: Vector) throws {
        var request = vector.received
        if request.body.isEmpty {
            request.query = request.query.isEmpty ? "x=1" : request.query + "&x=1"
        } else {
            request.body[request.body.count - 2] ^= 0x01
        }
        let error = try #require(Self.check(vector, request: request))
        #expect(error.code == "APIGW.0301")
        #expect(error.httpStatus == 401)
        #expect(error.message.hasPrefix("Incorrect IAM authentication information: verify aksk signature fail, canonicalRequest:\(vector.method)|"))
        let echoed = error.message.components(separatedBy: "canonicalRequest:").last ?? ""
        #expect(!echoed.contains("\n"))
        #expect(echoed.hasSuffix("|" + HuaweiAKSKSignature.payloadHash(request.body)))
    }

    @Test("The ±15-minute window around X-Sdk-Date, inclusive; beyond it the expired message")
    func window() throws {
        let vector = Self.vectors[1]
        #expect(Self.check(vector, at: Self.vectorTime.addingTimeInterval(15 * 60)) == nil)
        #expect(Self.check(vector, at: Self.vectorTime.addingTimeInterval(-15 * 60)) == nil)
        let late = try #require(Self.check(vector, at: Self.vectorTime.addingTimeInterval(15 * 60 + 1)))
        #expect(late.message == "Incorrect IAM authentication information: calc aksk signature fail:signature expired, signature time:20240101T000000Z,server time:20240101T001501Z")
        #expect(Self.check(vector, at: Self.vectorTime.addingTimeInterval(-15 * 60 - 1))?.code == "APIGW.0301")
    }

    @Test("X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD replaces the body hash, as for non-JSON bodies")
    func unsignedPayload() throws {
        let vector = Self.vectors[1]
        var request = vector.received
        request.headers.removeAll { $0.name == "Authorization" }
        request.headers.append(SimulatedHeader(name: "X-Sdk-Content-Sha256", value: "UNSIGNED-PAYLOAD"))
        let signed = ["content-type", "host", "x-project-id", "x-sdk-content-sha256", "x-sdk-date"]
        let canonical = HuaweiAKSKSignature.canonicalRequest(
            method: "POST", path: request.path, query: "", signedHeaders: signed,
            headerValue: { request.header($0) }, payloadHash: "UNSIGNED-PAYLOAD"
        )
        #expect(canonical.hasSuffix("\nUNSIGNED-PAYLOAD"))
        let signature = HuaweiAKSKSignature.signature(
            stringToSign: HuaweiAKSKSignature.stringToSign(canonicalRequest: canonical, sdkDate: Self.date), secretKey: Self.secretKey
        )
        request.headers.append(SimulatedHeader(
            name: "Authorization",
            value: "SDK-HMAC-SHA256 Access=\(Self.accessKey), SignedHeaders=\(signed.joined(separator: ";")), Signature=\(signature)"
        ))
        request.body = Array("anything".utf8)
        #expect(Self.check(vector, request: request) == nil)
    }

    @Test("Canonical URI and query rules: per-segment encoding, trailing slash, sort by key then value")
    func canonicalRules() {
        #expect(HuaweiAKSKSignature.canonicalURI("/v2/p/instances/i/backups") == "/v2/p/instances/i/backups/")
        #expect(HuaweiAKSKSignature.canonicalURI("/") == "/")
        #expect(HuaweiAKSKSignature.canonicalURI("/a%20b/c%3Ad/") == "/a%20b/c%3Ad/")
        #expect(HuaweiAKSKSignature.canonicalURI("/a b/%7Ex") == "/a%20b/~x/")
        #expect(HuaweiAKSKSignature.canonicalQueryString("b=2&a=z&a=y&c") == "a=y&a=z&b=2&c=")
        #expect(HuaweiAKSKSignature.canonicalQueryString("q=a+b") == "q=a%2Bb")
        #expect(HuaweiAKSKSignature.canonicalQueryString("") == "")
    }

    @Test("Authorization parsing: SDK form, compact commas; malformed values are refused")
    func authorizationParsing() throws {
        let parsed = try #require(HuaweiAKSKSignature.parseAuthorization(
            "SDK-HMAC-SHA256 Access=AK1, SignedHeaders=host;X-Sdk-Date, Signature=abc"
        ))
        #expect(parsed.accessKey == "AK1")
        #expect(parsed.signedHeaders == ["host", "x-sdk-date"])
        #expect(parsed.signature == "abc")
        #expect(HuaweiAKSKSignature.parseAuthorization("SDK-HMAC-SHA256 Access=AK1,SignedHeaders=host,Signature=abc") != nil)
        #expect(HuaweiAKSKSignature.parseAuthorization("SDK-HMAC-SHA256 Access=AK1, Signature=abc") == nil)
        #expect(HuaweiAKSKSignature.parseAuthorization("garbage") == nil)
    }
}
